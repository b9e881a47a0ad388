import type { EngineSettings } from "../config/settings";
import type { BreakerPolicy } from "./breaker-state";

/** The breaker policy from settings; the probe lease covers one call with all its retries. */
export function breakerPolicy(settings: EngineSettings): BreakerPolicy {
  return {
    failureThreshold: settings.BREAKER_FAILURE_THRESHOLD,
    cooldownMs: settings.BREAKER_COOLDOWN_MS,
    probeLeaseMs: settings.LLM_DEADLINE_MS + 5_000,
  };
}

/** The breaker shared by every agent calling one provider. */
export function providerBreaker(env: Env, provider: string) {
  return env.CIRCUIT_BREAKER.get(env.CIRCUIT_BREAKER.idFromName(provider));
}
