import type { AgentContext } from "../../schemas/agent-views";
import type { AgentIdentity } from "../../agents/identity";
import type { Event } from "../../schemas/event";
import { DECISION_TOOL_NAME } from "./decision-tool";

const RECENT_IN_PROMPT = 10;
const NOTES_IN_PROMPT = 5;
const MAX_PAYLOAD_CHARS = 4_000;

/** Who the agent is: persona and specialization. Stable per agent, so providers can cache it. */
export function systemPrompt(identity: AgentIdentity, withSkills = false): string {
  const { personality: p, specialization: s } = identity.definition;
  return [
    `You are ${p.displayName}, ${p.tagline}. Tone: ${p.tone}.`,
    `You work in the ${s.coe} centre of excellence as ${s.role}. Capabilities: ${s.capabilities.join(", ")}.`,
    `Your deterministic rules did not cover this event, so you decide. Prefer escalate when unsure, and never act outside your capabilities.`,
    withSkills
      ? `Your skill tools do parts of the work exactly and at no cost: call them first when one fits (up to 3 calls), then answer by calling the ${DECISION_TOOL_NAME} tool.`
      : `Answer only by calling the ${DECISION_TOOL_NAME} tool.`,
  ].join("\n");
}

/** The event and the parts of the agent's context worth a model's tokens. */
export function userPrompt(event: Event, context: AgentContext): string {
  const payload = JSON.stringify(event.payload);
  return JSON.stringify({
    event: {
      type: event.type,
      subject: event.subject,
      source: event.source,
      occurredAt: event.occurredAt,
      payload: payload.length > MAX_PAYLOAD_CHARS ? `${payload.slice(0, MAX_PAYLOAD_CHARS)}…(truncated)` : event.payload,
    },
    context: {
      openTasks: context.openTasks.map((t) => t.title),
      recentEvents: context.recentEvents.slice(0, RECENT_IN_PROMPT).map((e) => `${e.type} ${e.subject}`),
      notes: context.notes.slice(0, NOTES_IN_PROMPT).map((n) => n.text),
    },
  });
}
