import type { WakeResult } from "../schemas/decision";
import { jsonChunks } from "../db/json-rows";
import { combine, sendAfterCommit, type WakeHooks, type Writes } from "./extensions";
import { faultPlan, firstFailure } from "../resilience/faults";

// Set-based upserts: the rows travel as one JSON parameter (see jsonChunks).
// SQLite needs the `WHERE true` to parse an upsert whose rows come from a SELECT.
const UPSERT_WAKE_LOG = `INSERT INTO wake_log (event_id, instance_id, outcome, decision_id, received_at, recorded_at)
  SELECT value->>'e', value->>'i', value->>'o', value->>'d', value->>'rx', value->>'at' FROM json_each(?) WHERE true
  ON CONFLICT (event_id, instance_id) DO UPDATE SET
    outcome = excluded.outcome, decision_id = excluded.decision_id, recorded_at = excluded.recorded_at
  WHERE wake_log.outcome = 'buffered' AND excluded.outcome != 'buffered'`;

const INSERT_DECISIONS = `INSERT INTO decisions (id, instance_id, event_id, trace_id, action, reason, tier, rule_id, delegate_to, latency_ms, decided_at,
    model, input_tokens, output_tokens, cost_usd, cache)
  SELECT value->>'id', value->>'instanceId', value->>'eventId', value->>'traceId', value->>'action', value->>'reason', value->>'tier',
         value->>'ruleId', value->>'delegateTo', value->>'latencyMs', value->>'decidedAt',
         value->>'model', value->>'inputTokens', value->>'outputTokens', value->>'costUsd', value->>'cache'
  FROM json_each(?) WHERE true
  ON CONFLICT (id) DO NOTHING`;

/**
 * What rolls wake results up into D1, for one transaction: a statement or two per table for a
 * whole queue batch, then what the products' hooks write (`hooks.resultsRecorded`).
 * Idempotent, so a redelivered message or a retried flush repairs records instead of
 * duplicating them: decisions are keyed by id, and a wake-log row only moves forward (a
 * `buffered` row becomes `decided` or `discarded`).
 */
export async function wakeRollup(d1: D1Database, results: readonly WakeResult[], hooks: WakeHooks, env: Env): Promise<Writes> {
  const log = results.map((r) => ({
    e: r.eventId,
    i: r.instanceId,
    o: r.outcome,
    d: r.decision?.id ?? null,
    rx: r.eventReceivedAt,
    at: r.recordedAt,
  }));
  // The deliverable stays in the agent and on the task; D1's decision log does not need it.
  const decided = results.flatMap((r) =>
    r.decision ? [{ ...r.decision, output: undefined, latencyMs: Math.round(r.decision.latencyMs) }] : [],
  );
  const core = [
    ...jsonChunks(log).map((json) => d1.prepare(UPSERT_WAKE_LOG).bind(json)),
    ...jsonChunks(decided).map((json) => d1.prepare(INSERT_DECISIONS).bind(json)),
  ];
  return combine([{ statements: core, events: [] }, await hooks.resultsRecorded(d1, results, env)]);
}

/** Writes wake results to D1 in one transaction, then sends the events the hooks recorded. */
export async function recordWakeResults(env: Env, results: readonly WakeResult[], hooks: WakeHooks): Promise<void> {
  const writes = await wakeRollup(env.DB, results, hooks, env);
  // Injected (FAULTS): a D1 error, once per set of results, so the agent's outbox flushes them again.
  const faults = faultPlan(env);
  if (faults) firstFailure(faults, "rollupD1Error", results.map((r) => `${r.eventId}:${r.instanceId}`).join(","));
  if (writes.statements.length) await env.DB.batch(writes.statements);
  await sendAfterCommit(env, writes);
}
