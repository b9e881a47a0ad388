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

/** The source of events the marketplace emits for customer tasks and messages. */
export const MARKETPLACE_SOURCE = "waooaw.marketplace";

/** The marketplace task (and message) an event carries, so its outcome can complete it. */
export function marketplaceTaskOf(event: Event, slug: string): { taskId: string; messageId?: string; slug: string } | undefined {
  if (event.source !== MARKETPLACE_SOURCE || !event.customerId) return undefined;
  const taskId = str(event.payload["taskId"]);
  if (!taskId) return undefined;
  const messageId = str(event.payload["messageId"]);
  return messageId ? { taskId, messageId, slug } : { taskId, slug };
}
