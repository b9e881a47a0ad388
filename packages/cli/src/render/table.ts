import Table from "cli-table3";

// Tables for people (cli-table3 sizes the columns and draws the borders), without colour, so
// the output reads the same piped into a file.

export type Cell = string | number | boolean | null | undefined;

const text = (cell: Cell) => (cell === null || cell === undefined || cell === "" ? "-" : String(cell));

export function table(head: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const t = new Table({ head: [...head], style: { head: [], border: [] } });
  for (const row of rows) t.push(row.map(text));
  return t.toString();
}

/** One record as two columns: field, value. */
export function record(entries: readonly (readonly [string, Cell])[]): string {
  const t = new Table({ style: { head: [], border: [] } });
  for (const [name, value] of entries) t.push({ [name]: text(value) });
  return t.toString();
}

/** Epoch ms as UTC, to the second. */
export function when(ms: number | null | undefined): string {
  return ms === null || ms === undefined
    ? "-"
    : new Date(ms)
        .toISOString()
        .replace("T", " ")
        .replace(/\.\d+Z$/, "Z");
}
