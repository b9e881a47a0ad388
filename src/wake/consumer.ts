import { database, toD1 } from "../db/client";
import { updateEventsStatements } from "../db/event-updates";
import { wakeRecordStatements } from "../db/wake-records";
import { WakeMessage, type Event } from "../schemas/event";
import { retryDelaySeconds } from "./backoff";
import { deadLetterStatement } from "./dead-letters";
import { findSubscribers } from "./subscription-index";
import { errorText } from "../errors";
import { wakeAgents } from "./wake-agents";

/**
 * The wake queue consumer: subscribers (carried by the message, or from the subscription index)
 * → wake matched agents → roll results up to D1.
 * A message is acked only once every matched agent handled it and its records are in D1;
 * otherwise it is retried with backoff (agents that already handled it answer as duplicates)
 * and, past the retry limit, the queue moves it to the dead-letter queue.
 */
export async function handleWakeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const base = Number(env.WAKE_RETRY_BASE_SECONDS ?? 2);
  const retry = (msg: Message<unknown>) => msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, base) });

  const work: { msg: Message<unknown>; event: Event; to: string[] | undefined }[] = [];
  const unreadable: Message<unknown>[] = [];
  const poison: D1PreparedStatement[] = [];
  for (const msg of batch.messages) {
    const parsed = WakeMessage.safeParse(msg.body);
    if (parsed.success) work.push({ msg, event: parsed.data.event, to: parsed.data.to });
    else {
      unreadable.push(msg);
      poison.push(toD1(env.DB, deadLetterStatement(db, msg, null, `invalid wake message: ${parsed.error.issues[0]?.message ?? "unknown"}`, msg.attempts)));
    }
  }

  let subscribers: Map<string, string[]>;
  try {
    // Messages from ingest carry the agents subscribed when the event was accepted; only the
    // others (cron ticks, replays, events with many subscribers) are looked up here.
    // findSubscribers does no I/O when every message carried its list.
    subscribers = await findSubscribers(env.DB, work.filter((w) => w.to === undefined).map((w) => w.event));
  } catch (error) {
    // Retry everything, unreadable messages too: returning normally would ack them unrecorded.
    console.error("subscription lookup failed; retrying batch", errorText(error));
    for (const msg of batch.messages) retry(msg);
    return;
  }
  const outcomes = await wakeAgents(env, work.map((w) => ({ event: w.event, instanceIds: w.to ?? subscribers.get(w.event.id) ?? [] })));

  const now = Date.now();
  const statements: D1PreparedStatement[] = [...poison, ...wakeRecordStatements(env.DB, outcomes.flatMap((o) => o.results))];
  const update = (...args: Parameters<typeof updateEventsStatements>) => updateEventsStatements(...args).map((q) => toD1(env.DB, q));
  const delivered = new Map<string, string[]>();
  outcomes.forEach((o, i) => {
    const attempts = work[i]?.msg.attempts ?? 1;
    if (o.failures.length === 0) {
      const key = JSON.stringify([o.results.length, attempts]);
      delivered.set(key, [...(delivered.get(key) ?? []), o.event.id]);
    } else {
      const lastError = o.failures.map((f) => `${f.instanceId}: ${f.error}`).join("; ").slice(0, 2000);
      statements.push(...update(db, [o.event.id], { attempts, lastError }));
    }
  });
  for (const [key, ids] of delivered) {
    const [matchedCount, attempts] = JSON.parse(key) as [number, number];
    statements.push(...update(db, ids, { status: "delivered", matchedCount, attempts, deliveredAt: now, lastError: null }));
  }

  try {
    if (statements.length) await env.DB.batch(statements);
  } catch (error) {
    // Nothing is acked: agents answer the retry as duplicates and the records are written then.
    console.error("recording wake results failed; retrying batch", errorText(error));
    for (const msg of batch.messages) retry(msg);
    return;
  }
  for (const msg of unreadable) msg.ack(); // stored as dead letters in the batch above
  outcomes.forEach((o, i) => {
    const msg = work[i]?.msg;
    if (!msg) return;
    if (o.failures.length === 0) msg.ack();
    else {
      console.warn("wake failed; retrying", { eventId: o.event.id, attempts: msg.attempts, failures: o.failures });
      retry(msg);
    }
  });
}
