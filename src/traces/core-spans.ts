import type { CoreRecords, DecisionRecord, EventRecord } from "./core-records";
import { finishedByEvent, finishedByWake, type RawSpan, type TracedEvent } from "./sources";

/**
 * The core's spans of one trace, from its records: per event, its ingest (the event's whole
 * life, from accepted to delivered or dead), its time on the queue, each agent's wake, the
 * decision and the model call it made, and its dead letters. The one mapping both the trace API
 * and the OTLP export use. `parentOf` places an event under a product's span (a handoff's
 * delivery under the handoff); an event nothing caused is a root.
 */
export function coreSpans(records: CoreRecords, parentOf: (event: TracedEvent) => string | null = () => null): RawSpan[] {
  const decisions = new Map(records.decisions.map((d) => [d.id, d]));
  const spans: RawSpan[] = [];
  for (const event of records.events) {
    const wakes = records.wakes.filter((w) => w.eventId === event.id);
    const dead = records.deadLetters.filter((l) => l.eventId === event.id);
    const eventKey = `event:${event.id}`;
    const lastDead = dead.reduce<number | null>((at, l) => Math.max(at ?? 0, l.deadAt), null);
    spans.push(ingestSpan(event, parentOf(event), lastDead, dead[dead.length - 1]?.error ?? null));

    // The queue: from accepted to the first agent's wake (or to delivery, when no agent matched).
    const firstWake = wakes.reduce<number | null>((first, w) => {
      const d = w.decisionId ? decisions.get(w.decisionId) : undefined;
      const start = d ? decisionStart(d) : w.recordedAt;
      return first === null ? start : Math.min(first, start);
    }, null);
    const queueEnd = firstWake ?? (event.status === "delivered" ? event.deliveredAt : lastDead);
    spans.push({
      ...common(event, eventKey, `queue:${event.id}`, queueEnd),
      kind: "queue",
      name: "queue waooaw-wake",
      startMs: event.receivedAt,
      status: queueEnd === null ? "unset" : "ok",
      attributes: {
        "messaging.system": "cloudflare_queues",
        "messaging.destination.name": "waooaw-wake",
        "queue.attempts": event.attempts,
      },
    });

    for (const w of wakes) {
      const d = w.decisionId ? decisions.get(w.decisionId) : undefined;
      // The outcome is part of the key: a paused agent's wake is exported as `buffered` when
      // the queue batch delivers it, and again, as another span, once its backlog decides it.
      const wakeKey = `wake:${event.id}:${w.instanceId}:${w.outcome}`;
      spans.push({
        ...common(event, eventKey, wakeKey, w.recordedAt),
        kind: "wake",
        name: `wake ${w.instanceId} ${w.outcome}`,
        startMs: Math.min(d ? decisionStart(d) : w.recordedAt, w.recordedAt),
        status: "ok",
        instanceId: w.instanceId,
        attributes: { "agent.instance_id": w.instanceId, "wake.outcome": w.outcome },
        completedBy: finishedByWake(event.id, w.instanceId, w.outcome),
      });
      if (d) spans.push(...decisionSpans(event, wakeKey, d));
    }

    for (const l of dead) {
      spans.push({
        ...common(event, eventKey, `dead:${l.id}`, l.deadAt),
        kind: "dead_letter",
        name: `dead letter ${event.type}`,
        startMs: l.deadAt,
        status: "error",
        error: l.error,
        attributes: { "dead_letter.id": l.id, "dead_letter.attempts": l.attempts, "dead_letter.replays": l.replayCount },
      });
    }
  }
  return spans;
}

/** The error of an escalation that a failure forced (the model or the budget), not a rule's choice. */
const FAILED_ESCALATION = /^(llm_unavailable|llm_error|llm_unconfigured|budget_exceeded)\b/;

/** The error a decision carries, if it was forced by a failure. */
export function decisionError(d: Pick<DecisionRecord, "action" | "reason">): string | null {
  return d.action === "escalate" && FAILED_ESCALATION.test(d.reason) ? d.reason : null;
}

/** SQL twin of decisionError over a `decisions` row aliased `d`: the trace list counts with it. */
export const DECISION_ERROR_SQL = `(d.action = 'escalate' AND (d.reason LIKE 'llm_unavailable%' OR d.reason LIKE 'llm_error%'
  OR d.reason LIKE 'llm_unconfigured%' OR d.reason LIKE 'budget_exceeded%'))`;

const decisionStart = (d: DecisionRecord) => d.decidedAt - d.latencyMs;

function decisionSpans(event: EventRecord, wakeKey: string, d: DecisionRecord): RawSpan[] {
  const error = decisionError(d);
  const usage = { "gen_ai.usage.input_tokens": d.inputTokens, "gen_ai.usage.output_tokens": d.outputTokens, "cost.usd": d.costUsd };
  const decision: RawSpan = {
    ...common(event, wakeKey, `decision:${d.id}`, d.decidedAt),
    kind: "decision",
    name: `decision ${d.tier} ${d.action}`,
    startMs: decisionStart(d),
    status: error ? "error" : "ok",
    error,
    instanceId: d.instanceId,
    completedBy: finishedByWake(event.id, d.instanceId),
    attributes: {
      "decision.id": d.id,
      "decision.tier": d.tier,
      "decision.action": d.action,
      "decision.reason": d.reason,
      "decision.rule_id": d.ruleId,
      "decision.delegate_to": d.delegateTo,
      "decision.cache": d.cache,
      "decision.latency_ms": d.latencyMs,
      ...usage,
    },
  };
  // The model was asked (it answered, or failed): its call is the decision's child. Our records
  // time the decision as a whole, so the call spans it.
  if (d.model === null) return [decision];
  const llmError = error?.startsWith("llm_") ? error : null;
  return [
    decision,
    {
      ...common(event, decision.key, `llm:${d.id}`, d.decidedAt),
      kind: "llm",
      name: `llm ${d.model}`,
      startMs: decisionStart(d),
      status: llmError ? "error" : "ok",
      error: llmError,
      instanceId: d.instanceId,
      completedBy: finishedByWake(event.id, d.instanceId),
      attributes: { "gen_ai.system": "anthropic", "gen_ai.operation.name": "chat", "gen_ai.request.model": d.model, ...usage },
    },
  ];
}

function ingestSpan(event: EventRecord, parentKey: string | null, deadAt: number | null, deadError: string | null): RawSpan {
  const failed = event.status === "dead" || event.status === "enqueue_failed";
  const end = event.status === "delivered" ? event.deliveredAt : event.status === "dead" ? deadAt : failed ? event.receivedAt : null;
  return {
    ...common(event, parentKey, `event:${event.id}`, end),
    kind: "ingest",
    name: `ingest ${event.type}`,
    startMs: event.receivedAt,
    status: failed ? "error" : end === null ? "unset" : "ok",
    error: failed ? (event.lastError ?? deadError ?? event.status) : null,
    attributes: {
      "event.id": event.id,
      "event.type": event.type,
      "event.source": event.source,
      "event.subject": event.subject,
      "event.status": event.status,
      "customer.id": event.customerId,
      "event.matched": event.matchedCount,
      "event.attempts": event.attempts,
    },
  };
}

/** What every core span of one event shares. */
function common(event: EventRecord, parentKey: string | null, key: string, endMs: number | null) {
  return {
    key,
    parentKey,
    endMs,
    error: null,
    instanceId: null,
    eventId: event.id,
    completedBy: endMs === null ? null : finishedByEvent(event.id),
  };
}
