import type { Trace, TraceSpan } from "../schemas/trace-views";
import { spanIdOf } from "./ids";
import type { RawSpan } from "./sources";

/** A span of the assembled tree, with what the export needs beside the API's view. */
export interface TreeSpan extends TraceSpan {
  endMs: number | null;
  completedBy: string | null;
}

/**
 * The trace's spans as a tree, depth-first, children by start time: a span whose parent is not
 * in the trace (a record the trace does not hold) is shown as a root rather than lost.
 */
export function assembleTree(traceId: string, raw: readonly RawSpan[]): TreeSpan[] {
  const byKey = new Map<string, RawSpan>();
  for (const s of raw) if (!byKey.has(s.key)) byKey.set(s.key, s);
  const children = new Map<string | null, RawSpan[]>();
  for (const s of byKey.values()) {
    const parent = s.parentKey !== null && s.parentKey !== s.key && byKey.has(s.parentKey) ? s.parentKey : null;
    const list = children.get(parent) ?? [];
    list.push(s);
    children.set(parent, list);
  }
  for (const list of children.values()) list.sort((a, b) => a.startMs - b.startMs || order(a) - order(b) || a.key.localeCompare(b.key));

  const out: TreeSpan[] = [];
  const seen = new Set<string>();
  const walk = (parent: RawSpan | null, depth: number) => {
    for (const s of children.get(parent?.key ?? null) ?? []) {
      if (seen.has(s.key)) continue;
      seen.add(s.key);
      out.push(view(traceId, s, parent, depth));
      walk(s, depth + 1);
    }
  };
  walk(null, 0);
  // Spans only reachable through a cycle of parents (records that contradict each other).
  for (const s of byKey.values()) if (!seen.has(s.key)) out.push(view(traceId, s, null, 0));
  return out;
}

/** Same start: the pipeline's order (the queue before the wake it led to). */
const KIND_ORDER = ["ingest", "queue", "wake", "decision", "llm", "handoff", "coordinator", "output", "dead_letter"];
const order = (s: RawSpan) => KIND_ORDER.indexOf(s.kind);

function view(traceId: string, s: RawSpan, parent: RawSpan | null, depth: number): TreeSpan {
  return {
    traceId,
    spanId: spanIdOf(traceId, s.key),
    parentSpanId: parent ? spanIdOf(traceId, parent.key) : null,
    depth,
    kind: s.kind,
    name: s.name,
    startMs: s.startMs,
    durationMs: s.endMs === null ? null : Math.max(0, s.endMs - s.startMs),
    status: s.status,
    error: s.error,
    instanceId: s.instanceId,
    eventId: s.eventId,
    attributes: s.attributes,
    endMs: s.endMs === null ? null : Math.max(s.startMs, s.endMs),
    completedBy: s.completedBy,
  };
}

/** The API's view of an assembled trace. */
export function traceOf(traceId: string, spans: readonly TreeSpan[], now = Date.now()): Trace {
  const start = spans.reduce((min, s) => Math.min(min, s.startMs), Number.POSITIVE_INFINITY);
  const end = spans.reduce((max, s) => Math.max(max, s.endMs ?? now), 0);
  return {
    traceId,
    startMs: Number.isFinite(start) ? start : 0,
    durationMs: Number.isFinite(start) ? Math.max(0, end - start) : 0,
    spanCount: spans.length,
    errorCount: spans.filter((s) => s.status === "error").length,
    spans: spans.map(({ endMs: _end, completedBy: _by, ...span }) => span),
  };
}
