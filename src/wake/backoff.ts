/**
 * Delay before the next delivery of a failed wake message: exponential in the attempt number
 * with full jitter, capped. Queues have no built-in backoff, so the consumer computes it.
 */
/** The longest delay before a retry, whatever the attempt. */
export const RETRY_CAP_SECONDS = 300;

export function retryDelaySeconds(attempts: number, baseSeconds: number, capSeconds = RETRY_CAP_SECONDS, random = Math.random): number {
  if (baseSeconds <= 0) return 0;
  const ceiling = Math.min(capSeconds, baseSeconds * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(ceiling / 2 + random() * (ceiling / 2)));
}
