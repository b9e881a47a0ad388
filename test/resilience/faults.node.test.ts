import { describe, expect, it, vi } from "vitest";
import { faultPlan, faultStatus, fires, firstFailure, InjectedFault } from "../../src/resilience/faults";

describe("FAULTS", () => {
  it("is off, at no cost, when unset or empty", () => {
    expect(faultStatus({})).toBeNull();
    expect(faultPlan({ FAULTS: "  " })).toBeNull();
    expect(fires(null, "lostAck", "m1")).toBe(false);
  });

  it("parses a plan once and reports it; an invalid one is logged once and injects nothing", () => {
    const plan = faultPlan({ FAULTS: '{"seed":"s","lostAck":0.5}' });
    expect(plan).toEqual({ seed: "s", lostAck: 0.5 });
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const bad = { FAULTS: '{"lostAk":0.5}' };
    expect(faultStatus(bad)).toBe("invalid");
    expect(faultStatus(bad)).toBe("invalid");
    expect(faultPlan(bad)).toBeNull();
    expect(faultStatus({ FAULTS: '{"lostAck":2}' })).toBe("invalid");
    expect(faultStatus({ FAULTS: "not json" })).toBe("invalid");
    expect(log.mock.calls.map((c) => String(c[0]).slice(0, 15))).toEqual(["FAULTS invalid:", "FAULTS invalid:", "FAULTS invalid:"]);
    log.mockRestore();
  });

  it("decides each fault from (seed, fault, key) alone, at about its fraction, whatever the keys look like", () => {
    const plan = { seed: "soak-1", lostAck: 0.1, abortMidWake: 1 };
    const keys = Array.from({ length: 20_000 }, (_, i) => `evt_0mx7hx54a942e5b656f6810${i}:agent-${i % 7}`);
    const hits = keys.filter((k) => fires(plan, "lostAck", k));
    expect(hits.length / keys.length).toBeGreaterThan(0.09);
    expect(hits.length / keys.length).toBeLessThan(0.11);
    expect(keys.filter((k) => fires(plan, "lostAck", k))).toEqual(hits); // reproducible
    expect(keys.filter((k) => fires({ ...plan, seed: "soak-2" }, "lostAck", k))).not.toEqual(hits);
    expect(keys.every((k) => fires(plan, "abortMidWake", k))).toBe(true);
    expect(keys.some((k) => fires(plan, "batchThrow", k))).toBe(false);
  });

  it("fails a key once per isolate when its retries carry no attempt count", () => {
    const plan = { seed: "s", rollupD1Error: 1 };
    expect(() => firstFailure(plan, "rollupD1Error", "k")).toThrow(InjectedFault);
    expect(() => firstFailure(plan, "rollupD1Error", "k")).not.toThrow();
  });
});
