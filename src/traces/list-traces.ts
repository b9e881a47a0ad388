import { keysetPage } from "../db/keyset";
import type { TraceListQuery, TracePage, TraceSummary } from "../schemas/trace-views";
import { DECISION_ERROR_SQL } from "./core-spans";
import type { TraceSource } from "./sources";

/**
 * Recent traces, newest first: a trace starts at its first event, so the list walks events by
 * receive time (index events_received) and keeps those that are their trace's first (index
 * events_trace answers that), until the page is full.
 */
/** SQL counting the error spans of the trace whose id is the SQL expression `traceId`, without building them. */
export function errorCountSql(traceId: string, sources: readonly TraceSource[]): string {
  const sourceErrors = sources.flatMap((s) => (s.errorCountSql ? [`(${s.errorCountSql(traceId)})`] : []));
  return [
    `(SELECT COUNT(*) FROM events x WHERE x.trace_id = ${traceId} AND x.status IN ('dead', 'enqueue_failed'))`,
    `(SELECT COUNT(*) FROM events x JOIN dead_letters l ON l.event_id = x.id WHERE x.trace_id = ${traceId})`,
    // A decision forced by a failure is an error, and so is its model call when it was the model's.
    `(SELECT COALESCE(SUM(CASE WHEN ${DECISION_ERROR_SQL} THEN 1 + (d.model IS NOT NULL AND d.reason LIKE 'llm_%') ELSE 0 END), 0)
      FROM events x JOIN wake_log w ON w.event_id = x.id JOIN decisions d ON d.id = w.decision_id WHERE x.trace_id = ${traceId})`,
    ...sourceErrors,
  ].join(" + ");
}

/** Which of the given traces hold an error (one query per 500 traces): the sample keeps those whatever the rate. */
export async function tracesWithErrors(d1: D1Database, traceIds: readonly string[], sources: readonly TraceSource[]): Promise<string[]> {
  const out: string[] = [];
  const sql = `SELECT t.value AS traceId FROM json_each(?1) t WHERE (${errorCountSql("t.value", sources)}) > 0`;
  for (let i = 0; i < traceIds.length; i += 500) {
    const { results } = await d1
      .prepare(sql)
      .bind(JSON.stringify(traceIds.slice(i, i + 500)))
      .all<{ traceId: string }>();
    out.push(...results.map((r) => r.traceId));
  }
  return out;
}

function listSql(sources: readonly TraceSource[]): string {
  return `SELECT e.trace_id AS traceId, e.received_at AS startMs, e.id AS rootId, e.type AS rootType, e.customer_id AS customerId,
      (SELECT COUNT(*) FROM events x WHERE x.trace_id = e.trace_id) AS eventCount,
      (SELECT COUNT(*) FROM events x JOIN wake_log w ON w.event_id = x.id WHERE x.trace_id = e.trace_id AND w.decision_id IS NOT NULL) AS decisionCount,
      (${errorCountSql("e.trace_id", sources)}) AS errorCount
    FROM events e
    WHERE (?1 IS NULL OR e.received_at < ?1 OR (e.received_at = ?1 AND e.id < ?2))
      AND (?3 IS NULL OR e.customer_id = ?3)
      AND NOT EXISTS (SELECT 1 FROM events p WHERE p.trace_id = e.trace_id
        AND (p.received_at < e.received_at OR (p.received_at = e.received_at AND p.id < e.id)))
    ORDER BY e.received_at DESC, e.id DESC
    LIMIT ?4`;
}

type Row = TraceSummary & { rootId: string };

export async function listTraces(d1: D1Database, query: TraceListQuery, sources: readonly TraceSource[]): Promise<TracePage> {
  const [at, id] = query.cursor ? splitCursor(query.cursor) : [null, null];
  const { results } = await d1
    .prepare(listSql(sources))
    .bind(at, id, query.customerId ?? null, query.limit + 1)
    .all<Row>();
  return keysetPage(
    results,
    query.limit,
    (last) => `${last.startMs}~${last.rootId}`,
    ({ rootId: _root, ...summary }) => summary,
  );
}

function splitCursor(cursor: string): [number, string] {
  const i = cursor.indexOf("~");
  return [Number(cursor.slice(0, i)), cursor.slice(i + 1)];
}
