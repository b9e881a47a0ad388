import { ValidationError } from "../errors";
import { fieldPath } from "../schemas/field-path";

/**
 * What a JSON request body may look like before any schema sees it. No documented body nests
 * deeper than a rule's conditions (about six levels), so 32 is generous; the node cap bounds the
 * work a small but wide body can cause. Strings must be well-formed Unicode without C0 control
 * characters other than tab and line breaks: a lone surrogate cannot be stored as UTF-8 (D1 would
 * silently replace it), and NUL and friends have no place in anything a person typed.
 */
export const MAX_JSON_DEPTH = 32;
export const MAX_JSON_NODES = 20_000;

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

/** Decodes a body as UTF-8, refusing malformed byte sequences instead of replacing them. */
export function decodeUtf8(bytes: ArrayBuffer): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new ValidationError("body is not valid UTF-8", "body", [], "invalid_encoding");
  }
}

function checkString(value: string, path: PropertyKey[]): void {
  if (!value.isWellFormed()) throw refused(path, "contains a lone surrogate (malformed Unicode)", "invalid_unicode");
  if (CONTROL.test(value)) throw refused(path, "contains a control character", "invalid_unicode");
}

function refused(path: PropertyKey[], problem: string, code: string): ValidationError {
  const field = fieldPath(path);
  return new ValidationError(`${field}: ${problem}`, field, [], code);
}

/**
 * Walks a parsed body once, iteratively (a deep body must not exhaust the stack), and throws a
 * {@link ValidationError} naming the first field too deep or carrying a malformed string; keys
 * are checked like values.
 */
export function assertSafeJson(value: unknown): void {
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  let nodes = 0;
  while (stack.length > 0) {
    const next = stack.pop();
    if (!next) break;
    if (++nodes > MAX_JSON_NODES) throw refused([], `has more than ${MAX_JSON_NODES} values`, "payload_too_complex");
    const { value: v, path } = next;
    if (typeof v === "string") checkString(v, path);
    else if (v !== null && typeof v === "object") {
      if (path.length >= MAX_JSON_DEPTH) throw refused(path, `nests deeper than ${MAX_JSON_DEPTH} levels`, "payload_too_complex");
      if (Array.isArray(v)) for (const [i, item] of v.entries()) stack.push({ value: item, path: [...path, i] });
      else
        for (const [key, item] of Object.entries(v)) {
          checkString(key, [...path, key]);
          stack.push({ value: item, path: [...path, key] });
        }
    }
  }
}

/** JSON.parse with the checks above; the parser itself fails fast on truly deep input (a RangeError). */
export function parseSafeJson(text: string): unknown {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    if (error instanceof RangeError) throw refused([], `nests deeper than ${MAX_JSON_DEPTH} levels`, "payload_too_complex");
    throw new ValidationError("body is not valid JSON", "body", [], "invalid_json");
  }
  assertSafeJson(value);
  return value;
}
