import type { Event } from "../../schemas/event";

/** Longest situation text kept: enough to say what an event is about, short enough to embed and show. */
export const MAX_SITUATION_CHARS = 1_000;

/**
 * What an event is about, as plain text: its type, then the strings in its payload (a message's
 * text, a task's title and instructions, nested ones too), in payload order. What memories and
 * few-shot examples are looked up by, and what an example shows as its situation.
 */
export function situationText(event: Pick<Event, "type" | "payload">): string {
  const words: string[] = [event.type];
  let length = event.type.length;
  const visit = (value: unknown, depth: number): void => {
    if (length >= MAX_SITUATION_CHARS || depth > 4) return;
    if (typeof value === "string") {
      if (value) words.push(value);
      length += value.length + 1;
    } else if (Array.isArray(value)) {
      for (const v of value) visit(v, depth + 1);
    } else if (typeof value === "object" && value !== null) {
      for (const v of Object.values(value)) visit(v, depth + 1);
    }
  };
  visit(event.payload, 0);
  return words.join(" ").slice(0, MAX_SITUATION_CHARS);
}
