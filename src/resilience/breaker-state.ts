/**
 * A circuit breaker as a pure state machine, so the Durable Object that shares it between all
 * agents only stores it. Closed: calls flow and consecutive failures are counted. Open: calls
 * fail fast until the cooldown ends. Half-open: exactly one caller gets to probe; its success
 * closes the breaker, its failure opens it again. A probe that never reports (its caller died)
 * expires after `probeLeaseMs` and another caller may probe.
 */
export type BreakerPhase = "closed" | "open" | "half_open";

export interface BreakerState {
  phase: BreakerPhase;
  consecutiveFailures: number;
  openedAt: number | null;
  /** While half-open: when the current probe's lease runs out. */
  probeUntil: number | null;
  lastError: string | null;
}

export interface BreakerPolicy {
  failureThreshold: number;
  cooldownMs: number;
  probeLeaseMs: number;
}

export type Permit = { allowed: true; probe: boolean } | { allowed: false; retryAt: number; phase: BreakerPhase };

export const CLOSED: BreakerState = { phase: "closed", consecutiveFailures: 0, openedAt: null, probeUntil: null, lastError: null };

export function requestPermit(state: BreakerState, policy: BreakerPolicy, now: number): { state: BreakerState; permit: Permit } {
  if (state.phase === "closed") return { state, permit: { allowed: true, probe: false } };
  if (state.phase === "open") {
    const reopensAt = (state.openedAt ?? now) + policy.cooldownMs;
    if (now < reopensAt) return { state, permit: { allowed: false, retryAt: reopensAt, phase: "open" } };
    return { state: { ...state, phase: "half_open", probeUntil: now + policy.probeLeaseMs }, permit: { allowed: true, probe: true } };
  }
  if (state.probeUntil !== null && now < state.probeUntil) {
    return { state, permit: { allowed: false, retryAt: state.probeUntil, phase: "half_open" } };
  }
  return { state: { ...state, probeUntil: now + policy.probeLeaseMs }, permit: { allowed: true, probe: true } };
}

export function recordOutcome(
  state: BreakerState,
  policy: BreakerPolicy,
  outcome: { success: boolean; error?: string },
  now: number,
): BreakerState {
  if (outcome.success) {
    // Any success proves the provider answers; a late success from before the breaker opened
    // does not close an open breaker, only a probe (half-open) or normal traffic does.
    return state.phase === "open" ? state : CLOSED;
  }
  const lastError = outcome.error ?? "failure";
  if (state.phase === "half_open")
    return { phase: "open", consecutiveFailures: state.consecutiveFailures + 1, openedAt: now, probeUntil: null, lastError };
  if (state.phase === "open") return { ...state, lastError };
  const consecutiveFailures = state.consecutiveFailures + 1;
  if (consecutiveFailures >= policy.failureThreshold)
    return { phase: "open", consecutiveFailures, openedAt: now, probeUntil: null, lastError };
  return { ...state, consecutiveFailures, lastError };
}
