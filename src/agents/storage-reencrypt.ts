import { ENVELOPE_PREFIX, type FieldCipher } from "../crypto/field-cipher";
import { INBOX_AAD, NOTE_AAD } from "./agent-store";

export interface StorageReencryption {
  rewritten: number;
  /** Values still not under the current key (more than one pass's worth). */
  remaining: number;
}

const STALE_NOTE = `substr(text, 1, length(?1)) != ?1`;
const STALE_INBOX = `(json_type(event, '$.payload') != 'text' OR substr(json_extract(event, '$.payload'), 1, length(?1)) != ?1)`;

/**
 * Re-encrypts up to `limit` of an agent's working notes and buffered events that are plain text
 * or under an older key, under the current key. Everything is sealed first, then written with no
 * `await` between the writes (one atomic commit), each only if the row did not change meanwhile.
 */
export async function reencryptAgentStorage(sql: SqlStorage, cipher: FieldCipher, limit: number): Promise<StorageReencryption> {
  if (!cipher.currentKid) return { rewritten: 0, remaining: 0 };
  const prefix = `${ENVELOPE_PREFIX}${cipher.currentKid}:`;
  const notes = sql
    .exec<{ seq: number; text: string }>(`SELECT seq, text FROM notes WHERE ${STALE_NOTE} LIMIT ?2`, prefix, limit)
    .toArray();
  const inbox = sql
    .exec<{ seq: number; event: string }>(`SELECT seq, event FROM inbox WHERE ${STALE_INBOX} LIMIT ?2`, prefix, limit)
    .toArray();
  const sealedNotes = await Promise.all(notes.map(async (n) => cipher.seal(await cipher.open(n.text, NOTE_AAD), NOTE_AAD)));
  const sealedInbox = await Promise.all(
    inbox.map(async (row) => {
      const event = JSON.parse(row.event) as { payload: unknown };
      const payload = await cipher.sealJson(await cipher.openJson(event.payload, INBOX_AAD), INBOX_AAD);
      return JSON.stringify({ ...event, payload });
    }),
  );
  let rewritten = 0;
  notes.forEach((n, i) => {
    rewritten += sql.exec(`UPDATE notes SET text = ? WHERE seq = ? AND text = ?`, sealedNotes[i] ?? n.text, n.seq, n.text).rowsWritten;
  });
  inbox.forEach((row, i) => {
    rewritten += sql.exec(
      `UPDATE inbox SET event = ? WHERE seq = ? AND event = ?`,
      sealedInbox[i] ?? row.event,
      row.seq,
      row.event,
    ).rowsWritten;
  });
  const remaining =
    sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM notes WHERE ${STALE_NOTE}`, prefix).one().n +
    sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM inbox WHERE ${STALE_INBOX}`, prefix).one().n;
  return { rewritten, remaining };
}
