import { database, toD1 } from "../db/client";
import { updateEventsStatements } from "../db/event-updates";
import type { WakeResult } from "../schemas/decision";
import { combine, sendAfterCommit, type WakeHooks } from "./extensions";
import { wakeRollup } from "./wake-records";
import { retryDelaySeconds } from "./backoff";
import { MAX_AGENTS_PER_BATCH, planWakes, readBatch, type ReadMessage } from "./batch-plan";
import { deadLetterStatements, deadLettersInserted, invalidItemWrites } from "./dead-letters";
import { findSubscribers } from "./subscription-index";
import { errorText } from "../errors";
import { appendTo } from "../multimap";
import { DEFAULT_WAKE_AGENT_TIMEOUT_MS, wakeAgents, type EventWakeOutcome } from "./wake-agents";
import { DeadlineExceeded, millisecondsVar, withDeadline } from "../resilience/deadline";
import { sendWakes } from "./wake-sender";
import { metrics } from "../observability/metrics/recorder";
import { countDeadLettered, countWakeFailures, countWakeResults } from "../observability/metrics/wake-metrics";
import { wakeMessageVersion } from "./message-versions";
import { type FaultPlan, faultPlan, fires, injectFault, InjectedFault } from "../resilience/faults";

/**
 * The wake queue consumer: subscribers (carried by the message, or from the subscription index)
 * → wake matched agents → roll results up to D1.
 * A message may carry many events (a packed `WakeMessage`); it is acked only once every matched
 * agent handled every event in it and the records are in D1. Otherwise it is retried with
 * backoff (agents that already handled an event answer as duplicates) and, past the retry
 * limit, the queue moves it to the dead-letter queue, which keeps only its undelivered events.
 * Products add their records to the roll-up's transaction through `hooks`. Returns the wake
 * results it recorded (none when the batch is retried before recording), for the trace export.
 */
export async function handleWakeBatch(batch: MessageBatch<unknown>, env: Env, hooks: WakeHooks): Promise<WakeResult[]> {
  const faults = faultPlan(env);
  const first = batch.messages[0];
  const progress: Progress = { at: "start" };
  const ms = millisecondsVar(env.WAKE_BATCH_TIMEOUT_MS, DEFAULT_WAKE_BATCH_TIMEOUT_MS);
  try {
    return await withDeadline(wakeWhole(batch, env, hooks, faults, progress), ms, "wake batch");
  } catch (error) {
    // The last bound, over every wait the others do not cover (D1, the queue, the products'
    // hooks): throwing retries what was not acked yet (all of it is idempotent), and the log
    // names where the batch was stuck.
    if (error instanceof DeadlineExceeded) {
      console.error(`wake batch ${first?.id} did not finish within ${ms} ms (stuck at: ${progress.at}); the queue retries it`);
      metrics(env).count("errors", { stage: "batch_timeout", agent: "" });
    }
    throw error;
  }
}

/** How long one wake batch may take unless `WAKE_BATCH_TIMEOUT_MS` says otherwise. */
export const DEFAULT_WAKE_BATCH_TIMEOUT_MS = 300_000;

/** Where a batch is, for the log of one that ran out of time. */
interface Progress {
  at: "start" | "subscribers" | "over budget" | "agents" | "roll-up" | "record" | "after commit" | "acks";
}

async function wakeWhole(
  batch: MessageBatch<unknown>,
  env: Env,
  hooks: WakeHooks,
  faults: FaultPlan | null,
  progress: Progress,
): Promise<WakeResult[]> {
  const first = batch.messages[0];
  // Injected (FAULTS, tests and soak only): a partial-batch failure on a first delivery, after half of it was handled.
  if (first?.attempts === 1 && fires(faults, "batchThrow", first.id)) {
    const half = batch.messages.slice(0, batch.messages.length >> 1);
    if (half.length) await wakeBatch(half, env, hooks, faults, progress);
    throw new InjectedFault("batchThrow", first.id);
  }
  return wakeBatch(batch.messages, env, hooks, faults, progress);
}

async function wakeBatch(
  messages: readonly Message<unknown>[],
  env: Env,
  hooks: WakeHooks,
  faults: FaultPlan | null,
  progress: Progress,
): Promise<WakeResult[]> {
  const first = messages[0];
  const db = database(env.DB);
  const base = Number(env.WAKE_RETRY_BASE_SECONDS ?? 2);
  const retry = (msg: Message<unknown>) => msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, base) });

  const { readable, unreadable } = readBatch(messages);
  // What can never be woken is kept as dead letters, in the same D1 batch as the results.
  const poison = combine([
    {
      statements: deadLetterStatements(
        env.DB,
        unreadable.map(({ msg, error }) => ({ id: `dl_${msg.id}`, eventId: null, message: msg.body, error, attempts: msg.attempts })),
      ),
      events: [],
    },
    ...readable.map(({ msg, invalid }) => invalidItemWrites(env.DB, db, msg, invalid, hooks)),
  ]);

  let lookedUp: Map<string, string[]>;
  progress.at = "subscribers";
  try {
    // Events from ingest carry the agents subscribed when they were accepted; only the others
    // (cron ticks, replays, events with many subscribers) are looked up here, in one query.
    // findSubscribers does no I/O when every event carried its list.
    lookedUp = await findSubscribers(
      env.DB,
      readable.flatMap((m) => m.items.filter((item) => item.to === undefined).map((item) => item.event)),
    );
  } catch (error) {
    // Retry everything, unreadable messages too: returning normally would ack them unrecorded.
    console.error("subscription lookup failed; retrying batch", errorText(error));
    for (const msg of messages) retry(msg);
    return [];
  }
  const budget = Number(env.WAKE_MAX_AGENTS_PER_BATCH);
  const plan = planWakes(readable, lookedUp, Number.isInteger(budget) && budget > 0 ? budget : MAX_AGENTS_PER_BATCH);
  progress.at = "over budget";
  const resent = await resendOverBudget(env, plan.deferred);
  const todo = plan.wakes;
  progress.at = "agents";
  const outcomes = await wakeAgents(
    env,
    todo.map((w) => ({ event: w.event, instanceIds: w.instanceIds })),
    millisecondsVar(env.WAKE_AGENT_TIMEOUT_MS, DEFAULT_WAKE_AGENT_TIMEOUT_MS),
  );
  const results = outcomes.flatMap((o) => o.results);
  // Counted now, not after the commit: a retried batch's agents answer as duplicates, which are not counted.
  const recorder = metrics(env);
  countWakeResults(recorder, results, { queueLag: true });
  countWakeFailures(
    recorder,
    outcomes.flatMap((o) => o.failures),
  );

  const now = Date.now();
  progress.at = "roll-up";
  const writes = combine([poison, await wakeRollup(env.DB, results, hooks, env)]);
  const statements: D1PreparedStatement[] = [...writes.statements];
  const update = (...args: Parameters<typeof updateEventsStatements>) => updateEventsStatements(...args).map((q) => toD1(env.DB, q));
  // Events that end alike are updated together: a statement per outcome, not per event.
  const delivered = new Map<string, string[]>();
  const retried = new Map<string, string[]>();
  const failed = new Map<string, EventWakeOutcome["failures"]>();
  outcomes.forEach((o, i) => {
    const attempts = todo[i]?.attempts ?? 1;
    // Matched: the agents it was planned for, not the answers that came back, so a wake that went
    // missing without failing shows as a mismatch (GET /v1/admin/reconciliation).
    const matched = todo[i]?.instanceIds.length ?? o.results.length;
    if (o.failures.length === 0) appendTo(delivered, JSON.stringify([matched, attempts]), o.event.id);
    else {
      failed.set(o.event.id, o.failures);
      appendTo(
        retried,
        JSON.stringify([
          o.failures
            .map((f) => `${f.instanceId}: ${f.error}`)
            .join("; ")
            .slice(0, 2000),
          attempts,
        ]),
        o.event.id,
      );
    }
  });
  for (const [key, ids] of delivered) {
    const [matchedCount, attempts] = JSON.parse(key) as [number, number];
    statements.push(...update(db, ids, { status: "delivered", matchedCount, attempts, deliveredAt: now, lastError: null }));
  }
  for (const [key, ids] of retried) {
    const [lastError, attempts] = JSON.parse(key) as [string, number];
    statements.push(...update(db, ids, { attempts, lastError }));
  }

  let committed: D1Result[] = [];
  progress.at = "record";
  try {
    // Injected (FAULTS): a D1 error on a first delivery's roll-up.
    if (first?.attempts === 1) injectFault(faults, "rollupD1Error", first.id);
    if (statements.length) committed = await env.DB.batch(statements);
  } catch (error) {
    // Nothing is acked: agents answer the retry as duplicates and the records are written then.
    console.error("recording wake results failed; retrying batch", errorText(error));
    recorder.count("errors", { stage: "record", agent: "" });
    for (const msg of messages) retry(msg);
    return [];
  }
  countDeadLettered(recorder, deadLettersInserted(statements, committed));
  // Before any ack: if this isolate dies first, the retried batch records and sends them again.
  progress.at = "after commit";
  await sendAfterCommit(env, writes);
  progress.at = "acks";
  // Unreadable messages were stored as dead letters in the batch above: acked too. So are
  // messages over the agent budget once they are back on the queue.
  for (const { msg } of unreadable) msg.ack();
  for (const { msg } of plan.deferred) {
    if (resent) msg.ack();
    else retry(msg);
  }
  for (const [msg, eventIds] of plan.taken) {
    const failures = eventIds.flatMap((id) => (failed.has(id) ? [{ eventId: id, failures: failed.get(id) }] : []));
    // Injected (FAULTS): a lost ack on a first delivery, so the queue delivers it again.
    if (failures.length === 0 && !(msg.attempts === 1 && fires(faults, "lostAck", msg.id))) msg.ack();
    else if (failures.length === 0) retry(msg);
    else {
      console.warn("wake failed; retrying", { attempts: msg.attempts, failures });
      retry(msg);
    }
  }
  return results;
}

/**
 * Messages over the batch's agent budget go back to the queue as new messages (their attempts
 * start again: they were never tried); the originals are acked with the rest of the batch
 * when this send succeeded, and retried otherwise, so nothing is dropped.
 */
async function resendOverBudget(env: Env, deferred: readonly ReadMessage[]): Promise<boolean> {
  if (deferred.length === 0) return true;
  const { error } = await sendWakes(
    env.WAKE_QUEUE,
    deferred.flatMap((m) => m.items),
    wakeMessageVersion(env),
  );
  if (error) console.warn("could not re-send messages over the batch's agent budget; retrying them", errorText(error));
  return !error;
}
