import { describe, expect, it } from "vitest";
import { CLOSED, recordOutcome, requestPermit, type BreakerState } from "../../src/resilience/breaker-state";

const policy = { failureThreshold: 3, cooldownMs: 1_000, probeLeaseMs: 500 };
const fail = (s: BreakerState, at: number) => recordOutcome(s, policy, { success: false, error: "529 overloaded" }, at);

describe("circuit breaker state machine", () => {
  it("opens after the configured consecutive failures and fails fast until the cooldown ends", () => {
    let s = fail(fail(CLOSED, 0), 1);
    expect(s.phase).toBe("closed");
    expect(requestPermit(s, policy, 2).permit).toEqual({ allowed: true, probe: false });
    s = fail(s, 2);
    expect(s).toMatchObject({ phase: "open", openedAt: 2, lastError: "529 overloaded" });
    expect(requestPermit(s, policy, 500).permit).toEqual({ allowed: false, retryAt: 1_002, phase: "open" });
  });

  it("a success in between resets the count", () => {
    const s = fail(recordOutcome(fail(fail(CLOSED, 0), 1), policy, { success: true }, 2), 3);
    expect(s).toMatchObject({ phase: "closed", consecutiveFailures: 1 });
  });

  it("lets exactly one probe through when half-open; its success closes, its failure reopens", () => {
    const open = fail(fail(fail(CLOSED, 0), 0), 0);
    const first = requestPermit(open, policy, 1_000);
    expect(first.permit).toEqual({ allowed: true, probe: true });
    expect(first.state.phase).toBe("half_open");
    const second = requestPermit(first.state, policy, 1_001);
    expect(second.permit).toMatchObject({ allowed: false, phase: "half_open" });

    expect(recordOutcome(first.state, policy, { success: true }, 1_002)).toEqual(CLOSED);
    const reopened = fail(first.state, 1_002);
    expect(reopened).toMatchObject({ phase: "open", openedAt: 1_002 });
    expect(requestPermit(reopened, policy, 1_500).permit.allowed).toBe(false);
  });

  it("grants a new probe when the previous prober never reported", () => {
    const halfOpen = requestPermit(fail(fail(fail(CLOSED, 0), 0), 0), policy, 1_000).state;
    expect(requestPermit(halfOpen, policy, 1_499).permit.allowed).toBe(false);
    expect(requestPermit(halfOpen, policy, 1_500).permit).toEqual({ allowed: true, probe: true });
  });

  it("a late success does not close an open breaker", () => {
    const open = fail(fail(fail(CLOSED, 0), 0), 0);
    expect(recordOutcome(open, policy, { success: true }, 10).phase).toBe("open");
  });
});
