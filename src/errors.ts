/**
 * Domain errors: a stable `code`, a message for people, and the offending `field` when there is
 * one. `src/http/errors.ts` maps them to HTTP once, at the edge.
 */
export class AppError extends Error {
  override readonly name: string = "AppError";
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

export interface FieldIssue {
  field: string;
  message: string;
}

/** Bad input. `issues` lists every problem found; `field` names the first. */
export class ValidationError extends AppError {
  override readonly name = "ValidationError";
  constructor(
    message: string,
    field?: string,
    readonly issues: FieldIssue[] = [],
    code = "invalid_request",
  ) {
    super(code, message, field);
  }
}

export class NotFoundError extends AppError {
  override readonly name = "NotFoundError";
  constructor(message: string, code = "not_found") {
    super(code, message);
  }
}

export class ConflictError extends AppError {
  override readonly name = "ConflictError";
  constructor(code: string, message: string, field?: string) {
    super(code, message, field);
  }
}

/** Well-formed but refused as it stands, such as an Idempotency-Key reused for another request. */
export class UnprocessableError extends AppError {
  override readonly name = "UnprocessableError";
  constructor(code: string, message: string, field?: string) {
    super(code, message, field);
  }
}

export class UnauthorizedError extends AppError {
  override readonly name = "UnauthorizedError";
  constructor(message = "a valid operator bearer token is required", code = "unauthorized") {
    super(code, message);
  }
}

/** Authenticated, but this caller's role or scope does not allow the action (403). */
export class ForbiddenError extends AppError {
  override readonly name = "ForbiddenError";
  constructor(message = "your credentials do not allow this action", code = "forbidden") {
    super(code, message);
  }
}

/** Too many requests from one key or address (429); `retryAfterSeconds` becomes the retry-after header. */
export class RateLimitedError extends AppError {
  override readonly name = "RateLimitedError";
  constructor(
    readonly retryAfterSeconds: number,
    message = "too many requests: slow down and retry after the retry-after header's seconds",
    code = "rate_limited",
  ) {
    super(code, message);
  }
}

export class ServiceUnavailableError extends AppError {
  override readonly name = "ServiceUnavailableError";
  constructor(code: string, message: string, options?: ErrorOptions) {
    super(code, message, undefined, options);
  }
}

/** A short, loggable description of anything thrown. */
export function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);
}
