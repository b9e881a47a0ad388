import { eq } from "drizzle-orm";
import { Hono } from "hono";
import { database } from "../../db/client";
import { decisions, events, wakeLog } from "../../db/schema";
import { NotFoundError } from "../../errors";
import { operatorAuth } from "../../http/auth";
import { idempotency } from "../../http/idempotency";
import { jsonBody } from "../../http/validate";
import { EventBatchInput, EventInput } from "../../schemas/event";
import type { BatchIngestResult, EventView, IngestResult } from "../../schemas/event-views";
import type { AppEnv } from "../../types";
import { traceIdOfTraceparent } from "../../traces/traceparent";
import { ingestEvents } from "../../wake/ingest";
import { fieldCipher } from "../../crypto/env-cipher";
import { openPayload } from "../../wake/event-payloads";

/** Event ingest and inspection. Operator-only until customer keys exist. */
export const eventRoutes = new Hono<AppEnv>()
  .use(operatorAuth, idempotency())
  .post("/", async (c) => {
    const input = await jsonBody(c, EventInput);
    const traceId = input.traceId ?? traceIdOfTraceparent(c.req.header("traceparent"));
    const [result] = await ingestEvents(c.env, [{ ...input, traceId }]);
    if (!result) throw new Error("ingest answered nothing for the event it was given");
    return c.json(result satisfies IngestResult, result.status === "queued" ? 202 : 200);
  })
  .post("/batch", async (c) => {
    const { events: inputs } = await jsonBody(c, EventBatchInput);
    const parent = traceIdOfTraceparent(c.req.header("traceparent"));
    const results = await ingestEvents(
      c.env,
      inputs.map((e) => ({ ...e, traceId: e.traceId ?? parent })),
    );
    const accepted = results.filter((r) => r.status === "queued").length;
    return c.json({ accepted, ids: results.map((r) => r.id), results } satisfies BatchIngestResult, 202);
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
    return c.json({ ...event, payload: await openPayload(fieldCipher(c.env), event.payload), wakes } satisfies EventView);
  });
