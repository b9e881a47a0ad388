import { finishedByWake, type SourcedSpan, type TraceSource } from "../traces/sources";

interface OutputRow {
  traceId: string;
  eventId: string;
  id: string;
  decisionId: string;
  instanceId: string | null;
  kind: string;
  channel: string;
  status: string;
  statusReason: string | null;
  externalUrl: string | null;
  attempts: number;
  nextAttemptAt: number | null;
  createdAt: number;
  updatedAt: number;
  postedAt: number | null;
}

// A decision's outputs have it as their origin (index outputs_origin_key); the decisions
// through the trace's events and their wakes.
const OUTPUTS = `SELECT e.trace_id AS traceId, e.id AS eventId, o.id, o.origin AS decisionId, o.instance_id AS instanceId, o.kind, o.channel,
    o.status, o.status_reason AS statusReason, o.external_url AS externalUrl, o.attempts, o.next_attempt_at AS nextAttemptAt,
    o.created_at AS createdAt, o.updated_at AS updatedAt, o.posted_at AS postedAt
  FROM events e JOIN wake_log w ON w.event_id = e.id JOIN outputs o ON o.origin = w.decision_id
  WHERE e.trace_id IN (SELECT value FROM json_each(?1))`;

/**
 * The outputs a trace's decisions published: from recorded to posted (or kept on the platform,
 * or failed for good). One still waiting for its channel is open; the export sends it with the
 * batch of the decision that made it only once it is settled.
 */
export const outputsTraceSource: TraceSource = {
  name: "outputs",
  async read(d1, traceIds) {
    const { results } = await d1.prepare(OUTPUTS).bind(JSON.stringify(traceIds)).all<OutputRow>();
    return results.map(spanOf);
  },
  errorCountSql: (
    traceId,
  ) => `(SELECT COUNT(*) FROM events e JOIN wake_log w ON w.event_id = e.id JOIN outputs o ON o.origin = w.decision_id
    WHERE e.trace_id = ${traceId} AND o.status = 'failed')`,
};

function spanOf(o: OutputRow): SourcedSpan {
  const failed = o.status === "failed";
  const end = o.postedAt ?? (failed || o.nextAttemptAt === null ? o.updatedAt : null);
  return {
    traceId: o.traceId,
    key: `output:${o.id}`,
    parentKey: `decision:${o.decisionId}`,
    kind: "output",
    name: `output ${o.channel} ${o.kind} ${o.status}`,
    startMs: o.createdAt,
    endMs: end,
    status: failed ? "error" : end === null ? "unset" : "ok",
    error: failed ? (o.statusReason ?? "failed") : null,
    instanceId: o.instanceId,
    eventId: o.eventId,
    attributes: {
      "output.id": o.id,
      "output.kind": o.kind,
      "output.channel": o.channel,
      "output.status": o.status,
      "output.status_reason": o.statusReason,
      "output.url": o.externalUrl,
      "output.attempts": o.attempts,
    },
    completedBy: end === null || !o.instanceId ? null : finishedByWake(o.eventId, o.instanceId),
  };
}
