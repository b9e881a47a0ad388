import { metrics } from "../observability/metrics/recorder";
import { countIngested } from "../observability/metrics/wake-metrics";
import { and, eq, inArray, lt, or, sql } from "drizzle-orm";
import { database, type Database } from "../db/client";
import { jsonChunks } from "../db/json-rows";
import { selectEvents, updateEvents } from "../db/event-updates";
import { events as eventsTable } from "../db/schema";
import { errorText, ServiceUnavailableError, ValidationError } from "../errors";
import { newId } from "../ids";
import { Event, type EventInput, type EventStatus, MAX_CARRIED_RECIPIENTS, MAX_EVENT_BYTES, type WakeItem } from "../schemas/event";
import type { IngestResult } from "../schemas/event-views";
import { subscriberLookup, type SubscriptionRow } from "./subscription-index";
import { eventBytes, sendWakes } from "./wake-sender";
import { wakeMessageVersion } from "./message-versions";
import { fieldCipher } from "../crypto/env-cipher";
import type { FieldCipher } from "../crypto/field-cipher";
import { eventsForStorage, openPayload, type StoredEvent } from "./event-payloads";

/**
 * Statuses of an event that is recorded but not known to be delivered. `pending` covers both
 * "being sent" and "on the queue": ingest does not spend a D1 round trip per request to tell
 * them apart, and age does it instead (see {@link isStranded}).
 */
const NOT_ON_QUEUE: EventStatus[] = ["pending", "enqueue_failed"];
/**
 * How long an event may stay `pending` before the sweep assumes its ingest died between the D1
 * write and the send. Longer than any healthy queue backlog, so the sweep rarely duplicates.
 */
const PENDING_GRACE_MS = 5 * 60_000;

/**
 * Whether a stored event must be sent again: the queue refused it, or it has been `pending` so
 * long that its ingest must have died before sending. A recent `pending` one is on its way (or
 * on the queue already): a repeat of it is a duplicate.
 */
function isStranded(row: { status: string; receivedAt: number }, now: number): boolean {
  return row.status === "enqueue_failed" || (row.status === "pending" && row.receivedAt < now - PENDING_GRACE_MS);
}

type EventRow = typeof eventsTable.$inferSelect;

/** The event as stored, ready to send again: its payload decrypted. */
export async function eventFromRow(cipher: FieldCipher, row: EventRow): Promise<Event> {
  return Event.parse({ ...row, payload: await openPayload(cipher, row.payload), customerId: row.customerId ?? undefined });
}

// Set-based insert: the events travel as one JSON parameter (see jsonChunks). SQLite needs the
// `WHERE true` to parse an upsert whose rows come from a SELECT.
const INSERT_EVENTS = `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status)
  SELECT value->>'id', value->>'type', value->>'source', value->>'subject', value->>'customerId', value->>'traceId',
         value->>'occurredAt', value->>'receivedAt', value->'payload', 'pending'
  FROM json_each(?) WHERE true
  ON CONFLICT (id) DO NOTHING
  RETURNING id`;

/**
 * Records new events as `pending` and resolves who is subscribed to them, in one D1 round trip.
 * Returns the ids that were new (repeats are left as they were) and each event's subscribers.
 */
async function recordNewEvents(
  d1: D1Database,
  cipher: FieldCipher,
  events: readonly Event[],
): Promise<{ inserted: Set<string>; subscribers: Map<string, string[]> }> {
  const inserts = jsonChunks(await eventsForStorage(cipher, events)).map((json) => d1.prepare(INSERT_EVENTS).bind(json));
  const lookup = subscriberLookup(d1, events);
  const results = await d1.batch<unknown>([...inserts, ...(lookup.statement ? [lookup.statement] : [])]);
  const inserted = new Set(results.slice(0, inserts.length).flatMap((r) => (r.results as { id: string }[]).map((row) => row.id)));
  const rows = (results[inserts.length]?.results ?? []) as SubscriptionRow[];
  return { inserted, subscribers: lookup.match(rows) };
}

/**
 * An event for the wake queue, carrying the agents subscribed at ingest so the consumer need
 * not look them up again (unless there are too many to carry).
 */
function wakeItem(event: Event, subscribers?: readonly string[]): WakeItem {
  return subscribers && subscribers.length <= MAX_CARRIED_RECIPIENTS ? { event, to: [...subscribers] } : { event };
}

/**
 * Marks sent events `queued`, but only if nothing moved them further meanwhile (the consumer
 * may already have delivered them).
 */
async function markQueued(db: Database, ids: readonly string[]): Promise<void> {
  await updateEvents(db, ids, { status: "queued" }, inArray(eventsTable.status, NOT_ON_QUEUE));
}

/**
 * Sends stored-or-new events; on failure marks the unsent ones and throws a 503. The sweep marks
 * what it re-sent `queued`, so it re-sends an event at most once.
 */
async function send(env: Env, db: Database, items: readonly WakeItem[], opts: { markQueued?: boolean } = {}): Promise<void> {
  const { sent, unsent, error } = await sendWakes(env.WAKE_QUEUE, items, wakeMessageVersion(env));
  if (opts.markQueued) await markQueued(db, sent);
  if (unsent.length) {
    await updateEvents(db, unsent, { status: "enqueue_failed", lastError: String(error) }, inArray(eventsTable.status, NOT_ON_QUEUE));
    throw new ServiceUnavailableError(
      "queue_unavailable",
      `the wake queue did not accept ${unsent.length} event(s); retry with the same ids (the cron also retries them)`,
      {
        cause: error,
      },
    );
  }
}

/**
 * Accepts events: stamps ids and the receive time, records them in D1 as `pending` while
 * resolving their subscribers (one D1 round trip), and enqueues them on the wake queue with
 * those subscribers; the consumer marks them `delivered`. Events are validated (zod) before this is
 * called; here we enforce the byte size a queue message allows. A producer-supplied id makes
 * ingest idempotent: a repeat is reported as a duplicate and not enqueued again, unless the
 * first attempt never reached the queue, in which case the stored event is sent.
 */
export async function ingestEvents(env: Env, inputs: readonly EventInput[], field = "events"): Promise<IngestResult[]> {
  const receivedAt = Date.now();
  const stamped = inputs.map((input, i) => stampEvent(input, receivedAt, inputs.length > 1 ? `${field}[${i}].payload` : "payload"));
  const db = database(env.DB);
  const cipher = fieldCipher(env);
  const { inserted, subscribers } = await recordNewEvents(env.DB, cipher, stamped);
  countIngested(
    metrics(env),
    stamped.filter((e) => inserted.has(e.id)),
  );

  // Repeats: report the original; re-send the stored event if it never reached the queue.
  const repeats = stamped.filter((e) => !inserted.has(e.id)).map((e) => e.id);
  const stored = repeats.length ? await selectEvents(db, repeats) : [];
  const resend = await Promise.all(stored.filter((row) => isStranded(row, receivedAt)).map((row) => eventFromRow(cipher, row)));
  const originalTrace = new Map(stored.map((row) => [row.id, row.traceId]));

  // A re-sent stored event is looked up by the consumer: its subscribers may have changed.
  const toSend = [
    ...stamped.filter((e) => inserted.has(e.id)).map((e) => wakeItem(e, subscribers.get(e.id))),
    ...resend.map((e) => wakeItem(e)),
  ];
  if (toSend.length) await send(env, db, toSend);
  const sentIds = new Set(toSend.map((m) => m.event.id));
  return stamped.map((e) => ({
    id: e.id,
    traceId: originalTrace.get(e.id) ?? e.traceId,
    status: sentIds.has(e.id) ? "queued" : "duplicate",
  }));
}

/** An event as accepted: ids assigned, receive time stamped, size checked before any write. */
export function stampEvent(input: EventInput, receivedAt: number, field = "payload"): Event {
  const event: Event = {
    ...input,
    payload: input.payload ?? {},
    id: input.id ?? newId("evt"),
    traceId: input.traceId ?? newId("trc"),
    receivedAt,
  };
  if (eventBytes(event) > MAX_EVENT_BYTES) throw new ValidationError(`event is larger than ${MAX_EVENT_BYTES} bytes`, field);
  return event;
}

/**
 * Statements recording events as `pending`, for a caller that must record them in one
 * transaction with its own rows (a task and its event), `onlyIf` guarding the insert. Pass them
 * through {@link eventsForStorage} first to encrypt their payloads at rest.
 */
export function pendingEventStatements(
  d1: D1Database,
  events: readonly StoredEvent[],
  onlyIf?: { sql: string; params: unknown[] },
): D1PreparedStatement[] {
  const query = onlyIf ? INSERT_EVENTS.replace("WHERE true", `WHERE ${onlyIf.sql}`) : INSERT_EVENTS;
  return jsonChunks(events).map((json) => d1.prepare(query).bind(json, ...(onlyIf?.params ?? [])));
}

/**
 * Sends events already recorded as pending. A queue refusal is not an error here: the events
 * stay recorded (`enqueue_failed`) and the cron sends them, so the caller's work still stands.
 */
export async function sendRecorded(env: Env, events: readonly Event[]): Promise<void> {
  try {
    await send(
      env,
      database(env.DB),
      events.map((e) => wakeItem(e)),
    );
  } catch (error) {
    if (!(error instanceof ServiceUnavailableError)) throw error;
    console.warn("queue refused recorded events; the cron will send them", { ids: events.map((e) => e.id) });
  }
}

/** Re-sends stored events to the wake queue (DLQ replay). */
export async function requeueEvents(env: Env, events: readonly Event[]): Promise<void> {
  const db = database(env.DB);
  const { error } = await sendWakes(
    env.WAKE_QUEUE,
    events.map((event) => wakeItem(event)),
    wakeMessageVersion(env),
  );
  if (error) throw error;
  await updateEvents(
    db,
    events.map((e) => e.id),
    { status: "queued" },
    eq(eventsTable.status, "dead"),
  );
}

/** A page of stranded events (see {@link requeueStranded}); exported so a test can check its query plan. */
export function selectStranded(db: Database, now: number, pageSize: number) {
  return db
    .select()
    .from(eventsTable)
    .where(
      and(
        sql`${eventsTable.status} IN ('pending', 'enqueue_failed')`,
        or(eq(eventsTable.status, "enqueue_failed"), lt(eventsTable.receivedAt, now - PENDING_GRACE_MS)),
      ),
    )
    .limit(pageSize);
}

/** What one sweep did: events re-sent, whether it stopped at its time budget with more left, and why it stopped early. */
export interface SweepReport {
  requeued: number;
  more: boolean;
  /** The queue refused a page: the pages before it are re-sent (and counted), the rest wait for the next run. */
  error?: string;
}

/**
 * Re-enqueues events that never reached the queue: refused at ingest (`enqueue_failed`), or
 * still `pending` long after their ingest should have finished (the request died between the
 * D1 write and the send, or the queue lost the message). Runs on the cron, so such an event is
 * delayed, never lost. Page by page (each re-sent page is marked `queued`, so the next read finds
 * the next) until none is left or `budgetMs` has passed: a restart that strands thousands of
 * events is swept in one run, not a hundred per run. The read uses the partial index
 * `events_stranded` (its `status IN (…)` term must stay literal for SQLite to use it).
 */
export async function requeueStranded(env: Env, { pageSize = 100, budgetMs = 20_000 } = {}): Promise<SweepReport> {
  const db = database(env.DB);
  const cipher = fieldCipher(env);
  const until = Date.now() + budgetMs;
  const report: SweepReport = { requeued: 0, more: false };
  for (;;) {
    const stranded = await selectStranded(db, Date.now(), pageSize);
    if (stranded.length === 0) return report;
    try {
      const events = await Promise.all(stranded.map((row) => eventFromRow(cipher, row)));
      await send(
        env,
        db,
        events.map((e) => wakeItem(e)),
        { markQueued: true },
      );
    } catch (error) {
      return { ...report, more: true, error: errorText(error) };
    }
    report.requeued += stranded.length;
    if (stranded.length < pageSize) return report;
    if (Date.now() >= until) return { ...report, more: true };
  }
}
