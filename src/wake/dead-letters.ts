import { ne } from "drizzle-orm";
import { database, toD1, type Database } from "../db/client";
import { jsonChunks } from "../db/json-rows";
import { selectEvents, updateEventsStatements } from "../db/event-updates";
import { events as eventsTable } from "../db/schema";
import type { InvalidWakeItem } from "../schemas/event";
import { readWakeMessage } from "./message-versions";
import { retryDelaySeconds } from "./backoff";
import { errorText } from "../errors";
import { countDeadLettered } from "../observability/metrics/wake-metrics";
import { metrics } from "../observability/metrics/recorder";
import { combine, NOTHING, sendAfterCommit, type WakeHooks, type Writes } from "./extensions";
import { fieldCipher } from "../crypto/env-cipher";
import { eventsForStorage } from "./event-payloads";

/** A dead letter as stored: one per undelivered event (or per unreadable message). */
export interface DeadLetterRecord {
  id: string;
  /** null for a message that is not a readable wake message. */
  eventId: string | null;
  message: unknown;
  error: string;
  attempts: number;
}

// Set-based, like the wake records: one statement for many dead letters. The message travels
// pre-serialized, so `->>` hands SQLite the JSON text the column keeps.
const INSERT_DEAD_LETTERS = `INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at)
  SELECT value->>'id', value->>'eventId', value->>'message', value->>'error', value->>'attempts', value->>'deadAt'
  FROM json_each(?) WHERE true
  ON CONFLICT (id) DO NOTHING`;

/** The statements deadLetterStatements made, so a batch's results tell how many rows they inserted. */
const deadLetterInserts = new WeakSet<D1PreparedStatement>();

/** Records dead letters; keyed by queue message id (and event), so a redelivered one is kept once. */
export function deadLetterStatements(d1: D1Database, records: readonly DeadLetterRecord[]): D1PreparedStatement[] {
  const deadAt = Date.now();
  const rows = records.map((r) => ({ ...r, eventId: r.eventId ?? "unknown", message: JSON.stringify(r.message ?? null), deadAt }));
  const statements = jsonChunks(rows).map((json) => d1.prepare(INSERT_DEAD_LETTERS).bind(json));
  for (const s of statements) deadLetterInserts.add(s);
  return statements;
}

/**
 * Dead letters a committed batch really stored: a retried or redelivered message writes its
 * dead letters again and `ON CONFLICT DO NOTHING` keeps the first, so counting the items would
 * count them once per attempt.
 */
export function deadLettersInserted(statements: readonly D1PreparedStatement[], results: readonly D1Result[]): number {
  let n = 0;
  statements.forEach((s, i) => {
    if (deadLetterInserts.has(s)) n += results[i]?.meta.changes ?? 0;
  });
  return n;
}

/**
 * The dead-letter queue consumer: wake messages that exhausted their retries are stored, one
 * dead letter per event not delivered, with the last error that event recorded, so an operator
 * can inspect and replay each. Products record what the lost events mean to them (a customer's
 * task fails visibly) through `hooks`, in the same transaction.
 */
export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, env: Env, hooks: WakeHooks): Promise<void> {
  const db = database(env.DB);
  const base = Number(env.WAKE_RETRY_BASE_SECONDS ?? 2);
  for (const msg of batch.messages) {
    try {
      await storeDeadLetters(env.DB, db, msg, env, hooks);
      msg.ack();
    } catch (error) {
      // Nothing may be lost here: the DLQ has no DLQ of its own, so back off and try again.
      console.error("storing a dead letter failed; retrying", errorText(error));
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, base) });
    }
  }
}

/**
 * Dead letters for the events of a packed message that are not valid wake items (never woken,
 * never replayable: they are kept for an operator to read), those events marked dead when they
 * have an id, and what the products' hooks make of them. Keyed `dl_<message>:<position>`, so a
 * redelivery stores them once.
 */
export function invalidItemWrites(
  d1: D1Database,
  db: Database,
  msg: Message<unknown>,
  invalid: readonly InvalidWakeItem[],
  hooks: WakeHooks,
): Writes {
  if (invalid.length === 0) return NOTHING;
  const identified = invalid.flatMap((bad) => (bad.eventId ? [{ eventId: bad.eventId, error: bad.error }] : []));
  const letters = invalid.map((bad) => ({
    id: `dl_${msg.id}:${bad.index}`,
    eventId: bad.eventId,
    message: bad.item,
    error: bad.error,
    attempts: msg.attempts,
  }));
  const core = [
    ...deadLetterStatements(d1, letters),
    ...updateEventsStatements(
      db,
      identified.map((i) => i.eventId),
      { status: "dead", lastError: "invalid wake item" },
      ne(eventsTable.status, "delivered"),
    ).map((q) => toD1(d1, q)),
  ];
  return combine([{ statements: core, events: [] }, hooks.eventsDeadLettered(d1, identified)]);
}

async function storeDeadLetters(d1: D1Database, db: Database, msg: Message<unknown>, env: Env, hooks: WakeHooks): Promise<void> {
  const read = readWakeMessage(msg.body);
  if ("error" in read) {
    const statements = deadLetterStatements(d1, [
      { id: `dl_${msg.id}`, eventId: null, message: msg.body, error: read.error, attempts: msg.attempts },
    ]);
    countDeadLettered(metrics(env), deadLettersInserted(statements, await d1.batch(statements)));
    return;
  }
  const { items } = read;
  const stored = new Map(
    (
      await selectEvents(
        db,
        items.map((item) => item.event.id),
      )
    ).map((row) => [row.id, row]),
  );
  // The events' payloads are encrypted at rest in the dead letter too (replay decrypts them).
  const sealed = new Map(
    (
      await eventsForStorage(
        fieldCipher(env),
        items.map((item) => item.event),
      )
    ).map((e) => [e.id, e]),
  );
  const letters = items.flatMap(({ event }) => {
    const row = stored.get(event.id);
    // The other events of a packed message, or another copy of this one, may have been
    // delivered: never mark those dead.
    if (row?.status === "delivered") return [];
    const id = items.length === 1 && read.invalid.length === 0 ? `dl_${msg.id}` : `dl_${msg.id}.${event.id}`;
    return [
      {
        id,
        eventId: event.id,
        message: { v: 2, items: [{ event: sealed.get(event.id) ?? event }] },
        error: row?.lastError ?? "retries exhausted (no error recorded)",
        attempts: row?.attempts ?? 0,
      },
    ];
  });
  if (letters.length === 0 && read.invalid.length === 0) return;
  const core = [
    ...deadLetterStatements(d1, letters),
    ...updateEventsStatements(
      db,
      letters.map((l) => l.eventId),
      { status: "dead" },
      ne(eventsTable.status, "delivered"),
    ).map((q) => toD1(d1, q)),
  ];
  const writes = combine([
    { statements: core, events: [] },
    hooks.eventsDeadLettered(
      d1,
      letters.map(({ eventId, error }) => ({ eventId, error })),
    ),
    invalidItemWrites(d1, db, msg, read.invalid, hooks),
  ]);
  countDeadLettered(metrics(env), deadLettersInserted(writes.statements, await d1.batch(writes.statements)));
  await sendAfterCommit(env, writes);
}
