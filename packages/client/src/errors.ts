/** One problem with a request, as the API lists them (`issues`). */
export interface ApiIssue {
  field: string;
  message: string;
}

/**
 * The API answered with an error: its `{"error": {code, message, field?, issues?}}` body, typed.
 * `code` is stable (`not_found`, `invalid_request`, `needs_hire`, …); `field` names the input at
 * fault when there is one. An answer that is not the API's (a proxy's HTML error page) gets the
 * code `http_<status>` and its text in `body`; a 2xx whose body is not JSON, `invalid_response`.
 */
export class WaooawApiError extends Error {
  override readonly name = "WaooawApiError";
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
    readonly issues: readonly ApiIssue[] = [],
    /** How long the API asked us to wait (`retry-after`), when it said. */
    readonly retryAfterMs?: number,
    /** The answer's text when it was not the API's JSON error (the first 2,000 characters). */
    readonly body?: string,
  ) {
    super(message);
  }

  /** Builds the error from a response's status (and its text), parsed body and `retry-after`. */
  static from(status: number, body: unknown, retryAfterMs?: number, statusText = ""): WaooawApiError {
    const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
    if (typeof error === "object" && error !== null) {
      const e = error as Record<string, unknown>;
      const issues = Array.isArray(e.issues) ? e.issues.filter(isIssue) : [];
      return new WaooawApiError(
        status,
        typeof e.code === "string" ? e.code : `http_${status}`,
        typeof e.message === "string" ? e.message : `HTTP ${status}`,
        typeof e.field === "string" ? e.field : undefined,
        issues,
        retryAfterMs,
      );
    }
    const text = typeof body === "string" && body.length ? body.slice(0, 2000) : undefined;
    return new WaooawApiError(status, `http_${status}`, `HTTP ${status} ${statusText}`.trim(), undefined, [], retryAfterMs, text);
  }
}

function isIssue(value: unknown): value is ApiIssue {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiIssue).field === "string" &&
    typeof (value as ApiIssue).message === "string"
  );
}

/** The request never got an answer (network down, DNS, connection reset, the fetch given failed), after any retries. */
export class WaooawNetworkError extends Error {
  override readonly name = "WaooawNetworkError";
  constructor(
    message: string,
    override readonly cause: unknown,
  ) {
    super(message);
  }
}

/** `waitForTask` gave up before the task left `queued`. */
export class WaooawTimeoutError extends Error {
  override readonly name = "WaooawTimeoutError";
}
