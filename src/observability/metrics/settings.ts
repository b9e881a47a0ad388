import { z } from "zod";

/**
 * The metrics' tunables (wrangler.toml [vars]). Parsed once per distinct set of values: a bad
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
});
export type MetricsSettings = z.infer<typeof MetricsSettings>;

export interface MetricsVars {
  METRICS_ENABLED?: string;
  METRICS_FLUSH_INTERVAL_MS?: string;
  METRICS_SHARDS?: string;
}

let cached: { key: string; settings: MetricsSettings } | undefined;

export function metricsSettings(env: MetricsVars): MetricsSettings {
  const raw = {
    METRICS_ENABLED: env.METRICS_ENABLED,
    METRICS_FLUSH_INTERVAL_MS: env.METRICS_FLUSH_INTERVAL_MS,
    METRICS_SHARDS: env.METRICS_SHARDS,
  };
  const key = JSON.stringify(raw);
  if (cached?.key !== key) cached = { key, settings: MetricsSettings.parse(raw) };
  return cached.settings;
}
