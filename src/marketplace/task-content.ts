import type { FieldCipher } from "../crypto/field-cipher";
import type { EncryptedTable } from "../crypto/reencrypt";
import { openFields, sealFields } from "../crypto/json-fields";
import type { TaskOutput } from "../schemas/marketplace-views";

/**
 * What of a customer's task is encrypted at rest, and where (see src/crypto): the instructions,
 * the rating's comment, the customer's messages, and the customer-facing text inside the JSON
 * values (a task's output and a message's reply: `summary`, `deliverable`; a history entry's
 * `text` and `comment` too). Ids, statuses, tiers and times inside them stay plain, so SQL keeps
 * reading them (`output->>'decisionId'`). The title stays plain: it is the task's label in
 * outputs' threads and reports, which SQL builds. Inputs stay plain too: routing reads their `kind`.
 */
export const AAD = {
  instructions: "tasks.instructions",
  ratingComment: "tasks.rating_comment",
  messageText: "task_messages.text",
} as const;

/** Properties of a task's JSON values (output, reply, history detail) that carry customer content. */
export const CONTENT_KEYS: ReadonlySet<string> = new Set(["summary", "deliverable", "text", "comment"]);
/** The AAD scope of those properties: `task.summary`, `task.deliverable`, … */
export const JSON_SCOPE = "task";

export const sealOutput = (cipher: FieldCipher, output: TaskOutput): Promise<TaskOutput> =>
  sealFields(cipher, output, CONTENT_KEYS, JSON_SCOPE);

/** A JSON value of a task (output, reply, history detail) as the customer sees it: decrypted. */
export const openJson = <T>(cipher: FieldCipher, value: T): Promise<T> => openFields(cipher, value, JSON_SCOPE);

/** A history entry's detail as stored: its customer content sealed. */
export const sealDetail = <T extends object>(cipher: FieldCipher, detail: T): Promise<T> =>
  sealFields(cipher, detail, CONTENT_KEYS, JSON_SCOPE);

/** The marketplace's encrypted columns, for the background re-encryption (src/crypto/reencrypt.ts). */
export const marketplaceEncryptedTables: readonly EncryptedTable[] = [
  {
    table: "tasks",
    key: "id",
    columns: [
      { name: "instructions", kind: "text", aad: AAD.instructions },
      { name: "rating_comment", kind: "text", aad: AAD.ratingComment },
      { name: "output", kind: "fields", keys: CONTENT_KEYS, scope: JSON_SCOPE },
    ],
  },
  {
    table: "task_messages",
    key: "id",
    columns: [
      { name: "text", kind: "text", aad: AAD.messageText },
      { name: "reply", kind: "fields", keys: CONTENT_KEYS, scope: JSON_SCOPE },
    ],
  },
  { table: "task_history", key: "id", columns: [{ name: "detail", kind: "fields", keys: CONTENT_KEYS, scope: JSON_SCOPE }] },
];
