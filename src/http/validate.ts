import type { Context } from "hono";
import type { z } from "zod";
import { ValidationError, type FieldIssue } from "../errors";
import { fieldPath } from "../schemas/field-path";

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
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES)
    throw new ValidationError(`body is larger than ${MAX_BODY_BYTES} bytes`, "body", [], "payload_too_large");
  // An optional body may be left out: it reads as `{}`, so the schema's defaults apply.
  if (options.optional && text.trim() === "") return parseWith(schema, {});
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new ValidationError("body is not valid JSON", "body", [], "invalid_json");
  }
  return parseWith(schema, value);
}

/** Validates the query string. */
export function queryOf<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  return parseWith(schema, c.req.query());
}
