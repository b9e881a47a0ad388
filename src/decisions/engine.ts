import type { DecisionAction, Rule } from "../schemas/identity";
import type { DecisionTierName } from "../schemas/decision";
import { firstMatchingRule } from "./rules";
import type { Situation } from "./situation";

/** What a tier answers. Tiers that cannot answer return `undefined` and the next one is asked. */
export interface TierAnswer {
  action: DecisionAction;
  reason: string;
  ruleId?: string;
  delegateTo?: string;
  note?: string;
}

/**
 * One tier of the decision pipeline. The Foundation ships the rules tier; the cache and LLM
 * tiers (with budgets and the circuit breaker) plug in here without touching the agent.
 */
export interface DecisionTier {
  readonly name: Exclude<DecisionTierName, "fallback">;
  decide(situation: Situation): TierAnswer | undefined | Promise<TierAnswer | undefined>;
}

export interface EngineAnswer extends TierAnswer {
  tier: DecisionTierName;
  latencyMs: number;
}

/** Deterministic rules from the agent's specialization; first match wins. */
export class RulesTier implements DecisionTier {
  readonly name = "rules" as const;
  constructor(private readonly rules: readonly Rule[]) {}

  decide(situation: Situation): TierAnswer | undefined {
    const rule = firstMatchingRule(this.rules, situation);
    if (!rule) return undefined;
    return {
      action: rule.then.action,
      reason: rule.then.reason,
      ruleId: rule.id,
      delegateTo: rule.then.delegateTo,
      note: rule.then.note,
    };
  }
}

const FALLBACK: TierAnswer = {
  action: "escalate",
  reason: "needs_human: no rule matched and no cache or LLM tier is enabled",
};

/** Asks each tier in order and stops at the first answer; escalates when none answers. */
export class DecisionEngine {
  constructor(private readonly tiers: readonly DecisionTier[]) {}

  /**
   * Synchronous when every tier it asks answers synchronously (rules, a local cache), so the
   * agent can record the decision without yielding; a Promise as soon as a tier awaits.
   */
  decide(situation: Situation): EngineAnswer | Promise<EngineAnswer> {
    const started = performance.now();
    for (const [i, tier] of this.tiers.entries()) {
      const answer = tier.decide(situation);
      if (answer instanceof Promise) return this.continueAsync(answer, i, situation, started);
      if (answer) return { ...answer, tier: tier.name, latencyMs: performance.now() - started };
    }
    return { ...FALLBACK, tier: "fallback", latencyMs: performance.now() - started };
  }

  private async continueAsync(pending: Promise<TierAnswer | undefined>, index: number, situation: Situation, started: number): Promise<EngineAnswer> {
    const first = await pending;
    const firstTier = this.tiers[index];
    if (first && firstTier) return { ...first, tier: firstTier.name, latencyMs: performance.now() - started };
    for (const tier of this.tiers.slice(index + 1)) {
      const answer = await tier.decide(situation);
      if (answer) return { ...answer, tier: tier.name, latencyMs: performance.now() - started };
    }
    return { ...FALLBACK, tier: "fallback", latencyMs: performance.now() - started };
  }
}
