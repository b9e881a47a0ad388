import { describe, expect, it } from "vitest";
import { MetricsRegistry } from "../../../src/observability/metrics/registry";
import { METRICS } from "../../../src/observability/metrics/catalogue";
import { renderPrometheus } from "../../../src/observability/metrics/render";
import { parsePrometheus, total } from "./prometheus-text";

describe("the Prometheus text renderer", () => {
  it("prints HELP and TYPE for every metric of the catalogue", () => {
    const parsed = parsePrometheus(renderPrometheus([]));
    for (const def of Object.values(METRICS)) {
      expect(parsed.type.get(def.name), def.name).toBe(def.type);
      expect(parsed.help.get(def.name)).toBe(def.help);
    }
    expect(parsed.samples).toEqual([]);
  });

  it("renders counters with their labels, and histograms as cumulative buckets, _sum and _count", () => {
    const r = new MetricsRegistry();
    const who = { agent: "a1", coe: "support", customer: "c1" };
    r.count("decisions", { ...who, tier: "rules" }, 3);
    r.observe("decisionLatency", { ...who, tier: "rules" }, 0.002);
    r.observe("decisionLatency", { ...who, tier: "rules" }, 0.002);
    r.observe("decisionLatency", { ...who, tier: "rules" }, 20);
    const text = renderPrometheus(r.drain());
    expect(text).toContain('waooaw_decisions_total{agent="a1",coe="support",customer="c1",tier="rules"} 3\n');
    const parsed = parsePrometheus(text);
    const bucket = (le: string) =>
      parsed.samples.find((s) => s.name === "waooaw_decision_latency_seconds_bucket" && s.labels["le"] === le)?.value;
    expect(bucket("0.001")).toBe(0);
    expect(bucket("0.005")).toBe(2);
    expect(bucket("10")).toBe(2);
    expect(bucket("+Inf")).toBe(3);
    expect(total(parsed, "waooaw_decision_latency_seconds_count")).toBe(3);
    expect(total(parsed, "waooaw_decision_latency_seconds_sum")).toBeCloseTo(20.004);
    // Buckets never decrease.
    const les = parsed.samples.filter((s) => s.name.endsWith("_bucket")).map((s) => s.value);
    expect([...les].sort((a, b) => a - b)).toEqual(les);
  });

  it("escapes backslashes, quotes and line feeds in label values", () => {
    const r = new MetricsRegistry();
    const nasty = 'cu"st\\o\nmer';
    r.count("eventsIngested", { source: "api", customer: nasty });
    const text = renderPrometheus(r.drain());
    expect(text).toContain('customer="cu\\"st\\\\o\\nmer"');
    expect(parsePrometheus(text).samples[0]?.labels["customer"]).toBe(nasty);
  });
});
