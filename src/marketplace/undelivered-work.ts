import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Database } from "../db/client";
import { taskMessages, tasks } from "../db/marketplace-schema";

/**
 * Customer work whose events dead-lettered: the task (or message) shows `failed` with the reason
 * instead of waiting forever. `finished_at` stays empty, which marks it as not the agent's
 * doing (it never saw it): reputation ignores it, and a replay puts it back in the queue.
 * The event ids travel as one JSON parameter (`eventIdsJson`, see jsonChunks).
 */
export function failUndeliveredWork(db: Database, eventIdsJson: string, error: string) {
  const output = { action: null, summary: `could not be delivered to the agent (${error.slice(0, 300)}); an operator can replay it` };
  const ids = sql`(SELECT value FROM json_each(${eventIdsJson}))`;
  return [
    db
      .update(tasks)
      .set({ status: "failed", output })
      .where(and(inArray(tasks.eventId, ids), eq(tasks.status, "queued"))),
    db
      .update(taskMessages)
      .set({ status: "failed", reply: output })
      .where(and(inArray(taskMessages.eventId, ids), eq(taskMessages.status, "queued"))),
  ] as const;
}

/** Before a replay: work failed only for want of delivery goes back to `queued`. */
export function requeueUndeliveredWork(db: Database, eventId: string) {
  return [
    db
      .update(tasks)
      .set({ status: "queued", output: null })
      .where(and(eq(tasks.eventId, eventId), eq(tasks.status, "failed"), isNull(tasks.finishedAt))),
    db
      .update(taskMessages)
      .set({ status: "queued", reply: null })
      .where(and(eq(taskMessages.eventId, eventId), eq(taskMessages.status, "failed"))),
  ] as const;
}
