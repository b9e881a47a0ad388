import type { FieldCipher } from "../crypto/field-cipher";
import type { EncryptedTable } from "../crypto/reencrypt";
import type { Event } from "../schemas/event";

/** Where an event's payload is bound when encrypted at rest (AES-GCM additional data). */
export const PAYLOAD_AAD = "events.payload";

/** An event as D1 stores it: its payload an object, or an envelope string when encrypted at rest. */
export type StoredEvent = Omit<Event, "payload"> & { payload: unknown };

/**
 * Events as D1 records them: each payload (a customer's task, message or rating travels in it)
 * encrypted at rest as one envelope; everything SQL reads (type, subject, status, times) stays
 * plain. The queue carries the plain events: only storage is encrypted.
 */
export async function eventsForStorage(cipher: FieldCipher, events: readonly Event[]): Promise<StoredEvent[]> {
  if (!cipher.enabled) return [...events];
  // One batch per ingest (see FieldCipher.sealMany): each payload is still its own envelope with its own IV.
  const payloads = await cipher.sealJsonMany(
    events.map((e) => e.payload),
    PAYLOAD_AAD,
  );
  return events.map((e, i) => ({ ...e, payload: payloads[i] }));
}

/** A stored payload as it was sent: decrypted, or as it is when it was stored plain. */
export function openPayload(cipher: FieldCipher, stored: unknown): Promise<Record<string, unknown>> {
  return cipher.openJson<Record<string, unknown>>(stored, PAYLOAD_AAD);
}

/**
 * Dead letters keep their events' payloads sealed the same way (inside the stored message); the
 * re-encryption moves them to a new key (a dead letter stored before encryption was on stays plain).
 */
export const deadLettersEncryptedTable: EncryptedTable = {
  table: "dead_letters",
  key: "id",
  columns: [{ name: "message", kind: "fields", keys: new Set(["payload"]), scope: "events" }],
};

/** The events' encrypted column, for the background re-encryption (src/crypto/reencrypt.ts). */
export const eventsEncryptedTable: EncryptedTable = {
  table: "events",
  key: "id",
  columns: [{ name: "payload", kind: "json", aad: PAYLOAD_AAD }],
};
