import { and, desc, eq, lt, or } from "drizzle-orm";
import { Hono } from "hono";
import { database } from "../../db/client";
import { keysetPage } from "../../db/keyset";
import { deadLetters } from "../../db/schema";
import { audit } from "../../http/audit";
import { queryOf } from "../../http/validate";
import { type DeadLetterPage, DeadLetterQuery, type DeadLetterView, type ReplayResult } from "../../schemas/operator-views";
import { hooks } from "../../platform";
import type { AppEnv } from "../../types";
import { deadLetterEvent, openDeadLetterMessage, replayDeadLetter } from "../../wake/replay";
import { fieldCipher } from "../../crypto/env-cipher";

/** A dead letter as listed: the event's type and subject instead of the whole stored message. */
function deadLetterView(r: typeof deadLetters.$inferSelect): DeadLetterView {
  const stored = deadLetterEvent(r.message);
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
}

/** The dead-letter queue, as an operator sees it: list with errors, replay one. */
export const adminDlqRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const q = queryOf(c, DeadLetterQuery);
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
    const cipher = fieldCipher(c.env);
    const page = keysetPage(rows, q.limit, (last) => `${last.deadAt}~${last.id}`);
    const items = await Promise.all(
      page.items.map(async (r) => deadLetterView({ ...r, message: await openDeadLetterMessage(cipher, r.message) })),
    );
    return c.json({ ...page, items } satisfies DeadLetterPage);
  })
  .post("/:id/replay", async (c) => {
    const replayed = await replayDeadLetter(c.env, hooks, c.req.param("id"));
    await audit(c, { action: "dlq.replay", target: { type: "dead_letter", id: replayed.id }, after: { eventIds: replayed.eventIds } });
    return c.json({ ...replayed, status: "requeued" } satisfies ReplayResult, 202);
  });
