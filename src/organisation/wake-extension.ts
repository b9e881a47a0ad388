import type { Decision, WakeResult } from "../schemas/decision";
import { MARKETPLACE_SOURCE } from "../marketplace/events";
import type { DeadLetteredEvent, HookWrites, WakeExtension } from "../wake/extensions";
import { endTask, insertMessage, rerouteMessage, settleMessage, stillSent, taskEventOf, type NewMessage } from "./message-statements";
import { handoffDeadlineMs, routeMessages } from "./routing";
import { jsonChunks } from "../db/json-rows";
import { fieldCipher } from "../crypto/env-cipher";
import type { FieldCipher } from "../crypto/field-cipher";
import { type ChainSoFar, readChains } from "./chain-deliverable";
import { sealPayload } from "./message-content";
import { COORDINATOR_ROLE, ORGANISATION_SOURCE, PERSON_ROLE, parseWorkSubject } from "./subjects";

/** The most handoffs and requests one task may go through before a person is asked. */
export const MAX_HOPS = 8;

/** The longest deliverable a message carries on to the next agent (events are capped at 64 KB). */
const MAX_CARRIED_DELIVERABLE = 16 * 1024;

const carried = (output: string | null) =>
  output && output.length > MAX_CARRIED_DELIVERABLE ? `${output.slice(0, MAX_CARRIED_DELIVERABLE)}\n\n…` : output;

/** A new handoff or request made by a `delegate` decision (its payload sealed later, see sealed()). */
function handoffOf(d: Decision, taskId: string, correlationId: string, fromInstance: string, at: number): NewMessage {
  // Never back to the sender: work an agent hands on goes to a colleague.
  const type = d.handoff?.type ?? "handoff";
  return {
    id: `msg_${d.id}`,
    type,
    taskId,
    correlationId,
    traceId: d.traceId,
    fromRole: null,
    fromInstance,
    toRole: d.delegateTo ?? "(no role named)",
    toInstance: null,
    status: "routing",
    payload: { kind: d.handoff?.kind ?? null, deliverable: carried(d.output), reason: d.reason, decisionId: d.id, exclude: [fromInstance] },
    reason: d.reason,
    at,
  };
}

interface Collected {
  statements: D1PreparedStatement[];
  route: string[];
}

/** What one roll-up's results share: the chains of their tasks as they stand (read once), and the keys. */
interface Context {
  d1: D1Database;
  chains: ChainSoFar;
}

/** The message with its payload's deliverable sealed (message-content.ts). */
const sealed = async (cipher: FieldCipher, m: NewMessage): Promise<NewMessage> => ({ ...m, payload: await sealPayload(cipher, m.payload) });

/** A customer's task decided `delegate` by its own agent: the chain starts. */
async function taskDelegated({ d1, chains }: Context, r: WakeResult, taskId: string, out: Collected): Promise<void> {
  const d = r.decision;
  if (d?.action !== "delegate") return;
  const message = await sealed(chains.cipher, handoffOf(d, taskId, taskId, r.instanceId, r.recordedAt));
  out.statements.push(insertMessage(d1, message, taskEventOf(r.eventId, r.instanceId)));
  out.route.push(message.id);
}

/** An agent's answer to a handoff, a request or a result it was sent. */
async function messageAnswered({ d1, chains }: Context, r: WakeResult, taskId: string, messageId: string, out: Collected): Promise<void> {
  const guard = stillSent(messageId, r.instanceId, r.eventId);
  const at = r.recordedAt;
  if (r.outcome === "buffered" || r.outcome === "refused" || r.outcome === "discarded") {
    // Paused (buffered) or retired: the coordinator picks another agent. A result goes back
    // to its requester only; the deadline sweep escalates it if the requester never answers.
    if (r.eventType === "handoff.completed") return;
    out.statements.push(
      ...rerouteMessage(
        d1,
        { messageId, taskId, instanceId: r.instanceId, eventId: r.eventId },
        { reason: `${r.instanceId} ${r.outcome === "buffered" ? "is paused" : "is retired"}`, payload: { outcome: r.outcome } },
        guard,
        at,
      ),
    );
    out.route.push(messageId);
    return;
  }
  const d = r.decision;
  if (!d) return;
  const base = { taskId, correlationId: messageId, traceId: d.traceId, fromRole: null, fromInstance: r.instanceId, at };
  out.statements.push(
    insertMessage(
      d1,
      {
        ...base,
        id: `ack_${r.eventId}`,
        type: "ack",
        toRole: null,
        toInstance: null,
        replyTo: messageId,
        status: "recorded",
        payload: {},
        reason: null,
      },
      guard,
    ),
  );
  const decision = { id: d.id, tier: d.tier, decidedAt: d.decidedAt };
  if (d.action === "act") {
    if (r.eventType === "handoff.completed") {
      out.statements.push(
        ...(await endTask(
          d1,
          chains,
          { taskId, status: "done", summary: d.reason, role: null, instanceId: r.instanceId, deliverable: d.output, decision, at },
          guard,
        )),
      );
    } else {
      // A handoff ends here; a request's result goes back to whoever asked.
      out.statements.push(
        ...(await endTask(
          d1,
          chains,
          { taskId, status: "done", summary: d.reason, role: null, instanceId: r.instanceId, deliverable: d.output, decision, at },
          typed(guard, messageId, "handoff"),
        )),
        insertMessage(
          d1,
          await sealed(chains.cipher, {
            ...base,
            id: `res_${d.id}`,
            type: "result",
            toRole: null,
            toInstance: null,
            replyTo: messageId,
            status: "routing",
            payload: { deliverable: carried(d.output), reason: d.reason, decisionId: d.id },
            reason: d.reason,
          }),
          typed(guard, messageId, "request"),
        ),
      );
      out.route.push(`res_${d.id}`);
    }
  } else if (d.action === "delegate") {
    // A chain that goes round in circles (two agents' rules handing work back and forth) is
    // stopped at MAX_HOPS and goes to a person.
    const hops = (op: string) => ({
      sql: `${guard.sql} AND (SELECT COUNT(*) FROM agent_messages h WHERE h.task_id = ? AND h.type IN ('handoff', 'request')) ${op} ${MAX_HOPS}`,
      params: [...guard.params, taskId],
    });
    const next = await sealed(chains.cipher, handoffOf(d, taskId, messageId, r.instanceId, at));
    const reason = `escalated: the task was handed on ${MAX_HOPS} times without finishing`;
    // The escalation's guard first: the handoff's insert would change the count it reads.
    out.statements.push(
      insertMessage(d1, escalation(base, d.id, reason), hops(">=")),
      ...(await endTask(d1, chains, { taskId, status: "needs_human", summary: reason, role: null, deliverable: null, at }, hops(">="))),
      insertMessage(d1, next, hops("<")),
    );
    out.route.push(next.id);
  } else {
    const reason = d.action === "ignore" ? `declined: ${d.reason}` : d.reason;
    out.statements.push(
      insertMessage(d1, escalation(base, d.id, reason), guard),
      ...(await endTask(
        d1,
        chains,
        { taskId, status: "needs_human", summary: reason, role: null, instanceId: r.instanceId, deliverable: d.output, decision, at },
        guard,
      )),
    );
  }
  out.statements.push(settleMessage(d1, messageId, r.instanceId, r.eventId, at));
}

/** A person is asked to take the task over, for `reason`. */
function escalation(
  base: Omit<NewMessage, "id" | "type" | "toRole" | "toInstance" | "status" | "payload" | "reason">,
  decisionId: string,
  reason: string,
): NewMessage {
  return {
    ...base,
    id: `esc_${decisionId}`,
    type: "escalate",
    toRole: PERSON_ROLE,
    toInstance: null,
    status: "escalated",
    payload: { decisionId },
    reason,
  };
}

/** The guard, and the received message is of this type. */
function typed(guard: { sql: string; params: unknown[] }, messageId: string, type: string) {
  return {
    sql: `${guard.sql} AND EXISTS (SELECT 1 FROM agent_messages y WHERE y.id = ? AND y.type = ?)`,
    params: [...guard.params, messageId, type],
  };
}

/**
 * The chain's writes for a roll-up. The chains of the answered messages' tasks are read first (one
 * query): their deliverables are sealed, so a task's output is assembled here, not in SQL. Each
 * result's messages are sealed concurrently; the statements keep the results' order.
 */
async function resultsRecorded(d1: D1Database, results: readonly WakeResult[], env: Env): Promise<HookWrites> {
  const relevant = results.flatMap((r) => {
    const work = parseWorkSubject(r.eventSubject);
    if (!work) return [];
    if (r.eventSource === MARKETPLACE_SOURCE && r.eventType === "task.assigned" && r.outcome === "decided")
      return [{ r, work, answer: false }];
    if (r.eventSource === ORGANISATION_SOURCE && work.messageId) return [{ r, work, answer: true }];
    return [];
  });
  if (relevant.length === 0) return { statements: [] };
  const answers = relevant.filter((x) => x.answer);
  const ctx: Context = {
    d1,
    chains: await readChains(
      d1,
      fieldCipher(env),
      answers.map((x) => x.work.taskId),
      answers.map((x) => x.r.instanceId),
    ),
  };
  const parts = await Promise.all(
    relevant.map(async ({ r, work, answer }) => {
      const part: Collected = { statements: [], route: [] };
      if (!answer) await taskDelegated(ctx, r, work.taskId, part);
      else if (work.messageId) await messageAnswered(ctx, r, work.taskId, work.messageId, part);
      return part;
    }),
  );
  const out: Collected = { statements: parts.flatMap((p) => p.statements), route: parts.flatMap((p) => p.route) };
  if (out.statements.length === 0) return { statements: [] };
  const ids = [...new Set(out.route)];
  return { statements: out.statements, ...(ids.length ? { afterCommit: (env: Env) => routeMessages(env, ids) } : {}) };
}

/**
 * A handoff that could not be delivered (its event dead-lettered): the chain cannot complete,
 * so it goes to a person instead of stopping silently. Replaying the event sends it again.
 */
function eventsDeadLettered(d1: D1Database, events: readonly DeadLetteredEvent[]): HookWrites {
  // Only handoff events (`msg_…` or `res_…` with an attempt) can be in a chain: the others add nothing.
  const rows = events
    .filter(({ eventId }) => HANDOFF_EVENT_ID.test(eventId))
    .map(({ eventId, error }) => ({ e: eventId, r: `the handoff could not be delivered: ${error}`.slice(0, 1000) }));
  if (rows.length === 0) return { statements: [] };
  const at = Date.now();
  const dead = `(SELECT value->>'e' AS e, value->>'r' AS r FROM json_each(?1)) v JOIN agent_messages m ON m.event_id = v.e AND m.status = 'sent'`;
  return {
    statements: jsonChunks(rows).flatMap((json) => [
      // One escalation per dead delivery, numbered, so a replayed handoff that dies again is recorded again.
      d1
        .prepare(
          `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, from_instance, to_role, to_instance,
             status, attempt, event_id, payload, reason, deadline, created_at, updated_at)
           SELECT 'esc_' || v.e || '.' || (SELECT COUNT(*) FROM agent_messages x WHERE x.correlation_id = m.id AND x.type = 'escalate'),
             'escalate', m.task_id, m.customer_id, m.id, m.trace_id, '${COORDINATOR_ROLE}', NULL, '${PERSON_ROLE}', NULL,
             'escalated', 1, NULL, json_object('deadLetter', v.e), v.r, NULL, ?2, ?2
           FROM ${dead} WHERE true ON CONFLICT (id) DO NOTHING`,
        )
        .bind(json, at),
      d1
        .prepare(
          `INSERT INTO task_history (task_id, at, kind, detail) SELECT t.id, ?2, 'chain-needs_human', json_object('action', 'escalate', 'summary', v.r)
           FROM ${dead} JOIN tasks t ON t.id = m.task_id AND t.status = 'delegated'`,
        )
        .bind(json, at),
      d1
        .prepare(
          `UPDATE tasks SET status = 'needs_human', finished_at = ?2, output = json_object('action', 'escalate', 'summary', v.r)
           FROM ${dead} WHERE tasks.id = m.task_id AND tasks.status = 'delegated'`,
        )
        .bind(json, at),
      d1
        .prepare(
          `UPDATE agent_messages SET status = 'escalated', reason = v.r, updated_at = ?2
           FROM (SELECT value->>'e' AS e, value->>'r' AS r FROM json_each(?1)) v WHERE agent_messages.event_id = v.e AND agent_messages.status = 'sent'`,
        )
        .bind(json, at),
    ]),
  };
}

/** The id of a handoff's (or a result's) delivery event: `<message id>.<attempt>`. */
const HANDOFF_EVENT_ID = /^(msg|res)_[A-Za-z0-9_]+\.\d+$/;

/**
 * A replayed handoff is `sent` again, with a fresh deadline (the old one passed while it was
 * retried; hooks get no settings, so it is the default one), and its task back in the chain.
 */
function eventReplayed(d1: D1Database, eventId: string): HookWrites {
  if (!HANDOFF_EVENT_ID.test(eventId)) return { statements: [] };
  const at = Date.now();
  return {
    statements: [
      d1
        .prepare(
          `UPDATE tasks SET status = 'delegated', finished_at = NULL, output = NULL
           WHERE status = 'needs_human' AND id IN (SELECT task_id FROM agent_messages WHERE event_id = ? AND status = 'escalated')`,
        )
        .bind(eventId),
      d1
        .prepare(
          `UPDATE agent_messages SET status = 'sent', reason = NULL, deadline = ?, updated_at = ? WHERE event_id = ? AND status = 'escalated'`,
        )
        .bind(at + handoffDeadlineMs({}), at, eventId),
    ],
  };
}

/**
 * How the organisation plugs into the wake pipeline: a `delegate` decision on a customer's
 * task records a handoff in the decision's own roll-up, routed once it has committed; the
 * receiver's answer (its ack and decision) moves the chain on, in its roll-up.
 */
export const organisationWakeExtension: WakeExtension = { resultsRecorded, eventsDeadLettered, eventReplayed };
