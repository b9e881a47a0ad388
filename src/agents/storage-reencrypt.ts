import { ENVELOPE_PREFIX, type FieldCipher, isEnvelope } from "../crypto/field-cipher";
import { EXAMPLE_OUTPUT_AAD, EXAMPLE_SITUATION_AAD } from "../decisions/context/few-shot-store";
import { SEMANTIC_ANSWER_AAD, SEMANTIC_SITUATION_AAD } from "../decisions/cache/semantic-store";
import { RATING_COMMENT_AAD, RATING_CORRECTION_AAD, SITUATION_AAD, SITUATION_NOTE_AAD } from "../learning/agent-learning";
import { MEMORY_AAD } from "../memory/memory-rows";
import { INBOX_AAD, NOTE_AAD } from "./agent-store";
import { DECISION_OUTPUT_AAD, DECISION_PUBLICATIONS_AAD } from "./sealed-decisions";

export interface StorageReencryption {
  rewritten: number;
  /** Values still not under the current key (more than one pass's worth). */
  remaining: number;
}

/** Text columns sealed whole (their tables exist once first used: memories, examples, the semantic cache). */
const TEXT_COLUMNS = [
  { table: "notes", column: "text", aad: NOTE_AAD },
  { table: "memories", column: "text", aad: MEMORY_AAD },
  { table: "decisions", column: "output", aad: DECISION_OUTPUT_AAD },
  { table: "few_shot_examples", column: "situation", aad: EXAMPLE_SITUATION_AAD },
  { table: "few_shot_examples", column: "output", aad: EXAMPLE_OUTPUT_AAD },
  { table: "semantic_cache", column: "answer", aad: SEMANTIC_ANSWER_AAD },
  { table: "semantic_cache", column: "situation", aad: SEMANTIC_SITUATION_AAD },
  { table: "learning_situations", column: "canonical", aad: SITUATION_AAD },
  { table: "learning_situations", column: "note", aad: SITUATION_NOTE_AAD },
  { table: "ratings", column: "correction", aad: RATING_CORRECTION_AAD },
  { table: "ratings", column: "comment", aad: RATING_COMMENT_AAD },
] as const;

/** A property inside a JSON column: `text` is sealed as it is, `json` as one envelope of its JSON (sealJson). */
interface JsonField {
  path: readonly string[];
  mode: "text" | "json";
  aad: string;
}

/** JSON columns with sealed properties; the rest of the value stays readable to SQL. */
const JSON_COLUMNS: readonly { table: string; column: string; fields: readonly JsonField[] }[] = [
  { table: "inbox", column: "event", fields: [{ path: ["payload"], mode: "json", aad: INBOX_AAD }] },
  { table: "decisions", column: "details", fields: [{ path: ["publications"], mode: "json", aad: DECISION_PUBLICATIONS_AAD }] },
  {
    table: "outbox",
    column: "result",
    fields: [
      { path: ["decision", "output"], mode: "text", aad: DECISION_OUTPUT_AAD },
      { path: ["decision", "publications"], mode: "json", aad: DECISION_PUBLICATIONS_AAD },
    ],
  },
];

const staleText = (column: string) => `(${column} IS NOT NULL AND ${column} != '' AND substr(${column}, 1, length(?1)) != ?1)`;

/** SQL for "this property is not as the current key writes it" (`?1`: the current envelope prefix). */
function staleJson(column: string, f: JsonField): string {
  const p = `'$.${f.path.join(".")}'`;
  const plainText = `(json_type(${column}, ${p}) = 'text' AND json_extract(${column}, ${p}) != '' AND substr(json_extract(${column}, ${p}), 1, length(?1)) != ?1)`;
  // A JSON property holding anything but text (an object, an array) is plain; null says nothing.
  return f.mode === "json" ? `(json_type(${column}, ${p}) NOT IN ('text', 'null') OR ${plainText})` : plainText;
}

/**
 * Re-encrypts up to `limit` rows per sealed column of an agent's storage (working notes,
 * memories, decisions' deliverables and publications, few-shot examples, the semantic cache,
 * learning's situations and ratings, buffered events and the outbox) that are plain text or under
 * an older key, under the current key. Everything is sealed first, then written with no `await`
 * between the writes (one atomic commit), each only if the row did not change meanwhile.
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
  const texts = TEXT_COLUMNS.filter((t) => present.has(t.table)).map((t) => ({
    ...t,
    where: staleText(t.column),
    rows: sql
      .exec<{ id: number; value: string }>(
        `SELECT rowid AS id, ${t.column} AS value FROM ${t.table} WHERE ${staleText(t.column)} LIMIT ?2`,
        prefix,
        limit,
      )
      .toArray(),
  }));
  const jsons = JSON_COLUMNS.filter((t) => present.has(t.table)).map((t) => {
    const where = `(${t.fields.map((f) => staleJson(t.column, f)).join(" OR ")})`;
    const rows = sql
      .exec<{ id: number; value: string }>(
        `SELECT rowid AS id, ${t.column} AS value FROM ${t.table} WHERE ${where} LIMIT ?2`,
        prefix,
        limit,
      )
      .toArray();
    return { ...t, where, rows };
  });
  const sealedTexts = await Promise.all(
    texts.map((t) => Promise.all(t.rows.map(async (r) => cipher.seal(await cipher.open(r.value, t.aad), t.aad)))),
  );
  const sealedJsons = await Promise.all(jsons.map((t) => Promise.all(t.rows.map((r) => resealJson(cipher, r.value, t.fields)))));
  let rewritten = 0;
  const write = (table: string, column: string, rows: { id: number; value: string }[], sealed: (string | undefined)[] | undefined) => {
    for (const [i, r] of rows.entries()) {
      const next = sealed?.[i] ?? r.value;
      rewritten += sql.exec(`UPDATE ${table} SET ${column} = ? WHERE rowid = ? AND ${column} = ?`, next, r.id, r.value).rowsWritten;
    }
  };
  for (const [i, t] of texts.entries()) write(t.table, t.column, t.rows, sealedTexts[i]);
  for (const [i, t] of jsons.entries()) write(t.table, t.column, t.rows, sealedJsons[i]);
  let remaining = 0;
  for (const t of [...texts, ...jsons])
    remaining += sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM ${t.table} WHERE ${t.where}`, prefix).one().n;
  return { rewritten, remaining };
}

/** The JSON value with each of `fields` opened and sealed again under the current key. */
async function resealJson(cipher: FieldCipher, json: string, fields: readonly JsonField[]): Promise<string> {
  const value = JSON.parse(json) as Record<string, unknown>;
  await Promise.all(
    fields.map(async (f) => {
      const parent = f.path
        .slice(0, -1)
        .reduce<unknown>((v, k) => (v && typeof v === "object" ? (v as Record<string, unknown>)[k] : undefined), value);
      const key = f.path.at(-1);
      if (!key || !parent || typeof parent !== "object") return;
      const holder = parent as Record<string, unknown>;
      const stored = holder[key];
      if (stored === undefined || stored === null || stored === "") return;
      holder[key] =
        f.mode === "json"
          ? await cipher.sealJson(await cipher.openJson(stored, f.aad), f.aad)
          : await cipher.seal(isEnvelope(stored) ? await cipher.open(stored, f.aad) : String(stored), f.aad);
    }),
  );
  return JSON.stringify(value);
}
