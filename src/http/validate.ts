import type { Context } from "hono";
import type { z } from "zod";
import { ValidationError, type FieldIssue } from "../errors";
import { fieldPath } from "../schemas/field-path";
import { decodeUtf8, parseSafeJson } from "./json-safety";

/** Largest request body we read; events are capped well below it. */
export const MAX_BODY_BYTES = 1024 * 1024;

function toValidationError(error: z.ZodError, field?: string): ValidationError {
  const issues: FieldIssue[] = error.issues.map((i) => ({ field: fieldPath(field ? [field, ...i.path] : i.path), message: i.message }));
  const first = issues[0] ?? { field: "body", message: "invalid" };
  return new ValidationError(`${first.field}: ${first.message}`, first.field, issues);
}

/**
 * Parses a value with a schema or throws a {@link ValidationError} naming the field; `field`
 * names the value itself (a path parameter, say) when it is not the whole body.
 */
export function parseWith<S extends z.ZodType>(schema: S, value: unknown, field?: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw toValidationError(result.error, field);
  return result.data;
}

/** Reads and validates a JSON request body. */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S, options: { optional?: boolean } = {}): Promise<z.infer<S>> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > MAX_BODY_BYTES) throw new ValidationError(`body is larger than ${MAX_BODY_BYTES} bytes`, "body", [], "payload_too_large");
  // The raw bytes, so a length without content-length (chunked) is still bounded and malformed
  // UTF-8 is refused rather than silently replaced.
  const bytes = await c.req.arrayBuffer();
  if (bytes.byteLength > MAX_BODY_BYTES)
    throw new ValidationError(`body is larger than ${MAX_BODY_BYTES} bytes`, "body", [], "payload_too_large");
  const text = decodeUtf8(bytes);
  // An optional body may be left out: it reads as `{}`, so the schema's defaults apply.
  if (options.optional && text.trim() === "") return parseWith(schema, {});
  return parseWith(schema, parseSafeJson(text));
}

/** Validates the query string. */
export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}
