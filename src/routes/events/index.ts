import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { database } from "../../db/client";
import { decisions, events, wakeLog } from "../../db/schema";
import { NotFoundError } from "../../errors";
import { operatorAuth } from "../../http/auth";
import { idempotency } from "../../http/idempotency";
import { jsonBody } from "../../http/validate";
import { z } from "zod";
import { DecisionTierName, WakeOutcome } from "../../schemas/decision";
import { EventBatchInput, EventInput, EventType } from "../../schemas/event";
import { DecisionAction } from "../../schemas/identity";
import type { AppEnv } from "../../types";
import { ingestEvents } from "../../wake/ingest";

/** `queued`: accepted onto the wake queue; `duplicate`: this producer-supplied id was accepted before. */
export const IngestResult = z
  .object({ id: z.string(), traceId: z.string(), status: z.enum(["queued", "duplicate"]) })
  .meta({ id: "IngestResult" });

export const BatchIngestResult = z.object({
  /** How many were new and queued (the rest were duplicates). */
  accepted: z.number().int().nonnegative(),
  ids: z.array(z.string()),
  results: z.array(IngestResult),
});

/** pending → queued → delivered | dead; enqueue_failed when the queue refused it at ingest. */
export const EventStatus = z.enum(["pending", "queued", "delivered", "dead", "enqueue_failed"]);

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

/** Event ingest and inspection. Operator-only until customer keys exist. */
export const eventRoutes = new Hono<AppEnv>()
  .use(operatorAuth, idempotency())
  .post("/", async (c) => {
    const input = await jsonBody(c, EventInput);
    const [result] = await ingestEvents(c.env, [input]);
    return c.json(result, result?.status === "queued" ? 202 : 200);
  })
  .post("/batch", async (c) => {
    const { events: inputs } = await jsonBody(c, EventBatchInput);
    const results = await ingestEvents(c.env, inputs);
    return c.json({ accepted: results.filter((r) => r.status === "queued").length, ids: results.map((r) => r.id), results }, 202);
  })
  .get("/:id", async (c) => {
    const db = database(c.env.DB);
    const id = c.req.param("id");
    const event = await db.select().from(events).where(eq(events.id, id)).get();
    if (!event) throw new NotFoundError(`event ${id} does not exist`);
    const wakes = await db
      .select({
        instanceId: wakeLog.instanceId,
        outcome: wakeLog.outcome,
        recordedAt: wakeLog.recordedAt,
        decision: { id: decisions.id, action: decisions.action, reason: decisions.reason, tier: decisions.tier, ruleId: decisions.ruleId },
      })
      .from(wakeLog)
      .leftJoin(decisions, eq(decisions.id, wakeLog.decisionId))
      .where(eq(wakeLog.eventId, id))
      .orderBy(wakeLog.instanceId);
    return c.json({ ...event, wakes });
  });
