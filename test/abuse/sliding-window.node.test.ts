import { describe, expect, it } from "vitest";
import { EXACT_LIMITS, exactLimit, parseLimit } from "../../src/abuse/limits";
import { decideHit } from "../../src/abuse/sliding-window";

describe("the sliding window", () => {
  const limit = { limit: 3, windowMs: 1000 };

  it("allows `limit` hits in any window and says when the next one fits", () => {
    let hits: number[] = [];
    for (const at of [0, 100, 200]) {
      const d = decideHit(hits, at, limit);
      expect(d.allowed).toBe(true);
      hits = d.keep;
    }
    const refused = decideHit(hits, 500, limit);
    expect(refused).toEqual({ allowed: false, retryAfterMs: 500, keep: [0, 100, 200] });
    // At 1000 the first hit has left the window (it is (now − window, now]).
    expect(decideHit(hits, 1000, limit)).toEqual({ allowed: true, keep: [100, 200, 1000] });
  });

  it("has no burst at a window's edge, unlike fixed windows", () => {
    const hits = [900, 950, 990];
    expect(decideHit(hits, 1100, limit).allowed).toBe(false);
  });
});

describe("limit variables", () => {
  it("read <count>/<seconds>", () => {
    expect(parseLimit("5/3600")).toEqual({ limit: 5, windowMs: 3_600_000 });
    expect(parseLimit(" 2 / 0.5 ")).toEqual({ limit: 2, windowMs: 500 });
    for (const bad of ["", "5", "0/60", "5/0", "-1/60", "five/60"]) expect(parseLimit(bad), bad).toBeUndefined();
  });

  it("fall back to sane defaults when unset or malformed", () => {
    expect(exactLimit({}, "signup")).toEqual({ limit: 5, windowMs: 3_600_000 });
    expect(exactLimit({ RATE_LIMIT_TRIALS_PER_CUSTOMER: "nonsense" }, "trial")).toEqual({ limit: 5, windowMs: 86_400_000 });
    for (const name of Object.keys(EXACT_LIMITS) as (keyof typeof EXACT_LIMITS)[]) expect(exactLimit({}, name).limit).toBeGreaterThan(0);
  });
});
