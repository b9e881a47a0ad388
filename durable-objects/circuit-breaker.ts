import { DurableObject } from "cloudflare:workers";
import { CLOSED, recordOutcome, requestPermit, type BreakerPolicy, type BreakerState, type Permit } from "../src/resilience/breaker-state";

const KEY = "breaker";

/**
 * One circuit breaker per provider (`idFromName("anthropic")`), shared by every agent: when the
 * provider is down, the first few failures open it for all of them at once, and only one probe
 * at a time tests whether it is back. Each call is synchronous over storage, so concurrent
 * callers see each other's effects in order.
 */
export class CircuitBreakerDO extends DurableObject<Env> {
  private state(): BreakerState {
    return this.ctx.storage.kv.get<BreakerState>(KEY) ?? CLOSED;
  }

  private save(state: BreakerState): void {
    this.ctx.storage.kv.put(KEY, state);
  }

  acquire(policy: BreakerPolicy): Permit {
    const { state, permit } = requestPermit(this.state(), policy, Date.now());
    this.save(state);
    return permit;
  }

  report(policy: BreakerPolicy, outcome: { success: boolean; error?: string }): BreakerState {
    const next = recordOutcome(this.state(), policy, outcome, Date.now());
    this.save(next);
    return next;
  }

  status(): BreakerState {
    return this.state();
  }

  /** Operator override: close the breaker now (after fixing a key, say). */
  reset(): BreakerState {
    this.save(CLOSED);
    return CLOSED;
  }
}
