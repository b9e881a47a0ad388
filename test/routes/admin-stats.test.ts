import { describe, expect, it } from "vitest";
import { admin, customerMessage, defineAndSpawn, delivered, postEvent, supportDefinition, unique } from "../helpers";

interface Stats {
  events: { total: number; byStatus: Record<string, number> };
  wakes: { total: number; byOutcome: Record<string, number> };
  latencyMs: { count: number; p50: number | null; p99: number | null };
}

describe("GET /v1/admin/stats", () => {
  it("reports statuses, outcomes and ingest-to-decision latency since a moment", async () => {
    const since = Date.now();
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("stats")), [{ id: unique("agent"), customerId: customer }]);
    const { id } = await postEvent(customerMessage(customer));
    await delivered(id);

    const res = await admin(`/v1/admin/stats?since=${since}`);
    expect(res.status).toBe(200);
    const stats = (await res.json()) as Stats;
    expect(stats.events.byStatus["delivered"]).toBeGreaterThanOrEqual(1);
    expect(stats.wakes.byOutcome["decided"]).toBeGreaterThanOrEqual(1);
    expect(stats.latencyMs.p50).toEqual(expect.any(Number));
    expect(stats.latencyMs.p99).toBeGreaterThanOrEqual(stats.latencyMs.p50 ?? 0);

    const cheap = (await (await admin(`/v1/admin/stats?since=${since}&latency=false`)).json()) as Stats;
    expect(cheap.wakes.total).toBe(stats.wakes.total);
    expect(cheap.latencyMs).toMatchObject({ p50: null, p99: null });
  });

  it("rejects a bad query, naming the field", async () => {
    const res = await admin("/v1/admin/stats?since=yesterday");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "since" } });
    expect((await admin("/v1/admin/stats?latency=maybe")).status).toBe(400);
  });
});
