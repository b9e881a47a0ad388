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
