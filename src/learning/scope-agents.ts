import { and, eq, isNull, ne } from "drizzle-orm";
import { agentStub } from "../agents/agent-ref";
import { database } from "../db/client";
import { agentInstances } from "../db/schema";
import { errorText } from "../errors";
import { scopeCustomer } from "./learned-rules";

/** Agents told at once when a rule changes; any others see it within LEARNED_RULES_REFRESH_SECONDS. */
export const NOTIFIED_AGENTS = 100;

/**
 * Tells the agents of a rule's scope (its definition, for its customer) to refresh their replica
 * of the learned rules now, and to forget the cached answers a revoked rule was learned from.
 * Returns how many were told. Best effort: an agent that misses it refreshes on its own.
 */
export async function refreshScopeAgents(
  env: Env,
  rule: { scope: string; definition: string },
  forget: readonly string[],
  except?: string,
): Promise<number> {
  const customer = scopeCustomer(rule.scope);
  const t = agentInstances;
  const rows = await database(env.DB)
    .select({ id: t.id })
    .from(t)
    .where(and(eq(t.definitionSlug, rule.definition), customer ? eq(t.customerId, customer) : isNull(t.customerId), ne(t.state, "retired")))
    .limit(NOTIFIED_AGENTS);
  const told = await Promise.allSettled(
    rows.filter((r) => r.id !== except).map((r) => agentStub(env, r.id).refreshLearnedRules([...forget])),
  );
  for (const failed of told.filter((t) => t.status === "rejected")) {
    console.warn("could not tell an agent to refresh its learned rules", { error: errorText(failed.reason) });
  }
  return told.length;
}
