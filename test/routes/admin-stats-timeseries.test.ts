import { describe, expect, it } from "vitest";
import { type CostReport, type PipelineStats, StatsTimeseries } from "../../src/schemas/operator-views";
import { admin, call, customerMessage, defineAndSpawn, delivered, eventually, postEvent, supportDefinition, unique } from "../helpers";

const MINUTE = 60_000;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe("GET /v1/admin/stats/timeseries", () => {
  it("buckets events, wakes, decisions by tier and cost; the totals match /stats and /costs over the same window", async () => {
    const since = Date.now() - 5 * MINUTE;
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("ts")), [{ id: agent, customerId: customer }]);
    const answered = await postEvent(customerMessage(customer));
    const escalated = await postEvent(customerMessage(customer, { payload: { priority: "urgent" } }));
    await delivered(answered.id);
    await delivered(escalated.id);
    const until = since + 10 * MINUTE;

    // Decisions reach D1 by roll-up, after the wake: wait for both.
    const series = await eventually(async () => {
      const res = await admin(`/v1/admin/stats/timeseries?since=${since}&until=${until}&step=${MINUTE}`);
      expect(res.status).toBe(200);
      const body = StatsTimeseries.parse(await res.json());
      return sum(body.buckets.map((b) => b.decisions.rules)) >= 2 ? body : undefined;
    });
    expect(series).toMatchObject({ since, until, step: MINUTE });
    expect(series.buckets).toHaveLength(10);
    expect(series.buckets.map((b) => b.start)).toEqual(Array.from({ length: 10 }, (_, i) => since + i * MINUTE));
    // Ingested just now: in the sixth bucket (5 minutes after `since`), give or take a minute boundary.
    const busy = series.buckets.findIndex((b) => b.events > 0);
    expect(busy).toBeGreaterThanOrEqual(5);

    const stats = (await (await admin(`/v1/admin/stats?since=${since}&latency=false`)).json()) as PipelineStats;
    expect(sum(series.buckets.map((b) => b.events))).toBe(stats.events.total);
    expect(sum(series.buckets.map((b) => b.wakes))).toBe(stats.wakes.total);

    const costs = (await (await admin(`/v1/admin/costs?groupBy=agent&since=${since}`)).json()) as CostReport;
    for (const tier of ["rules", "learned", "cache", "semantic", "llm", "fallback"] as const)
      expect(sum(series.buckets.map((b) => b.decisions[tier]))).toBe(sum(costs.items.map((i) => i[tier])));
    expect(sum(series.buckets.map((b) => b.costUsd))).toBeCloseTo(sum(costs.items.map((i) => i.costUsd)), 9);
  });

  it("defaults to the last 24 hours by hour, with empty buckets", async () => {
    const before = Date.now();
    const body = StatsTimeseries.parse(await (await admin("/v1/admin/stats/timeseries")).json());
    expect(body.step).toBe(3_600_000);
    expect(body.until).toBeGreaterThanOrEqual(before);
    expect(body.until - body.since).toBe(86_400_000);
    expect(body.buckets).toHaveLength(24);
    expect(body.buckets[0]).toMatchObject({ start: body.since });
  });

  it("refuses too many buckets, an empty window and a bad value, naming the field", async () => {
    const tooMany = await admin(`/v1/admin/stats/timeseries?since=0&until=${1_000 * MINUTE}&step=${MINUTE}`);
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { field: "step" } });
    // The defaults (a day) at one-minute steps are too many as well.
    expect(await (await admin(`/v1/admin/stats/timeseries?step=${MINUTE}`)).json()).toMatchObject({ error: { field: "step" } });
    const backwards = await admin("/v1/admin/stats/timeseries?since=2000&until=1000");
    expect(backwards.status).toBe(400);
    expect(await backwards.json()).toMatchObject({ error: { field: "until" } });
    expect(await (await admin("/v1/admin/stats/timeseries?step=10")).json()).toMatchObject({ error: { field: "step" } });
  });

  it("wants the operator token", async () => {
    expect((await call("/v1/admin/stats/timeseries")).status).toBe(401);
    expect((await call("/v1/admin/stats/timeseries", { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
  });
});
