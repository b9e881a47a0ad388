import type { Decision } from "../schemas/decision";
import type { Event } from "../schemas/event";
import { type FeedbackPayload, feedbackSentiment } from "../schemas/feedback";
import { customerFacts } from "./facts";
import type { Memory, MemoryKind } from "./memory-types";

/** A memory to write: what, whose, from where (ids and times are added by the store). */
export interface MemoryDraft {
  /** A fixed id makes remembering idempotent (a redelivered feedback event); otherwise one is made. */
  id?: string;
  customerId: string | null;
  kind: MemoryKind;
  text: string;
  source: Memory["source"];
}

const INPUTS_SUMMARY_CHARS = 600;

const str = (value: unknown) => (typeof value === "string" ? value : undefined);

/** Task inputs as short `key: value` lines, clipped: enough to recognise the task again. */
function summarizeInputs(inputs: unknown): string {
  if (!inputs || typeof inputs !== "object" || !Object.keys(inputs).length) return "";
  const lines = Object.entries(inputs as Record<string, unknown>).map(([k, v]) => `${k}: ${typeof v === "string" ? v : JSON.stringify(v)}`);
  return lines.join("\n").slice(0, INPUTS_SUMMARY_CHARS);
}

/**
 * What an agent remembers of one decided event: a task's brief (`task.assigned`), the
 * deliverable of customer work (a decision output on an event with a customer), and the facts
 * a customer stated about themselves in a message. Usually nothing, cheaply.
 */
export function memoriesOf(event: Event, decision: Pick<Decision, "id" | "output">, fallbackCustomer: string | null): MemoryDraft[] {
  const customerId = event.customerId ?? fallbackCustomer;
  const taskId = str(event.payload["taskId"]);
  const source = { eventId: event.id, decisionId: decision.id, ...(taskId ? { taskId } : {}) };
  const out: MemoryDraft[] = [];
  if (event.type === "task.assigned") {
    const title = str(event.payload["title"]) ?? event.subject;
    const instructions = str(event.payload["instructions"]) ?? "";
    const inputs = summarizeInputs(event.payload["inputs"]);
    out.push({
      customerId,
      kind: "task",
      text: [`Task: ${title}`, instructions, inputs && `Inputs:\n${inputs}`].filter(Boolean).join("\n"),
      source,
    });
  } else if (event.type === "customer.message") {
    const text = str(event.payload["text"]);
    if (text) for (const fact of customerFacts(text)) out.push({ customerId, kind: "fact", text: fact, source });
  }
  if (decision.output && event.customerId) out.push({ customerId, kind: "deliverable", text: decision.output, source });
  return out;
}

/** A rated decision, or a correction, as a memory: what was decided and what the customer said of it. */
export function feedbackMemory(decision: Decision, feedback: FeedbackPayload, customerId: string | null): MemoryDraft {
  const source = { eventId: decision.eventId, decisionId: decision.id, ...(feedback.taskId ? { taskId: feedback.taskId } : {}) };
  const decided = `${decision.action}${decision.delegateTo ? ` to ${decision.delegateTo}` : ""}: ${decision.reason}`;
  const comment = feedback.comment ? `\nComment: ${feedback.comment}` : "";
  if (feedback.correction) {
    const c = feedback.correction;
    const should = `${c.action}${c.delegateTo ? ` to ${c.delegateTo}` : ""}${c.reason ? `: ${c.reason}` : ""}`;
    const output = c.output ? `\nCorrected output: ${c.output}` : "";
    return { customerId, kind: "correction", text: `Decided ${decided}\nShould have: ${should}${output}${comment}`, source };
  }
  const rating = feedback.rating === undefined ? "" : ` ${feedback.rating}/5`;
  const output = decision.output ? `\nOutput: ${decision.output}` : "";
  return {
    customerId,
    kind: "rated_decision",
    text: `Decided ${decided}\nRated${rating} (${feedbackSentiment(feedback)})${output}${comment}`,
    source,
  };
}
