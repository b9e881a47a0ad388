import type { DecisionContextUse } from "../../schemas/decision";
import { CHARS_PER_TOKEN, estimateTokens } from "./tokens";

/**
 * The parts of an LLM decision's context, in order of value: who the agent is (the system
 * prompt), the event to decide, the chain of work it belongs to, what happened lately, the
 * agent's notes, memories found by relevance, good past decisions for this customer (few-shot
 * examples), and summaries of older activity.
 */
export const CONTEXT_SECTIONS = ["identity", "task", "chain", "recent", "notes", "memories", "examples", "summaries"] as const;
export type ContextSection = (typeof CONTEXT_SECTIONS)[number];
export type OptionalSection = Exclude<ContextSection, "identity" | "task">;

export interface ContextItem {
  text: string;
  /** The memory the item shows, recorded with the decision when the item is included. */
  memoryId?: string;
  /** Clipped to the room left instead of skipped (a long deliverable: its start is worth having). */
  clippable?: boolean;
}

export interface CandidateSection {
  name: OptionalSection;
  /** The heading the model reads above the section's items. */
  title: string;
  /** In order of value within the section (newest, most relevant first). */
  items: readonly ContextItem[];
}

export interface ContextCandidates {
  /** The system prompt: always sent whole. */
  identity: string;
  /** The event: `head` (type, subject, …) always; `payload` (JSON) clipped to the room left, never dropped. */
  task: { head: string; payload: string };
  /** The optional sections, in order of value. */
  sections: readonly CandidateSection[];
}

export interface AssembledContext {
  system: string;
  user: string;
  use: DecisionContextUse;
}

const TRUNCATED = "…(truncated)";
/**
 * The share of the room the identity leaves that the event's payload may fill: it comes first,
 * but a huge payload clipped to the whole budget would leave the chain and recent context out.
 */
const PAYLOAD_SHARE = 2 / 3;
/** A clipped item shorter than this says too little to be worth its tokens. */
const MIN_CLIPPED_CHARS = 200;

/**
 * Fits a decision's context under a token budget. Identity and the event always go in (the
 * event's payload clipped to two thirds of the room the identity leaves); then whole items, section by
 * section in order of value, each added if it still fits: one that does not is skipped and a
 * smaller later one may still go in. Pure and deterministic.
 *
 * The result never exceeds the budget, except when the identity and the bare event (its
 * payload cut to nothing) alone do: then those two are all it holds, and `tokens` says so.
 */
export function assembleContext(candidates: ContextCandidates, budget: number): AssembledContext {
  const room = Math.max(0, budget) * CHARS_PER_TOKEN;
  const system = candidates.identity;
  const head = `# Event to decide\n${candidates.task.head}\npayload: `;
  const payloadRoom = Math.floor((room - system.length - head.length) * PAYLOAD_SHARE);
  const payload = candidates.task.payload.length <= payloadRoom ? candidates.task.payload : clip(candidates.task.payload, payloadRoom);
  const task = head + payload;
  const parts = [task];
  let used = system.length + task.length;
  const sections: string[] = ["identity", "task"];
  const memoryIds: string[] = [];

  for (const section of candidates.sections) {
    let opened = false;
    for (const item of section.items) {
      const prefix = opened ? "\n" : `\n\n# ${section.title}\n`;
      let text = item.text;
      if (used + prefix.length + text.length > room) {
        const left = room - used - prefix.length;
        if (!item.clippable || left < MIN_CLIPPED_CHARS) continue;
        text = clip(text, left);
      }
      parts.push(prefix + text);
      used += prefix.length + text.length;
      if (item.memoryId !== undefined) memoryIds.push(item.memoryId);
      if (!opened) sections.push(section.name);
      opened = true;
    }
  }
  const user = parts.join("");
  return { system, user, use: { tokens: estimateTokens(system, user), budget, memoryIds, sections } };
}

/** The text's start and a marker, `room` characters in all (the marker alone when there is no room). */
function clip(text: string, room: number): string {
  const keep = Math.max(0, room - TRUNCATED.length);
  // Never half a surrogate pair: a lone one is invalid in the JSON sent to the provider.
  const start = text.slice(0, keep).replace(/[\uD800-\uDBFF]$/, "");
  return start + TRUNCATED;
}
