import { RETRY_CAP_SECONDS } from "./backoff";

/**
 * The queues' retry settings as wrangler.toml declares them (Workers cannot read their own
 * consumer settings at run time; test/wake/redelivery.node.test.ts fails when these drift).
 */
export const WAKE_QUEUE_MAX_RETRIES = 3;
export const DLQ_MAX_RETRIES = 100;

/**
 * The longest a wake message can keep coming back: every retry of the wake queue and then of
 * its dead-letter queue, each after the longest backoff. Within it the same event may reach an
 * agent again, so an agent must remember the event ids it has seen for at least this long.
 */
export const REDELIVERY_WINDOW_MS = (WAKE_QUEUE_MAX_RETRIES + DLQ_MAX_RETRIES) * RETRY_CAP_SECONDS * 1000;

let warned = false;

/**
 * How long agents keep processed-event ids: PROCESSED_RETENTION_HOURS, clamped (with a warning,
 * once per isolate) to the redelivery window, so pruning never weakens duplicate detection
 * inside it.
 */
export function processedRetentionMs(hours: number, warn: (message: string, detail: object) => void = console.warn): number {
  const asked = hours * 3_600_000;
  if (asked >= REDELIVERY_WINDOW_MS) return asked;
  if (!warned) {
    warned = true;
    warn("PROCESSED_RETENTION_HOURS is shorter than the queue's redelivery window; using the window", {
      askedHours: hours,
      windowHours: REDELIVERY_WINDOW_MS / 3_600_000,
    });
  }
  return REDELIVERY_WINDOW_MS;
}
