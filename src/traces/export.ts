import { errorText } from "../errors";
import { sampled } from "./ids";
import { exportRequest } from "./otlp";
import { type OtlpConfig, otlpConfig } from "./otlp-config";
import { tracesWithErrors } from "./list-traces";
import { readTraceTrees } from "./read-traces";
import { finishedByEvent, type TraceSource } from "./sources";
import type { TreeSpan } from "./tree";

/**
 * What one piece of work finished: a queue batch (its events delivered or dead-lettered, the
 * wakes it rolled up), or an agent flushing its outbox (the wakes it decided later).
 */
export interface BatchWork {
  /** When the work started (epoch ms). */
  startedAt: number;
  traceIds: readonly string[];
  /** Events it may have delivered or dead-lettered: their own spans go if they ended during it. */
  eventIds: readonly string[];
  /** The wakes it rolled up, not redeliveries: `finishedByWake(event, instance, outcome)`. */
  wakes: readonly string[];
  /**
   * The traces in which this work may have recorded an error (see batch-work.ts): a trace the
   * sample drops is looked up in D1 for errors only when it is one of these. Absent: any may
   * (a dead-letter batch, or a caller that cannot tell).
   */
  suspects?: readonly string[];
}

/**
 * Clocks of the consumer and of the agents' Durable Objects may differ a little: an event that
 * was delivered this long before the batch started still counts as the batch's.
 */
const CLOCK_SKEW_MS = 250;

/** The longest wait a `retry-after` may ask for before the one retry (waitUntil has limits). */
const MAX_RETRY_WAIT_MS = 10_000;

/** The most spans one request carries. */
const SPANS_PER_REQUEST = 2_000;

type Closed = TreeSpan & { endMs: number };

/**
 * The spans a piece of work sends: those it finished (each span leaves once, with the work that
 * finished it), of the traces the sample keeps. A trace with an error is kept whatever the
 * rate; when its first error arrives in this work and the sample had dropped it, its earlier
 * spans go too, so the error is seen in its whole trace.
 */
export function spansToExport(trees: ReadonlyMap<string, readonly TreeSpan[]>, work: BatchWork, rate: number): Closed[] {
  const events = new Set(work.eventIds.map(finishedByEvent));
  const wakes = new Set(work.wakes);
  const since = work.startedAt - CLOCK_SKEW_MS;
  const finishedHere = (s: Closed) => wakes.has(s.completedBy ?? "") || (events.has(s.completedBy ?? "") && s.endMs >= since);
  const out: Closed[] = [];
  for (const [traceId, spans] of trees) {
    const closed = spans.filter((s): s is Closed => s.endMs !== null && s.completedBy !== null);
    const ours = closed.filter(finishedHere);
    if (sampled(traceId, rate)) {
      out.push(...ours);
      continue;
    }
    const errors = closed.filter((s) => s.status === "error");
    if (errors.length === 0) continue;
    // Dropped by the sample until now: if every error is this work's, nothing of it left yet.
    out.push(...(errors.every(finishedHere) ? closed : ours));
  }
  return out;
}

/**
 * Exports the spans a queue batch finished to the OTLP/HTTP endpoint, when one is configured.
 * Runs after the batch's work (in ctx.waitUntil): it never throws, so a collector that is down
 * or slow costs a log line, never a retried batch.
 */
export async function exportBatchTraces(env: Env, work: BatchWork, sources: readonly TraceSource[]): Promise<void> {
  try {
    const config = otlpConfig(env);
    if (!config || work.traceIds.length === 0) return;
    // A trace the sample leaves out is read only when it holds an error (one cheap count first).
    const traceIds = [...new Set(work.traceIds)];
    // Asking D1 whether every dropped trace holds an error cost a fifth of load A's throughput;
    // the work itself knows which of its traces can have one.
    const suspects = work.suspects ? new Set(work.suspects) : undefined;
    const left = traceIds.filter((id) => !sampled(id, config.sampleRate) && (suspects?.has(id) ?? true));
    const kept = left.length ? new Set(await tracesWithErrors(env.DB, left, sources)) : new Set<string>();
    const read = traceIds.filter((id) => sampled(id, config.sampleRate) || kept.has(id));
    if (read.length === 0) return;
    const trees = await readTraceTrees(env.DB, read, sources);
    const spans = spansToExport(trees, work, config.sampleRate);
    for (let i = 0; i < spans.length; i += SPANS_PER_REQUEST) await postSpans(config, spans.slice(i, i + SPANS_PER_REQUEST));
  } catch (error) {
    console.error("trace export failed", errorText(error));
  }
}

/** Exports the given spans once, retrying once what the collector asked to be retried. */
export async function postSpans(config: OtlpConfig, spans: readonly Closed[]): Promise<boolean> {
  if (spans.length === 0) return true;
  const body = JSON.stringify(exportRequest(spans));
  let outcome = await attempt(config, body);
  if (outcome.retryAfterMs !== null) {
    await new Promise((resolve) => setTimeout(resolve, outcome.retryAfterMs ?? 0));
    outcome = await attempt(config, body);
  }
  if (!outcome.ok) console.warn("trace export dropped", { url: config.url, spans: spans.length, error: outcome.error });
  return outcome.ok;
}

interface Outcome {
  ok: boolean;
  error?: string;
  /** Set when the collector may take it later (429, 502-504, a timeout or a network error). */
  retryAfterMs: number | null;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

async function attempt(config: OtlpConfig, body: string): Promise<Outcome> {
  try {
    const res = await fetch(config.url, {
      method: "POST",
      headers: { ...config.headers, "content-type": "application/json" },
      body,
      signal: AbortSignal.timeout(config.timeoutMs),
    });
    const text = await res.text();
    if (res.ok) {
      // A partial success names spans the collector rejected: worth a line, not a retry.
      if (text.includes("rejectedSpans")) console.warn("trace export partly rejected", text.slice(0, 500));
      return { ok: true, retryAfterMs: null };
    }
    const error = `${res.status} ${text.slice(0, 200)}`;
    return { ok: false, error, retryAfterMs: RETRYABLE.has(res.status) ? retryAfter(res.headers.get("retry-after")) : null };
  } catch (error) {
    return { ok: false, error: errorText(error), retryAfterMs: 1_000 };
  }
}

/** `retry-after` in seconds or as an HTTP date; a second when absent or unreadable. */
export function retryAfter(header: string | null, now = Date.now()): number {
  if (!header) return 1_000;
  const seconds = Number(header);
  const ms = Number.isFinite(seconds) ? seconds * 1_000 : Date.parse(header) - now;
  return Number.isFinite(ms) ? Math.min(MAX_RETRY_WAIT_MS, Math.max(0, ms)) : 1_000;
}
