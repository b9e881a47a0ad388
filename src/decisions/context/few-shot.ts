import type { DecisionAction } from "../../schemas/identity";

/** A past decision with a deliverable its customer rated good, shown to the model as an example to follow. */
export interface FewShotExample {
  decisionId: string;
  customerId: string;
  /** What the event was about (see situationText), clipped. */
  situation: string;
  action: DecisionAction;
  /** The deliverable, clipped. */
  output: string;
  /** The rating it got (1–5; only good ones are kept). */
  rating: number;
  ratedAt: number;
}

/** Longest situation and deliverable an example keeps: an example shows the way, not the whole work. */
export const EXAMPLE_SITUATION_CHARS = 600;
export const EXAMPLE_OUTPUT_CHARS = 1_500;
/** The best (then newest) examples kept per customer. */
export const EXAMPLES_KEPT_PER_CUSTOMER = 20;
/** At most this many examples are offered to one decision, the most relevant first. */
export const EXAMPLES_OFFERED = 3;
/**
 * Below this similarity an example is about something else and would mislead more than help
 * (with the lexical embedder: almost no words in common).
 */
export const MIN_EXAMPLE_SIMILARITY = 0.1;
