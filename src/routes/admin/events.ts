import { and, asc, desc, eq, gt, or, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { database } from "../../db/client";
import { events } from "../../db/schema";
import { queryOf } from "../../http/validate";
import { type EventList, EventListQuery, type EventSummary } from "../../schemas/event-views";
import type { AppEnv } from "../../types";
import { fieldCipher } from "../../crypto/env-cipher";
import { openPayload } from "../../wake/event-payloads";

const cursorOf = (e: { receivedAt: number; id: string }) => `${e.receivedAt}~${e.id}`;

/**
 * Recent events, for `waooaw events tail`: the newest page first, then whatever arrived after the
 * cursor, oldest first. Keyset on (received_at, id), which the events_received index serves.
 */
export const adminEventRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const q = queryOf(c, EventListQuery);
  const filters: (SQL | undefined)[] = [q.type ? eq(events.type, q.type) : undefined, q.status ? eq(events.status, q.status) : undefined];
  const db = database(c.env.DB);
  let rows: EventSummary[];
  if (q.cursor) {
    const tilde = q.cursor.indexOf("~");
    const at = Number(q.cursor.slice(0, tilde));
    const id = q.cursor.slice(tilde + 1);
    rows = await db
      .select()
      .from(events)
      .where(and(or(gt(events.receivedAt, at), and(eq(events.receivedAt, at), gt(events.id, id))), ...filters))
      .orderBy(asc(events.receivedAt), asc(events.id))
      .limit(q.limit);
  } else {
    const newest = await db
      .select()
      .from(events)
      .where(and(...filters))
      .orderBy(desc(events.receivedAt), desc(events.id))
      .limit(q.limit);
    rows = newest.reverse();
  }
  const last = rows[rows.length - 1];
  // With nothing listed the next poll starts where this one did (the very start when there was no cursor).
  const cursor = last ? cursorOf(last) : (q.cursor ?? "0~");
  const cipher = fieldCipher(c.env);
  const items = await Promise.all(rows.map(async (row) => ({ ...row, payload: await openPayload(cipher, row.payload) })));
  return c.json({ items, cursor } satisfies EventList);
});
