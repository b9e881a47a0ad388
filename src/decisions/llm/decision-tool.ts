import { z } from "zod";
import { DecisionAction } from "../../schemas/identity";

/** What the model must answer: the same shape a rule's `then` has. */
export const LlmDecision = z
  .object({
    action: DecisionAction.describe(
      "act: handle it yourself; ignore: nothing to do; escalate: a person must decide; delegate: hand to another role",
    ),
    reason: z.string().min(1).max(500).describe("one sentence a customer could read"),
    delegateTo: z.string().min(1).max(100).optional().describe("the role to hand the work to; required for delegate"),
    note: z.string().max(1000).optional().describe("for act: a working note to keep in your context"),
    output: z.string().max(20_000).optional().describe("for act on a customer's task or message: the deliverable or reply itself"),
  })
  .refine((d) => d.action !== "delegate" || d.delegateTo !== undefined, { message: "delegate needs delegateTo", path: ["delegateTo"] });
export type LlmDecision = z.infer<typeof LlmDecision>;

export const DECISION_TOOL_NAME = "record_decision";

/** The tool the model is forced to call; its input schema is generated from {@link LlmDecision}. */
export const DECISION_TOOL = {
  name: DECISION_TOOL_NAME,
  description: "Record your decision about the event. Always call this exactly once.",
  input_schema: z.toJSONSchema(LlmDecision, { target: "draft-2020-12", io: "input" }) as { type: "object"; [key: string]: unknown },
};
