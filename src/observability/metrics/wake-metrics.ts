import type { WakeResult } from "../../schemas/decision";
import type { Event } from "../../schemas/event";
import type { Recorder } from "./recorder";

/** Events ingest accepted for the first time (repeats of a producer's id are not counted). */
export function countIngested(m: Recorder, events: readonly Event[]): void {
  for (const e of events) m.count("eventsIngested", { source: e.source, customer: e.customerId ?? "" });
}

/**
 * Wake outcomes, decisions by tier, decision latency, tokens and cost, and (for wakes by the
 * queue consumer) the lag from ingest to the wake. Redeliveries (`duplicate`) repeat an earlier
 * outcome and are not counted again, so a retried batch counts each decision once.
 */
export function countWakeResults(m: Recorder, results: readonly WakeResult[], opts: { queueLag: boolean }): void {
  for (const r of results) {
    if (r.duplicate) continue;
    const who = { agent: r.instanceId, coe: r.agentCoe ?? "", customer: r.agentCustomerId ?? "" };
    m.count("wakes", { ...who, outcome: r.outcome });
    if (opts.queueLag) m.observe("queueLag", who, Math.max(0, r.recordedAt - r.eventReceivedAt) / 1000);
    const d = r.outcome === "decided" ? r.decision : null;
    if (!d) continue;
    m.count("decisions", { ...who, tier: d.tier });
    m.observe("decisionLatency", { ...who, tier: d.tier }, d.latencyMs / 1000);
    m.count("tokens", { ...who, direction: "input" }, d.inputTokens);
    m.count("tokens", { ...who, direction: "output" }, d.outputTokens);
    m.count("cost", who, d.costUsd);
  }
}

/** Agents that failed an event of the batch (the message is retried). */
export function countWakeFailures(m: Recorder, failures: readonly { instanceId: string; timedOut?: boolean }[]): void {
  for (const f of failures) m.count("errors", { stage: f.timedOut ? "wake_timeout" : "wake", agent: f.instanceId });
}

/** Events (or unreadable messages) stored as dead letters: each is also an error of stage `dead_letter`. */
export function countDeadLettered(m: Recorder, n: number): void {
  if (n <= 0) return;
  m.count("deadLettered", {}, n);
  m.count("errors", { stage: "dead_letter", agent: "" }, n);
}
