import type { BatchWork } from "./export";

type Traced = { id: string; traceId: string };

const traced = (x: unknown): x is Traced =>
  typeof x === "object" && x !== null && typeof (x as Traced).id === "string" && typeof (x as Traced).traceId === "string";

/**
 * The events (and their traces) a queue batch carried, read without validating the messages
 * again: a packed message's `items[].event`, or an older message's single `event`. What cannot
 * be read has no trace to export.
 */
export function batchWork(messages: readonly { body: unknown }[], startedAt: number): BatchWork {
  const events: Traced[] = [];
  for (const { body } of messages) {
    if (typeof body !== "object" || body === null) continue;
    const b = body as { items?: unknown; event?: unknown };
    const candidates = Array.isArray(b.items) ? b.items.map((item: { event?: unknown } | null) => item?.event) : [b.event];
    for (const e of candidates) if (traced(e)) events.push({ id: e.id, traceId: e.traceId });
  }
  return { startedAt, events };
}
