import { fieldCipher } from "../crypto/env-cipher";
import { readChains } from "./chain-deliverable";
import { insertMessage, rerouteMessage, endTask } from "./message-statements";
import { routeMessages } from "./routing";
import { COORDINATOR_ROLE, PERSON_ROLE } from "./subjects";

/** How many agents a message may be offered to before a person is asked. */
export const MAX_ATTEMPTS = 3;
/** A message still `routing` after this long lost its router (the isolate died): route it again. */
const ROUTING_GRACE_MS = 30_000;
const BATCH = 100;

export interface SweepReport {
  routed: number;
  rerouted: number;
  escalated: number;
}

interface Overdue {
  id: string;
  type: string;
  taskId: string;
  toInstance: string;
  eventId: string | null;
  attempt: number;
}

/**
 * The organisation's cron job. Routes messages whose router died after commit; and for every
 * handoff not acknowledged by its deadline, re-routes it to another agent, or after
 * {@link MAX_ATTEMPTS} (and for a result, whose requester cannot be replaced) escalates the
 * task to a person. A chain never stops silently.
 */
export async function sweepHandoffs(env: Env, now = Date.now()): Promise<SweepReport> {
  const stranded = await env.DB.prepare(
    `SELECT id FROM agent_messages WHERE status = 'routing' AND updated_at < ? ORDER BY updated_at LIMIT ?`,
  )
    .bind(now - ROUTING_GRACE_MS, BATCH)
    .all<{ id: string }>();
  const overdue = await env.DB.prepare(
    `SELECT id, type, task_id AS taskId, to_instance AS toInstance, event_id AS eventId, attempt FROM agent_messages
     WHERE status = 'sent' AND deadline < ? ORDER BY deadline LIMIT ?`,
  )
    .bind(now, BATCH)
    .all<Overdue>();
  // Each message's statements, in order; an ending seals its task's output, all at once.
  const parts: Promise<D1PreparedStatement[]>[] = [];
  const reroute: string[] = [];
  let escalated = 0;
  // The chains of the tasks this run may end, read once (their deliverables are sealed: chain-deliverable.ts).
  const endingTasks = overdue.results.filter((m) => m.type === "result" || m.attempt >= MAX_ATTEMPTS).map((m) => m.taskId);
  const chains = await readChains(env.DB, fieldCipher(env), endingTasks);
  for (const m of overdue.results) {
    const guard = {
      sql: `EXISTS (SELECT 1 FROM agent_messages g WHERE g.id = ? AND g.status = 'sent' AND g.event_id IS ?)`,
      params: [m.id, m.eventId],
    };
    const lateBy = `${m.toInstance} did not acknowledge by the deadline`;
    if (m.type === "result" || m.attempt >= MAX_ATTEMPTS) {
      escalated++;
      const reason = `escalated: ${lateBy}${m.type === "result" ? "" : ` (attempt ${m.attempt} of ${MAX_ATTEMPTS})`}`;
      const escalation = insertMessage(
        env.DB,
        {
          id: `esc_${m.id}.${m.attempt}`,
          type: "escalate",
          taskId: m.taskId,
          correlationId: m.id,
          traceId: null,
          fromRole: COORDINATOR_ROLE,
          fromInstance: null,
          toRole: PERSON_ROLE,
          toInstance: null,
          replyTo: m.id,
          status: "escalated",
          payload: { deadlineMissedBy: m.toInstance },
          reason,
          at: now,
        },
        guard,
      );
      const settle = env.DB.prepare(
        `UPDATE agent_messages SET status = 'escalated', reason = ?, updated_at = ? WHERE id = ? AND status = 'sent' AND event_id IS ?`,
      ).bind(reason, now, m.id, m.eventId);
      const ending = { taskId: m.taskId, status: "needs_human" as const, summary: reason, role: null, deliverable: null, at: now };
      parts.push(endTask(env.DB, chains, ending, guard).then((ended) => [escalation, ...ended, settle]));
    } else {
      reroute.push(m.id);
      parts.push(
        Promise.resolve(
          rerouteMessage(
            env.DB,
            { messageId: m.id, taskId: m.taskId, instanceId: m.toInstance, eventId: m.eventId },
            { reason: lateBy, payload: { deadlineMissedBy: m.toInstance } },
            guard,
            now,
          ),
        ),
      );
    }
  }
  const statements = (await Promise.all(parts)).flat();
  if (statements.length) await env.DB.batch(statements);
  const toRoute = [...stranded.results.map((r) => r.id), ...reroute];
  if (toRoute.length) await routeMessages(env, toRoute);
  return { routed: stranded.results.length, rerouted: reroute.length, escalated };
}
