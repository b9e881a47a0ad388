import type { LearnedRule } from "../schemas/learning";
import { type RuleOwner, revokeLearnedRule } from "./learned-rules";
import { refreshScopeAgents } from "./scope-agents";

/**
 * Revokes a learned rule for a person (an operator, or the customer whose agents it decides for)
 * and, once D1 has it, tells the scope's agents to drop it and the cached answers it was learned
 * from (up to NOTIFIED_AGENTS of them; the rest within LEARNED_RULES_REFRESH_SECONDS).
 */
export async function revokeForPerson(
  env: Env,
  id: string,
  by: "operator" | "customer",
  reason: string,
  owner?: RuleOwner,
): Promise<LearnedRule> {
  const { rule, revoked } = await revokeLearnedRule(env.DB, id, by, reason, owner);
  if (revoked) await refreshScopeAgents(env, { scope: rule.scope, definition: rule.definition }, rule.provenance.decisionIds);
  return rule;
}
