import { sealFields } from "../crypto/json-fields";
import { CONTENT_KEYS, JSON_SCOPE } from "../marketplace/task-content";
import { type ChainSoFar, chainText } from "./chain-deliverable";
import { COORDINATOR_ROLE } from "./subjects";

/**
 * The SQL that moves a task along its chain. Every statement about a received message is
 * guarded by that message still being `sent` to this agent in this delivery (`event_id`): the
 * status update comes last in the transaction, so a redelivered event, an agent that was
 * replaced meanwhile, or a late answer changes nothing.
 */

/** A new message about a task, inserted only if `guard` holds (ids are derived, so a repeat is a no-op). */
export interface NewMessage {
  id: string;
  type: "request" | "inform" | "handoff" | "ack" | "result" | "escalate";
  taskId: string;
  correlationId: string;
  /** Null: the trace of message `replyTo`. */
  traceId: string | null;
  /** Null: the role of `fromInstance`, looked up. */
  fromRole: string | null;
  fromInstance: string | null;
  toRole: string | null;
  /** With `toRole` null, the receiver is the sender of message `replyTo` (a result goes back). */
  toInstance: string | null;
  replyTo?: string;
  status: "routing" | "recorded" | "escalated";
  payload: Record<string, unknown>;
  reason: string | null;
  at: number;
}

const ROLE_OF_INSTANCE = `(SELECT d.role FROM agent_instances a JOIN agent_definitions d ON d.slug = a.definition_slug WHERE a.id = ?5)`;

const INSERT = `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, from_instance,
    to_role, to_instance, status, attempt, event_id, payload, reason, deadline, created_at, updated_at)
  SELECT ?1, ?2, t.id, t.customer_id, ?3, COALESCE(?4, (SELECT r.trace_id FROM agent_messages r WHERE r.id = ?13), ''), COALESCE(?6, ${ROLE_OF_INSTANCE}, 'agent'), ?5,
    COALESCE(?7, (SELECT r.from_role FROM agent_messages r WHERE r.id = ?13)), COALESCE(?8, (SELECT r.from_instance FROM agent_messages r WHERE r.id = ?13)),
    ?9, 1, NULL, ?10, ?11, NULL, ?12, ?12
  FROM tasks t WHERE t.id = ?14 AND GUARD
  ON CONFLICT (id) DO NOTHING`;

export function insertMessage(d1: D1Database, m: NewMessage, guard: Guard): D1PreparedStatement {
  return d1
    .prepare(INSERT.replace("GUARD", guard.sql))
    .bind(
      m.id,
      m.type,
      m.correlationId,
      m.traceId,
      m.fromInstance,
      m.fromRole,
      m.toRole,
      m.toInstance,
      m.status,
      JSON.stringify(m.payload),
      m.reason,
      m.at,
      m.replyTo ?? null,
      m.taskId,
      ...guard.params,
    );
}

/**
 * A condition in SQL with its parameters, in plain `?`: SQLite numbers a plain `?` one past the
 * largest number so far, so they bind after the statement's own numbered parameters.
 */
export interface Guard {
  sql: string;
  params: unknown[];
}

/** The received message is still `sent` to this agent in this delivery. */
export const stillSent = (messageId: string, instanceId: string, eventId: string): Guard => ({
  sql: `EXISTS (SELECT 1 FROM agent_messages g WHERE g.id = ? AND g.to_instance = ? AND g.event_id = ? AND g.status = 'sent')`,
  params: [messageId, instanceId, eventId],
});

/**
 * The task was handed on by the decision on its own event, by its own agent, and is still with
 * the organisation (the marketplace moved it to `delegated` earlier in the same transaction; a
 * task cancelled meanwhile starts no chain, nor does one its retiring agent handed back before
 * deciding it: src/organisation/retire-drain.ts).
 */
export const taskEventOf = (eventId: string, instanceId: string): Guard => ({
  sql: `t.event_id = ? AND t.instance_id = ? AND t.status = 'delegated'
    AND NOT EXISTS (SELECT 1 FROM agent_messages r WHERE r.id = '${RETIRE_HANDOFF_PREFIX}' || t.id)`,
  params: [eventId, instanceId],
});

/** The id prefix of the handoff a retiring agent's queued task becomes (`msg_ret_<task id>`). */
export const RETIRE_HANDOFF_PREFIX = "msg_ret_";

/** Marks a received message `done` (last: the guards above read it as `sent`). */
export function settleMessage(d1: D1Database, messageId: string, instanceId: string, eventId: string, at: number): D1PreparedStatement {
  return d1
    .prepare(
      `UPDATE agent_messages SET status = 'done', updated_at = ? WHERE id = ? AND to_instance = ? AND event_id = ? AND status = 'sent'`,
    )
    .bind(at, messageId, instanceId, eventId);
}

/** A delivery the receiver could not take: the message, the task, the agent and the event it went in. */
export interface FailedDelivery {
  messageId: string;
  taskId: string;
  instanceId: string;
  /** The delivery's event (`<message>.<attempt>`), which also names the coordinator's note. */
  eventId: string | null;
}

/**
 * The message goes back to its coordinator, with a note in the chain saying why: the agent it
 * was sent to could not take it (paused, retired, silent past the deadline) and is left out of
 * the next pick. Both only while `guard` holds.
 */
export function rerouteMessage(
  d1: D1Database,
  failed: FailedDelivery,
  why: { reason: string; payload: Record<string, unknown> },
  guard: Guard,
  at: number,
): D1PreparedStatement[] {
  const { messageId, taskId, instanceId, eventId } = failed;
  const note: NewMessage = {
    id: `inf_${eventId ?? messageId}`,
    type: "inform",
    taskId,
    correlationId: messageId,
    traceId: null,
    fromRole: COORDINATOR_ROLE,
    fromInstance: null,
    toRole: null,
    toInstance: null,
    replyTo: messageId,
    status: "recorded",
    payload: why.payload,
    reason: `re-routing: ${why.reason}`,
    at,
  };
  return [
    insertMessage(d1, note, guard),
    d1
      .prepare(
        `UPDATE agent_messages SET status = 'routing', attempt = attempt + 1, to_instance = NULL, event_id = NULL, deadline = NULL,
           payload = json_insert(payload, '$.exclude[#]', ?), updated_at = ?
         WHERE id = ? AND to_instance = ? AND event_id IS ? AND status = 'sent'`,
      )
      .bind(instanceId, at, messageId, instanceId, eventId),
  ];
}

/** What finishes a delegated task: its status, the chain's deliverables and a history entry. */
export interface TaskEnding {
  taskId: string;
  status: "done" | "needs_human" | "needs_hire";
  summary: string;
  /** The role that decided last (null: the role of `instanceId`), and its deliverable (appended to the chain's). */
  role: string | null;
  instanceId?: string | null;
  deliverable: string | null;
  decision?: { id: string; tier: string; decidedAt: number };
  /** More fields of the task's output (`needsHire`). */
  extra?: Record<string, unknown>;
  at: number;
}

/**
 * Finishes a task that was handed on (`delegated`), if `guard` holds. Its output holds the
 * chain's deliverables so far (read before the transaction, see chain-deliverable.ts) and the
 * last one, sealed like every task output (src/marketplace/task-content.ts).
 */
export async function endTask(d1: D1Database, chains: ChainSoFar, e: TaskEnding, guard: Guard): Promise<D1PreparedStatement[]> {
  const { summary, deliverable } = await sealFields(
    chains.cipher,
    { summary: e.summary, deliverable: chainText(chains, e) },
    CONTENT_KEYS,
    JSON_SCOPE,
  );
  const output = `json_patch(json_object('action', ?3, 'summary', ?4, 'deliverable', ?2, 'delegateTo', NULL,
      'tier', ?5, 'decisionId', ?6, 'decidedAt', ?7), json(?8))`;
  const action = e.status === "done" ? "act" : e.status === "needs_human" ? "escalate" : null;
  const params = [e.taskId, deliverable ?? null, action, summary, e.decision?.tier ?? null, e.decision?.id ?? null];
  const tail = [e.decision?.decidedAt ?? null, JSON.stringify(e.extra ?? {}), e.at, e.status];
  const where = guard.sql;
  return [
    d1
      .prepare(
        `INSERT INTO task_history (task_id, at, kind, detail) SELECT ?1, ?9, 'chain-' || ?10, ${output} FROM tasks t
         WHERE t.id = ?1 AND t.status = 'delegated' AND ${where}`,
      )
      .bind(...params, ...tail, ...guard.params),
    d1
      .prepare(`UPDATE tasks SET status = ?10, finished_at = ?9, output = ${output} WHERE id = ?1 AND status = 'delegated' AND ${where}`)
      .bind(...params, ...tail, ...guard.params),
  ];
}

/** Events of handoffs still on their way: retention keeps them (src/wake/retention.ts). */
export const ORGANISATION_OPEN_EVENTS = [
  `SELECT event_id FROM agent_messages WHERE status IN ('routing', 'sent') AND event_id IS NOT NULL`,
];
