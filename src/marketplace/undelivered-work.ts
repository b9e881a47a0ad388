import { and, eq, isNull } from "drizzle-orm";
import { database, toD1 } from "../db/client";
import { jsonChunks } from "../db/json-rows";
import type { DeadLetteredEvent } from "../wake/extensions";
import { taskMessages, tasks } from "./schema";

const REASON = `'could not be delivered to the agent (' || substr(v.err, 1, 300) || '); an operator can replay it'`;
const ROWS = `SELECT value->>'eventId' AS e, value->>'error' AS err FROM json_each(?)`;
const FAIL_TASKS = `UPDATE tasks SET status = 'failed', output = json_object('action', NULL, 'summary', ${REASON})
  FROM (${ROWS}) v WHERE tasks.event_id = v.e AND tasks.status = 'queued'`;
const FAIL_MESSAGES = `UPDATE task_messages SET status = 'failed', reply = json_object('action', NULL, 'summary', ${REASON})
  FROM (${ROWS}) v WHERE task_messages.event_id = v.e AND task_messages.status = 'queued'`;

/**
 * Customer work whose events dead-lettered: the task (or message) shows `failed` with the reason
 * instead of waiting forever. `finished_at` stays empty, which marks it as not the agent's
 * doing (it never saw it): reputation ignores it, and a replay puts it back in the queue.
 */
export function failUndeliveredWork(d1: D1Database, events: readonly DeadLetteredEvent[]): D1PreparedStatement[] {
  return jsonChunks(events).flatMap((json) => [d1.prepare(FAIL_TASKS).bind(json), d1.prepare(FAIL_MESSAGES).bind(json)]);
}

/** Before a replay: work failed only for want of delivery goes back to `queued`. */
export function requeueUndeliveredWork(d1: D1Database, eventId: string): D1PreparedStatement[] {
  const db = database(d1);
  return [
    toD1(
      d1,
      db
        .update(tasks)
        .set({ status: "queued", output: null })
        .where(and(eq(tasks.eventId, eventId), eq(tasks.status, "failed"), isNull(tasks.finishedAt))),
    ),
    toD1(
      d1,
      db
        .update(taskMessages)
        .set({ status: "queued", reply: null })
        .where(and(eq(taskMessages.eventId, eventId), eq(taskMessages.status, "failed"))),
    ),
  ];
}

/** Events of customer work not done yet: retention keeps them (src/wake/retention.ts). */
export const MARKETPLACE_OPEN_EVENTS = [
  `SELECT event_id FROM tasks WHERE status = 'queued'`,
  `SELECT event_id FROM task_messages WHERE status = 'queued'`,
];
