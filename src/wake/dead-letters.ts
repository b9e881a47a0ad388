import { eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { database, type Database } from "../db/client";
import { selectEvents, updateEventsStatements } from "../db/event-updates";
import { deadLetters, events as eventsTable } from "../db/schema";
import { WakeMessage, wakeItemsOf } from "../schemas/event";
import { retryDelaySeconds } from "./backoff";
import { errorText } from "../errors";
import { failUndeliveredWork } from "../marketplace/undelivered-work";

/** A dead letter as stored: one per undelivered event (or per unreadable message). */
export interface DeadLetterRecord {
  id: string;
  /** null for a message that is not a readable wake message. */
  eventId: string | null;
  message: unknown;
  error: string;
  attempts: number;
}

/** Records one dead letter; keyed by queue message id (and event), so a redelivered one is kept once. */
export function deadLetterStatement(db: Database, record: DeadLetterRecord) {
  return db
    .insert(deadLetters)
    .values({ ...record, eventId: record.eventId ?? "unknown", message: record.message ?? null, deadAt: Date.now() })
    .onConflictDoNothing();
}

/**
 * The dead-letter queue consumer: wake messages that exhausted their retries are stored, one
 * dead letter per event not delivered, with the last error that event recorded, so an operator
 * can inspect and replay each.
 */
export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const base = Number(env.WAKE_RETRY_BASE_SECONDS ?? 2);
  for (const msg of batch.messages) {
    try {
      await storeDeadLetters(db, msg);
      msg.ack();
    } catch (error) {
      // Nothing may be lost here: the DLQ has no DLQ of its own, so back off and try again.
      console.error("storing a dead letter failed; retrying", errorText(error));
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, base) });
    }
  }
}

async function storeDeadLetters(db: Database, msg: Message<unknown>): Promise<void> {
  const parsed = WakeMessage.safeParse(msg.body);
  if (!parsed.success) {
    await deadLetterStatement(db, { id: `dl_${msg.id}`, eventId: null, message: msg.body, error: "invalid wake message", attempts: 0 });
    return;
  }
  const items = wakeItemsOf(parsed.data);
  const stored = new Map((await selectEvents(db, items.map((item) => item.event.id))).map((row) => [row.id, row]));
  const statements: BatchItem<"sqlite">[] = [];
  items.forEach(({ event }, i) => {
    const row = stored.get(event.id);
    // The other events of a packed message, or another copy of this one, may have been
    // delivered: never mark those dead.
    if (row?.status === "delivered") return;
    const error = row?.lastError ?? "retries exhausted (no error recorded)";
    const id = items.length === 1 ? `dl_${msg.id}` : `dl_${msg.id}.${i}`;
    statements.push(deadLetterStatement(db, { id, eventId: event.id, message: { v: 2, items: [{ event }] }, error, attempts: row?.attempts ?? 0 }));
    statements.push(...updateEventsStatements(db, [event.id], { status: "dead" }, ne(eventsTable.status, "delivered")));
    statements.push(...failUndeliveredWork(db, event.id, error));
  });
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** Marks a dead letter replayed (it stays listed, with its replay count, for the audit trail). */
export function markReplayed(db: Database, id: string) {
  return db
    .update(deadLetters)
    .set({ replayedAt: Date.now(), replayCount: sql`${deadLetters.replayCount} + 1` })
    .where(eq(deadLetters.id, id));
}
