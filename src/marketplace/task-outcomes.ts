import { jsonChunks } from "../db/json-rows";
import type { Decision, WakeResult } from "../schemas/decision";
import type { TaskStatus } from "../schemas/marketplace";
import { refreshReputationStatements } from "./reputation";

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

// The history row is written only while the task is still queued, and before the update that
// moves it on: a redelivered outcome then changes nothing and adds no second entry.
const TASK_HISTORY = `INSERT INTO task_history (task_id, at, kind, detail)
  SELECT v.value->>'t', v.value->>'at', 'decided', v.value->>'o' FROM json_each(?) v
  JOIN tasks t ON t.id = v.value->>'t' AND t.instance_id = v.value->>'i' AND t.status = 'queued'`;
const TASK_UPDATE = `UPDATE tasks SET status = v.st, output = v.o, finished_at = v.at
  FROM (SELECT value->>'t' AS t, value->>'i' AS i, value->>'st' AS st, value->>'o' AS o, value->>'at' AS at FROM json_each(?)) v
  WHERE tasks.id = v.t AND tasks.instance_id = v.i AND tasks.status = 'queued'`;
const REPLY_HISTORY = `INSERT INTO task_history (task_id, at, kind, detail)
  SELECT v.value->>'t', v.value->>'at', 'replied', json_object('messageId', v.value->>'m', 'reply', json(v.value->>'o')) FROM json_each(?) v
  JOIN task_messages m ON m.id = v.value->>'m' AND m.task_id = v.value->>'t' AND m.status = 'queued'`;
const REPLY_UPDATE = `UPDATE task_messages SET status = 'answered', reply = v.o, answered_at = v.at
  FROM (SELECT value->>'t' AS t, value->>'m' AS m, value->>'o' AS o, value->>'at' AS at FROM json_each(?)) v
  WHERE task_messages.id = v.m AND task_messages.task_id = v.t AND task_messages.status = 'queued'`;

/**
 * Statements that complete marketplace tasks and answer task messages from wake results, in
 * the same transaction as the rest of the rollup, and refresh the reputation of the listings
 * whose tasks finished. Buffered outcomes wait for the real one; an agent retired before it
 * worked a task fails it, so no task stays queued forever.
 */
export function taskOutcomeStatements(d1: D1Database, results: readonly WakeResult[]): D1PreparedStatement[] {
  const tasks: object[] = [];
  const replies: object[] = [];
  const slugs = new Set<string>();
  for (const r of results) {
    if (!r.task || r.outcome === "buffered") continue;
    const output = JSON.stringify(outputOf(r));
    if (r.task.messageId) {
      replies.push({ t: r.task.taskId, m: r.task.messageId, o: output, at: r.recordedAt });
    } else {
      const status: TaskStatus = r.decision ? STATUS_OF_ACTION[r.decision.action] : "failed";
      tasks.push({ t: r.task.taskId, i: r.instanceId, st: status, o: output, at: r.recordedAt });
      slugs.add(r.task.slug);
    }
  }
  const statements: D1PreparedStatement[] = [];
  for (const json of jsonChunks(tasks)) statements.push(d1.prepare(TASK_HISTORY).bind(json), d1.prepare(TASK_UPDATE).bind(json));
  for (const json of jsonChunks(replies)) statements.push(d1.prepare(REPLY_HISTORY).bind(json), d1.prepare(REPLY_UPDATE).bind(json));
  return [...statements, ...refreshReputationStatements(d1, [...slugs])];
}
