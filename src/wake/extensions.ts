import { errorText } from "../errors";
import type { WakeResult } from "../schemas/decision";
import type { Event } from "../schemas/event";
import { pendingEventStatements, sendRecorded } from "./ingest";
import { fieldCipher } from "../crypto/env-cipher";
import { DeadlineExceeded, millisecondsVar, withDeadline } from "../resilience/deadline";
import { eventsForStorage, type StoredEvent } from "./event-payloads";

/** An event that ended in the dead-letter queue, with the last error it recorded. */
export interface DeadLetteredEvent {
  eventId: string;
  error: string;
}

/**
 * What a hook adds to the core's transaction: its own statements, and new events (a handoff, a
 * follow-up) that the core records in the same transaction and sends to the wake queue once it
 * has committed. Give each event an id derived from what caused it (`handoff_<decisionId>`), so a
 * retried batch records it once.
 */
export interface HookWrites {
  statements: D1PreparedStatement[];
  events?: readonly Event[];
  /**
   * Work to do once the transaction has committed (route a handoff the statements recorded).
   * It must not throw, and what it does must be recoverable from the committed rows alone: the
   * isolate may die before it runs, so the product's cron job finishes it.
   */
  afterCommit?: AfterCommit;
}

/** See {@link HookWrites.afterCommit}. */
export type AfterCommit = (env: Env) => Promise<void>;

/**
 * Where a product (the marketplace today; the organisation and outputs next) plugs into the wake
 * pipeline. The core calls these hooks and never imports the product; the top-level wiring
 * (src/platform.ts) hands them in. What a hook writes commits with the core's own records or not
 * at all. Hooks must be idempotent: the core retries a batch that failed, and redelivered events
 * come back.
 */
export interface WakeExtension {
  /**
   * After wake results are rolled up into D1, by the queue consumer or by an agent flushing its
   * outbox. `buffered` results come first and their final outcome later. May be async (a
   * product encrypting what it stores, with the env's keys, before the statements are built).
   */
  resultsRecorded?(d1: D1Database, results: readonly WakeResult[], env: Env): HookWrites | Promise<HookWrites>;
  /** After undelivered events are stored as dead letters (one per event), or refused as invalid. */
  eventsDeadLettered?(d1: D1Database, events: readonly DeadLetteredEvent[]): HookWrites;
  /** Before a dead letter's event is sent to the wake queue again: undo what `eventsDeadLettered` did. */
  eventReplayed?(d1: D1Database, eventId: string): HookWrites;
}

/**
 * Statements for one transaction, and the events they record that must be sent to the wake queue
 * once it has committed (see {@link sendAfterCommit}).
 */
export interface Writes {
  statements: D1PreparedStatement[];
  events: Event[];
  afterCommit?: AfterCommit[];
}

/** Every hook of every product, as the core calls them. */
export interface WakeHooks {
  resultsRecorded(d1: D1Database, results: readonly WakeResult[], env: Env): Promise<Writes>;
  eventsDeadLettered(d1: D1Database, events: readonly DeadLetteredEvent[]): Writes;
  eventReplayed(d1: D1Database, eventId: string): Writes;
}

export const NOTHING: Writes = { statements: [], events: [] };

/** Several writes as one: their statements in order, their events together. */
export function combine(parts: readonly Writes[]): Writes {
  const afterCommit = parts.flatMap((p) => p.afterCommit ?? []);
  return {
    statements: parts.flatMap((p) => p.statements),
    events: parts.flatMap((p) => p.events),
    ...(afterCommit.length ? { afterCommit } : {}),
  };
}

/**
 * What the products' hooks wrote, with their new events recorded as `pending` in the same
 * transaction (as `stored`: their payloads encrypted at rest, where the caller could encrypt).
 */
function together(d1: D1Database, outputs: readonly (HookWrites | undefined)[], stored?: readonly StoredEvent[]): Writes {
  const statements = outputs.flatMap((o) => o?.statements ?? []);
  const events = outputs.flatMap((o) => o?.events ?? []);
  const afterCommit = outputs.flatMap((o) => (o?.afterCommit ? [o.afterCommit] : []));
  return {
    statements: events.length ? [...statements, ...pendingEventStatements(d1, stored ?? events)] : statements,
    events,
    ...(afterCommit.length ? { afterCommit } : {}),
  };
}

/**
 * Several products' extensions as one set of hooks: each hook returns what every product that
 * has it wrote, in the order the products are given, with the events they made recorded too.
 *
 * ```ts
 * const hooks = wakeHooks([marketplaceWakeExtension, organisationWakeExtension]);
 * const writes = await hooks.resultsRecorded(d1, results, env);
 * await d1.batch([...coreStatements, ...writes.statements]);
 * await sendAfterCommit(env, writes);
 * ```
 */
export function wakeHooks(extensions: readonly WakeExtension[]): WakeHooks {
  return {
    async resultsRecorded(d1, results, env) {
      if (results.length === 0) return NOTHING;
      const outputs = await Promise.all(extensions.map((x) => x.resultsRecorded?.(d1, results, env)));
      const events = outputs.flatMap((o) => o?.events ?? []);
      return together(d1, outputs, events.length ? await eventsForStorage(fieldCipher(env), events) : undefined);
    },
    eventsDeadLettered(d1, events) {
      if (events.length === 0) return NOTHING;
      return together(
        d1,
        extensions.map((x) => x.eventsDeadLettered?.(d1, events)),
      );
    },
    eventReplayed(d1, eventId) {
      return together(
        d1,
        extensions.map((x) => x.eventReplayed?.(d1, eventId)),
      );
    },
  };
}

/** How long after-commit work may hold its caller unless `AFTER_COMMIT_TIMEOUT_MS` says otherwise. */
export const DEFAULT_AFTER_COMMIT_TIMEOUT_MS = 30_000;

/**
 * After the transaction committed: sends the events the hooks recorded, then runs their
 * after-commit work. Never throws: the transaction stands, an event the queue did not take
 * stays recorded for the cron to send, and the products' cron jobs finish what did not run.
 * All of it shares one budget, `AFTER_COMMIT_TIMEOUT_MS`: its callers (the wake consumer and the
 * dead-letter consumer before they ack, an agent flushing its outbox, a replay) wait for this,
 * so a step that hangs (a channel that never answers) must not hold them. A step still running
 * when the budget is spent is left to finish on its own, and a step with nothing left is not
 * started: either way, like a step that failed, what it did not finish is the cron's.
 */
export async function sendAfterCommit(env: Env, writes: Writes): Promise<void> {
  const ms = millisecondsVar(env.AFTER_COMMIT_TIMEOUT_MS, DEFAULT_AFTER_COMMIT_TIMEOUT_MS);
  const until = Date.now() + ms;
  if (writes.events.length) {
    try {
      await withDeadline(sendRecorded(env, writes.events), ms, "the wake queue");
    } catch (error) {
      console.error("could not send the events the hooks recorded; the cron will", {
        ids: writes.events.map((e) => e.id),
        error: errorText(error),
      });
    }
  }
  for (const work of writes.afterCommit ?? []) {
    const left = until - Date.now();
    try {
      if (left <= 0) throw new DeadlineExceeded("after-commit work", ms);
      await withDeadline(work(env), left, "after-commit work");
    } catch (error) {
      console.error("after-commit work failed or did not finish in time; the product's cron job finishes it", { error: errorText(error) });
    }
  }
}
