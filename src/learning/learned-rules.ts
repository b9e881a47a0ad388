import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { database } from "../db/client";
import { keysetPage } from "../db/keyset";
import { NotFoundError } from "../errors";
import type { LearnedRule, LearnedRulePage, LearnedRuleQuery } from "../schemas/learning";
import { learnedRules } from "./schema";

type LearnedRuleRow = typeof learnedRules.$inferSelect;

/** No customer is stored as `-` (uniqueness needs a value); the API says null. */
export const NO_CUSTOMER = "-";

/** At most this many active rules are replicated into one agent. */
const REPLICA_LIMIT = 5_000;

export function learnedRuleView(row: LearnedRuleRow): LearnedRule {
  return {
    id: row.id,
    scope: row.scope,
    situationKey: row.situationKey,
    situation: row.canonical,
    eventType: row.eventType,
    definition: row.definitionSlug,
    customerId: row.customerId === NO_CUSTOMER ? null : row.customerId,
    action: row.action,
    delegateTo: row.delegateTo,
    reason: row.reason,
    note: row.note,
    provenance: row.provenance,
    status: row.status,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    revokedBy: row.revokedBy,
    revokeReason: row.revokeReason,
  };
}

/** What an agent's replica holds of an active rule. */
export type ReplicatedRule = Pick<
  LearnedRuleRow,
  "id" | "situationKey" | "customerId" | "eventType" | "action" | "delegateTo" | "reason" | "note"
>;

/** The scope's active rules, for an agent's replica (served by the partial unique index). */
export function activeRulesOf(d1: D1Database, scope: string): Promise<ReplicatedRule[]> {
  const t = learnedRules;
  return database(d1)
    .select({
      id: t.id,
      situationKey: t.situationKey,
      customerId: t.customerId,
      eventType: t.eventType,
      action: t.action,
      delegateTo: t.delegateTo,
      reason: t.reason,
      note: t.note,
    })
    .from(t)
    .where(and(eq(t.scope, scope), eq(t.status, "active")))
    .limit(REPLICA_LIMIT);
}

/** Whose rules a reader may see: an operator sees all; a customer only their hire's definition. */
export interface RuleOwner {
  customerId: string;
  definition: string;
}

function ownedBy(owner: RuleOwner | undefined): SQL[] {
  return owner ? [eq(learnedRules.customerId, owner.customerId), eq(learnedRules.definitionSlug, owner.definition)] : [];
}

/** Learned rules by id, oldest first, filtered; keyset-paginated by id. */
export async function listLearnedRules(d1: D1Database, q: LearnedRuleQuery, owner?: RuleOwner): Promise<LearnedRulePage> {
  const t = learnedRules;
  const filters: SQL[] = ownedBy(owner);
  if (q.status) filters.push(eq(t.status, q.status));
  if (q.definition) filters.push(eq(t.definitionSlug, q.definition));
  if (q.customerId) filters.push(eq(t.customerId, q.customerId));
  if (q.cursor) filters.push(gt(t.id, q.cursor));
  const rows = await database(d1)
    .select()
    .from(t)
    .where(and(...filters))
    .orderBy(asc(t.id))
    .limit(q.limit + 1);
  return keysetPage(rows, q.limit, (last) => last.id, learnedRuleView);
}

/** One learned rule; another owner's answers 404 exactly like one that does not exist. */
export async function learnedRule(d1: D1Database, id: string, owner?: RuleOwner): Promise<LearnedRule> {
  const row = await database(d1)
    .select()
    .from(learnedRules)
    .where(and(eq(learnedRules.id, id), ...ownedBy(owner)))
    .get();
  if (!row) throw new NotFoundError(`no learned rule ${id}`, "learned_rule_not_found");
  return learnedRuleView(row);
}

/**
 * Revokes a rule (a revoked one stays as it was: revoking twice changes nothing). Answers the
 * rule and whether this call revoked it.
 */
export async function revokeLearnedRule(
  d1: D1Database,
  id: string,
  by: "operator" | "customer",
  reason: string,
  owner?: RuleOwner,
): Promise<{ rule: LearnedRule; revoked: boolean }> {
  const t = learnedRules;
  const [row] = await database(d1)
    .update(t)
    .set({ status: "revoked", revokedAt: Date.now(), revokedBy: by, revokeReason: reason })
    .where(and(eq(t.id, id), eq(t.status, "active"), ...ownedBy(owner)))
    .returning();
  if (row) return { rule: learnedRuleView(row), revoked: true };
  return { rule: await learnedRule(d1, id, owner), revoked: false };
}

/** The customer part of a scope (`slug:fingerprint:customer`, see cacheScope): the agents' own customer. */
export function scopeCustomer(scope: string): string | null {
  const customer = scope.split(":").slice(2).join(":");
  return customer === NO_CUSTOMER || customer === "" ? null : customer;
}
