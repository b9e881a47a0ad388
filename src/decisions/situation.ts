import type { Event } from "../schemas/event";

/** What the agent knows when it decides: the event and a summary of its own context. */
export interface Situation {
  event: Event;
  context: {
    openTaskCount: number;
    recentEventCount: number;
    state: string;
  };
}

/**
 * Reads a dotted path from a situation: `event.subject`, `payload.priority` (shorthand for
 * `event.payload.priority`), `context.openTaskCount`. Missing segments read as `undefined`.
 */
export function readPath(situation: Situation, path: string): unknown {
  const [head, ...rest] = path.split(".");
  let value: unknown =
    head === "payload" ? situation.event.payload : head === "event" ? situation.event : head === "context" ? situation.context : undefined;
  for (const key of rest) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}
