import type { WakeResult } from "../schemas/decision";
import type { BatchWork } from "./export";
import { finishedByWake } from "./sources";

type Traced = { id: string; traceId: string };

const traced = (x: unknown): x is Traced =>
  typeof x === "object" && x !== null && typeof (x as Traced).id === "string" && typeof (x as Traced).traceId === "string";

/**
 * Traces of decisions that can carry an error into their trace: one forced by a failure (an
 * escalation: llm_error, budget_exceeded…) or one that hands work on (a delegation, whose
 * chain the organisation may escalate to a person). A decision that acted or ignored cannot.
 */
const riskyDecisionTraces = (results: readonly WakeResult[]) =>
  results.flatMap((r) =>
    r.decision && (r.decision.action === "escalate" || r.decision.action === "delegate") ? [r.decision.traceId] : [],
  );

/** The wakes a roll-up recorded (redeliveries answered from the record are not new). */
const wakesOf = (results: readonly WakeResult[]) =>
  results.filter((r) => !r.duplicate).map((r) => finishedByWake(r.eventId, r.instanceId, r.outcome));

/**
 * What a queue batch worked on: the events its messages carried (read without validating the
 * messages again: a packed message's `items[].event`, or an older message's single `event`;
 * what cannot be read has no trace to export) and the wakes it rolled up.
 */
export function queueBatchWork(
  messages: readonly { body: unknown }[],
  results: readonly WakeResult[],
  startedAt: number,
  opts: { deadLetters?: boolean } = {},
): BatchWork {
  const events: Traced[] = [];
  for (const { body } of messages) {
    if (typeof body !== "object" || body === null) continue;
    const b = body as { items?: unknown; event?: unknown };
    const candidates = Array.isArray(b.items) ? b.items.map((item: { event?: unknown } | null) => item?.event) : [b.event];
    for (const e of candidates) if (traced(e)) events.push(e);
  }
  return {
    startedAt,
    traceIds: [...new Set([...events.map((e) => e.traceId), ...results.flatMap((r) => (r.decision ? [r.decision.traceId] : []))])],
    eventIds: events.map((e) => e.id),
    wakes: wakesOf(results),
    // A dead-letter batch's events are all dead: every one may be an error. A wake batch's may
    // be where no agent woke for an event (it failed, or was invalid) or a decision was risky.
    ...(opts.deadLetters ? {} : { suspects: [...unwoken(events, results), ...riskyDecisionTraces(results)] }),
  };
}

/** Traces of the batch's events that no agent's wake answered (failed, retried, invalid, or no subscriber). */
function unwoken(events: readonly Traced[], results: readonly WakeResult[]): string[] {
  const woken = new Set(results.map((r) => r.eventId));
  return events.filter((e) => !woken.has(e.id)).map((e) => e.traceId);
}

/** What an agent's outbox flush rolled up: the decisions it made after the queue batch had gone. */
export function flushWork(results: readonly WakeResult[], startedAt: number): BatchWork {
  return {
    startedAt,
    traceIds: [...new Set(results.flatMap((r) => (r.decision ? [r.decision.traceId] : [])))],
    eventIds: [],
    wakes: wakesOf(results),
    suspects: riskyDecisionTraces(results),
  };
}
