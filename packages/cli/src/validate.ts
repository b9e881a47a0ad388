import type { z } from "zod";
import { fieldPath } from "../../../src/schemas/field-path";
import { CliError } from "./errors";

/**
 * Parses `value` with one of the platform's own schemas, as the API would, so a mistake is
 * reported before anything is sent: each issue with its field path (`rules[0].when.type: …`).
 */
export function validated<T extends z.ZodType>(schema: T, value: unknown, what: string): z.infer<T> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${fieldPath(issue.path, "(the whole document)")}: ${issue.message}`);
  throw new CliError(`${what} is not valid (${details.length} problem${details.length === 1 ? "" : "s"}):`, 1, details);
}
