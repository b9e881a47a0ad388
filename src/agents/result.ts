/**
 * Durable Object RPC turns thrown errors into plain `Error`s, losing their code and field, so
 * expected failures (illegal transition, not initialized, conflict) come back as values.
 */
export interface Failure {
  ok: false;
  error: { code: string; message: string; field?: string; status: 404 | 409 | 500 };
}
export type Result<T> = { ok: true; value: T } | Failure;

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (status: 404 | 409 | 500, code: string, message: string, field?: string): Failure => ({
  ok: false,
  error: { code, message, status, ...(field ? { field } : {}) },
});
