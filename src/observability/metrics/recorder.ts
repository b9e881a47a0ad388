import { errorText } from "../../errors";
import { DeadlineExceeded, withDeadline } from "../../resilience/deadline";
import type { LabelsOf, MetricKey } from "./catalogue";
import { MetricsRegistry } from "./registry";
import type { Series } from "./series";
import { metricsSettings } from "./settings";
import { writeDataPoints } from "./analytics";

/** What recording code calls: count and observe, which do nothing when metrics are off. */
export interface Recorder {
  count<K extends MetricKey>(metric: K, labels: LabelsOf<K>, by?: number): void;
  observe<K extends MetricKey>(metric: K, labels: LabelsOf<K>, value: number): void;
}

const OFF: Recorder = { count() {}, observe() {} };

// This isolate's counts since its last flush; each isolate sees only its own, so flushes push
// them to a metrics shard and a scrape sums the shards.
const registry = new MetricsRegistry();
let lastFlushAt = 0;
let flushScheduled = false;
// The shard this isolate writes to, picked on its first flush (randomness is not allowed at
// global scope); isolates spread over the shards, each shard sees few writers.
let shard: number | undefined;

/** The recorder for this env: the isolate's registry, or nothing when METRICS_ENABLED is false. */
export function metrics(env: Env): Recorder {
  return metricsSettings(env).METRICS_ENABLED ? registry : OFF;
}

function shardStub(env: Env, n: number) {
  return env.METRICS.get(env.METRICS.idFromName(`shard:${n}`));
}

/**
 * Pushes this isolate's deltas to its shard (and to Analytics Engine when bound). Never throws:
 * counts a shard refused go back into the registry for the next flush. A shard that has not
 * answered within METRICS_FLUSH_TIMEOUT_MS is no longer waited for, and the isolate moves to the
 * next shard; its counts are not put back, because the write may still land (a held object takes
 * it when it is free again) and would then be counted twice: lost if it never does.
 */
export async function flushMetrics(env: Env): Promise<void> {
  lastFlushAt = Date.now();
  if (registry.size === 0) return;
  const deltas = registry.drain();
  const { METRICS_SHARDS, METRICS_FLUSH_TIMEOUT_MS } = metricsSettings(env);
  shard ??= Math.floor(Math.random() * METRICS_SHARDS);
  try {
    await withDeadline(shardStub(env, shard % METRICS_SHARDS).add(deltas), METRICS_FLUSH_TIMEOUT_MS, "metrics shard");
  } catch (error) {
    if (error instanceof DeadlineExceeded) {
      // The next flush goes to another shard rather than queueing behind this one.
      shard += 1;
      console.warn(
        "metrics flush not answered in time: its counts arrive if the shard takes them late, else they are lost",
        errorText(error),
      );
      return;
    }
    registry.restore(deltas);
    console.warn("metrics flush failed; keeping the counts for the next one", errorText(error));
    return;
  }
  writeDataPoints(env.ANALYTICS, deltas);
}

/**
 * At the end of a request or an agent's alarm: flushes when METRICS_FLUSH_INTERVAL_MS has passed
 * since the last flush, else once it has (a delayed flush kept alive by `waitUntil`), so counts
 * reach a shard within the interval without a shard write per request.
 */
export function flushSoon(env: Env, waitUntil: (promise: Promise<unknown>) => void): void {
  if (registry.size === 0 || flushScheduled) return;
  const { METRICS_FLUSH_INTERVAL_MS, METRICS_ENABLED } = metricsSettings(env);
  if (!METRICS_ENABLED) return;
  const wait = lastFlushAt + METRICS_FLUSH_INTERVAL_MS - Date.now();
  if (wait <= 0) {
    waitUntil(flushMetrics(env));
    return;
  }
  flushScheduled = true;
  waitUntil(
    new Promise((resolve) => setTimeout(resolve, wait)).then(async () => {
      flushScheduled = false;
      await flushMetrics(env);
    }),
  );
}

/** Every shard's totals, summed per series. */
export async function readShards(env: Env): Promise<Series[][]> {
  const { METRICS_SHARDS } = metricsSettings(env);
  return Promise.all(Array.from({ length: METRICS_SHARDS }, (_, n) => shardStub(env, n).totals()));
}
