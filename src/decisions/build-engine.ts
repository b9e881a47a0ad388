import type { AgentContext } from "../schemas/agent-views";
import type { AgentIdentity } from "../agents/identity";
import { BudgetGate, budgetScopes } from "../budgets/budget-gate";
import { engineSettings } from "../config/settings";
import { breakerPolicy, providerBreaker } from "../resilience/breaker-client";
import { CacheTier } from "./cache/cache-tier";
import type { LocalDecisionCache } from "./cache/local-cache";
import { sharedDecisionCache } from "./cache/shared-caches";
import { DecisionEngine, RulesTier } from "./engine";
import { anthropicClient } from "./llm/model-call";
import { LlmTier } from "./llm/llm-tier";
import { skillToolbox } from "./llm/skill-tools";
import type { SkillRunner } from "../skills/skill";
import { hashText } from "./situation-key";
import { LearnedTier, type LearnedRuleReplica } from "../learning/learned-tier";

/**
 * Whose cached decisions an agent may reuse: agents of the same specialization, with the same
 * rules and model, working for the same customer (or for none). Editing the rules or switching
 * the model changes the scope, which invalidates every entry the old ones produced.
 */
export function cacheScope(identity: AgentIdentity): string {
  const { slug, specialization, defaults } = identity.definition;
  const fingerprint = hashText(JSON.stringify([specialization.role, specialization.rules, defaults.model])).slice(0, 16);
  return `${slug}:${fingerprint}:${identity.customerId ?? "-"}`;
}

export interface AgentEngine {
  engine: DecisionEngine;
  cache: CacheTier;
  /** Rules learned from rated model decisions; absent without a model (nothing to learn from). */
  learned?: LearnedTier;
}

/** The hybrid pipeline every agent uses: rules, then cache, then the LLM. */
export function buildDecisionEngine(
  env: Env,
  identity: AgentIdentity,
  localCache: LocalDecisionCache,
  context: () => AgentContext,
  skills: SkillRunner,
  defer?: (work: Promise<unknown>) => void,
  learnedRules?: LearnedRuleReplica,
): AgentEngine {
  const settings = engineSettings(env);
  const scope = cacheScope(identity);
  const cache = new CacheTier(localCache, sharedDecisionCache(env, settings, scope), scope, settings.DECISION_CACHE_TTL_SECONDS);
  const llm = new LlmTier({
    identity,
    settings,
    client: settings.ANTHROPIC_API_KEY ? anthropicClient(settings, settings.ANTHROPIC_API_KEY) : undefined,
    breaker: providerBreaker(env, "anthropic"),
    breakerPolicy: breakerPolicy(settings),
    budget: new BudgetGate(env, budgetScopes(identity, settings), settings.BUDGET_WARNING_THRESHOLD, identity.customerId),
    context,
    skills: skillToolbox(identity.definition.specialization.rules, skills),
  });
  const rules = new RulesTier(identity.definition.specialization.rules, skills);
  // Only LLM answers are cached or learned, so without a model there is nothing to look up.
  if (!settings.ANTHROPIC_API_KEY) return { engine: new DecisionEngine([rules, llm], defer), cache };
  const learned = learnedRules && new LearnedTier(learnedRules, env.DB, scope, settings.LEARNED_RULES_REFRESH_SECONDS);
  return { engine: new DecisionEngine(learned ? [rules, learned, cache, llm] : [rules, cache, llm], defer), cache, learned };
}
