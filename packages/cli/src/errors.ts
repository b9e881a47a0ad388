import { WaooawApiError, WaooawNetworkError } from "@waooaw/client";

/** Exit codes: 0 done, 1 it failed (the platform refused, could not be reached, bad input file), 2 misused. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A failure the CLI explains itself; `exitCode` 1 unless it is a usage error. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = EXIT.failure,
    /** More lines to print under the message (a schema's issues, say). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
  }
}

export class UsageError extends CliError {
  constructor(message: string) {
    super(message, EXIT.usage);
  }
}

/** What to tell a person about an error, and the exit code. */
export function explain(error: unknown, url: string): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof WaooawApiError) {
    if (error.status === 401)
      return new CliError(
        `the platform at ${url} refused the operator token (401 ${error.code}): run \`waooaw login --url ${url}\` or set WAOOAW_TOKEN`,
      );
    const where = error.field ? ` (field ${error.field})` : "";
    const details = error.issues.map((issue) => `${issue.field}: ${issue.message}`);
    return new CliError(`${error.message}${where} [${error.status} ${error.code}]`, EXIT.failure, details);
  }
  if (error instanceof WaooawNetworkError) return new CliError(`cannot reach ${url}: ${error.message}${rootCause(error.cause)}`);
  return new CliError(error instanceof Error ? error.message : String(error));
}

/** Node's fetch says only "fetch failed"; the reason (ECONNREFUSED, ENOTFOUND, …) is in its causes. */
function rootCause(cause: unknown): string {
  for (let c = cause, depth = 0; c instanceof Error && depth < 5; c = c.cause, depth++) {
    const code = (c as { code?: unknown }).code;
    if (typeof code === "string") return ` (${code})`;
  }
  return "";
}
