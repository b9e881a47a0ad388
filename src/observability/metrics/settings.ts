import { z } from "zod";
import { LONGEST_TIMER_MS } from "../../resilience/deadline";

/**
 * The metrics' tunables (wrangler.toml [vars]). Parsed once per env object: a bad
 * value fails loudly, naming the variable, instead of silently behaving like its default.
 */
const MetricsSettings = z.object({
  METRICS_ENABLED: z
    .enum(["true", "false", "1", "0"])
    .default("true")
    .transform((v) => v === "true" || v === "1"),
  /** How long an isolate keeps its counts before pushing them to its metrics shard. */
  METRICS_FLUSH_INTERVAL_MS: z.coerce.number().int().min(0).default(5_000),
  /** Metrics Durable Objects the isolates spread their flushes over; a scrape reads them all. */
  METRICS_SHARDS: z.coerce.number().int().min(1).max(256).default(8),
  /**
   * How long a flush waits for its shard. A queue batch is over only when its waitUntil work is
   * (locally the queue delivers nothing else until then), so a shard that does not answer must
   * not hold it. At most setTimeout's longest delay.
   */
  METRICS_FLUSH_TIMEOUT_MS: z.coerce.number().int().min(1).max(LONGEST_TIMER_MS).default(10_000),
});
export type MetricsSettings = z.infer<typeof MetricsSettings>;

export interface MetricsVars {
  METRICS_ENABLED?: string;
  METRICS_FLUSH_INTERVAL_MS?: string;
  METRICS_SHARDS?: string;
  METRICS_FLUSH_TIMEOUT_MS?: string;
}

// Per env object, like engineSettings (src/config/settings.ts): the recorder asks on every count site.
const parsed = new WeakMap<object, MetricsSettings>();

export function metricsSettings(env: MetricsVars): MetricsSettings {
  let settings = parsed.get(env);
  if (!settings) {
    settings = MetricsSettings.parse({
      METRICS_ENABLED: env.METRICS_ENABLED,
      METRICS_FLUSH_INTERVAL_MS: env.METRICS_FLUSH_INTERVAL_MS,
      METRICS_SHARDS: env.METRICS_SHARDS,
      METRICS_FLUSH_TIMEOUT_MS: env.METRICS_FLUSH_TIMEOUT_MS,
    });
    parsed.set(env, settings);
  }
  return settings;
}
