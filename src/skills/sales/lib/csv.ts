/**
 * A small RFC 4180 CSV reader: comma-separated fields, fields in double quotes may hold commas,
 * line breaks and doubled quotes (`""`); records end in CRLF or LF. A leading byte-order mark is
 * skipped and blank lines are ignored (spreadsheets export them at the end). It is strict about
 * what RFC 4180 forbids, so a broken export is reported rather than silently misread.
 */
export type CsvResult = { ok: true; records: string[][] } | { ok: false; error: string };

export function parseCsv(text: string): CsvResult {
  const records: string[][] = [];
  let record: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    record.push(field);
    // A blank line reads as one empty field: skip it.
    if (record.length > 1 || record[0] !== "") records.push(record);
    record = [];
    field = "";
  };
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        const next = text[i + 1];
        if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
          return { ok: false, error: `line ${line}: a closing quote must end its field` };
        }
      } else {
        if (c === "\n") line++;
        field += c;
      }
      i++;
      continue;
    }
    if (c === '"') {
      if (field !== "") return { ok: false, error: `line ${line}: a quote inside an unquoted field` };
      quoted = true;
    } else if (c === ",") {
      record.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      endRecord();
      if (c === "\r" && text[i + 1] === "\n") i++;
      line++;
    } else {
      field += c;
    }
    i++;
  }
  if (quoted) return { ok: false, error: `line ${line}: a quoted field is never closed` };
  if (field !== "" || record.length > 0) endRecord();
  return { ok: true, records };
}

/** A header name as compared for column mapping: `E-mail Address` → `emailaddress`. */
export function headerKey(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]/g, "");
}
