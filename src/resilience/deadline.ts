/**
 * Awaited work that did not settle in time. The work itself is not cancelled (a promise cannot
 * be): the caller stops waiting and treats it as failed, so whatever it does later must be safe
 * to repeat (a retried wake, an after-commit step the cron finishes).
 */
export class DeadlineExceeded extends Error {
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what} did not answer within ${ms} ms`);
    this.name = "DeadlineExceeded";
  }
}

/** `work`, or a {@link DeadlineExceeded} once `ms` have passed without its answer. */
export async function withDeadline<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new DeadlineExceeded(what, ms)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * A positive whole number of milliseconds from a Worker variable (at most setTimeout's longest),
 * else `fallback`. Deadlines are read where they are used (one comparison): a bad value must not
 * stop the queue consumer.
 */
export function millisecondsVar(raw: string | undefined, fallback: number): number {
  const ms = Number(raw);
  return Number.isInteger(ms) && ms > 0 ? Math.min(ms, LONGEST_TIMER_MS) : fallback;
}

/** setTimeout's longest delay (2^31 - 1 ms, about 24.8 days); a longer one fires at once. */
export const LONGEST_TIMER_MS = 2 ** 31 - 1;
