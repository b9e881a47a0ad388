import type { DecisionAction, Rule } from "../schemas/identity";
import type { DecisionContextUse, DecisionTierName, Publication } from "../schemas/decision";
import type { SkillRunner } from "../skills/skill";
import { conditionOn, firstMatchingRule } from "./rules";
import { readPath, type Situation } from "./situation";

/** What an LLM call cost, recorded with the decision (also when the tier could not decide). */
export interface LlmUsage {
  model: string;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** What a tier answers. Tiers that cannot answer return `undefined` and the next one is asked. */
export interface TierAnswer {
  action: DecisionAction;
  reason: string;
  ruleId?: string;
  delegateTo?: string;
  handoff?: { type: "handoff" | "request"; kind?: string };
  note?: string;
  /** The deliverable, when the tier produced one (the LLM on customer work). */
  output?: string;
  /** What the deliverable's skill asked to publish (see {@link Publication}). */
  publications?: Publication[];
  usage?: LlmUsage;
  /** What an LLM decision's prompt held (tokens, budget, sections, memories): src/decisions/context. */
  context?: DecisionContextUse;
  /** The prompt variant the LLM was asked with (A/B tests). */
  promptVariant?: string;
  /**
   * The tier could not really decide (no credentials, over budget, provider down, invalid
   * output) and escalates on its own behalf; recorded as tier `fallback`, never cached.
   */
  declined?: boolean;
}

/** The decision being made: its id is known up front so a cached answer can point back to it. */
export interface DecisionContext {
  decisionId: string;
}

/**
 * One tier of the decision pipeline: rules, cache, LLM. A tier that can learn (the cache) is
 * told about every answer a later tier gave, so the next identical situation stops earlier.
 */
export interface DecisionTier {
  readonly name: Exclude<DecisionTierName, "fallback">;
  decide(situation: Situation, decision: DecisionContext): TierAnswer | undefined | Promise<TierAnswer | undefined>;
  /**
   * What the tier can answer with no I/O at all (rules; a hit in the agent's own cache; the
   * LLM tier's refusal when no model is configured). Tiers without it are asked only by
   * {@link DecisionEngine.decide}.
   */
  decideLocally?(situation: Situation, decision: DecisionContext): TierAnswer | undefined;
  learn?(situation: Situation, answer: TierAnswer, decision: DecisionContext): void | Promise<void>;
  /** A later tier was asked but there is nothing to learn (it declined, failed or none answered). */
  abandon?(situation: Situation): void | Promise<void>;
}

export interface EngineAnswer extends TierAnswer {
  tier: DecisionTierName;
  latencyMs: number;
  /** `hit`/`miss` when a cache tier was asked, null when an earlier tier answered first. */
  cache: "hit" | "miss" | null;
}

/** Where a rule's skill reads its input when the rule does not say. */
export const DEFAULT_SKILL_INPUT = "payload.inputs";

/**
 * Deterministic rules from the agent's specialization; first match wins. A rule that names a
 * skill runs it (synchronously, no I/O) and its rendered output is the deliverable; a skill that
 * cannot work on the input escalates with the skill's error code, so the customer sees why.
 */
export class RulesTier implements DecisionTier {
  readonly name = "rules" as const;
  constructor(
    private readonly rules: readonly Rule[],
    private readonly skills: SkillRunner,
  ) {}

  decideLocally(situation: Situation): TierAnswer | undefined {
    return this.decide(situation);
  }

  decide(situation: Situation): TierAnswer | undefined {
    const rule = firstMatchingRule(this.rules, situation);
    if (!rule) return undefined;
    const { then } = rule;
    const answer: TierAnswer = { action: then.action, reason: then.reason, ruleId: rule.id, note: then.note };
    if (then.action === "delegate") {
      answer.delegateTo = then.delegateTo;
      answer.handoff = { type: then.handoff?.type ?? "handoff", ...(then.handoff?.kind ? { kind: then.handoff.kind } : {}) };
    }
    const { skill } = then;
    if (!skill) return answer;
    const outcome = this.skills.run(skill, readPath(situation, then.input ?? DEFAULT_SKILL_INPUT));
    if (!outcome.ok) return { action: "escalate", reason: `${outcome.error.code}: ${skill}: ${outcome.error.message}`, ruleId: rule.id };
    if (then.action === "delegate" && then.delegateWhen && !then.delegateWhen.every((c) => conditionOn({ output: outcome.output }, c))) {
      // The skill's result says the work stays here (an unqualified lead): the rule acts instead.
      return {
        action: "act",
        reason: `${then.reason}; kept, not handed to ${then.delegateTo}: the ${skill} result does not call for it`,
        ruleId: rule.id,
        output: outcome.deliverable,
        ...published(outcome.publications),
        note: then.note,
      };
    }
    return { ...answer, output: outcome.deliverable, ...published(outcome.publications) };
  }
}

/** A skill's publications as a field of the answer, left out when there are none. */
function published(publications: Publication[]): Pick<TierAnswer, "publications"> {
  return publications.length ? { publications } : {};
}

const FALLBACK: TierAnswer = {
  action: "escalate",
  reason: "needs_human: no rule matched, nothing cached and no LLM tier is enabled",
  declined: true,
};

/** Asks each tier in order, stops at the first answer and escalates when none answers. */
export class DecisionEngine {
  /**
   * @param defer runs what a tier learns after the decision is recorded (the agent passes its
   *   `ctx.waitUntil`), so sharing an answer with sibling agents is off the critical path.
   */
  constructor(
    private readonly tiers: readonly DecisionTier[],
    private readonly defer?: (work: Promise<unknown>) => void,
  ) {}

  /**
   * Synchronous when every tier it asks answers synchronously (rules, a local cache hit), so
   * the agent records the decision without yielding; a Promise as soon as a tier awaits.
   */
  decide(situation: Situation, decision: DecisionContext): EngineAnswer | Promise<EngineAnswer> {
    const started = performance.now();
    for (const [i, tier] of this.tiers.entries()) {
      const answer = tier.decide(situation, decision);
      if (answer instanceof Promise) return this.continueAsync(answer, i, situation, decision, started);
      if (answer) return this.finish(answer, i, started);
    }
    return this.finish(FALLBACK, this.tiers.length, started);
  }

  /**
   * The answer if one can be had with no I/O: each tier's local part, in order; `undefined`
   * when a tier would have to wait (the shared cache, the model). The agent then decides
   * later, off the queue's critical path, with {@link decide}.
   */
  decideNow(situation: Situation, decision: DecisionContext): EngineAnswer | undefined {
    const started = performance.now();
    for (const [i, tier] of this.tiers.entries()) {
      const answer = tier.decideLocally?.(situation, decision);
      if (answer) return this.finish(answer, i, started);
    }
    return this.tiers.length === 0 ? this.finish(FALLBACK, 0, started) : undefined;
  }

  private async continueAsync(
    pending: Promise<TierAnswer | undefined>,
    index: number,
    situation: Situation,
    decision: DecisionContext,
    started: number,
  ): Promise<EngineAnswer> {
    let answer: TierAnswer | undefined;
    let at = index;
    try {
      answer = await pending;
      while (!answer && ++at < this.tiers.length) answer = await this.tiers[at]?.decide(situation, decision);
    } catch (error) {
      await this.abandon(this.tiers.slice(0, at), situation);
      throw error;
    }
    if (!answer || answer.declined) {
      // Nothing worth learning: earlier tiers holding something for this situation (the cache's
      // lease, so other agents wait for this answer) let go of it.
      await this.abandon(this.tiers.slice(0, at), situation);
      return answer ? this.finish(answer, at, started) : this.finish(FALLBACK, this.tiers.length, started);
    }
    for (const earlier of this.tiers.slice(0, at)) await this.afterDecision(earlier.learn?.(situation, answer, decision));
    return this.finish(answer, at, started);
  }

  private async abandon(tiers: readonly DecisionTier[], situation: Situation): Promise<void> {
    for (const tier of tiers) await this.afterDecision(tier.abandon?.(situation));
  }

  /** A tier's follow-up work (learning, letting go): deferred past the decision when it can be. */
  private async afterDecision(work: void | Promise<void>): Promise<void> {
    if (work && this.defer) this.defer(work);
    else await work;
  }

  private finish(answer: TierAnswer, index: number, started: number): EngineAnswer {
    const tier = this.tiers[index];
    const askedCache = this.tiers.slice(0, index + 1).some((t) => t.name === "cache");
    return {
      ...answer,
      tier: answer.declined || !tier ? "fallback" : tier.name,
      cache: !askedCache ? null : tier?.name === "cache" ? "hit" : "miss",
      latencyMs: performance.now() - started,
    };
  }
}
