import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { DECISION_ACTIONS } from "../schemas/identity";
import { LEARNED_RULE_STATUSES, type LearnedRuleProvenance } from "../schemas/learning";

/**
 * What learning knows about one rated decision: its situation, what was decided and how it was
 * rated. One row per decision (a re-rating replaces the sentiment), so a redelivered feedback
 * event never counts twice. `customer_id` is the event's customer, `-` when it had none (a
 * NULL would escape the uniqueness of learned rules below).
 */
export const learningEvidence = sqliteTable(
  "learning_evidence",
  {
    decisionId: text("decision_id").primaryKey(),
    scope: text("scope").notNull(),
    situationKey: text("situation_key").notNull(),
    customerId: text("customer_id").notNull(),
    definitionSlug: text("definition_slug").notNull(),
    instanceId: text("instance_id").notNull(),
    eventId: text("event_id").notNull(),
    eventType: text("event_type").notNull(),
    canonical: text("canonical").notNull(),
    tier: text("tier").notNull(),
    ruleId: text("rule_id"),
    action: text("action", { enum: DECISION_ACTIONS }).notNull(),
    delegateTo: text("delegate_to"),
    reason: text("reason").notNull(),
    note: text("note"),
    /** A decision with a deliverable is about one request: it never counts towards a rule. */
    hasOutput: integer("has_output", { mode: "boolean" }).notNull(),
    sentiment: text("sentiment", { enum: ["good", "bad", "neutral"] }).notNull(),
    decidedAt: integer("decided_at").notNull(),
    ratedAt: integer("rated_at").notNull(),
  },
  (t) => [index("learning_evidence_situation").on(t.scope, t.situationKey, t.customerId)],
);

/**
 * Rules learned from well-rated model decisions. At most one active rule per situation of a
 * scope (the partial unique index), so concurrent promotions of the same situation make one.
 */
export const learnedRules = sqliteTable(
  "learned_rules",
  {
    id: text("id").primaryKey(),
    scope: text("scope").notNull(),
    situationKey: text("situation_key").notNull(),
    customerId: text("customer_id").notNull(),
    canonical: text("canonical").notNull(),
    eventType: text("event_type").notNull(),
    definitionSlug: text("definition_slug").notNull(),
    action: text("action", { enum: DECISION_ACTIONS }).notNull(),
    delegateTo: text("delegate_to"),
    reason: text("reason").notNull(),
    note: text("note"),
    provenance: text("provenance", { mode: "json" }).$type<LearnedRuleProvenance>().notNull(),
    status: text("status", { enum: LEARNED_RULE_STATUSES }).notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
    revokedBy: text("revoked_by"),
    revokeReason: text("revoke_reason"),
  },
  (t) => [
    uniqueIndex("learned_rules_active_situation").on(t.scope, t.situationKey, t.customerId).where(sql`status = 'active'`),
    index("learned_rules_customer").on(t.customerId, t.definitionSlug, t.id),
    index("learned_rules_definition").on(t.definitionSlug, t.id),
  ],
);
