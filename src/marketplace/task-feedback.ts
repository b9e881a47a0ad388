import { stampEvent } from "../wake/ingest";
import type { Event } from "../schemas/event";
import type { FeedbackPayload } from "../schemas/feedback";
import { MARKETPLACE_SOURCE } from "./events";
import { hireSubject } from "./hires";

/** Not MARKETPLACE_SOURCE: a rating's feedback event completes no task when its wake is rolled up. */
export const RATING_SOURCE = `${MARKETPLACE_SOURCE}.rating`;

// The decisions that worked a task: the one that finished it and those that answered its messages
// (both written by the hire's own agent only, see task-outcomes.ts), and how often it was rated.
const TASK_DECISIONS = `SELECT output->>'decisionId' AS id FROM tasks WHERE id = ?1 AND output->>'decisionId' IS NOT NULL
  UNION SELECT reply->>'decisionId' FROM task_messages WHERE task_id = ?1 AND reply->>'decisionId' IS NOT NULL`;
const RATINGS_SO_FAR = `SELECT COUNT(*) AS n FROM task_history WHERE task_id = ? AND kind = 'rated'`;

interface RatedTask {
  id: string;
  hireId: string;
  customerId: string;
}

/**
 * A task rating as feedback for the hire's agent: one `feedback.received` event per decision that
 * worked the task, rating = stars. Ids name the task, the decision and which rating this is, so a
 * retried request makes the same events (ingest keeps one) and a re-rating makes new ones that
 * replace the earlier rating (the agent keeps one rating per decision).
 */
export async function taskFeedbackEvents(d1: D1Database, task: RatedTask, stars: number, comment?: string): Promise<Event[]> {
  const [decisions, ratings] = await d1.batch<{ id?: string; n?: number }>([
    d1.prepare(TASK_DECISIONS).bind(task.id),
    d1.prepare(RATINGS_SO_FAR).bind(task.id),
  ]);
  const n = (ratings?.results[0]?.n ?? 0) + 1;
  const now = Date.now();
  return (decisions?.results ?? []).flatMap(({ id: decisionId }) => {
    if (!decisionId) return [];
    const payload: FeedbackPayload = { decisionId, rating: stars, taskId: task.id, ...(comment ? { comment } : {}) };
    return [
      stampEvent(
        {
          id: `fb-${task.id}-${decisionId}-${n}`,
          type: "feedback.received",
          source: RATING_SOURCE,
          subject: `${hireSubject(task.hireId)}:task:${task.id}`,
          customerId: task.customerId,
          occurredAt: new Date(now).toISOString(),
          payload,
        },
        now,
      ),
    ];
  });
}
