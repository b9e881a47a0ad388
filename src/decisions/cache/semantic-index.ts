import { z } from "zod";
import { cosine } from "../../memory/embedding/embedder";
import { DecisionAction } from "../../schemas/identity";

/** What a well-rated decision answered: enough to repeat it. */
export const RememberedAnswer = z.object({
  action: DecisionAction,
  reason: z.string(),
  delegateTo: z.string().optional(),
  note: z.string().optional(),
  output: z.string().optional(),
});
export type RememberedAnswer = z.infer<typeof RememberedAnswer>;

/** One remembered decision of one scope and one embedding model, as the lookup scans it. */
export interface SemanticEntry {
  decisionId: string;
  /** The event type decided: situations of different types are never compared. */
  eventType: string;
  /** The customer of the event decided; a deliverable is only ever reused for the same one. */
  customerId: string | null;
  hasOutput: boolean;
  vector: Float32Array;
}

export interface SemanticMatch {
  entry: SemanticEntry;
  similarity: number;
}

/** What is being decided: its event type, its customer and the vector of its situation. */
export interface SemanticQuery {
  eventType: string;
  customerId: string | null;
  vector: Float32Array;
}

/**
 * The most similar entry of the same event type this customer may reuse: only the same
 * customer's (a reused answer carries the model's reason, note and deliverable, written about
 * that customer's request); events with no customer reuse only entries with none. Exact cosine over every entry:
 * a few thousand vectors of a few hundred dimensions scan in a millisecond or two, and there is
 * no index to keep in step.
 */
export function bestMatch(entries: readonly SemanticEntry[], query: SemanticQuery): SemanticMatch | undefined {
  let best: SemanticMatch | undefined;
  for (const entry of entries) {
    if (entry.eventType !== query.eventType) continue;
    // Only the same customer's (or, for events with none, only those with none): a reused
    // answer carries the model's reason and note, written about that customer's request.
    if (entry.customerId !== query.customerId) continue;
    const similarity = cosine(entry.vector, query.vector);
    if (!best || similarity > best.similarity) best = { entry, similarity };
  }
  return best;
}

const REUSED = /^semantic: reused decision \S+ at similarity [\d.]+: /;

/** The reason a reused answer is recorded with: which decision it came from, and how close it was. */
export function reusedReason(decisionId: string, similarity: number, reason: string): string {
  return `semantic: reused decision ${decisionId} at similarity ${similarity.toFixed(3)}: ${originalReason(reason)}`;
}

/** A reused answer rated good is remembered with the first decision's words, not a chain of prefixes. */
export function originalReason(reason: string): string {
  return reason.replace(REUSED, "");
}
