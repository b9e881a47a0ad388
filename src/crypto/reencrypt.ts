import { type FieldCipher, ENVELOPE_PREFIX } from "./field-cipher";
import { resealFields } from "./json-fields";

/**
 * A column holding values encrypted at rest, as the background re-encryption sees it:
 * `text` (the column is an envelope, bound to `aad`), `json` (the column is a JSON string holding
 * an envelope of the whole value) or `fields` (a JSON value whose `keys` properties are sealed
 * one by one under `<scope>.<key>`, see json-fields.ts).
 */
export type EncryptedColumn =
  | { name: string; kind: "text"; aad: string }
  | { name: string; kind: "json"; aad: string }
  | { name: string; kind: "fields"; keys: ReadonlySet<string>; scope: string };

/** A table with encrypted columns, keyed by `key` (a column unique per row). */
export interface EncryptedTable {
  table: string;
  key: string;
  columns: readonly EncryptedColumn[];
}

export interface TablePass {
  table: string;
  rewritten: number;
  /** Rows still not under the current key after this pass (a bounded scan: operators' tooling, not the hot path). */
  remaining: number;
}

// The SQL condition "this column is not as the current key writes it"; ?1 is the envelope prefix of the current key.
function stale(c: EncryptedColumn): string {
  const n = `"${c.name}"`;
  if (c.kind === "text") return `(${n} IS NOT NULL AND substr(${n}, 1, length(?1)) != ?1)`;
  if (c.kind === "json") return `(${n} IS NOT NULL AND ${n} != 'null' AND substr(${n}, 1, length(?1) + 1) != '"' || ?1)`;
  const keys = [...c.keys].map((k) => `'${k}'`).join(", ");
  return `(${n} IS NOT NULL AND json_valid(${n}) AND EXISTS (SELECT 1 FROM json_tree(${n}) WHERE key IN (${keys}) AND type = 'text' AND substr(atom, 1, length(?1)) != ?1))`;
}

const staleRows = (t: EncryptedTable) => t.columns.map(stale).join(" OR ");

async function resealed(cipher: FieldCipher, c: EncryptedColumn, stored: string | null): Promise<string | null> {
  if (stored === null) return null;
  if (c.kind === "text") return cipher.seal(await cipher.open(stored, c.aad), c.aad);
  const value: unknown = JSON.parse(stored);
  if (c.kind === "json") return JSON.stringify(await cipher.sealJson(await cipher.openJson(value, c.aad), c.aad));
  return JSON.stringify(await resealFields(cipher, value, c.keys, c.scope));
}

/**
 * One bounded pass of re-encryption over one table: up to `limit` rows with a value that is plain
 * text or under an older key are rewritten under the current key. Each row is updated only if it
 * did not change meanwhile (its stored values are compared), so a concurrent writer wins and the
 * next pass picks the row up again. Idempotent; nothing to do while encryption is off.
 */
export async function reencryptTable(d1: D1Database, cipher: FieldCipher, t: EncryptedTable, limit: number): Promise<TablePass> {
  if (!cipher.currentKid) return { table: t.table, rewritten: 0, remaining: 0 };
  const prefix = `${ENVELOPE_PREFIX}${cipher.currentKid}:`;
  const names = t.columns.map((c) => `"${c.name}"`).join(", ");
  const { results } = await d1
    .prepare(`SELECT "${t.key}" AS k, ${names} FROM "${t.table}" WHERE ${staleRows(t)} LIMIT ?2`)
    .bind(prefix, limit)
    .all<Record<string, string | null>>();
  const settled = await Promise.allSettled(
    results.map(async (row) => {
      const values = await Promise.all(t.columns.map((c) => resealed(cipher, c, row[c.name] ?? null)));
      const set = t.columns.map((c) => `"${c.name}" = ?`).join(", ");
      const same = t.columns.map((c) => `"${c.name}" IS ?`).join(" AND ");
      return d1
        .prepare(`UPDATE "${t.table}" SET ${set} WHERE "${t.key}" = ? AND ${same}`)
        .bind(...values, row.k, ...t.columns.map((c) => row[c.name] ?? null));
    }),
  );
  // A row that does not open (tampered, or under a key no longer in the ring) is logged and left
  // where it is: one bad value must not stop the rotation of every other.
  const updates = settled.flatMap((r) => (r.status === "fulfilled" ? [r.value] : []));
  const failed = settled.length - updates.length;
  if (failed) console.error("re-encryption: values that do not open were left as they are", { table: t.table, failed });
  const done = updates.length ? await d1.batch(updates) : [];
  const left = await d1
    .prepare(`SELECT COUNT(*) AS n FROM "${t.table}" WHERE ${staleRows(t)}`)
    .bind(prefix)
    .first<{ n: number }>();
  return { table: t.table, rewritten: done.reduce((n, r) => n + (r.meta.changes ?? 0), 0), remaining: left?.n ?? 0 };
}

/**
 * How a table's values are stored, by key id, judged by its first column (`plain` for values
 * written before encryption was on, or while it was off). A full scan: for operators.
 */
export async function countByKid(d1: D1Database, t: EncryptedTable): Promise<Record<string, number>> {
  const c = t.columns[0];
  if (!c || c.kind === "fields") return {};
  const n = `"${c.name}"`;
  const value = c.kind === "json" ? `json_extract(${n}, '$')` : n;
  const { results } = await d1
    .prepare(
      `SELECT CASE WHEN substr(v, 1, ${ENVELOPE_PREFIX.length}) = '${ENVELOPE_PREFIX}'
           THEN substr(v, ${ENVELOPE_PREFIX.length + 1}, instr(substr(v, ${ENVELOPE_PREFIX.length + 1}), ':') - 1) ELSE 'plain' END AS kid, COUNT(*) AS n
       FROM (SELECT ${value} AS v FROM "${t.table}" WHERE ${n} IS NOT NULL) GROUP BY kid`,
    )
    .all<{ kid: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.kid, r.n]));
}
