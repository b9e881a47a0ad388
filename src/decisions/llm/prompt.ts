import type { AgentIdentity } from "../../agents/identity";
import { DECISION_TOOL_NAME } from "./decision-tool";

/**
 * Who the agent is: persona and specialization, and the prompt variant's instructions when the
 * definition A/B tests prompts. Stable per agent and variant, so providers can cache it. The
 * user prompt (the event and its context) is assembled under a token budget: src/decisions/context.
 */
export function systemPrompt(identity: AgentIdentity, withSkills = false, variantInstructions?: string): string {
  const { personality: p, specialization: s } = identity.definition;
  return [
    `You are ${p.displayName}, ${p.tagline}. Tone: ${p.tone}.`,
    `You work in the ${s.coe} centre of excellence as ${s.role}. Capabilities: ${s.capabilities.join(", ")}.`,
    `Your deterministic rules did not cover this event, so you decide. Prefer escalate when unsure, and never act outside your capabilities.`,
    withSkills
      ? `Your skill tools do parts of the work exactly and at no cost: call them first when one fits (up to 3 calls), then answer by calling the ${DECISION_TOOL_NAME} tool.`
      : `Answer only by calling the ${DECISION_TOOL_NAME} tool.`,
    ...(variantInstructions ? [variantInstructions] : []),
  ].join("\n");
}
