import type { Rule } from "../schemas/identity";
import type { AgentContext } from "../schemas/agent-views";
import type { AgentIdentity } from "../agents/identity";
import { BudgetGate, budgetScopes } from "../budgets/budget-gate";
import { engineSettings } from "../config/settings";
import { breakerPolicy, providerBreaker } from "../resilience/breaker-client";
import { CacheTier } from "./cache/cache-tier";
import { CachedNotes } from "./cache/cached-notes";
import type { LocalDecisionCache } from "./cache/local-cache";
import { fieldCipher } from "../crypto/env-cipher";
import { SemanticCacheStore } from "./cache/semantic-store";
import { SemanticCacheTier } from "./cache/semantic-tier";
import { LexicalEmbedder } from "../memory/embedding/lexical";
import { sharedDecisionCache } from "./cache/shared-caches";
import type { ContextSources } from "./context/decision-context";
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

/** After the declared rules: a rating is recorded and learned from, not decided again (nor paid for). */
export const FEEDBACK_RULE: Rule = {
  id: "platform.feedback",
  when: { type: "feedback.received", conditions: [] },
  then: { action: "ignore", reason: "feedback recorded: ratings teach the agent (learned rules, semantic cache, examples, memory)" },
};

export interface AgentEngine {
  /** Whether a model is configured (the LLM tier can be asked, so its context is worth keeping). */
  asksModel: boolean;
  engine: DecisionEngine;
  cache: CacheTier;
  /** Present with a model configured: feedback remembers good decisions here (`rememberGood`) and forgets bad ones. */
  semantic?: SemanticCacheTier;
  /** Rules learned from rated model decisions; absent without a model (nothing to learn from). */
  learned?: LearnedTier;
}

/** The hybrid pipeline every agent uses: rules, then the exact cache, the semantic cache, then the LLM. */
export function buildDecisionEngine(
  env: Env,
  identity: AgentIdentity,
  localCache: LocalDecisionCache,
  agentSql: SqlStorage,
  context: () => AgentContext | Promise<AgentContext>,
  skills: SkillRunner,
  defer?: (work: Promise<unknown>) => void,
  contextSources?: ContextSources,
  learnedRules?: LearnedRuleReplica,
): AgentEngine {
  const settings = engineSettings(env);
  const scope = cacheScope(identity);
  const cache = new CacheTier(
    localCache,
    sharedDecisionCache(env, settings, scope),
    scope,
    settings.DECISION_CACHE_TTL_SECONDS,
    new CachedNotes(fieldCipher(env)),
  );
  const llm = new LlmTier({
    identity,
    settings,
    client: settings.ANTHROPIC_API_KEY ? anthropicClient(settings, settings.ANTHROPIC_API_KEY) : undefined,
    breaker: providerBreaker(env, "anthropic"),
    breakerPolicy: breakerPolicy(settings),
    budget: new BudgetGate(env, budgetScopes(identity, settings), settings.BUDGET_WARNING_THRESHOLD, identity.customerId),
    context,
    skills: skillToolbox(identity.definition.specialization.rules, skills),
    sources: contextSources,
  });
  // The declared rules, then the platform's own: feedback teaches the agent when it arrives
  // (AgentDO.applyFeedback), so the event itself needs no decision of the model's.
  const rules = new RulesTier([...identity.definition.specialization.rules, FEEDBACK_RULE], skills);
  // Only LLM answers are cached or learned, so without a model there is nothing to look up.
  if (!settings.ANTHROPIC_API_KEY) return { engine: new DecisionEngine([rules, llm], defer), cache, asksModel: false };
  const learned = learnedRules && new LearnedTier(learnedRules, env.DB, scope, settings.LEARNED_RULES_REFRESH_SECONDS);
  const semantic = new SemanticCacheTier(
    new SemanticCacheStore(agentSql, settings.SEMANTIC_CACHE_MAX_ENTRIES, fieldCipher(env)),
    // The local lexical embedder: synchronous, so a semantic hit is decided on the hot path.
    new LexicalEmbedder(),
    scope,
    identity.definition.defaults.semanticThreshold ?? settings.SEMANTIC_CACHE_THRESHOLD,
  );
  const tiers = learned ? [rules, learned, cache, semantic, llm] : [rules, cache, semantic, llm];
  return { engine: new DecisionEngine(tiers, defer), cache, semantic, asksModel: true, ...(learned ? { learned } : {}) };
}
