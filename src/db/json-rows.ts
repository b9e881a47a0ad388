import { groupBySize } from "./group-by-size";

const encoder = new TextEncoder();

/**
 * Splits rows into JSON arrays each under `maxBytes` (UTF-8), for
 * `INSERT … SELECT … FROM json_each(?)` and `… IN (SELECT value FROM json_each(?))`: one bound
 * parameter carries many rows (D1 binds at most 100 parameters and caps a statement at 100 KB),
 * so a whole queue batch is written in a statement or two instead of dozens.
 */
export function jsonChunks(rows: readonly unknown[], maxBytes = 80 * 1024): string[] {
  const encoded = rows.map((row) => JSON.stringify(row));
  // UTF-8 takes at most 3 bytes per UTF-16 code unit: when even that bound fits (a normal queue
  // batch), skip encoding every row just to measure it.
  if (encoded.reduce((sum, json) => sum + json.length + 1, 0) * 3 <= maxBytes - 2) return encoded.length ? [`[${encoded.join(",")}]`] : [];
  // +1 for the comma; the brackets fit in the slack.
  return groupBySize(encoded, (json) => encoder.encode(json).byteLength + 1, maxBytes - 2).map((group) => `[${group.join(",")}]`);
}
