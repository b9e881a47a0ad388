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
 * What a lookup before asking the model answers: the entry; or the lease (`lease` names it, to
 * give it back); or `leased: false`, a miss to decide alone.
 */
export type CacheClaim = { answer: CachedAnswer } | { leased: true; lease: string } | { leased: false };

/**
 * A cache shared by every agent of one specialization (and one customer): Upstash Redis when
 * configured, otherwise a Durable Object. Failures surface as rejections; the cache tier
 * treats them as misses, because a cache outage must never stop a decision.
 */
export interface SharedDecisionCache {
  readonly kind: "upstash" | "durable-object";
  get(key: string): Promise<CachedAnswer | undefined>;
  /**
   * A lookup before asking the model. On a miss `leased: true` means the caller should ask and
   * then `set` (or `release`) the key; while another caller holds that lease, the lookup waits
   * for its answer (bounded) instead of asking the model for the same situation too.
   * `leased: false` is a miss to decide alone (a cache without single flight, or a wait that
   * ran out).
   */
  claim(key: string): Promise<CacheClaim>;
  /** Gives a lease back without an answer to share (the model declined, or answered with a deliverable). */
  release(key: string, lease: string): Promise<void>;
  set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void>;
  delete(keys: readonly string[]): Promise<void>;
}
