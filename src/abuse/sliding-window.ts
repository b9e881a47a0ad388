/**
 * An exact sliding-window limit: at most `limit` hits in any `windowMs`. The caller keeps the
 * times of the hits still inside the window (at most `limit` of them) and asks before each new
 * one; pure, so the Durable Object that holds the times stays a thin shell.
 */
export interface WindowLimit {
  limit: number;
  windowMs: number;
}

export type WindowDecision = { allowed: true; keep: number[] } | { allowed: false; retryAfterMs: number; keep: number[] };

/** Whether one more hit at `now` fits; `keep` is the hits to store (the new one included when allowed). */
export function decideHit(hits: readonly number[], now: number, { limit, windowMs }: WindowLimit): WindowDecision {
  const live = hits.filter((at) => at > now - windowMs).sort((a, b) => a - b);
  if (live.length < limit) return { allowed: true, keep: [...live, now] };
  // The oldest hit that must leave the window before one more fits.
  const oldest = live[live.length - limit] ?? now;
  return { allowed: false, retryAfterMs: Math.max(1, oldest + windowMs - now), keep: live };
}
