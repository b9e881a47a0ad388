import type { SpanKind, TraceSpan } from "../schemas/trace-views";
import { otlpTraceId } from "./ids";

// OTLP/HTTP with JSON encoding (opentelemetry-proto's ExportTraceServiceRequest, in the
// protobuf JSON mapping the OTLP specification defines: ids as lowercase hex, not base64;
// 64-bit integers, nanosecond times included, as decimal strings; enums as numbers).

type AnyValue = { stringValue: string } | { intValue: string } | { doubleValue: number } | { boolValue: boolean };
export interface KeyValue {
  key: string;
  value: AnyValue;
}

export interface OtlpSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: KeyValue[];
  status: { code: number; message?: string };
}

export interface ExportTraceServiceRequest {
  resourceSpans: {
    resource: { attributes: KeyValue[] };
    scopeSpans: { scope: { name: string; version: string }; spans: OtlpSpan[] }[];
  }[];
}

/** OpenTelemetry's SpanKind: INTERNAL 1, SERVER 2, CLIENT 3, PRODUCER 4, CONSUMER 5. */
const OTLP_KIND: Record<SpanKind, number> = {
  ingest: 2,
  queue: 5,
  wake: 1,
  decision: 1,
  llm: 3,
  coordinator: 1,
  handoff: 4,
  output: 3,
  dead_letter: 1,
};

/** OpenTelemetry's StatusCode: UNSET 0, OK 1, ERROR 2. */
const OTLP_STATUS = { unset: 0, ok: 1, error: 2 } as const;

export const SERVICE_NAME = "waooaw";
const SCOPE = { name: "waooaw.traces", version: "1" };

function anyValue(v: string | number | boolean): AnyValue {
  if (typeof v === "string") return { stringValue: v };
  if (typeof v === "boolean") return { boolValue: v };
  return Number.isSafeInteger(v) ? { intValue: String(v) } : { doubleValue: v };
}

/** Attributes without their nulls (OTLP has no null value: an absent key says the same). */
export function keyValues(attributes: Record<string, string | number | boolean | null>): KeyValue[] {
  return Object.entries(attributes).flatMap(([key, v]) => (v === null ? [] : [{ key, value: anyValue(v) }]));
}

const nanos = (ms: number) => (BigInt(Math.round(ms)) * 1_000_000n).toString();

/** A closed span of ours as OTLP's; `endMs` is required: open spans are not exported. */
export function otlpSpan(span: TraceSpan & { endMs: number }): OtlpSpan {
  return {
    traceId: otlpTraceId(span.traceId),
    spanId: span.spanId,
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
    name: span.name,
    kind: OTLP_KIND[span.kind],
    startTimeUnixNano: nanos(span.startMs),
    endTimeUnixNano: nanos(span.endMs),
    attributes: keyValues({
      ...span.attributes,
      "waooaw.trace_id": span.traceId,
      "waooaw.span.kind": span.kind,
      "waooaw.instance_id": span.instanceId,
      "waooaw.event_id": span.eventId,
    }),
    status: span.error ? { code: OTLP_STATUS[span.status], message: span.error } : { code: OTLP_STATUS[span.status] },
  };
}

/** One export request holding every span given, under one resource (this Worker). */
export function exportRequest(spans: readonly (TraceSpan & { endMs: number })[]): ExportTraceServiceRequest {
  return {
    resourceSpans: [
      {
        resource: {
          attributes: keyValues({ "service.name": SERVICE_NAME, "telemetry.sdk.language": "js", "cloud.provider": "cloudflare" }),
        },
        scopeSpans: [{ scope: SCOPE, spans: spans.map(otlpSpan) }],
      },
    ],
  };
}
