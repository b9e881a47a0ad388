import { and, desc, eq, lt, or } from "drizzle-orm";
import { requeueUndeliveredWork } from "../../marketplace/undelivered-work";
import { Hono } from "hono";
import { z } from "zod";
import { database } from "../../db/client";
import { deadLetters } from "../../db/schema";
import { ConflictError, NotFoundError } from "../../errors";
import { queryOf } from "../../http/validate";
import { WakeMessage, wakeItemsOf, type Event } from "../../schemas/event";
import type { AppEnv } from "../../types";
import { markReplayed } from "../../wake/dead-letters";
import { requeueEvent } from "../../wake/ingest";

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `<deadAt>~<id>` of the last item seen: dead letters can share a timestamp. */
  cursor: z
    .string()
    .regex(/^\d+~[A-Za-z0-9_.:-]+$/, "the nextCursor of a previous page")
    .optional(),
});

export const DeadLetterPage = z.object({
  items: z.array(
    z.object({
      id: z.string(),
      eventId: z.string(),
      /** null when the stored message is not a valid wake message (it cannot be replayed). */
      event: z.object({ type: z.string(), subject: z.string() }).nullable(),
      error: z.string(),
      attempts: z.number().int(),
      deadAt: z.number().int(),
      replayedAt: z.number().int().nullable(),
      replayCount: z.number().int(),
    }),
  ),
  nextCursor: z.string().nullable(),
});

export const ReplayResult = z.object({ id: z.string(), eventId: z.string(), status: z.literal("requeued") });

/** The event a dead letter holds (one per dead letter), or null when it is not a wake message. */
function storedEvent(message: unknown): Event | null {
  const parsed = WakeMessage.safeParse(message);
  return parsed.success ? (wakeItemsOf(parsed.data)[0]?.event ?? null) : null;
}

/** The dead-letter queue, as an operator sees it: list with errors, replay one. */
export const adminDlqRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = queryOf(c, ListQuery);
    const [at, id] = q.cursor ? [Number(q.cursor.split("~")[0]), q.cursor.slice(q.cursor.indexOf("~") + 1)] : [];
    const rows = await database(c.env.DB)
      .select()
      .from(deadLetters)
      .where(
        at !== undefined && id !== undefined
          ? or(lt(deadLetters.deadAt, at), and(eq(deadLetters.deadAt, at), lt(deadLetters.id, id)))
          : undefined,
      )
      .orderBy(desc(deadLetters.deadAt), desc(deadLetters.id))
      .limit(q.limit + 1);
    const page = rows.slice(0, q.limit);
    const items = page.map((r) => {
      const stored = storedEvent(r.message);
      const event = stored ? { type: stored.type, subject: stored.subject } : null;
      return {
        id: r.id,
        eventId: r.eventId,
        event,
        error: r.error,
        attempts: r.attempts,
        deadAt: r.deadAt,
        replayedAt: r.replayedAt,
        replayCount: r.replayCount,
      };
    });
    const last = page[page.length - 1];
    return c.json({ items, nextCursor: rows.length > q.limit && last ? `${last.deadAt}~${last.id}` : null });
  })
  .post("/:id/replay", async (c) => {
    const id = c.req.param("id");
    const db = database(c.env.DB);
    const row = await db.select().from(deadLetters).where(eq(deadLetters.id, id)).get();
    if (!row) throw new NotFoundError(`dead letter ${id} does not exist`);
    const event = storedEvent(row.message);
    if (!event) throw new ConflictError("not_replayable", "this dead letter is not a valid wake message and cannot be replayed");
    // Safe to replay any number of times: agents that already handled the event answer as duplicates.
    await db.batch([...requeueUndeliveredWork(db, row.eventId)]);
    await requeueEvent(c.env, event);
    await markReplayed(db, id);
    return c.json({ id, eventId: row.eventId, status: "requeued" }, 202);
  });
