import { z } from "zod";

/**
 * Every event type an agent can wake for. Patterns in subscriptions (`github.*`) match these
 * dot-separated names segment by segment.
 */
export const EVENT_TYPES = [
  "github.push",
  "github.pull_request.opened",
  "github.pull_request.synchronize",
  "github.pull_request.reopened",
  "github.issue.opened",
  "github.issue.edited",
  "github.issue.closed",
  "github.issue.reopened",
  "github.issue_comment.created",
  "github.issue_comment.edited",
  "task.assigned",
  "task.updated",
  "handoff.requested",
  "handoff.completed",
  "schedule.tick",
  "feedback.received",
  "budget.exceeded",
  "budget.warning",
  "agent.lifecycle",
  "customer.message",
  "report.requested",
] as const;

export const EventType = z.enum(EVENT_TYPES);
export type EventType = z.infer<typeof EventType>;

/**
 * Where an ingested event is in the pipeline: `pending` (recorded, on its way) → `delivered` |
 * `dead`; `enqueue_failed` when the queue refused it at ingest; `queued` once the cron or a
 * replay re-sent it.
 */
export const EVENT_STATUSES = ["pending", "queued", "delivered", "dead", "enqueue_failed"] as const;
export const EventStatus = z.enum(EVENT_STATUSES);
export type EventStatus = z.infer<typeof EventStatus>;

/** Largest serialized event we accept: a Queue message is capped at 128 KB, leave headroom. */
export const MAX_EVENT_BYTES = 64 * 1024;

const id = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[A-Za-z0-9_.:-]+$/, "only letters, digits and _ . : -");

/** A customer (tenant) id, the same shape wherever it appears. */
export const CustomerId = id;

/**
 * An event as a producer posts it. `id` and `traceId` are optional: the platform assigns them.
 * A producer that supplies its own `id` gets idempotent ingest (a repeat is not enqueued twice).
 */
export const EventInput = z
  .object({
    id: id.optional(),
    type: EventType,
    source: z.string().min(1).max(200),
    subject: z.string().min(1).max(500),
    payload: z.record(z.string(), z.unknown()).default({}),
    occurredAt: z.iso.datetime({ offset: true }),
    traceId: id.optional(),
    customerId: CustomerId.optional(),
  })
  .meta({ id: "EventInput" });
export type EventInput = z.input<typeof EventInput>;

/** An event after ingest: ids assigned and the receive time stamped (epoch ms). */
export const Event = EventInput.extend({
  id,
  traceId: id,
  receivedAt: z.number().int().nonnegative(),
});
export type Event = z.infer<typeof Event>;

/** The most recipients a wake item carries; an event with more is looked up by the consumer. */
export const MAX_CARRIED_RECIPIENTS = 100;

/** The most events one wake message packs (an ingest request holds at most 100). */
export const MAX_EVENTS_PER_MESSAGE = 100;

/**
 * One event on the wake queue. `to` lists the agents subscribed when the event was accepted
 * (ingest resolves them in the same D1 round trip that records the event); without it the
 * consumer looks them up.
 */
export const WakeItem = z.object({
  event: Event,
  to: z.array(z.string().min(1)).max(MAX_CARRIED_RECIPIENTS).optional(),
});
export type WakeItem = z.infer<typeof WakeItem>;

/**
 * What travels on the wake queue. Versioned so a consumer can reject what it does not know
 * (src/wake/message-versions.ts reads them; `WAKE_MESSAGE_VERSION` picks what writers send).
 * v2 packs the events of one ingest request into one message (up to the queue's message size),
 * so a consumer batch of 100 messages carries up to 10,000 events and an agent with several of
 * them is woken, and commits, once. v1 (one event a message) is still read, for messages queued
 * before v2.
 */
export const WakeMessage = z.discriminatedUnion("v", [
  WakeItem.extend({ v: z.literal(1) }),
  z.object({ v: z.literal(2), items: z.array(WakeItem).min(1).max(MAX_EVENTS_PER_MESSAGE) }),
]);
export type WakeMessage = z.infer<typeof WakeMessage>;

/** The events a wake message carries, in order. */
export function wakeItemsOf(message: WakeMessage): WakeItem[] {
  if (message.v === 2) return message.items;
  return [message.to ? { event: message.event, to: message.to } : { event: message.event }];
}

/** An event of a packed message that is not a valid wake item: kept as a dead letter of its own. */
export interface InvalidWakeItem {
  index: number;
  item: unknown;
  /** The event's id, when it has a usable one. */
  eventId: string | null;
  error: string;
}

export const EventBatchInput = z.object({
  events: z
    .array(EventInput)
    .min(1)
    .max(100)
    .superRefine((events, ctx) => {
      const seen = new Set<string>();
      events.forEach((e, i) => {
        if (e.id === undefined) return;
        if (seen.has(e.id)) ctx.addIssue({ code: "custom", message: "duplicate event id in this batch", path: [i, "id"] });
        seen.add(e.id);
      });
    }),
});
