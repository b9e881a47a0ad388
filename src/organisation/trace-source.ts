import { finishedByWake, type SourcedSpan, type TraceSource, type TracedEvent } from "../traces/sources";
import { ORGANISATION_SOURCE } from "./subjects";

/** A message between agents with what its spans need: when it was acknowledged, delivered, and what decided it. */
interface MessageRow {
  traceId: string;
  id: string;
  type: string;
  status: string;
  taskId: string;
  correlationId: string;
  fromRole: string;
  fromInstance: string | null;
  toRole: string;
  toInstance: string | null;
  attempt: number;
  eventId: string | null;
  decisionId: string | null;
  reason: string | null;
  createdAt: number;
  updatedAt: number;
  ackAt: number | null;
  deliveredAt: number | null;
  senderEvent: string | null;
}

// By trace (index agent_messages_trace); the ack by its id (`ack_<delivery event>`), the delivery
// event and the deciding decision by theirs.
const MESSAGES = `SELECT m.trace_id AS traceId, m.id, m.type, m.status, m.task_id AS taskId, m.correlation_id AS correlationId,
    m.from_role AS fromRole, m.from_instance AS fromInstance, m.to_role AS toRole, m.to_instance AS toInstance, m.attempt,
    m.event_id AS eventId, m.payload->>'decisionId' AS decisionId, m.reason, m.created_at AS createdAt, m.updated_at AS updatedAt,
    (SELECT a.created_at FROM agent_messages a WHERE a.id = 'ack_' || m.event_id) AS ackAt,
    (SELECT e.received_at FROM events e WHERE e.id = m.event_id) AS deliveredAt,
    (SELECT d.event_id FROM decisions d WHERE d.id = m.payload->>'decisionId') AS senderEvent
  FROM agent_messages m WHERE m.trace_id IN (SELECT value FROM json_each(?1)) AND m.type != 'ack'`;

/** A message's delivery event is `<message id>.<attempt>`. */
const DELIVERY = /^(.+)\.(\d+)$/;

/** Statuses in which a message will not move again without a person. */
const STOPPED = new Set(["needs_hire", "escalated"]);

/**
 * The organisation's part of a trace: each handoff, request and result between agents (from
 * the decision that made it to the receiver's acknowledgement), the coordinator's routing of it
 * (up to the delivery event, which hangs under it), and escalations to a person.
 */
export const organisationTraceSource: TraceSource = {
  name: "organisation",
  parentOf(event: TracedEvent): string | null {
    if (event.source !== ORGANISATION_SOURCE) return null;
    const messageId = DELIVERY.exec(event.id)?.[1];
    if (!messageId) return null;
    // A result goes straight back to its requester; the others were routed by a coordinator.
    return event.type === "handoff.completed" ? `handoff:${messageId}` : `coordinator:${messageId}`;
  },
  async read(d1, traceIds) {
    const { results } = await d1.prepare(MESSAGES).bind(JSON.stringify(traceIds)).all<MessageRow>();
    return results.flatMap(spansOf);
  },
  errorCountSql: (traceId) =>
    `(SELECT COUNT(*) FROM agent_messages m WHERE m.trace_id = ${traceId} AND (m.status = 'escalated' OR m.type = 'escalate'))`,
};

/** The roll-up of the decision that made the message (it routed it, after commit). */
const sentBy = (m: MessageRow) => (m.senderEvent && m.fromInstance ? finishedByWake(m.senderEvent, m.fromInstance) : null);

function spansOf(m: MessageRow): SourcedSpan[] {
  const attributes = {
    "message.id": m.id,
    "message.type": m.type,
    "message.status": m.status,
    "message.attempt": m.attempt,
    "message.from_role": m.fromRole,
    "message.from_instance": m.fromInstance,
    "message.to_role": m.toRole,
    "message.to_instance": m.toInstance,
    "task.id": m.taskId,
    "message.reason": m.reason,
  };
  const base = { traceId: m.traceId, instanceId: m.fromInstance, eventId: m.eventId, attributes };
  if (m.type === "escalate") {
    return [
      {
        ...base,
        key: `handoff:${m.id}`,
        parentKey: m.decisionId ? `decision:${m.decisionId}` : `handoff:${m.correlationId}`,
        kind: "handoff",
        name: `escalate ${m.fromRole} → ${m.toRole}`,
        startMs: m.createdAt,
        endMs: m.createdAt,
        status: "error",
        error: m.reason ?? "escalated to a person",
        completedBy: sentBy(m),
      },
    ];
  }
  const stopped = STOPPED.has(m.status);
  const end = m.ackAt ?? (stopped || m.status === "done" ? m.updatedAt : null);
  const handoff: SourcedSpan = {
    ...base,
    key: `handoff:${m.id}`,
    parentKey: m.decisionId ? `decision:${m.decisionId}` : null,
    kind: "handoff",
    name: `${m.type} ${m.fromRole} → ${m.toRole}`,
    startMs: m.createdAt,
    endMs: end,
    status: m.status === "escalated" ? "error" : end === null ? "unset" : "ok",
    error: m.status === "escalated" ? (m.reason ?? "escalated to a person") : null,
    // Acknowledged in the receiver's wake of the delivery; stopped while the sender's batch routed it.
    completedBy: m.ackAt !== null && m.eventId && m.toInstance ? finishedByWake(m.eventId, m.toInstance) : stopped ? sentBy(m) : null,
  };
  if (m.type === "result") return [handoff];
  const routed = m.deliveredAt ?? (stopped ? m.updatedAt : null);
  const coordinator: SourcedSpan = {
    ...base,
    key: `coordinator:${m.id}`,
    parentKey: handoff.key,
    kind: "coordinator",
    name: `coordinator route ${m.toRole}`,
    startMs: m.createdAt,
    endMs: routed,
    // The handoff span carries an escalation's error: one error per message, as the list counts.
    status: routed === null ? "unset" : "ok",
    error: null,
    instanceId: m.toInstance,
    attributes: {
      "coordinator.role": m.toRole,
      "coordinator.assigned": m.toInstance,
      "message.attempt": m.attempt,
      "message.status": m.status,
    },
    completedBy: routed === null ? null : sentBy(m),
  };
  return [handoff, coordinator];
}
