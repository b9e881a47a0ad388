import { database, toD1 } from "../db/client";
import { updateEventsStatements } from "../db/event-updates";
import { wakeRecordStatements } from "../db/wake-records";
import { WakeMessage, wakeItemsOf, type Event } from "../schemas/event";
import { retryDelaySeconds } from "./backoff";
import { deadLetterStatement } from "./dead-letters";
import { findSubscribers } from "./subscription-index";
import { errorText } from "../errors";
import { appendTo } from "../multimap";
import { wakeAgents, type EventWakeOutcome } from "./wake-agents";

/**
 * The wake queue consumer: subscribers (carried by the message, or from the subscription index)
 * → wake matched agents → roll results up to D1.
 * A message may carry many events (see {@link WakeMessage}); it is acked only once every matched
 * agent handled every event in it and the records are in D1. Otherwise it is retried with
 * backoff (agents that already handled an event answer as duplicates) and, past the retry
 * limit, the queue moves it to the dead-letter queue, which keeps only its undelivered events.
 */
export async function handleWakeBatch(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  const db = database(env.DB);
  const base = Number(env.WAKE_RETRY_BASE_SECONDS ?? 2);
  const retry = (msg: Message<unknown>) => msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, base) });

  // Each event once, in batch order, whichever messages carry it (a redelivery can overlap a copy).
  const work = new Map<string, { event: Event; to: string[] | undefined; attempts: number }>();
  const eventsOf = new Map<Message<unknown>, string[]>();
  const poison: D1PreparedStatement[] = [];
  for (const msg of batch.messages) {
    const parsed = WakeMessage.safeParse(msg.body);
    if (!parsed.success) {
      poison.push(toD1(env.DB, deadLetterStatement(db, { id: `dl_${msg.id}`, eventId: null, message: msg.body, error: `invalid wake message: ${parsed.error.issues[0]?.message ?? "unknown"}`, attempts: msg.attempts })));
      continue;
    }
    const items = wakeItemsOf(parsed.data);
    eventsOf.set(msg, items.map((item) => item.event.id));
    for (const { event, to } of items) if (!work.has(event.id)) work.set(event.id, { event, to, attempts: msg.attempts });
  }
  const todo = [...work.values()];

  let subscribers: Map<string, string[]>;
  try {
    // Messages from ingest carry the agents subscribed when the event was accepted; only the
    // others (cron ticks, replays, events with many subscribers) are looked up here.
    // findSubscribers does no I/O when every event carried its list.
    subscribers = await findSubscribers(env.DB, todo.filter((w) => w.to === undefined).map((w) => w.event));
  } catch (error) {
    // Retry everything, unreadable messages too: returning normally would ack them unrecorded.
    console.error("subscription lookup failed; retrying batch", errorText(error));
    for (const msg of batch.messages) retry(msg);
    return;
  }
  const outcomes = await wakeAgents(env, todo.map((w) => ({ event: w.event, instanceIds: w.to ?? subscribers.get(w.event.id) ?? [] })));

  const now = Date.now();
  const statements: D1PreparedStatement[] = [...poison, ...wakeRecordStatements(env.DB, outcomes.flatMap((o) => o.results))];
  const update = (...args: Parameters<typeof updateEventsStatements>) => updateEventsStatements(...args).map((q) => toD1(env.DB, q));
  // Events that end alike are updated together: a statement per outcome, not per event.
  const delivered = new Map<string, string[]>();
  const retried = new Map<string, string[]>();
  const failed = new Map<string, EventWakeOutcome["failures"]>();
  outcomes.forEach((o, i) => {
    const attempts = todo[i]?.attempts ?? 1;
    if (o.failures.length === 0) appendTo(delivered, JSON.stringify([o.results.length, attempts]), o.event.id);
    else {
      failed.set(o.event.id, o.failures);
      appendTo(retried, JSON.stringify([o.failures.map((f) => `${f.instanceId}: ${f.error}`).join("; ").slice(0, 2000), attempts]), o.event.id);
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

  try {
    if (statements.length) await env.DB.batch(statements);
  } catch (error) {
    // Nothing is acked: agents answer the retry as duplicates and the records are written then.
    console.error("recording wake results failed; retrying batch", errorText(error));
    for (const msg of batch.messages) retry(msg);
    return;
  }
  // Unreadable messages are acked too: they were stored as dead letters in the batch above.
  for (const msg of batch.messages) {
    const failures = (eventsOf.get(msg) ?? []).flatMap((id) => (failed.has(id) ? [{ eventId: id, failures: failed.get(id) }] : []));
    if (failures.length === 0) msg.ack();
    else {
      console.warn("wake failed; retrying", { attempts: msg.attempts, failures });
      retry(msg);
    }
  }
}
