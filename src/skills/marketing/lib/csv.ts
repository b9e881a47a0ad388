import { z } from "zod";
import { num } from "./format";

/** The largest CSV a skill reads: ~1 MB is some 10,000 rows of ad-platform export, ample for a month. */
export const MAX_CSV_CHARS = 1_000_000;

export class CsvError extends Error {}

/**
 * A small RFC 4180 reader: fields split by the delimiter, `"` quotes a field, `""` inside quotes
 * is one `"`, quoted fields may hold delimiters and line breaks; CRLF or LF line ends; a BOM is
 * dropped; blank lines are skipped. The delimiter is whichever of `,` `;` or tab the first lines
 * use most (European exports use `;`).
 */
export function parseCsv(text: string): string[][] {
  const src = text.replace(/^\uFEFF/, "");
  const sample = src.split("\n", 10).join("\n");
  const counts = [",", ";", "\t"].map((d) => [d, sample.split(d).length] as const);
  const delimiter = counts.reduce((best, c) => (c[1] > best[1] ? c : best))[0];
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let i = 0;
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== "") rows.push(row);
    row = [];
    field = "";
  };
  while (i < src.length) {
    const ch = src[i] as string;
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      row.push(field);
      field = "";
    } else if (ch === "\n" || (ch === "\r" && src[i + 1] === "\n")) {
      if (ch === "\r") i++;
      endRow();
      line++;
    } else field += ch;
    i++;
  }
  if (quoted) throw new CsvError(`line ${line}: a quoted field is never closed`);
  if (field !== "" || row.length > 0) endRow();
  return rows;
}

/** A header as a key: `Cost (USD)` → `cost`, `Conv. value` → `conv_value`, `Impr.` → `impr`. */
export function headerKey(header: string): string {
  return header
    .toLowerCase()
    .replace(/\(.*?\)/g, "")
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/**
 * CSV text → records keyed by field name, with each field's accepted header spellings
 * (`spend: ["spend", "cost", "amount_spent"]`); unknown columns are dropped, empty cells omitted.
 * Ad-platform exports often open with a report title and close with totals: the header is the
 * first of the first 10 rows that names the most known columns, and rows that start with
 * "Total" are left out.
 */
export function csvRecords(text: string, aliases: Record<string, readonly string[]>): Record<string, string>[] {
  const rows = parseCsv(text);
  if (rows.length === 0) throw new CsvError("the CSV is empty");
  const fieldOf = (h: string) => {
    const key = headerKey(h);
    return Object.keys(aliases).find((field) => field === key || aliases[field]?.includes(key));
  };
  let at = 0;
  let best = 0;
  rows.slice(0, 10).forEach((row, i) => {
    const known = row.filter((h) => fieldOf(h) !== undefined).length;
    if (known > best) [at, best] = [i, known];
  });
  if (best === 0) throw new CsvError(`no known column in the first rows; expected some of ${Object.keys(aliases).join(", ")}`);
  const keys = (rows[at] ?? []).map(fieldOf);
  return rows
    .slice(at + 1)
    .filter((cells) => !/^\s*total\b/i.test(cells[0] ?? ""))
    .map((cells) => {
      const record: Record<string, string> = {};
      cells.forEach((cell, i) => {
        const key = keys[i];
        if (key && cell.trim() !== "") record[key] = cell.trim();
      });
      return record;
    });
}

/**
 * Lets a skill take its rows as JSON (`rows: [...]`) or as CSV text (`csv: "..."`): a zod
 * preprocess that turns `csv` into `rows` before the schema checks them, so a bad cell is
 * reported as `rows[i].field` (the i + 1th data row after the header).
 */
export function rowsFromCsv(aliases: Record<string, readonly string[]>) {
  return (value: unknown, ctx: z.RefinementCtx): unknown => {
    if (typeof value !== "object" || value === null || !("csv" in value)) return value;
    const { csv, ...rest } = value as { csv: unknown; rows?: unknown };
    const fail = (message: string) => {
      ctx.addIssue({ code: "custom", message, path: ["csv"], input: csv });
      return z.NEVER;
    };
    if (rest.rows !== undefined) return fail("give rows or csv, not both");
    if (typeof csv !== "string") return fail("csv must be the text of a CSV file");
    if (csv.length > MAX_CSV_CHARS) return fail(`csv is over ${num(MAX_CSV_CHARS)} characters`);
    try {
      return { ...rest, rows: csvRecords(csv, aliases) };
    } catch (error) {
      if (error instanceof CsvError) return fail(error.message);
      throw error;
    }
  };
}

/**
 * A number that may arrive as a CSV cell or a formatted string, in US or European style:
 * `"1,234.50"`, `"1.234,50"`, `"12,50"` (a comma before one or two digits is a decimal comma; before
 * three, a thousands separator), `"$12"`, `"3.2%"` (kept as written: 3.2). Anything else is left
 * for the schema to reject.
 */
export function looseNumber(value: unknown): unknown {
  if (typeof value !== "string") return value;
  let t = value.replace(/[\s$€£%]/g, "");
  const comma = t.lastIndexOf(",");
  const dot = t.lastIndexOf(".");
  if (comma >= 0 && dot >= 0) t = comma > dot ? t.replace(/\./g, "").replace(",", ".") : t.replace(/,/g, "");
  else if (comma >= 0) t = /^-?\d{1,3}(,\d{3})+$/.test(t) ? t.replace(/,/g, "") : t.replace(",", ".");
  else if (t.split(".").length > 2) t = t.replace(/\./g, "");
  return t !== "" && Number.isFinite(Number(t)) ? Number(t) : value;
}
