import { describe, expect, it } from "vitest";
import { MetricsRegistry } from "../../../src/observability/metrics/registry";
import { mergeSeries } from "../../../src/observability/metrics/series";
import { METRICS } from "../../../src/observability/metrics/catalogue";
import { dataPoints } from "../../../src/observability/metrics/analytics";

const who = { agent: "a1", coe: "support", customer: "c1" };

describe("the in-isolate registry", () => {
  it("sums counters by labels and keeps different label sets apart", () => {
    const r = new MetricsRegistry();
    r.count("decisions", { ...who, tier: "rules" });
    r.count("decisions", { ...who, tier: "rules" }, 2);
    r.count("decisions", { ...who, tier: "llm" });
    r.count("decisions", { ...who, tier: "llm" }, 0); // nothing: counters only go up
    r.count("cost", who, -1);
    const drained = r.drain();
    expect(drained).toHaveLength(2);
    expect(drained.find((s) => s.labels[3] === "rules")?.value).toBe(3);
    expect(drained.find((s) => s.labels[3] === "llm")?.value).toBe(1);
    expect(r.size).toBe(0);
  });

  it("puts histogram observations in their fixed buckets with sum and count", () => {
    const r = new MetricsRegistry();
    r.observe("decisionLatency", { ...who, tier: "rules" }, 0.0005);
    r.observe("decisionLatency", { ...who, tier: "rules" }, 0.3);
    r.observe("decisionLatency", { ...who, tier: "rules" }, 99);
    const [s] = r.drain();
    const bounds = METRICS.decisionLatency.buckets;
    expect(s?.counts).toHaveLength(bounds.length + 1);
    expect(s?.counts?.[0]).toBe(1); // ≤ 1 ms
    expect(s?.counts?.[bounds.indexOf(0.5)]).toBe(1); // 0.3 s falls in ≤ 0.5
    expect(s?.counts?.[bounds.length]).toBe(1); // +Inf
    expect(s?.value).toBe(3);
    expect(s?.sum).toBeCloseTo(99.3005);
  });

  it("restores deltas a flush could not hand over, adding to what came meanwhile", () => {
    const r = new MetricsRegistry();
    r.count("eventsIngested", { source: "api", customer: "" }, 2);
    const lost = r.drain();
    r.count("eventsIngested", { source: "api", customer: "" });
    r.restore(lost);
    expect(r.drain()[0]?.value).toBe(3);
  });

  it("merges shards' totals series by series", () => {
    const a = new MetricsRegistry();
    const b = new MetricsRegistry();
    a.count("wakes", { ...who, outcome: "decided" }, 2);
    b.count("wakes", { ...who, outcome: "decided" }, 5);
    a.observe("queueLag", who, 0.2);
    b.observe("queueLag", who, 0.2);
    const merged = mergeSeries([a.drain(), b.drain()]);
    expect(merged.find((s) => s.name === METRICS.wakes.name)?.value).toBe(7);
    const lag = merged.find((s) => s.name === METRICS.queueLag.name);
    expect(lag?.value).toBe(2);
    expect(lag?.counts?.reduce((x, y) => x + y, 0)).toBe(2);
  });

  it("turns deltas into Analytics Engine data points: metric, agent, CoE, customer, the rest", () => {
    const r = new MetricsRegistry();
    r.count("decisions", { ...who, tier: "cache" }, 4);
    r.count("outputsPosted", { channel: "github", kind: "issue", customer: "c1", outcome: "posted" });
    const points = dataPoints(r.drain());
    expect(points).toContainEqual({
      indexes: ["waooaw_decisions_total"],
      blobs: ["waooaw_decisions_total", "a1", "support", "c1", "cache"],
      doubles: [4, 0],
    });
    expect(points).toContainEqual({
      indexes: ["waooaw_outputs_posted_total"],
      blobs: ["waooaw_outputs_posted_total", "", "", "c1", "github/issue/posted"],
      doubles: [1, 0],
    });
  });
});
