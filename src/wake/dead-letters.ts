import { eq, ne, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { database, type Database } from "../db/client";
import { updateEventsStatements } from "../db/event-updates";
import { deadLetters, events as eventsTable } from "../db/schema";
import { WakeMessage } from "../schemas/event";
import { retryDelaySeconds } from "./backoff";
import { errorText } from "../errors";
import { failUndeliveredWork } from "../marketplace/undelivered-work";

/**
 * Records one dead message; keyed by the queue message id, so a redelivered dead letter is kept
 * once. `eventId` is null for a message that is not a readable wake message.
 */
export function deadLetterStatement(db: Database, msg: Message<unknown>, eventId: string | null, error: string, attempts: number) {
  return db
    .insert(deadLetters)
    .values({
      id: `dl_${msg.id}`,
      eventId: eventId ?? "unknown",
      message: msg.body ?? null,
      error,
      attempts,
      deadAt: Date.now(),
    })
    .onConflictDoNothing();
}

/**
 * The dead-letter queue consumer: wake messages that exhausted their retries are stored with
 * the last error their event recorded, so an operator can inspect and replay them.
 */
export async function handleDeadLetterBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const base = Number(env.WAKE_RETRY_BASE_SECONDS ?? 2);
  for (const msg of batch.messages) {
    try {
      await storeDeadLetter(db, msg);
      msg.ack();
    } catch (error) {
      // Nothing may be lost here: the DLQ has no DLQ of its own, so back off and try again.
      console.error("storing a dead letter failed; retrying", errorText(error));
      msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, base) });
    }
  }
}

async function storeDeadLetter(db: Database, msg: Message<unknown>): Promise<void> {
  const parsed = WakeMessage.safeParse(msg.body);
  const eventId = parsed.success ? parsed.data.event.id : undefined;
  const row = eventId
    ? await db.select({ lastError: eventsTable.lastError, attempts: eventsTable.attempts }).from(eventsTable).where(eq(eventsTable.id, eventId)).get()
    : undefined;
  const error = row?.lastError ?? (parsed.success ? "retries exhausted (no error recorded)" : "invalid wake message");
  const statements: [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]] = [deadLetterStatement(db, msg, eventId ?? null, error, row?.attempts ?? 0)];
  // Another copy of the message may have been delivered meanwhile: never mark that one dead.
  if (eventId) {
    statements.push(...updateEventsStatements(db, [eventId], { status: "dead" }, ne(eventsTable.status, "delivered")));
    statements.push(...failUndeliveredWork(db, eventId, error));
  }
  await db.batch(statements);
}

/** Marks a dead letter replayed (it stays listed, with its replay count, for the audit trail). */
export function markReplayed(db: Database, id: string) {
  return db
    .update(deadLetters)
    .set({ replayedAt: Date.now(), replayCount: sql`${deadLetters.replayCount} + 1` })
    .where(eq(deadLetters.id, id));
}
