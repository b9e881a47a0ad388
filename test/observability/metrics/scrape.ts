import { expect } from "vitest";
import { admin, eventually } from "../../helpers";
import { parsePrometheus, total, type Exposition } from "./prometheus-text";

/** GET /metrics as an operator, parsed. */
export async function scrape(): Promise<Exposition> {
  const res = await admin("/metrics");
  expect(res.status).toBe(200);
  expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
  return parsePrometheus(await res.text());
}

/**
 * Waits until a metric's samples matching `labels` add up to `expected` (counts flushed by
 * another isolate, an agent's, reach the shards within METRICS_FLUSH_INTERVAL_MS), and returns it.
 */
export async function metricReaches(name: string, labels: Record<string, string>, expected: number, timeoutMs = 15_000): Promise<number> {
  let last = 0;
  try {
    return await eventually(async () => {
      last = total(await scrape(), name, labels);
      return last === expected ? last : undefined;
    }, timeoutMs);
  } catch {
    return last; // the caller's expectation shows what it was
  }
}
