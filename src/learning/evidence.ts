import type { DecisionAction } from "../schemas/identity";
import type { DecisionTierName } from "../schemas/decision";
import type { FeedbackPayload, FeedbackSentiment } from "../schemas/feedback";

/** Tiers whose answers are the model's own (first asked, or reused from a past answer): what rules are learned from. */
export const MODEL_TIERS: readonly DecisionTierName[] = ["llm", "cache", "semantic"];
/** Tiers whose decisions carry a situation key, so that feedback on them can be learned from. */
export const LEARNABLE_TIERS: ReadonlySet<DecisionTierName> = new Set<DecisionTierName>([...MODEL_TIERS, "learned"]);

/** A rated decision with everything learning keeps of it. */
export interface RatedDecision {
  decisionId: string;
  scope: string;
  situationKey: string;
  /** The event's customer, `-` when it had none. */
  customerId: string;
  definitionSlug: string;
  instanceId: string;
  eventId: string;
  eventType: string;
  canonical: string;
  tier: DecisionTierName;
  ruleId: string | null;
  action: DecisionAction;
  delegateTo: string | null;
  reason: string;
  note: string | null;
  hasOutput: boolean;
  decidedAt: number;
}

const UPSERT_EVIDENCE = `INSERT INTO learning_evidence (decision_id, scope, situation_key, customer_id, definition_slug, instance_id,
    event_id, event_type, canonical, tier, rule_id, action, delegate_to, reason, note, has_output, sentiment, decided_at, rated_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (decision_id) DO UPDATE SET sentiment = excluded.sentiment, rated_at = excluded.rated_at`;

// Bad feedback revokes the situation's active rule, and the rule that made the decision.
const REVOKE_BY_FEEDBACK = `UPDATE learned_rules SET status = 'revoked', revoked_at = ?1, revoked_by = 'feedback', revoke_reason = ?2
  WHERE status = 'active' AND ((scope = ?3 AND situation_key = ?4 AND customer_id = ?5) OR id = ?6)
  RETURNING id, provenance`;

// The evidence that counts: since the last time a person revoked a rule for this situation (they
// distrust what came before), and bad ratings always (a revocation by feedback resets nothing).
// Promotion needs at least ?13 distinct events decided by the model the same way (?8, ?9), with
// no deliverable, every rating of the situation good, and no active rule already (the partial
// unique index makes concurrent promotions one).
const PROMOTE = `WITH counted AS (
    SELECT * FROM learning_evidence
    WHERE scope = ?2 AND situation_key = ?3 AND customer_id = ?4
      AND decided_at > (SELECT COALESCE(MAX(revoked_at), 0) FROM learned_rules
        WHERE scope = ?2 AND situation_key = ?3 AND customer_id = ?4 AND status = 'revoked' AND revoked_by <> 'feedback')
  ),
  model AS (SELECT * FROM counted WHERE has_output = 0 AND tier IN ('llm', 'cache', 'semantic'))
  INSERT INTO learned_rules (id, scope, situation_key, customer_id, canonical, event_type, definition_slug, action, delegate_to,
    reason, note, provenance, status, created_at)
  SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
    json_object('decisionIds', json_group_array(decision_id), 'instances', json((SELECT json_group_array(DISTINCT instance_id) FROM model)),
      'ratings', COUNT(*), 'firstSeen', MIN(decided_at), 'lastSeen', MAX(decided_at)),
    'active', ?12
  FROM model
  GROUP BY scope
  HAVING COUNT(DISTINCT event_id) >= ?13
    AND COUNT(DISTINCT action || ':' || COALESCE(delegate_to, '')) = 1
    AND MIN(action) = ?8 AND COALESCE(MIN(delegate_to), '') = COALESCE(?9, '')
    AND NOT EXISTS (SELECT 1 FROM counted WHERE sentiment <> 'good')
    AND NOT EXISTS (SELECT 1 FROM learned_rules WHERE scope = ?2 AND situation_key = ?3 AND customer_id = ?4 AND status = 'active')
  ON CONFLICT DO NOTHING
  RETURNING id`;

/** What the learning batch is made of; `revoke` and `promote` are indexes into `statements`. */
export interface LearningBatch {
  statements: D1PreparedStatement[];
  revoke?: number;
  promote?: number;
}

/** Why a bad rating revoked a rule, in words an operator can read. */
export function feedbackRevokeReason(feedback: FeedbackPayload): string {
  const parts = [
    feedback.correction
      ? `corrected to ${feedback.correction.action}${feedback.correction.reason ? `: ${feedback.correction.reason}` : ""}`
      : "",
    feedback.rating !== undefined ? `rated ${feedback.rating}/5` : "",
    feedback.verdict === "bad" ? "rated bad" : "",
    feedback.comment ?? "",
  ].filter(Boolean);
  return parts.join("; ").slice(0, 500) || "rated bad";
}

/**
 * The D1 statements one rating writes, in one batch: the evidence (idempotent by decision id; a
 * re-rating replaces the sentiment), then on bad feedback the revocation of the situation's rule,
 * or on good feedback of a model decision without a deliverable the promotion, set-based.
 */
export function learningBatch(
  d1: D1Database,
  rated: RatedDecision,
  feedback: FeedbackPayload,
  sentiment: FeedbackSentiment,
  options: { now: number; minEvidence: number; newRuleId: string },
): LearningBatch {
  const r = rated;
  const statements = [
    d1
      .prepare(UPSERT_EVIDENCE)
      .bind(
        r.decisionId,
        r.scope,
        r.situationKey,
        r.customerId,
        r.definitionSlug,
        r.instanceId,
        r.eventId,
        r.eventType,
        r.canonical,
        r.tier,
        r.ruleId,
        r.action,
        r.delegateTo,
        r.reason,
        r.note,
        r.hasOutput ? 1 : 0,
        sentiment,
        r.decidedAt,
        options.now,
      ),
  ];
  const batch: LearningBatch = { statements };
  if (sentiment === "bad") {
    batch.revoke = statements.length;
    const ruleId = r.tier === "learned" ? r.ruleId : null;
    statements.push(
      d1.prepare(REVOKE_BY_FEEDBACK).bind(options.now, feedbackRevokeReason(feedback), r.scope, r.situationKey, r.customerId, ruleId),
    );
  } else if (sentiment === "good" && !r.hasOutput && MODEL_TIERS.includes(r.tier)) {
    batch.promote = statements.length;
    statements.push(
      d1
        .prepare(PROMOTE)
        .bind(
          options.newRuleId,
          r.scope,
          r.situationKey,
          r.customerId,
          r.canonical,
          r.eventType,
          r.definitionSlug,
          r.action,
          r.delegateTo,
          `learned: ${r.reason}`.slice(0, 2_000),
          r.note,
          options.now,
          options.minEvidence,
        ),
    );
  }
  return batch;
}
