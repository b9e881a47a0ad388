import type { WakeResult } from "../schemas/decision";

/** An event that ended in the dead-letter queue, with the last error it recorded. */
export interface DeadLetteredEvent {
  eventId: string;
  error: string;
}

/**
 * Where a product (the marketplace today; the organisation and outputs next) plugs into the wake
 * pipeline. The core calls these hooks and never imports the product; the top-level wiring
 * (src/platform.ts) hands them in. Each hook returns D1 statements that run in the core's own
 * transaction, so the product's records commit with the core's or not at all. Hooks must be
 * idempotent: the core retries a batch that failed, and redelivered events come back.
 */
export interface WakeExtension {
  /**
   * After wake results are rolled up into D1, by the queue consumer or by an agent flushing its
   * outbox. `buffered` results come first and their final outcome later.
   */
  resultsRecorded?(d1: D1Database, results: readonly WakeResult[]): D1PreparedStatement[];
  /** After undelivered events are stored as dead letters (one per event). */
  eventsDeadLettered?(d1: D1Database, events: readonly DeadLetteredEvent[]): D1PreparedStatement[];
  /** Before a dead letter's event is sent to the wake queue again: undo what `eventsDeadLettered` did. */
  eventReplayed?(d1: D1Database, eventId: string): D1PreparedStatement[];
}

/** Every hook of every product, as the core calls them. */
export type WakeHooks = Required<WakeExtension>;

/**
 * Several products' extensions as one set of hooks: each hook returns the statements of every
 * product that has it, in the order the products are given.
 *
 * ```ts
 * const hooks = wakeHooks([marketplaceWakeExtension, organisationWakeExtension]);
 * await d1.batch([...wakeRecordStatements(d1, results), ...hooks.resultsRecorded(d1, results)]);
 * ```
 */
export function wakeHooks(extensions: readonly WakeExtension[]): WakeHooks {
  return {
    resultsRecorded: (d1, results) => (results.length ? extensions.flatMap((x) => x.resultsRecorded?.(d1, results) ?? []) : []),
    eventsDeadLettered: (d1, events) => (events.length ? extensions.flatMap((x) => x.eventsDeadLettered?.(d1, events) ?? []) : []),
    eventReplayed: (d1, eventId) => extensions.flatMap((x) => x.eventReplayed?.(d1, eventId) ?? []),
  };
}

/** The core on its own, with no product plugged in. */
export const NO_HOOKS: WakeHooks = wakeHooks([]);
