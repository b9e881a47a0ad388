import { ENVELOPE_PREFIX, type FieldCipher } from "../crypto/field-cipher";
import { MEMORY_AAD } from "../memory/memory-rows";
import { INBOX_AAD, NOTE_AAD } from "./agent-store";

export interface StorageReencryption {
  rewritten: number;
  /** Values still not under the current key (more than one pass's worth). */
  remaining: number;
}

const STALE_TEXT = `substr(text, 1, length(?1)) != ?1`;
const STALE_INBOX = `(json_type(event, '$.payload') != 'text' OR substr(json_extract(event, '$.payload'), 1, length(?1)) != ?1)`;
// Text columns keyed by `seq`: the working notes, and the memories (their table exists once memory was first used).
const TEXT_TABLES = [
  { table: "notes", aad: NOTE_AAD },
  { table: "memories", aad: MEMORY_AAD },
] as const;

/**
 * Re-encrypts up to `limit` of an agent's working notes, memories and buffered events (each) that
 * are plain text or under an older key, under the current key. Everything is sealed first, then
 * written with no `await` between the writes (one atomic commit), each only if the row did not
 * change meanwhile.
 */
export async function reencryptAgentStorage(sql: SqlStorage, cipher: FieldCipher, limit: number): Promise<StorageReencryption> {
  if (!cipher.currentKid) return { rewritten: 0, remaining: 0 };
  const prefix = `${ENVELOPE_PREFIX}${cipher.currentKid}:`;
  const present = new Set(
    sql
      .exec<{ name: string }>(`SELECT name FROM sqlite_master WHERE type = 'table'`)
      .toArray()
      .map((r) => r.name),
  );
  const tables = TEXT_TABLES.filter((t) => present.has(t.table));
  const texts = tables.map((t) => ({
    ...t,
    rows: sql.exec<{ seq: number; text: string }>(`SELECT seq, text FROM ${t.table} WHERE ${STALE_TEXT} LIMIT ?2`, prefix, limit).toArray(),
  }));
  const inbox = sql
    .exec<{ seq: number; event: string }>(`SELECT seq, event FROM inbox WHERE ${STALE_INBOX} LIMIT ?2`, prefix, limit)
    .toArray();
  const sealedTexts = await Promise.all(
    texts.map((t) => Promise.all(t.rows.map(async (r) => cipher.seal(await cipher.open(r.text, t.aad), t.aad)))),
  );
  const sealedInbox = await Promise.all(
    inbox.map(async (row) => {
      const event = JSON.parse(row.event) as { payload: unknown };
      const payload = await cipher.sealJson(await cipher.openJson(event.payload, INBOX_AAD), INBOX_AAD);
      return JSON.stringify({ ...event, payload });
    }),
  );
  let rewritten = 0;
  texts.forEach((t, i) => {
    t.rows.forEach((r, j) => {
      const sealed = sealedTexts[i]?.[j] ?? r.text;
      rewritten += sql.exec(`UPDATE ${t.table} SET text = ? WHERE seq = ? AND text = ?`, sealed, r.seq, r.text).rowsWritten;
    });
  });
  inbox.forEach((row, i) => {
    rewritten += sql.exec(
      `UPDATE inbox SET event = ? WHERE seq = ? AND event = ?`,
      sealedInbox[i] ?? row.event,
      row.seq,
      row.event,
    ).rowsWritten;
  });
  let remaining = sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM inbox WHERE ${STALE_INBOX}`, prefix).one().n;
  for (const t of tables) remaining += sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t.table} WHERE ${STALE_TEXT}`, prefix).one().n;
  return { rewritten, remaining };
}
