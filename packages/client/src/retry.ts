/** How the client retries: on 429 always, on 5xx and network failures only when repeating is safe. */
export interface RetryPolicy {
  /** Retries after the first attempt (0: none). Default 3. */
  retries: number;
  /** First backoff; doubles per retry, half of it jittered. Default 250 ms. */
  baseDelayMs: number;
  /** Never wait longer than this between attempts; a longer `retry-after` is not waited for. Default 20 s. */
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { retries: 3, baseDelayMs: 250, maxDelayMs: 20_000 };

/**
 * `retry-after` in milliseconds: delta-seconds or an HTTP date (RFC 9110 §10.2.3); undefined
 * when absent or unreadable.
 */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  const v = value?.trim() ?? "";
  if (/^\d+$/.test(v)) return Number(v) * 1000;
  // An HTTP date names its day and month; `Date.parse` alone would also read "1.5" or "-1" as dates.
  if (!/[A-Za-z]/.test(v)) return undefined;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/**
 * Exponential backoff with "equal jitter" (AWS's "Exponential Backoff and Jitter"): half the
 * step is always waited, so a retry never comes at once, and the other half is random.
 */
export function backoffMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(step / 2 + random() * (step / 2));
}

/**
 * Whether an answer with this status may be retried. 429: the request was refused before it
 * ran. 409 `request_in_progress`: our first attempt (same Idempotency-Key) is still running.
 * 5xx (408 too): it may have run, so only when repeating is harmless (`safe`).
 */
export function retryableStatus(status: number, code: string | undefined, safe: boolean): boolean {
  if (status === 429) return true;
  if (status === 409) return code === "request_in_progress";
  return safe && (status === 408 || status >= 500);
}

/** Resolves after `ms`, or rejects with the signal's reason when it aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
