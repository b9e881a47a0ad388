/**
 * What kind of failure an agent reports. The edge maps kinds to HTTP (src/agents/agent-ref.ts
 * turns them into typed errors, src/http/errors.ts into statuses); an agent knows no HTTP.
 * `not_found`: the agent was never spawned; `conflict`: refused in its current state;
 * `failed`: something went wrong (the work is retried).
 */
export type FailureKind = "not_found" | "conflict" | "failed";

/**
 * Durable Object RPC turns thrown errors into plain `Error`s, losing their code and field, so
 * expected failures (illegal transition, not spawned, conflict) come back as values.
 */
export interface Failure {
  ok: false;
  error: { kind: FailureKind; code: string; message: string; field?: string };
}
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: FailureKind, code: string, message: string, field?: string): Failure => ({
  ok: false,
  error: { kind, code, message, ...(field ? { field } : {}) },
});
