import { z } from "zod";
import { DecisionAction } from "../../schemas/identity";

/** A past LLM decision as the cache keeps it: enough to repeat it, and where it came from. */
export const CachedAnswer = z.object({
  action: DecisionAction,
  reason: z.string(),
  delegateTo: z.string().optional(),
  note: z.string().optional(),
  output: z.string().optional(),
  decisionId: z.string(),
  cachedAt: z.number().int(),
});
export type CachedAnswer = z.infer<typeof CachedAnswer>;

/**
 * A cache shared by every agent of one specialization (and one customer): Upstash Redis when
 * configured, otherwise a Durable Object. Failures surface as rejections; the cache tier
 * treats them as misses, because a cache outage must never stop a decision.
 */
export interface SharedDecisionCache {
  readonly kind: "upstash" | "durable-object";
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}
