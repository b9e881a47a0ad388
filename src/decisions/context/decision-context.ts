import { errorText } from "../../errors";
import type { MemoryRecall } from "../../memory/memory-types";
import type { AgentContext } from "../../schemas/agent-views";
import type { Event } from "../../schemas/event";
import { type AssembledContext, assembleContext } from "./assembler";
import { contextCandidates } from "./candidates";
import { situationText } from "./event-text";
import type { FewShotExample } from "./few-shot";

/** At most this many memories are looked up for one decision, the most relevant first. */
export const MEMORIES_OFFERED = 5;

/** Where an LLM decision's context comes from besides the agent's recent context: each optional. */
export interface ContextSources {
  /** Semantic memory (src/memory); absent until the agent has one. */
  memories?: MemoryRecall;
  /** The customer's well-rated past deliverables (FewShotExamples). */
  examples?: { relevant(customerId: string, situation: string): Promise<FewShotExample[]> };
  /** Compacted older activity (ContextSummaries). */
  summaries?: { recent(): string[] };
}

export interface DecisionContextRequest {
  system: string;
  event: Event;
  context: AgentContext;
  /** Whose work this is: memories and examples are only ever this customer's. */
  customerId: string | null;
  budget: number;
  sources?: ContextSources | undefined;
}

/**
 * Gathers what the sources hold for this event and fits it all under the budget. A source that
 * fails (a memory backend down) is left out, never failing the decision.
 */
export async function decisionContext(request: DecisionContextRequest): Promise<AssembledContext> {
  const { event, customerId, sources } = request;
  const situation = situationText(event);
  const { memories: recall, examples: store, summaries: summarized } = sources ?? {};
  const [memories, examples] = await Promise.all([
    recall ? optional("memory recall", () => recall.recall(customerId, situation, MEMORIES_OFFERED)) : [],
    // Examples are one customer's work: an event with no customer gets none.
    store && customerId !== null ? optional("few-shot examples", () => store.relevant(customerId, situation)) : [],
  ]);
  const summaries = summarized?.recent() ?? [];
  const candidates = contextCandidates({ system: request.system, event, context: request.context, memories, examples, summaries });
  return assembleContext(candidates, request.budget);
}

async function optional<T>(what: string, load: () => Promise<T[]>): Promise<T[]> {
  try {
    return await load();
  } catch (error) {
    console.error(`decision context: ${what} failed; deciding without it`, errorText(error));
    return [];
  }
}
