import { z } from "zod";

// The operator's trace views (GET /v1/admin/traces, GET /v1/admin/traces/{traceId}): the single
// source of truth for the API, the dashboard's waterfall and the CLI's `traces show`.

/** What a span stands for, from ingest to the outputs an agent posted. */
export const SPAN_KINDS = ["ingest", "queue", "wake", "decision", "llm", "coordinator", "handoff", "output", "dead_letter"] as const;
export const SpanKind = z.enum(SPAN_KINDS);
export type SpanKind = z.infer<typeof SpanKind>;

/** A span attribute: OpenTelemetry's scalar values (null when the record has none). */
export const SpanAttributeValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const TraceSpan = z
  .object({
    traceId: z.string(),
    /** Stable for the same record: 16 lowercase hex digits, as OpenTelemetry wants. */
    spanId: z.string().regex(/^[0-9a-f]{16}$/),
    /** Null for the trace's roots (the ingested events that started it). */
    parentSpanId: z.string().nullable(),
    /** Its distance from a root: the waterfall indents by it. */
    depth: z.number().int().nonnegative(),
    kind: SpanKind,
    /** For people: `ingest github.push`, `decision rules act`, `handoff sdr → ae`. */
    name: z.string(),
    /** Epoch ms. */
    startMs: z.number().int().nonnegative(),
    /** Null while the span is still open (a handoff not yet acknowledged, an output not yet posted). */
    durationMs: z.number().nonnegative().nullable(),
    status: z.enum(["ok", "error", "unset"]),
    /** Why it failed, for `error` spans. */
    error: z.string().nullable(),
    instanceId: z.string().nullable(),
    eventId: z.string().nullable(),
    attributes: z.record(z.string(), SpanAttributeValue),
  })
  .meta({ id: "TraceSpan" });
export type TraceSpan = z.infer<typeof TraceSpan>;

/**
 * One trace: its spans in tree order (depth-first, children by start time), each naming its
 * parent, so a reader can draw the waterfall top to bottom without sorting.
 */
export const Trace = z
  .object({
    traceId: z.string(),
    startMs: z.number().int().nonnegative(),
    /** From the first span's start to the last span's end (open spans count to now). */
    durationMs: z.number().nonnegative(),
    spanCount: z.number().int().nonnegative(),
    errorCount: z.number().int().nonnegative(),
    spans: z.array(TraceSpan),
  })
  .meta({ id: "Trace" });
export type Trace = z.infer<typeof Trace>;

/** A recent trace, for the list. */
export const TraceSummary = z
  .object({
    traceId: z.string(),
    startMs: z.number().int().nonnegative(),
    /** The first event's type. */
    rootType: z.string(),
    customerId: z.string().nullable(),
    eventCount: z.number().int().nonnegative(),
    decisionCount: z.number().int().nonnegative(),
    errorCount: z.number().int().nonnegative(),
  })
  .meta({ id: "TraceSummary" });
export type TraceSummary = z.infer<typeof TraceSummary>;

/** GET /v1/admin/traces: recent traces, newest first. */
export const TraceListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `<startMs>~<eventId>` of the last trace seen (the nextCursor of a previous page): traces can share a start. */
  cursor: z
    .string()
    .regex(/^\d+~[A-Za-z0-9_.:-]+$/, "the nextCursor of a previous page")
    .optional(),
  /** Only the traces whose first event carries this customer. */
  customerId: z.string().min(1).max(128).optional(),
});
export type TraceListQuery = z.infer<typeof TraceListQuery>;

export const TracePage = z.object({ items: z.array(TraceSummary), nextCursor: z.string().nullable() }).meta({ id: "TracePage" });
export type TracePage = z.infer<typeof TracePage>;
