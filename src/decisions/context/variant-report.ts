import type { DecisionSummary } from "../../schemas/agent-views";

export type PromptVariantResults = NonNullable<DecisionSummary["promptVariants"]>;

/**
 * How each variant's decisions were rated: counts of good and bad ratings by variant id. The
 * ratings live with the learning module (feedback), so whoever has them passes this in.
 */
export type VariantRatings = () => Record<string, { ratedGood: number; ratedBad: number }>;

// No ratings: the results' rating columns read 0 (AgentDO passes the learning module's ratings).
export const NO_VARIANT_RATINGS: VariantRatings = () => ({});

/**
 * Results per prompt variant from the agent's own decisions (the variant is in each LLM
 * decision's details): decisions, spend, latency and escalations; ratings from `ratings`.
 */
export function promptVariantResults(sql: SqlStorage, ratings: VariantRatings = NO_VARIANT_RATINGS): PromptVariantResults {
  const rated = ratings();
  const out: PromptVariantResults = {};
  for (const row of sql.exec<{ variant: string; n: number; cost: number; latency: number; escalations: number }>(
    `SELECT json_extract(details, '$.promptVariant') AS variant, COUNT(*) AS n, COALESCE(SUM(cost_usd), 0) AS cost,
       AVG(latency_ms) AS latency, COALESCE(SUM(action = 'escalate'), 0) AS escalations
     FROM decisions WHERE details IS NOT NULL AND json_extract(details, '$.promptVariant') IS NOT NULL GROUP BY variant ORDER BY variant`,
  )) {
    out[row.variant] = {
      decisions: row.n,
      costUsd: row.cost,
      avgLatencyMs: row.latency,
      escalations: row.escalations,
      ratedGood: rated[row.variant]?.ratedGood ?? 0,
      ratedBad: rated[row.variant]?.ratedBad ?? 0,
    };
  }
  return out;
}
