/** Shapes shared by the baseline worker and its two Durable Objects. */

/** An event as the platform ingests it, after the ingest stamped `id` and `receivedAt`. */
export interface BenchEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
  customerId: string;
  occurredAt: string;
  payload: { text: string; priority: string };
  /** Epoch ms at ingest; latency is measured from here to the object's `recordedAt`. */
  receivedAt: number;
}

/**
 * Which baseline a message is for; all share one queue since they never run at once.
 * `bare-packed` is the bare object with the platform's packing: one message per ingest
 * request, one RPC per object per consumer batch.
 */
export type BaselineSystem = "bare" | "sdk" | "bare-packed";

/** One event per message (bare, sdk), or a whole ingest request (bare-packed). */
export type QueuedEvent = { system: "bare" | "sdk"; event: BenchEvent } | { system: "bare-packed"; events: BenchEvent[] };

/** What both recorders return: when the event was written, and whether it was new. */
export interface Recorded {
  recordedAt: number;
  inserted: boolean;
}

export const EVENTS_DDL = `CREATE TABLE IF NOT EXISTS events (
  id TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  subject TEXT NOT NULL,
  payload TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  recorded_at INTEGER NOT NULL
)`;
