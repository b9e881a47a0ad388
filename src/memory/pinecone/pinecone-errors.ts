/**
 * What went wrong with Pinecone, typed: callers decide by `kind` (retry later, or tell an
 * operator the key is wrong) instead of by the client's class names and messages.
 */
export type PineconeFailureKind = "unauthorized" | "not_found" | "rate_limited" | "unavailable" | "timeout" | "unreachable" | "rejected";

export class MemoryBackendError extends Error {
  override readonly name = "MemoryBackendError";
  constructor(
    readonly kind: PineconeFailureKind,
    message: string,
    options?: ErrorOptions,
  ) {
    super(`pinecone ${kind}: ${message}`, options);
  }
}

/** Maps an error from `@pinecone-database/pinecone` (8.x) to a {@link MemoryBackendError}. */
export function pineconeFailure(error: unknown): MemoryBackendError {
  if (error instanceof MemoryBackendError) return error;
  const name = error instanceof Error ? error.name : "";
  const message = error instanceof Error ? error.message : String(error);
  const cause = error instanceof Error ? error.cause : undefined;
  const causeName = cause instanceof Error || cause instanceof DOMException ? cause.name : "";
  const kind: PineconeFailureKind =
    name === "TimeoutError" || causeName === "TimeoutError" || /timed? ?out|TimeoutError/i.test(message)
      ? "timeout"
      : name === "PineconeAuthorizationError"
        ? "unauthorized"
        : name === "PineconeNotFoundError"
          ? "not_found"
          : /Status: 429\b/.test(message)
            ? "rate_limited" // the client has no class for 429: PineconeUnmappedHttpError
            : ["PineconeInternalServerError", "PineconeUnavailableError", "PineconeMaxRetriesExceededError"].includes(name) ||
                /Status: 5\d\d\b/.test(message)
              ? "unavailable"
              : name === "PineconeConnectionError"
                ? "unreachable"
                : "rejected";
  return new MemoryBackendError(kind, message, { cause: error });
}
