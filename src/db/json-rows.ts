/**
 * Splits rows into JSON arrays each under `maxBytes`, for `INSERT … SELECT … FROM json_each(?)`:
 * one bound parameter carries many rows (D1 binds at most 100 parameters and caps a statement
 * at 100 KB), so a whole queue batch is written in a statement or two instead of dozens.
 */
const encoder = new TextEncoder();

export function jsonChunks(rows: readonly unknown[], maxBytes = 80 * 1024): string[] {
  const out: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = encoder.encode(json).byteLength;
    if (current.length > 0 && bytes + size + 1 > maxBytes) {
      out.push(`[${current.join(",")}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size + 1;
  }
  if (current.length) out.push(`[${current.join(",")}]`);
  return out;
}
