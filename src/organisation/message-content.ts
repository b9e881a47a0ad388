import type { FieldCipher } from "../crypto/field-cipher";
import { openFields, sealFields } from "../crypto/json-fields";
import type { EncryptedTable } from "../crypto/reencrypt";

/**
 * What of a message between agents is encrypted at rest (src/crypto): the deliverable it carries
 * (the work so far, customer content), sealed inside the payload under
 * `agent_messages.payload.deliverable`. The rest of the payload stays plain because SQL reads and
 * writes it (`exclude`, `routingFailures`, `decisionId`), and so does `reason`: it is the
 * deciding agent's reason (a decision's reason, plain everywhere), not the customer's content.
 */
export const PAYLOAD_KEYS: ReadonlySet<string> = new Set(["deliverable"]);
export const PAYLOAD_SCOPE = "agent_messages.payload";

/** A payload as stored: its deliverable sealed. */
export const sealPayload = <T extends Record<string, unknown>>(cipher: FieldCipher, payload: T): Promise<T> =>
  sealFields(cipher, payload, PAYLOAD_KEYS, PAYLOAD_SCOPE);

/** A payload as read: every envelope in it opened (legacy plain payloads are read as they are). */
export const openPayload = <T>(cipher: FieldCipher, payload: T): Promise<T> => openFields(cipher, payload, PAYLOAD_SCOPE);

/** One sealed deliverable as read out of a payload by SQL (`payload->>'$.deliverable'`). */
export const openDeliverable = (cipher: FieldCipher, stored: string): Promise<string> =>
  cipher.open(stored, `${PAYLOAD_SCOPE}.deliverable`);

/** For the background re-encryption (src/crypto/reencrypt.ts). */
export const agentMessagesEncryptedTable: EncryptedTable = {
  table: "agent_messages",
  key: "id",
  columns: [{ name: "payload", kind: "fields", keys: PAYLOAD_KEYS, scope: PAYLOAD_SCOPE }],
};
