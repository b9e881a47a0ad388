import type { Event } from "../schemas/event";

/** How an event changes the agent's open tasks: a plain function so it is easy to test. */
export type TaskEffect = { kind: "open"; taskId: string; title: string } | { kind: "close"; taskId: string } | undefined;

const CLOSED = new Set(["done", "completed", "cancelled", "closed"]);

function str(value: unknown): string | undefined {
  return typeof value === "string" && value.length > 0 ? value : undefined;
}

export function taskEffect(event: Event): TaskEffect {
  const taskId = str(event.payload["taskId"]) ?? event.subject;
  if (event.type === "task.assigned") {
    return { kind: "open", taskId, title: str(event.payload["title"]) ?? event.subject };
  }
  if (event.type === "task.updated" && CLOSED.has(String(event.payload["status"] ?? ""))) {
    return { kind: "close", taskId };
  }
  return undefined;
}
