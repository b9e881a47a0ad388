import { metrics } from "../observability/metrics/recorder";
import { jsonChunks } from "../db/json-rows";
import { errorText, ValidationError } from "../errors";
import { CentreOfExcellence } from "../schemas/identity";
import type { AgentMessage } from "../schemas/organisation";
import { MAX_EVENT_BYTES } from "../schemas/event";
import { pendingEventStatements, sendRecorded, stampEvent } from "../wake/ingest";
import { coordinatorFor } from "./coordinator-ref";
import { readChains } from "./chain-deliverable";
import { endTask } from "./message-statements";
import { openPayload } from "./message-content";
import { coeOfRole } from "./raci";
import { handoffSubject, ORGANISATION_SOURCE } from "./subjects";
import { fieldCipher } from "../crypto/env-cipher";
import { eventsForStorage } from "../wake/event-payloads";
import { AAD as TASK_AAD } from "../marketplace/task-content";

/** How long a receiver has to acknowledge a handoff (`ORG_HANDOFF_DEADLINE_SECONDS`). */
export function handoffDeadlineMs(env: { ORG_HANDOFF_DEADLINE_SECONDS?: string }): number {
  const s = Number(env.ORG_HANDOFF_DEADLINE_SECONDS);
  return (Number.isFinite(s) && s > 0 ? s : 600) * 1000;
}

/** A message waiting to be routed, with the task it is about and the receiver's hire when known. */
interface RoutingRow {
  id: string;
  type: AgentMessage["type"];
  taskId: string;
  customerId: string;
  correlationId: string;
  traceId: string;
  fromRole: string;
  fromInstance: string | null;
  toRole: string;
  toInstance: string | null;
  toHire: string | null;
  attempt: number;
  payload: string;
  reason: string | null;
  createdAt: number;
  title: string;
  instructions: string;
  inputs: string;
}

const ROUTING_ROWS = `SELECT m.id, m.type, m.task_id AS taskId, m.customer_id AS customerId, m.correlation_id AS correlationId,
    m.trace_id AS traceId, m.from_role AS fromRole, m.from_instance AS fromInstance, m.to_role AS toRole, m.to_instance AS toInstance,
    (SELECT h.id FROM hires h WHERE h.instance_id = m.to_instance) AS toHire, m.attempt, m.payload, m.reason, m.created_at AS createdAt,
    t.title, t.instructions, t.inputs
  FROM agent_messages m JOIN tasks t ON t.id = m.task_id
  WHERE m.id IN (SELECT value FROM json_each(?)) AND m.status = 'routing'`;

/** Where a message goes, or why it cannot go anywhere (then the task shows it). */
type Target = { instanceId: string; hireId: string } | { needsHire: string | null } | { escalate: string };

async function targetOf(env: Env, row: RoutingRow, payload: Record<string, unknown>): Promise<Target> {
  // A result goes back to the agent that asked; it is not routed again.
  if (row.type === "result") {
    return row.toInstance && row.toHire
      ? { instanceId: row.toInstance, hireId: row.toHire }
      : { escalate: `the ${row.toRole} that asked for this is no longer hired, so its answer has nowhere to go` };
  }
  const coe = coeOfRole(row.toRole) ?? (await coeFromCatalogue(env.DB, row.toRole));
  if (!coe) return { escalate: `no agent in the catalogue works as ${row.toRole}` };
  const exclude = Array.isArray(payload.exclude) ? payload.exclude.filter((x): x is string => typeof x === "string") : [];
  const answer = await coordinatorFor(env, coe, row.customerId).route({ customerId: row.customerId, role: row.toRole, exclude });
  if (answer.kind === "assigned") return { instanceId: answer.instanceId, hireId: answer.hireId };
  if (answer.kind === "needs_hire") return { needsHire: answer.listing };
  const why = [answer.paused ? `${answer.paused} paused` : "", answer.excluded ? `${answer.excluded} could not take it` : ""].filter(
    Boolean,
  );
  return { escalate: `none of your ${row.toRole} agents can take it now (${why.join(", ")})` };
}

async function coeFromCatalogue(d1: D1Database, role: string): Promise<CentreOfExcellence | undefined> {
  const row = await d1.prepare(`SELECT coe FROM agent_definitions WHERE role = ? LIMIT 1`).bind(role).first<{ coe: string }>();
  const parsed = CentreOfExcellence.safeParse(row?.coe);
  return parsed.success ? parsed.data : undefined;
}

/** The message as it travels in its event (and as the chain lists it). */
function wireMessage(row: RoutingRow, payload: Record<string, unknown>, to: string, deadline: number, at: number): AgentMessage {
  return {
    id: row.id,
    type: row.type,
    from: { role: row.fromRole, instanceId: row.fromInstance },
    to: { role: row.toRole, instanceId: to },
    taskId: row.taskId,
    correlationId: row.correlationId,
    traceId: row.traceId,
    customerId: row.customerId,
    payload,
    deadline,
    status: "sent",
    attempt: row.attempt,
    reason: row.reason,
    createdAt: row.createdAt,
    updatedAt: at,
  };
}

/**
 * The deliverable cut to the room the event has left (events are capped at 64 KB, and the
 * task's instructions and inputs travel too); the whole one stays on the message's record.
 */
function fitted(deliverable: unknown, row: RoutingRow): string | null {
  if (typeof deliverable !== "string") return null;
  const room = MAX_EVENT_BYTES - 8 * 1024 - new TextEncoder().encode(row.instructions + row.inputs + row.payload).length;
  if (room <= 0) return null;
  const bytes = new TextEncoder().encode(deliverable);
  return bytes.length <= room ? deliverable : `${new TextDecoder().decode(bytes.slice(0, room)).replace(/\uFFFD$/, "")}\n\n…`;
}

/** Sends one message to the agent its coordinator picked, as a wake event recorded with it. */
async function deliver(env: Env, row: RoutingRow, payload: Record<string, unknown>, target: { instanceId: string; hireId: string }) {
  const at = Date.now();
  const deadline = at + handoffDeadlineMs(env);
  const inputs = JSON.parse(row.inputs) as Record<string, unknown>;
  const kind = typeof payload.kind === "string" ? payload.kind : undefined;
  const event = stampEvent(
    {
      id: `${row.id}.${row.attempt}`,
      type: row.type === "result" ? "handoff.completed" : "handoff.requested",
      source: ORGANISATION_SOURCE,
      subject: handoffSubject(target.hireId, row.taskId, row.id),
      customerId: row.customerId,
      traceId: row.traceId,
      occurredAt: new Date(at).toISOString(),
      payload: {
        taskId: row.taskId,
        title: row.title,
        instructions: row.instructions,
        inputs: kind ? { ...inputs, kind } : inputs,
        deliverable: fitted(payload.deliverable, row),
        // The deliverable travels once, beside the message.
        message: wireMessage(row, { ...payload, deliverable: undefined }, target.instanceId, deadline, at),
      },
    },
    at,
  );
  const [updated] = await env.DB.batch([
    env.DB.prepare(
      `UPDATE agent_messages SET status = 'sent', to_instance = ?, event_id = ?, deadline = ?, updated_at = ? WHERE id = ? AND status = 'routing' AND attempt = ?`,
    ).bind(target.instanceId, event.id, deadline, at, row.id, row.attempt),
    env.DB.prepare(
      `INSERT INTO task_history (task_id, at, kind, detail) SELECT ?, ?, 'handoff', json_object('messageId', ?, 'type', ?, 'from', ?, 'to', ?, 'instanceId', ?)
       WHERE changes() > 0`,
    ).bind(row.taskId, at, row.id, row.type, row.fromRole, row.toRole, target.instanceId),
    ...pendingEventStatements(env.DB, await eventsForStorage(fieldCipher(env), [event]), {
      sql: `EXISTS (SELECT 1 FROM agent_messages WHERE id = ? AND event_id = ?)`,
      params: [row.id, event.id],
    }),
  ]);
  // Another router (the sweep) won this message: the event it recorded is the one to send.
  if (!updated?.meta.changes) return;
  countHandoff(env, row, "routed");
  await sendRecorded(env, [event]);
}

/** No agent can take the message: the task shows what to hire, or that a person must look. */
async function cannotRoute(env: Env, row: RoutingRow, target: { needsHire: string | null } | { escalate: string }) {
  const at = Date.now();
  const needsHire = "needsHire" in target;
  const summary = needsHire
    ? `needs_hire: this task needs a ${row.toRole} and you have none hired${target.needsHire ? `; ${target.needsHire} would take it` : ""}`
    : `needs_human: ${target.escalate}`;
  const guard = { sql: `EXISTS (SELECT 1 FROM agent_messages WHERE id = ? AND status = 'routing')`, params: [row.id] };
  const chains = await readChains(env.DB, fieldCipher(env), [row.taskId]);
  const results = await env.DB.batch([
    ...(await endTask(
      env.DB,
      chains,
      {
        taskId: row.taskId,
        status: needsHire ? "needs_hire" : "needs_human",
        summary,
        role: null,
        deliverable: null,
        ...(needsHire ? { extra: { needsHire: { role: row.toRole, listing: target.needsHire } } } : {}),
        at,
      },
      guard,
    )),
    env.DB.prepare(`UPDATE agent_messages SET status = ?, reason = ?, updated_at = ? WHERE id = ? AND status = 'routing'`).bind(
      needsHire ? "needs_hire" : "escalated",
      summary,
      at,
      row.id,
    ),
  ]);
  // The message's own update says whether this run moved it (the sweep may have).
  if (results[results.length - 1]?.meta.changes) countHandoff(env, row, needsHire ? "needs_hire" : "escalated");
}

function countHandoff(env: Env, row: RoutingRow, outcome: "routed" | "needs_hire" | "escalated"): void {
  metrics(env).count("handoffs", { agent: row.fromInstance ?? "", customer: row.customerId, type: row.type, outcome });
}

/** Routing attempts that failed on one message before a person is asked. */
export const MAX_ROUTING_FAILURES = 3;

/**
 * Routing failed: a message that can never travel (its event would be too large) goes to a
 * person now; another failure is counted, and the sweep retries until the count runs out.
 */
async function routingFailed(env: Env, row: RoutingRow, payload: Record<string, unknown>, error: unknown): Promise<void> {
  const failures = (typeof payload.routingFailures === "number" ? payload.routingFailures : 0) + 1;
  console.error("routing a message failed", { id: row.id, failures, error: errorText(error) });
  if (error instanceof ValidationError || failures >= MAX_ROUTING_FAILURES) {
    await cannotRoute(env, row, { escalate: `the handoff could not be sent (${errorText(error).slice(0, 300)})` });
    return;
  }
  await env.DB.prepare(
    `UPDATE agent_messages SET payload = json_set(payload, '$.routingFailures', ?), updated_at = ? WHERE id = ? AND status = 'routing'`,
  )
    .bind(failures, Date.now(), row.id)
    .run();
}

/**
 * Routes recorded messages: each goes to the agent its CoE's coordinator picks for the
 * customer (a result goes straight back to its requester), as a wake event recorded in the
 * same transaction as the message's new state. Safe to run twice on one message: only one run
 * moves it out of `routing`. What fails here is retried by the cron sweep, a few times.
 */
export async function routeMessages(env: Env, ids: readonly string[]): Promise<void> {
  const cipher = fieldCipher(env);
  for (const json of jsonChunks(ids)) {
    const { results } = await env.DB.prepare(ROUTING_ROWS).bind(json).all<RoutingRow>();
    for (const stored of results) {
      let row = stored;
      let payload: Record<string, unknown> = {};
      try {
        // The task's instructions are encrypted at rest; the agent's event carries them plain.
        row = { ...stored, instructions: await cipher.open(stored.instructions, TASK_AAD.instructions) };
        // Kept as stored first: if the deliverable does not open, the failure is still counted
        // against the payload's routingFailures (plain), so the message escalates in the end.
        payload = JSON.parse(row.payload) as Record<string, unknown>;
        // The deliverable it carries is sealed at rest (message-content.ts); the event carries it plain.
        payload = await openPayload(cipher, payload);
        const target = await targetOf(env, row, payload);
        if ("instanceId" in target) await deliver(env, row, payload, target);
        else await cannotRoute(env, row, target);
      } catch (error) {
        await routingFailed(env, row, payload, error).catch((e: unknown) =>
          console.error("recording a routing failure failed; the sweep retries the message", { id: row.id, error: errorText(e) }),
        );
      }
    }
  }
}
