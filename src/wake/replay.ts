import { eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { deadLetters } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import { type Event, WakeMessage, wakeItemsOf } from "../schemas/event";
import { sendAfterCommit, type WakeHooks } from "./extensions";
import { requeueEvent } from "./ingest";

/** The event a dead letter holds (one per dead letter), or null when it is not a wake message. */
export function deadLetterEvent(message: unknown): Event | null {
  const parsed = WakeMessage.safeParse(message);
  return parsed.success ? (wakeItemsOf(parsed.data)[0]?.event ?? null) : null;
}

/**
 * Sends a dead letter's event to the wake queue again. Safe to repeat: agents that already
 * handled the event answer as duplicates. Products first undo what the dead letter meant to
 * them (`hooks.eventReplayed`: a failed task goes back to queued). The dead letter stays
 * listed, with its replay count, for the audit trail.
 */
export async function replayDeadLetter(env: Env, hooks: WakeHooks, id: string): Promise<{ id: string; eventId: string }> {
  const db = database(env.DB);
  const row = await db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();
  if (!row) throw new NotFoundError(`dead letter ${id} does not exist`);
  const event = deadLetterEvent(row.message);
  if (!event) throw new ConflictError("not_replayable", "this dead letter is not a valid wake message and cannot be replayed");
  const undo = hooks.eventReplayed(env.DB, row.eventId);
  if (undo.statements.length) await env.DB.batch(undo.statements);
  await sendAfterCommit(env, undo);
  await requeueEvent(env, event);
  await db
    .update(deadLetters)
    .set({ replayedAt: Date.now(), replayCount: sql`${deadLetters.replayCount} + 1` })
    .where(eq(deadLetters.id, id));
  return { id, eventId: row.eventId };
}
