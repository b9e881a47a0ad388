import { newId } from "../ids";
import type { Decision } from "../schemas/decision";
import type { FeedbackPayload, FeedbackSentiment } from "../schemas/feedback";
import { LearnedRuleProvenance } from "../schemas/learning";
import type { NotedSituation } from "./agent-learning";
import { learningBatch } from "./evidence";

/** What a rating changed: the rule it promoted, the rules it revoked (with what they were learned from). */
export interface RatingOutcome {
  promoted: string | null;
  revoked: { id: string; provenance: LearnedRuleProvenance }[];
}

export interface RatingInput {
  scope: string;
  definitionSlug: string;
  decision: Decision;
  situation: NotedSituation;
  feedback: FeedbackPayload;
  sentiment: FeedbackSentiment;
  minEvidence: number;
}

/**
 * Writes a rated decision's evidence to D1 and, in the same batch, promotes its situation to a
 * learned rule or revokes the rule it breaks. Throws when D1 fails, so the feedback event is
 * retried; being idempotent by decision id, a retry never counts twice.
 */
export async function learnFromRating(d1: D1Database, input: RatingInput): Promise<RatingOutcome> {
  const { decision, situation } = input;
  const batch = learningBatch(
    d1,
    {
      decisionId: decision.id,
      scope: input.scope,
      situationKey: situation.situationKey,
      customerId: situation.customerId,
      definitionSlug: input.definitionSlug,
      instanceId: decision.instanceId,
      eventId: decision.eventId,
      eventType: situation.eventType,
      canonical: situation.canonical,
      tier: decision.tier,
      ruleId: decision.ruleId,
      action: decision.action,
      delegateTo: decision.delegateTo,
      reason: decision.reason,
      note: situation.note ?? null,
      hasOutput: Boolean(decision.output),
      decidedAt: decision.decidedAt,
    },
    input.feedback,
    input.sentiment,
    { now: Date.now(), minEvidence: input.minEvidence, newRuleId: newId("lrn") },
  );
  const [first, ...rest] = batch.statements;
  if (!first) return { promoted: null, revoked: [] };
  const results = await d1.batch<Record<string, unknown>>([first, ...rest]);
  const rowsOf = (i: number | undefined) => (i === undefined ? [] : (results[i]?.results ?? []));
  const promoted = rowsOf(batch.promote)[0];
  return {
    promoted: typeof promoted?.["id"] === "string" ? promoted["id"] : null,
    revoked: rowsOf(batch.revoke).map((row) => ({
      id: String(row["id"]),
      provenance: LearnedRuleProvenance.parse(JSON.parse(String(row["provenance"]))),
    })),
  };
}
