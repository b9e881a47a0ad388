import { eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { deadLetters } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import type { Event } from "../schemas/event";
import { combine, sendAfterCommit, type WakeHooks } from "./extensions";
import { requeueEvents } from "./ingest";
import { readWakeMessage } from "./message-versions";
import { fieldCipher } from "../crypto/env-cipher";
import type { FieldCipher } from "../crypto/field-cipher";
import { openPayload } from "./event-payloads";

/**
 * A dead letter's stored message with its events' payloads decrypted (they are encrypted at rest,
 * see event-payloads.ts); any other message as it is.
 */
export async function openDeadLetterMessage(cipher: FieldCipher, message: unknown): Promise<unknown> {
  if (typeof message !== "object" || message === null || !Array.isArray((message as { items?: unknown }).items)) return message;
  const items = (message as { items: unknown[] }).items;
  const opened = await Promise.all(
    items.map(async (item) => {
      if (typeof item !== "object" || item === null) return item;
      const event = (item as { event?: unknown }).event;
      if (typeof event !== "object" || event === null) return item;
      return { ...item, event: { ...event, payload: await openPayload(cipher, (event as { payload?: unknown }).payload) } };
    }),
  );
  return { ...message, items: opened };
}

/**
 * The events a dead letter holds (its message opened, see {@link openDeadLetterMessage}), read with this Worker's readers: one for an undelivered event,
 * all of them for a message this consumer could not read when it arrived (say, a newer version
 * during a rollback), or why there are none.
 */
export function deadLetterEvents(message: unknown): { events: Event[] } | { error: string } {
  const read = readWakeMessage(message);
  if ("error" in read) return read;
  if (read.items.length === 0) return { error: "it holds no valid event" };
  return { events: read.items.map((item) => item.event) };
}

/** The (first) event a dead letter holds, or null when this Worker cannot read it. */
export function deadLetterEvent(message: unknown): Event | null {
  const read = deadLetterEvents(message);
  return "events" in read ? (read.events[0] ?? null) : null;
}

/**
 * Sends every event of a dead letter to the wake queue again. Safe to repeat: agents that already
 * handled the event answer as duplicates. Products first undo what the dead letter meant to
 * them (`hooks.eventReplayed`: a failed task goes back to queued). The dead letter stays
 * listed, with its replay count, for the audit trail.
 */
export async function replayDeadLetter(
  env: Env,
  hooks: WakeHooks,
  id: string,
): Promise<{ id: string; eventId: string; eventIds: string[] }> {
  const db = database(env.DB);
  const row = await db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();
  if (!row) throw new NotFoundError(`dead letter ${id} does not exist`);
  const read = deadLetterEvents(await openDeadLetterMessage(fieldCipher(env), row.message));
  if ("error" in read) throw new ConflictError("not_replayable", `this dead letter cannot be replayed: ${read.error}`);
  const eventIds = read.events.map((e) => e.id);
  const undo = combine(eventIds.map((eventId) => hooks.eventReplayed(env.DB, eventId)));
  if (undo.statements.length) await env.DB.batch(undo.statements);
  await sendAfterCommit(env, undo);
  await requeueEvents(env, read.events);
  await db
    .update(deadLetters)
    .set({ replayedAt: Date.now(), replayCount: sql`${deadLetters.replayCount} + 1` })
    .where(eq(deadLetters.id, id));
  return { id, eventId: row.eventId, eventIds };
}
