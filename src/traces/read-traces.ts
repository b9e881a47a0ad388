import type { Trace } from "../schemas/trace-views";
import { coreSpans } from "./core-spans";
import { type CoreRecords, readCoreRecords } from "./core-records";
import type { RawSpan, TraceSource, TracedEvent } from "./sources";
import { assembleTree, type TreeSpan, traceOf } from "./tree";

/** The parent a product gives an event it caused: the first source that knows it. */
export function parentFrom(sources: readonly TraceSource[]): (event: TracedEvent) => string | null {
  return (event) => {
    for (const s of sources) {
      const key = s.parentOf?.(event);
      if (key) return key;
    }
    return null;
  };
}

/**
 * Trace ids per query: each travels in one JSON parameter, and D1 caps a statement (parameters
 * included) at 100 KB; ids are at most 128 characters.
 */
const TRACES_PER_QUERY = 500;

/**
 * The span trees of the given traces, from their records: the core's and every source's, one
 * D1 round trip for the core and one query per source for each 500 traces. A trace with no
 * events recorded is absent.
 */
export async function readTraceTrees(
  d1: D1Database,
  traceIds: readonly string[],
  sources: readonly TraceSource[],
): Promise<Map<string, TreeSpan[]>> {
  const ids = [...new Set(traceIds)];
  const trees = new Map<string, TreeSpan[]>();
  for (let i = 0; i < ids.length; i += TRACES_PER_QUERY) {
    for (const [traceId, spans] of await readChunk(d1, ids.slice(i, i + TRACES_PER_QUERY), sources)) trees.set(traceId, spans);
  }
  return trees;
}

async function readChunk(d1: D1Database, ids: readonly string[], sources: readonly TraceSource[]): Promise<Map<string, TreeSpan[]>> {
  const [core, ...sourced] = await Promise.all([readCoreRecords(d1, ids), ...sources.map((s) => s.read(d1, ids))]);
  const raw = new Map<string, RawSpan[]>();
  for (const [traceId, records] of byTrace(core)) raw.set(traceId, coreSpans(records, parentFrom(sources)));
  for (const spans of sourced) {
    for (const { traceId, ...span } of spans) raw.get(traceId)?.push(span);
  }
  return new Map([...raw].map(([traceId, spans]) => [traceId, assembleTree(traceId, spans)]));
}

/** One trace as the API shows it, or undefined when no event carries its id. */
export async function readTrace(d1: D1Database, traceId: string, sources: readonly TraceSource[]): Promise<Trace | undefined> {
  const spans = (await readTraceTrees(d1, [traceId], sources)).get(traceId);
  return spans ? traceOf(traceId, spans) : undefined;
}

/** The core's records split by trace (wakes, decisions and dead letters follow their event). */
function byTrace(records: CoreRecords): Map<string, CoreRecords> {
  const out = new Map<string, CoreRecords>();
  const traceOfEvent = new Map<string, string>();
  for (const e of records.events) {
    traceOfEvent.set(e.id, e.traceId);
    const r = out.get(e.traceId) ?? { events: [], wakes: [], decisions: [], deadLetters: [] };
    r.events.push(e);
    out.set(e.traceId, r);
  }
  const of = (eventId: string) => out.get(traceOfEvent.get(eventId) ?? "");
  for (const w of records.wakes) of(w.eventId)?.wakes.push(w);
  for (const d of records.decisions) of(d.eventId)?.decisions.push(d);
  for (const l of records.deadLetters) of(l.eventId)?.deadLetters.push(l);
  return out;
}
