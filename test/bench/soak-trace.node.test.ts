import { describe, expect, it } from "vitest";
import { makeTrace, sendOrder } from "../../bench/soak/trace";
import { throughputSeries } from "../../bench/soak/chart";

const opts = { seed: "s1", phase: "p1", agents: 50, events: 2_000, duplicateRate: 0.12, llmRate: 0.03 };

describe("the soak's trace", () => {
  it("is the same for the same seed, and different for another", () => {
    expect(makeTrace(opts)).toEqual(makeTrace(opts));
    expect(makeTrace({ ...opts, seed: "s2" }).map((t) => t.agent)).not.toEqual(makeTrace(opts).map((t) => t.agent));
  });

  it("sends every event once and its duplicates once more, at least a tenth of them", () => {
    const trace = makeTrace(opts);
    const sent = sendOrder(trace, 100).flat();
    const dupes = trace.filter((t) => t.duplicate).length;
    expect(dupes).toBeGreaterThanOrEqual(0.1 * trace.length);
    expect(sent).toHaveLength(trace.length + dupes);
    const counts = new Map<string, number>();
    for (const e of sent) counts.set(e.id, (counts.get(e.id) ?? 0) + 1);
    for (const t of trace) expect(counts.get(t.event.id)).toBe(t.duplicate ? 2 : 1);
    expect(Math.max(...sendOrder(trace, 100).map((b) => b.length))).toBeLessThanOrEqual(100);
  });

  it("mixes rule, model and unsubscribed events", () => {
    const kinds = new Set(makeTrace(opts).map((t) => t.kind));
    expect([...kinds].sort()).toEqual(["llm", "no-subscriber", "rule"]);
  });
});

describe("the soak's chart", () => {
  it("draws decisions per second between samples, restarting at each session", () => {
    const p = (t: number, decided: number, label = "a") => ({
      t,
      label,
      ingested: 0,
      wakes: 0,
      decided,
      dead: 0,
      inFlight: 0,
      breakerOpen: false,
      rssMb: 0,
    });
    expect(throughputSeries([p(0, 0), p(2, 100), p(4, 300), p(5, 10, "b")])).toEqual([0, 50, 100, 0]);
  });
});
