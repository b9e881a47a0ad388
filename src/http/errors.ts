import type { Context } from "hono";
import type { AppEnv } from "../types";
import { auditRefusal } from "./audit";
import type { ErrorBody } from "../schemas/errors";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import {
  AppError,
  ConflictError,
  ForbiddenError,
  NotFoundError,
  RateLimitedError,
  ServiceUnavailableError,
  UnauthorizedError,
  UnprocessableError,
  ValidationError,
} from "../errors";

function statusOf(error: AppError): ContentfulStatusCode {
  if (error instanceof ValidationError) return error.code === "payload_too_large" ? 413 : 400;
  if (error instanceof UnauthorizedError) return 401;
  if (error instanceof ForbiddenError) return 403;
  if (error instanceof NotFoundError) return 404;
  if (error instanceof ConflictError) return 409;
  if (error instanceof UnprocessableError) return 422;
  if (error instanceof RateLimitedError) return 429;
  if (error instanceof ServiceUnavailableError) return 503;
  return 400;
}

/** The one place errors become HTTP. Unknown errors are logged and answered without internals. */
export function errorResponse(error: unknown, c: Context<AppEnv>): Response {
  if (error instanceof AppError) {
    // Every refused authentication or authorization is audited, after the answer.
    if (error instanceof UnauthorizedError) auditRefusal(c, 401, error.code);
    if (error instanceof ForbiddenError) auditRefusal(c, 403, error.code);
    const body: ErrorBody = { error: { code: error.code, message: error.message } };
    if (error.field) body.error.field = error.field;
    if (error instanceof ValidationError && error.issues.length > 1) body.error.issues = error.issues;
    const headers: Record<string, string> = {};
    if (error instanceof UnauthorizedError) headers["www-authenticate"] = 'Bearer realm="waooaw"';
    if (error instanceof RateLimitedError) headers["retry-after"] = String(Math.max(1, Math.ceil(error.retryAfterSeconds)));
    return c.json(body, statusOf(error), headers);
  }
  console.error("unhandled error", { path: c.req.path, method: c.req.method, error: error instanceof Error ? error.stack : String(error) });
  return c.json({ error: { code: "internal_error", message: "something went wrong on our side" } } satisfies ErrorBody, 500);
}
