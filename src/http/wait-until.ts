import type { Context } from "hono";

/**
 * The request's waitUntil, for work that may finish after the answer; undefined when the caller
 * (a unit test calling the app directly) gave no execution context, which hono signals by throwing.
 */
export function waitUntilOf(c: Context): ((promise: Promise<unknown>) => void) | undefined {
  try {
    const ctx = c.executionCtx;
    return (promise) => ctx.waitUntil(promise);
  } catch {
    return undefined;
  }
}
