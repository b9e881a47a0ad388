import { type HandBack, NOTHING_HANDED_BACK, type RetireDrainExtension } from "../agents/retire-drain";
import { ConflictError } from "../errors";

/**
 * The marketplace's part of a retirement: a customer's queued tasks and unanswered messages are
 * the retiring agent's work in flight. It finishes what it holds; what is left when the drain
 * ends (no coordinator found a peer for it first) is cancelled with a reason the customer sees,
 * never left queued for an agent that will not work it.
 */

const QUEUED_TASKS = `SELECT id, event_id AS eventId FROM tasks WHERE instance_id = ? AND status = 'queued'`;
const QUEUED_MESSAGES = `SELECT m.id, m.event_id AS eventId FROM task_messages m JOIN tasks t ON t.id = m.task_id
  WHERE t.instance_id = ? AND m.status = 'queued'`;

export const marketplaceRetireDrain: RetireDrainExtension = {
  name: "marketplace",
  async inFlight(env, instanceId) {
    const row = await env.DB.prepare(`SELECT (SELECT COUNT(*) FROM (${QUEUED_TASKS})) + (SELECT COUNT(*) FROM (${QUEUED_MESSAGES})) AS n`)
      .bind(instanceId, instanceId)
      .first<{ n: number }>();
    return row?.n ?? 0;
  },
  async handBack(env, instanceId, phase, now): Promise<HandBack> {
    // Only a coordinator may give a customer's work to another agent: until the end the agent works it.
    if (phase === "start") return NOTHING_HANDED_BACK;
    const summary = `cancelled: the agent ${instanceId} was retired before it could work on this, and no other agent of yours could take it`;
    const output = JSON.stringify({ action: null, summary });
    const [tasks, messages] = await env.DB.batch<{ id: string; eventId: string }>([
      env.DB.prepare(QUEUED_TASKS).bind(instanceId),
      env.DB.prepare(QUEUED_MESSAGES).bind(instanceId),
    ]);
    const taskIds = (tasks?.results ?? []).map((t) => t.id);
    const messageIds = (messages?.results ?? []).map((m) => m.id);
    if (taskIds.length + messageIds.length === 0) return NOTHING_HANDED_BACK;
    const results = await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO task_history (task_id, at, kind, detail) SELECT id, ?, 'cancelled', ? FROM tasks
         WHERE id IN (SELECT value FROM json_each(?)) AND status = 'queued'`,
      ).bind(now, output, JSON.stringify(taskIds)),
      env.DB.prepare(
        `UPDATE tasks SET status = 'cancelled', output = ?, finished_at = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'queued'`,
      ).bind(output, now, JSON.stringify(taskIds)),
      env.DB.prepare(
        `UPDATE task_messages SET status = 'cancelled', reply = ? WHERE id IN (SELECT value FROM json_each(?)) AND status = 'queued'`,
      ).bind(output, JSON.stringify(messageIds)),
    ]);
    const handedBack = (results[1]?.meta.changes ?? 0) + (results[2]?.meta.changes ?? 0);
    return {
      rerouted: 0,
      handedBack,
      eventIds: [...(tasks?.results ?? []), ...(messages?.results ?? [])].map((r) => r.eventId),
    };
  },
};

/** New work for an agent that is retiring or retired is refused (409 `agent_retired`): it would never be worked. */
export async function requireWorkingAgent(env: Env, instanceId: string): Promise<void> {
  const row = await env.DB.prepare(`SELECT state FROM agent_instances WHERE id = ?`).bind(instanceId).first<{ state: string }>();
  if (row?.state === "retiring" || row?.state === "retired") {
    throw new ConflictError("agent_retired", `agent ${instanceId} is ${row.state}: it takes no new work`);
  }
}
