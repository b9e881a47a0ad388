// Helpers for the local OTLP receiver's control endpoints (test/servers/otlp-server.ts). Plain
// `fetch`, so they work inside workerd tests as well as in Node. Types only from the server module.
import type { OtlpFailPlan, ReceivedRequest, ReceivedSpan } from "./otlp-server";

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The endpoint of a scope of its own (`OTEL_EXPORTER_OTLP_ENDPOINT`): its records and failures are separate. */
export const otlpScopeUrl = (baseUrl: string, scope: string): string => `${baseUrl}/s/${encodeURIComponent(scope)}`;

/** Make the next `plan.count` exports to `scope` answer `plan.status` (503 by default), with `Retry-After` when given. */
export function failOtlp(baseUrl: string, scope: string, plan: OtlpFailPlan): Promise<unknown> {
  return call(`${baseUrl}/__fail?scope=${encodeURIComponent(scope)}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(plan),
  });
}

/** The export requests `scope` received, oldest first. */
export function otlpRequests(baseUrl: string, scope = "default"): Promise<ReceivedRequest[]> {
  return call(`${baseUrl}/__requests?scope=${encodeURIComponent(scope)}`);
}

/** Every span received for an OpenTelemetry trace id (32 hex digits), from any scope. */
export function otlpSpans(baseUrl: string, otlpTraceId: string): Promise<ReceivedSpan[]> {
  return call(`${baseUrl}/__spans?traceId=${otlpTraceId}`);
}

/** How many export requests and spans `scope` received (for loads too big to fetch the records). */
export function otlpCounts(baseUrl: string, scope = "default"): Promise<{ requests: number; spans: number }> {
  return call(`${baseUrl}/__counts?scope=${encodeURIComponent(scope)}`);
}
