import { z } from "zod";
import { CustomerId } from "./event";
import { DecisionAction } from "./identity";

export const LEARNED_RULE_STATUSES = ["active", "revoked"] as const;
export const LearnedRuleStatus = z.enum(LEARNED_RULE_STATUSES);

/** Where a learned rule came from: the rated decisions that earned it. */
export const LearnedRuleProvenance = z
  .object({
    decisionIds: z.array(z.string()),
    instances: z.array(z.string()),
    /** Good ratings counted (one per decision, each on a distinct event). */
    ratings: z.number().int().nonnegative(),
    firstSeen: z.number().int(),
    lastSeen: z.number().int(),
  })
  .meta({ id: "LearnedRuleProvenance" });
export type LearnedRuleProvenance = z.infer<typeof LearnedRuleProvenance>;

/**
 * A rule an agent's scope learned from model decisions rated good: the same situation decided
 * the same way often enough, never rated bad. It decides that situation with no model call
 * until it is revoked.
 */
export const LearnedRule = z
  .object({
    id: z.string(),
    /** Definition slug, rules and model fingerprint, customer: whose agents it decides for. */
    scope: z.string(),
    situationKey: z.string(),
    /** The normalized situation (event type, subject, payload) for people to read. */
    situation: z.string(),
    eventType: z.string(),
    definition: z.string(),
    customerId: CustomerId.nullable(),
    action: DecisionAction,
    delegateTo: z.string().nullable(),
    reason: z.string(),
    note: z.string().nullable(),
    provenance: LearnedRuleProvenance,
    status: LearnedRuleStatus,
    createdAt: z.number().int(),
    revokedAt: z.number().int().nullable(),
    /** `operator`, `customer` or `feedback` (a bad rating of a decision it made). */
    revokedBy: z.string().nullable(),
    revokeReason: z.string().nullable(),
  })
  .meta({ id: "LearnedRule" });
export type LearnedRule = z.infer<typeof LearnedRule>;

/** `GET /v1/admin/learned-rules`: filters, a page size and the last id seen. */
export const LearnedRuleQuery = z.object({
  status: LearnedRuleStatus.optional(),
  definition: z.string().min(1).max(64).optional(),
  customerId: CustomerId.optional(),
  cursor: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type LearnedRuleQuery = z.infer<typeof LearnedRuleQuery>;

export const LearnedRulePage = z.object({ items: z.array(LearnedRule), nextCursor: z.string().nullable() }).meta({ id: "LearnedRulePage" });
export type LearnedRulePage = z.infer<typeof LearnedRulePage>;

/** `POST …/learned-rules/{id}/revoke`. */
export const RevokeLearnedRule = z.object({ reason: z.string().trim().min(1).max(500) });

/** `GET /v1/hires/{id}/learned-rules`: the hire's own rules, by status. */
export const HireLearnedRuleQuery = LearnedRuleQuery.pick({ status: true, cursor: true, limit: true });
