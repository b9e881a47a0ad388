import { z } from "zod";
import { DecisionTierName, WakeOutcome } from "./decision";
import { EventStatus, EventType } from "./event";
import { DecisionAction } from "./identity";

// What the event API answers: the single source of truth for its responses (types inferred,
// /openapi.json generated, real responses parsed with them in tests).

/** `queued`: accepted onto the wake queue; `duplicate`: this producer-supplied id was accepted before. */
export const IngestResult = z
  .object({ id: z.string(), traceId: z.string(), status: z.enum(["queued", "duplicate"]) })
  .meta({ id: "IngestResult" });
export type IngestResult = z.infer<typeof IngestResult>;

export const BatchIngestResult = z.object({
  /** How many were new and queued (the rest were duplicates). */
  accepted: z.number().int().nonnegative(),
  ids: z.array(z.string()),
  results: z.array(IngestResult),
});
export type BatchIngestResult = z.infer<typeof BatchIngestResult>;

/** `GET /v1/events/{id}`: the event as stored, where it is in the pipeline, and every wake it caused. */
export const EventView = z
  .object({
    id: z.string(),
    type: EventType,
    source: z.string(),
    subject: z.string(),
    customerId: z.string().nullable(),
    traceId: z.string(),
    occurredAt: z.string(),
    receivedAt: z.number().int(),
    payload: z.record(z.string(), z.unknown()),
    status: EventStatus,
    attempts: z.number().int().nonnegative(),
    lastError: z.string().nullable(),
    /** How many agents it woke, once delivered. */
    matchedCount: z.number().int().nullable(),
    deliveredAt: z.number().int().nullable(),
    wakes: z.array(
      z.object({
        instanceId: z.string(),
        outcome: WakeOutcome,
        recordedAt: z.number().int(),
        decision: z
          .object({ id: z.string(), action: DecisionAction, reason: z.string(), tier: DecisionTierName, ruleId: z.string().nullable() })
          .nullable(),
      }),
    ),
  })
  .meta({ id: "EventView" });
export type EventView = z.infer<typeof EventView>;

/** `<receivedAt>~<id>`: events can share a millisecond, so the id breaks the tie. */
const EVENT_CURSOR = /^\d+~[A-Za-z0-9_.:-]*$/;

/**
 * `GET /v1/admin/events`: what `waooaw events tail` polls. Without `cursor`, the newest `limit`
 * events; with one, the events received after it. Either way oldest first, so a follower prints
 * them in order and passes the answer's `cursor` back.
 */
export const EventListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).regex(EVENT_CURSOR, "the cursor of a previous answer").optional(),
  type: EventType.optional(),
  status: EventStatus.optional(),
});
export type EventListQuery = z.infer<typeof EventListQuery>;

/** An event as listed: as stored, without its wakes (`GET /v1/events/{id}` has them). */
export const EventSummary = EventView.omit({ wakes: true }).meta({ id: "EventSummary" });
export type EventSummary = z.infer<typeof EventSummary>;

export const EventList = z
  .object({
    items: z.array(EventSummary),
    /** Where the next poll starts: after the last event listed (or where this one started, when none was). */
    cursor: z.string(),
  })
  .meta({ id: "EventList" });
export type EventList = z.infer<typeof EventList>;
