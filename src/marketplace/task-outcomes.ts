import { jsonChunks } from "../db/json-rows";
import type { Decision, WakeResult } from "../schemas/decision";
import type { TaskStatus } from "../schemas/marketplace";
import type { TaskOutput } from "../schemas/marketplace-views";
import { isMarketplaceResult } from "./events";
import { refreshReputationOfTaskEvents } from "./reputation";
import type { FieldCipher } from "../crypto/field-cipher";
import { sealOutput } from "./task-content";

const STATUS_OF_ACTION: Record<Decision["action"], TaskStatus> = {
  act: "done",
  ignore: "declined",
  escalate: "needs_human",
  delegate: "delegated",
};

/** What the customer sees of the agent's decision on their task or message. */
function outputOf(result: WakeResult) {
  const d = result.decision;
  // Buffered outcomes are skipped; without a decision the agent was retired (discarded, refused).
  if (!d) return { action: null, summary: "the hire ended before the agent could work on it" };
  return {
    action: d.action,
    summary: d.reason,
    deliverable: d.output,
    delegateTo: d.delegateTo,
    tier: d.tier,
    decisionId: d.id,
    decidedAt: d.decidedAt,
  };
}

// Tasks and messages are found by the event that carried them (`event_id`, indexed), and only
// for the hire's own agent (`instance_id`): another agent woken by the same event never answers
// for it. The history row is written only while the work is still queued, and before the update
// that moves it on: a redelivered outcome then changes nothing and adds no second entry.
const ROWS = `SELECT value->>'e' AS e, value->>'i' AS i, value->>'st' AS st, value->>'o' AS o, value->>'at' AS at FROM json_each(?)`;
const TASK_HISTORY = `INSERT INTO task_history (task_id, at, kind, detail)
  SELECT t.id, v.at, 'decided', v.o FROM (${ROWS}) v
  JOIN tasks t ON t.event_id = v.e AND t.instance_id = v.i AND t.status = 'queued'`;
const TASK_UPDATE = `UPDATE tasks SET status = v.st, output = v.o, finished_at = v.at FROM (${ROWS}) v
  WHERE tasks.event_id = v.e AND tasks.instance_id = v.i AND tasks.status = 'queued'`;
const REPLY_HISTORY = `INSERT INTO task_history (task_id, at, kind, detail)
  SELECT m.task_id, v.at, 'replied', json_object('messageId', m.id, 'reply', json(v.o)) FROM (${ROWS}) v
  JOIN task_messages m ON m.event_id = v.e AND m.status = 'queued'
  JOIN tasks t ON t.id = m.task_id AND t.instance_id = v.i`;
const REPLY_UPDATE = `UPDATE task_messages SET status = 'answered', reply = v.o, answered_at = v.at FROM (${ROWS}) v
  WHERE task_messages.event_id = v.e AND task_messages.status = 'queued'
    AND EXISTS (SELECT 1 FROM tasks t WHERE t.id = task_messages.task_id AND t.instance_id = v.i)`;

/**
 * The marketplace's part of a wake roll-up, in the same transaction: the outcomes of customer
 * tasks and the answers to their messages, then the reputation of the listings whose tasks
 * finished. Buffered outcomes wait for the real one; an agent retired before it worked a task
 * fails it, so no task stays queued forever.
 */
export async function taskOutcomeStatements(
  d1: D1Database,
  results: readonly WakeResult[],
  cipher: FieldCipher,
): Promise<D1PreparedStatement[]> {
  // One row per (event, agent): an event carried twice in a batch comes back as a decision and
  // a duplicate of it, and must write one history entry, not two.
  const rows = new Map<string, { e: string; i: string; st: TaskStatus; o: string; at: number; output: TaskOutput }>();
  for (const r of results) {
    if (r.outcome === "buffered" || !isMarketplaceResult(r)) continue;
    const key = `${r.eventId} ${r.instanceId}`;
    if (rows.has(key)) continue;
    // A message's status is always `answered`; `st` is read for tasks only.
    const st = r.decision ? STATUS_OF_ACTION[r.decision.action] : "failed";
    rows.set(key, { e: r.eventId, i: r.instanceId, st, o: "", at: r.recordedAt, output: outputOf(r) });
  }
  if (rows.size === 0) return [];
  // The customer-facing text of each output is encrypted at rest, once, for the task, the reply and their history.
  await Promise.all([...rows.values()].map(async (row) => (row.o = JSON.stringify(await sealOutput(cipher, row.output)))));
  // The plain output stays out of the statements' parameters.
  const sealed = [...rows.values()].map(({ e, i, st, o, at }) => ({ e, i, st, o, at }));
  const applied = jsonChunks(sealed).flatMap((json) => [
    d1.prepare(TASK_HISTORY).bind(json),
    d1.prepare(TASK_UPDATE).bind(json),
    d1.prepare(REPLY_HISTORY).bind(json),
    d1.prepare(REPLY_UPDATE).bind(json),
  ]);
  // Reputation once per roll-up, after every outcome is written, from the event ids alone.
  const eventIds = jsonChunks([...new Set([...rows.values()].map((row) => row.e))]);
  return [...applied, ...eventIds.flatMap((json) => refreshReputationOfTaskEvents(d1, json))];
}
