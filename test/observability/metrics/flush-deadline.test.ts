import { createExecutionContext, createMessageBatch, runInDurableObject, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../../src/index";
import { metrics } from "../../../src/observability/metrics/recorder";
import { metricsSettings } from "../../../src/observability/metrics/settings";
import { pendingEventStatements, stampEvent } from "../../../src/wake/ingest";
import { customerMessage, env, eventually, unique } from "../../helpers";
import { metricReaches } from "./scrape";

const HOLD_MS = 8_000;

/**
 * Keeps every metrics shard from answering for `ms` (each one's input held, as a stuck object's
 * would be); resolves once all are held, with a promise of their release. The objects run in this
 * isolate, so the callbacks can say when they started.
 */
async function holdShards(ms: number): Promise<{ released: Promise<unknown> }> {
  const shards = metricsSettings(env).METRICS_SHARDS;
  let held = 0;
  const released = Promise.all(
    Array.from({ length: shards }, (_, n) =>
      runInDurableObject(env.METRICS.get(env.METRICS.idFromName(`shard:${n}`)), (_instance, state) => {
        held++;
        return state.blockConcurrencyWhile(() => new Promise((resolve) => setTimeout(resolve, ms)));
      }),
    ),
  );
  await eventually(async () => (held === shards ? true : undefined));
  return { released };
}

describe("a queue batch's metrics flush", () => {
  it("does not hold the batch past METRICS_FLUSH_TIMEOUT_MS when its shard does not answer, and its counts still arrive once", async () => {
    const customer = unique("cust");
    const event = stampEvent(customerMessage(unique("nobody")), Date.now());
    await env.DB.batch(pendingEventStatements(env.DB, [event]));
    metrics(env).count("eventsIngested", { source: "api", customer }, 3);
    const { released } = await holdShards(HOLD_MS);

    // The batch (one event nobody subscribes to) is over when the runtime reports it, waitUntil
    // work included: locally the queue delivers nothing else until then.
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event, to: [] }] } },
    ]);
    const ctx = createExecutionContext();
    const started = Date.now();
    await worker.queue(batch, { ...env, METRICS_FLUSH_TIMEOUT_MS: "500" }, ctx);
    await waitOnExecutionContext(ctx);
    expect(Date.now() - started).toBeLessThan(HOLD_MS / 2);

    await released;
    // The shard takes the late write once it answers: counted once, neither lost nor doubled.
    expect(await metricReaches("waooaw_events_ingested_total", { customer }, 3, 20_000)).toBe(3);
  }, 40_000);
});
