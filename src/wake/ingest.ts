import { eq } from "drizzle-orm";
import { database } from "../db/client";
import { chunkForParams } from "../db/chunk";
import { selectEvents, updateEvents } from "../db/event-updates";
import { events as eventsTable } from "../db/schema";
import { ServiceUnavailableError, ValidationError } from "../errors";
import { newId } from "../ids";
import { Event, MAX_EVENT_BYTES, type EventInput, type WakeMessage } from "../schemas/event";

export interface IngestResult {
  id: string;
  traceId: string;
  /** `queued`: newly accepted. `duplicate`: an event with this id was accepted before. */
  status: "queued" | "duplicate";
}

/**
 * Accepts events: stamps ids and the receive time, records them in D1, and enqueues them on
 * the wake queue. Events are validated (zod) before this is called; here we enforce size.
 * A producer-supplied id makes ingest idempotent: a repeat is reported, not enqueued again,
 * unless the first attempt never reached the queue.
 */
export async function ingestEvents(env: Env, inputs: readonly EventInput[], field = "events"): Promise<IngestResult[]> {
  const receivedAt = Date.now();
  const stamped: Event[] = inputs.map((input, i) => {
    const event: Event = {
      ...input,
      payload: input.payload ?? {},
      id: input.id ?? newId("evt"),
      traceId: input.traceId ?? newId("trc"),
      receivedAt,
    };
    if (JSON.stringify(event).length > MAX_EVENT_BYTES) {
      throw new ValidationError(`event is larger than ${MAX_EVENT_BYTES} bytes`, inputs.length > 1 ? `${field}[${i}].payload` : "payload");
    }
    return event;
  });
  const db = database(env.DB);
  const rows = stamped.map((e) => ({
    id: e.id,
    type: e.type,
    source: e.source,
    subject: e.subject,
    customerId: e.customerId ?? null,
    traceId: e.traceId,
    occurredAt: e.occurredAt,
    receivedAt: e.receivedAt,
    payload: e.payload,
    status: "queued",
  }));
  const inserts = chunkForParams(rows, 14).map((chunk) =>
    db.insert(eventsTable).values(chunk).onConflictDoNothing().returning({ id: eventsTable.id }),
  );
  const [first, ...rest] = inserts;
  const inserted = new Set(first ? (await db.batch([first, ...rest])).flat().map((r) => r.id) : []);

  // Repeats whose first attempt never reached the queue are enqueued now.
  const repeats = stamped.filter((e) => !inserted.has(e.id)).map((e) => e.id);
  const retryable = new Set<string>();
  const originalTrace = new Map<string, string>();
  if (repeats.length) {
    for (const row of await selectEvents(db, repeats)) {
      originalTrace.set(row.id, row.traceId);
      if (row.status === "enqueue_failed") retryable.add(row.id);
    }
  }
  const toSend = stamped.filter((e) => inserted.has(e.id) || retryable.has(e.id));
  if (toSend.length) {
    try {
      await env.WAKE_QUEUE.sendBatch(toSend.map((event) => ({ body: { v: 1, event } satisfies WakeMessage, contentType: "json" as const })));
    } catch (cause) {
      await updateEvents(db, toSend.map((e) => e.id), { status: "enqueue_failed", lastError: String(cause) });
      throw new ServiceUnavailableError("queue_unavailable", "the wake queue did not accept the events; retry with the same ids", { cause });
    }
    await updateEvents(db, [...retryable], { status: "queued" });
  }
  const sent = new Set(toSend.map((e) => e.id));
  return stamped.map((e) => ({
    id: e.id,
    traceId: originalTrace.get(e.id) ?? e.traceId,
    status: sent.has(e.id) ? "queued" : "duplicate",
  }));
}

/** Re-sends a stored event to the wake queue (DLQ replay). */
export async function requeueEvent(env: Env, event: Event): Promise<void> {
  await env.WAKE_QUEUE.send({ v: 1, event } satisfies WakeMessage, { contentType: "json" });
  await updateEvents(database(env.DB), [event.id], { status: "queued" });
}

/**
 * Re-enqueues events whose queue send failed at ingest (the producer got a 503 and may never
 * retry). Runs on the cron, so such an event is delayed, never lost.
 */
export async function requeueStranded(env: Env, limit = 100): Promise<number> {
  const db = database(env.DB);
  const stranded = await db.select().from(eventsTable).where(eq(eventsTable.status, "enqueue_failed")).limit(limit);
  if (stranded.length === 0) return 0;
  const events = stranded.map((row) =>
    Event.parse({ ...row, customerId: row.customerId ?? undefined }),
  );
  await env.WAKE_QUEUE.sendBatch(events.map((event) => ({ body: { v: 1, event } satisfies WakeMessage, contentType: "json" as const })));
  await updateEvents(db, events.map((e) => e.id), { status: "queued" });
  return events.length;
}
