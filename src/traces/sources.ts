import type { SpanKind, TraceSpan } from "../schemas/trace-views";

/**
 * A span as read from the records, before the tree is assembled. Spans name each other by
 * `key` (`event:<id>`, `decision:<id>`, `handoff:<message id>`): stable for the same record, so
 * the span id derived from it is the same for the API and for every export.
 */
export interface RawSpan {
  key: string;
  /** The key of the span it hangs under; null for a root (an ingested event nothing caused). */
  parentKey: string | null;
  kind: SpanKind;
  name: string;
  startMs: number;
  /** Null while the span is open. */
  endMs: number | null;
  status: TraceSpan["status"];
  error: string | null;
  instanceId: string | null;
  eventId: string | null;
  attributes: TraceSpan["attributes"];
  /**
   * What finished this span (see {@link finishedByEvent}, {@link finishedByWake}): the export
   * sends it with the work that did, and only then, so each span leaves once. Null while open.
   */
  completedBy: string | null;
}

/** Finished when its event was delivered or dead-lettered (a queue batch). */
export const finishedByEvent = (eventId: string): string => `event:${eventId}`;

/**
 * Finished by the roll-up of one agent's wake of one event (by the queue consumer, or by the
 * agent flushing its outbox): its wake, decision and model call, and what products did in the
 * same roll-up (a handoff recorded and routed, an acknowledgement, outputs recorded).
 */
export const finishedByWake = (eventId: string, instanceId: string, outcome = "decided"): string =>
  `wake:${eventId}:${instanceId}:${outcome}`;

/** A source's span and the trace it belongs to. */
export type SourcedSpan = RawSpan & { traceId: string };

/** An event of the trace as the core read it: what a source needs to place it under its own spans. */
export interface TracedEvent {
  id: string;
  type: string;
  source: string;
  subject: string;
}

/**
 * Where a product contributes spans to a trace (the organisation's handoffs, the outputs an
 * agent posted). Wired in src/platform.ts (`traceSources`); the core never imports a product.
 */
export interface TraceSource {
  name: string;
  /** The key of this source's span that caused `event` (a handoff's delivery event), if any. */
  parentOf?(event: TracedEvent): string | null;
  /** This source's spans of the given traces (one query for all of them, not one per trace). */
  read(d1: D1Database, traceIds: readonly string[]): Promise<SourcedSpan[]>;
  /**
   * A SQL expression counting this source's error spans of the trace whose id is the SQL
   * expression `traceId` (a column of the list's query), added to the trace list's error count
   * so an escalated chain shows without reading its spans.
   */
  errorCountSql?(traceId: string): string;
}
