import type { HandBack, HandBackPhase, RetireDrainExtension } from "../agents/retire-drain";
import { type Guard, insertMessage, RETIRE_HANDOFF_PREFIX, rerouteMessage } from "./message-statements";
import { rosterOf } from "./roster";
import { routeMessages } from "./routing";
import { ORGANISATION_SOURCE } from "./subjects";

/**
 * The organisation's part of a retirement: work handed to the retiring agent goes back to the
 * customer's coordinator, which gives it to a peer in the same role. Handoffs and requests
 * awaiting its ack are re-routed (as when a receiver is paused); a customer's task still queued
 * for it becomes a handoff from it to its role. At the start only what a peer can take now is
 * passed on (the agent finishes the rest itself); at the end everything left: a handoff nobody
 * can take then goes to a person, a queued task with no peer is the marketplace's to cancel. An
 * answer to a request it made is awaited (it finishes that task); one that comes after it retired
 * goes to a person at the handoff deadline, like any unanswered result.
 */

interface SentMessage {
  id: string;
  taskId: string;
  eventId: string | null;
  customerId: string;
  toRole: string;
}

interface QueuedTask {
  id: string;
  eventId: string;
  customerId: string;
  role: string;
  traceId: string | null;
  kind: string | null;
}

const SENT = `SELECT id, task_id AS taskId, event_id AS eventId, customer_id AS customerId, to_role AS toRole FROM agent_messages
  WHERE to_instance = ? AND status = 'sent' AND type IN ('handoff', 'request')`;
const QUEUED = `SELECT t.id, t.event_id AS eventId, t.customer_id AS customerId, d.role,
    (SELECT e.trace_id FROM events e WHERE e.id = t.event_id) AS traceId, t.inputs ->> '$.kind' AS kind
  FROM tasks t JOIN agent_instances a ON a.id = t.instance_id JOIN agent_definitions d ON d.slug = a.definition_slug
  WHERE t.instance_id = ? AND t.status = 'queued'`;

/** Whether the customer has another active agent in `role` (the coordinator would pick one). */
async function peerExists(d1: D1Database, customerId: string, role: string, instanceId: string, now: number): Promise<boolean> {
  return (await rosterOf(d1, customerId, role, now)).some((c) => c.state === "active" && c.instanceId !== instanceId);
}

// Requests it made whose answer has not reached it yet: the task waits for it to finish it.
const AWAITED = `SELECT id FROM agent_messages WHERE
  (type = 'request' AND from_instance = ? AND status IN ('routing', 'sent'))
  OR (type = 'result' AND to_instance = ? AND status IN ('routing', 'sent'))`;

export const organisationRetireDrain: RetireDrainExtension = {
  name: "organisation",
  async inFlight(env, instanceId) {
    const row = await env.DB.prepare(`SELECT (SELECT COUNT(*) FROM (${SENT})) + (SELECT COUNT(*) FROM (${AWAITED})) AS n`)
      .bind(instanceId, instanceId, instanceId)
      .first<{ n: number }>();
    return row?.n ?? 0;
  },
  async awaiting(env, instanceId) {
    const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM (${AWAITED})`).bind(instanceId, instanceId).first<{ n: number }>();
    return row?.n ?? 0;
  },
  // The answer to its own request is the rest of work it holds: a retiring agent takes it and finishes the task.
  continues: (event) => event.source === ORGANISATION_SOURCE && event.type === "handoff.completed",
  async handBack(env, instanceId, phase: HandBackPhase, now): Promise<HandBack> {
    const d1 = env.DB;
    const [sent, queued] = await Promise.all([
      d1.prepare(SENT).bind(instanceId).all<SentMessage>(),
      d1.prepare(QUEUED).bind(instanceId).all<QueuedTask>(),
    ]);
    const peers = new Map<string, boolean>();
    const hasPeer = async (customerId: string, role: string) => {
      const key = `${customerId} ${role}`;
      const known = peers.get(key) ?? (await peerExists(d1, customerId, role, instanceId, now));
      peers.set(key, known);
      return known;
    };
    const statements: D1PreparedStatement[] = [];
    const route: string[] = [];
    const eventIds: string[] = [];
    const reason = `${instanceId} is retiring`;
    for (const m of sent.results) {
      // At the end, even without a peer: routing then asks a person, so the chain never stops silently.
      if (phase === "start" && !(await hasPeer(m.customerId, m.toRole))) continue;
      const guard: Guard = {
        sql: `EXISTS (SELECT 1 FROM agent_messages g WHERE g.id = ? AND g.to_instance = ? AND g.event_id IS ? AND g.status = 'sent')`,
        params: [m.id, instanceId, m.eventId],
      };
      statements.push(
        ...rerouteMessage(
          d1,
          { messageId: m.id, taskId: m.taskId, instanceId, eventId: m.eventId },
          { reason, payload: { retiring: instanceId } },
          guard,
          now,
        ),
      );
      route.push(m.id);
      if (m.eventId) eventIds.push(m.eventId);
    }
    for (const t of queued.results) {
      // A customer's own task with no peer stays: the agent finishes it, or the marketplace cancels it.
      if (!(await hasPeer(t.customerId, t.role))) continue;
      const id = `${RETIRE_HANDOFF_PREFIX}${t.id}`;
      const stillQueued: Guard = { sql: `t.status = 'queued' AND t.instance_id = ?`, params: [instanceId] };
      statements.push(
        insertMessage(
          d1,
          {
            id,
            type: "handoff",
            taskId: t.id,
            correlationId: t.id,
            traceId: t.traceId ?? "",
            fromRole: null,
            fromInstance: instanceId,
            toRole: t.role,
            toInstance: null,
            status: "routing",
            payload: { kind: t.kind, deliverable: null, reason, exclude: [instanceId] },
            reason,
            at: now,
          },
          stillQueued,
        ),
        d1
          .prepare(
            `INSERT INTO task_history (task_id, at, kind, detail) SELECT id, ?, 'handed-back', json_object('from', ?, 'reason', ?)
             FROM tasks WHERE id = ? AND status = 'queued' AND instance_id = ?`,
          )
          .bind(now, instanceId, reason, t.id, instanceId),
        d1.prepare(`UPDATE tasks SET status = 'delegated' WHERE id = ? AND status = 'queued' AND instance_id = ?`).bind(t.id, instanceId),
      );
      route.push(id);
      eventIds.push(t.eventId);
    }
    if (statements.length) await d1.batch(statements);
    if (route.length) await routeMessages(env, route);
    return { rerouted: route.length, handedBack: 0, eventIds };
  },
};
