import { z } from "zod";
import { DecisionAction } from "./identity";

/**
 * The payload of a `feedback.received` event: a rating of one of the agent's decisions and,
 * optionally, what it should have done instead. Task ratings from the marketplace arrive the
 * same way, one per decision that worked the task.
 */
export const FeedbackPayload = z
  .object({
    decisionId: z.string().min(1).max(128),
    /** 1–5 stars: 4 and 5 are good, 1 and 2 bad, 3 neutral. */
    rating: z.number().int().min(1).max(5).optional(),
    verdict: z.enum(["good", "bad"]).optional(),
    /** What the agent should have decided: a correction always counts as bad feedback on the decision. */
    correction: z
      .object({
        action: DecisionAction,
        reason: z.string().min(1).max(500).optional(),
        delegateTo: z.string().min(1).max(128).optional(),
        output: z.string().max(20_000).optional(),
      })
      .optional(),
    comment: z.string().max(2_000).optional(),
    /** The marketplace task the rating came from, when it came from one. */
    taskId: z.string().max(128).optional(),
  })
  .meta({ id: "FeedbackPayload" });
export type FeedbackPayload = z.infer<typeof FeedbackPayload>;

export type FeedbackSentiment = "good" | "bad" | "neutral";

/** Good: 4–5 stars or `good`, with no correction. Bad: 1–2 stars, `bad`, or any correction. */
export function feedbackSentiment(feedback: FeedbackPayload): FeedbackSentiment {
  if (feedback.correction || feedback.verdict === "bad" || (feedback.rating !== undefined && feedback.rating <= 2)) return "bad";
  if (feedback.verdict === "good" || (feedback.rating !== undefined && feedback.rating >= 4)) return "good";
  return "neutral";
}
