import type { RecalledMemory } from "../../memory/memory-types";
import type { AgentContext } from "../../schemas/agent-views";
import type { Event } from "../../schemas/event";
import type { CandidateSection, ContextCandidates, ContextItem } from "./assembler";
import type { FewShotExample } from "./few-shot";

/** At most this many of each kind are offered; the budget decides how many go in. */
export const RECENT_EVENTS_OFFERED = 10;
export const NOTES_OFFERED = 5;
/** Longest single item of the chain, memories and examples (the assembler may clip the deliverable further). */
const MAX_ITEM_CHARS = 2_000;
const MAX_DELIVERABLE_CHARS = 12_000;

export interface ContextInputs {
  /** The system prompt (persona, specialization, the prompt variant's instructions). */
  system: string;
  event: Event;
  context: AgentContext;
  memories?: readonly RecalledMemory[];
  examples?: readonly FewShotExample[];
  summaries?: readonly string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);
const clipped = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * Everything an LLM decision could be shown, as the assembler's sections in order of value.
 * The chain is taken out of the event: an organisation handoff's message and the deliverable it
 * carries become chain items (so they are not sent twice), and an event about an open task that
 * does not carry the task's title names it.
 */
export function contextCandidates(inputs: ContextInputs): ContextCandidates {
  const { event, context } = inputs;
  const { message, deliverable, ...payload } = event.payload;
  const chain: ContextItem[] = [];
  const handoff = isRecord(message);
  if (handoff) chain.push({ text: clipped(`- ${messageLine(message)}`, MAX_ITEM_CHARS) });
  if (handoff && typeof deliverable === "string" && deliverable) {
    chain.push({ text: `- Deliverable handed over:\n${clipped(deliverable, MAX_DELIVERABLE_CHARS)}`, clippable: true });
  }
  const taskId = typeof payload["taskId"] === "string" ? payload["taskId"] : undefined;
  const task = taskId === undefined ? undefined : context.openTasks.find((t) => t.taskId === taskId);
  if (task && typeof payload["title"] !== "string") chain.push({ text: `- Task: ${clipped(task.title, MAX_ITEM_CHARS)}` });
  // Not a handoff: `message` and `deliverable` are ordinary payload fields and stay in it.
  const eventPayload = handoff ? payload : event.payload;

  const sections: CandidateSection[] = [
    { name: "chain", title: "The work this event belongs to", items: chain },
    {
      name: "recent",
      title: "Recent activity (newest first)",
      items: [
        ...context.openTasks.map((t) => ({ text: `- open task: ${clipped(t.title, 200)}` })),
        ...context.recentEvents.slice(0, RECENT_EVENTS_OFFERED).map((e) => ({ text: `- ${e.type} ${e.subject}` })),
      ],
    },
    {
      name: "notes",
      title: "Your working notes (newest first)",
      items: context.notes.slice(0, NOTES_OFFERED).map((n) => ({ text: `- ${clipped(n.text, MAX_ITEM_CHARS)}` })),
    },
    {
      name: "memories",
      title: "What you remember that may be relevant",
      items: (inputs.memories ?? []).map((m) => ({ text: `- [${m.kind}] ${clipped(m.text, MAX_ITEM_CHARS)}`, memoryId: m.id })),
    },
    {
      name: "examples",
      title: "Past decisions this customer rated good (examples to follow)",
      items: (inputs.examples ?? []).map((e) => ({ text: exampleText(e) })),
    },
    { name: "summaries", title: "Earlier activity, summarized", items: (inputs.summaries ?? []).map((text) => ({ text })) },
  ];
  return { identity: inputs.system, task: { head: eventHead(event), payload: JSON.stringify(eventPayload) }, sections };
}

function eventHead(event: Event): string {
  return `type: ${event.type}\nsubject: ${event.subject}\nsource: ${event.source}\noccurred at: ${event.occurredAt}`;
}

/** `handoff from writer (deadline missed): {"kind":"edit",…}`: who handed the work over, and what they said. */
function messageLine(message: Record<string, unknown>): string {
  const from = isRecord(message["from"]) && typeof message["from"]["role"] === "string" ? message["from"]["role"] : "another agent";
  const type = typeof message["type"] === "string" ? message["type"] : "message";
  const reason = typeof message["reason"] === "string" && message["reason"] ? ` (${message["reason"]})` : "";
  const said = isRecord(message["payload"])
    ? Object.fromEntries(Object.entries(message["payload"]).filter(([, v]) => v !== undefined))
    : {};
  return `${type} from ${from}${reason}: ${JSON.stringify(said)}`;
}

function exampleText(example: FewShotExample): string {
  const lines = [`- Situation: ${example.situation}`, `  Decision: ${example.action}`];
  if (example.output) lines.push(`  Output: ${example.output}`);
  return lines.join("\n");
}
