/** D1 binds at most 100 parameters per statement: split multi-row inserts to fit. */
export function chunkForParams<T>(rows: readonly T[], columnsPerRow: number, maxParams = 100): T[][] {
  const size = Math.max(1, Math.floor(maxParams / columnsPerRow));
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
