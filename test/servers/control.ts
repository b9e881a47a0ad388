// Helpers for the local servers' control endpoints. Plain `fetch`, so they work inside workerd
// tests as well as in Node (the bench). Types only from the server modules (erased at runtime).
import type { AnthropicStep, OutagePhase, OutageState, RecordedRequest } from "./anthropic-server";
import type { FailPlan } from "./upstash-server";

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const post = (body?: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** Queue `steps` for requests whose `metadata.user_id` is `key` (replaces any previous queue). */
export function scriptAnthropic(baseUrl: string, key: string, steps: AnthropicStep[]): Promise<unknown> {
  return call(`${baseUrl}/__script`, post({ key, steps }));
}

/** Every `/v1/messages` request recorded for `key`, oldest first. */
export function anthropicRequests(baseUrl: string, key: string): Promise<RecordedRequest[]> {
  return call(`${baseUrl}/__requests?key=${encodeURIComponent(key)}`);
}

/** Clear `key`'s queue and records; without a key, everything. */
export function resetAnthropic(baseUrl: string, key?: string): Promise<unknown> {
  return call(`${baseUrl}/__reset${key === undefined ? "" : `?key=${encodeURIComponent(key)}`}`, post());
}

/** `{total, byKey}` request counts. */
export function anthropicStats(baseUrl: string): Promise<{ total: number; byKey: Record<string, number> }> {
  return call(`${baseUrl}/__stats`);
}

/** Start a scheduled outage of the local Anthropic server, for every key, now (`[]` ends one). */
export function anthropicOutage(baseUrl: string, phases: OutagePhase[]): Promise<OutageState> {
  return call(`${baseUrl}/__outage`, post({ phases }));
}

/** Where the local Anthropic server's outage stands. */
export function anthropicOutageState(baseUrl: string): Promise<OutageState> {
  return call(`${baseUrl}/__outage`);
}

/** Make the next `plan.count` data requests to database `db` fail / be delayed / be dropped. */
export function failUpstash(baseUrl: string, plan: FailPlan, db = "default"): Promise<unknown> {
  return call(`${baseUrl}/__fail?db=${encodeURIComponent(db)}`, post(plan));
}

/** Clear database `db` (data and pending failures); without `db`, all databases. */
export function flushUpstash(baseUrl: string, db?: string): Promise<unknown> {
  return call(`${baseUrl}/__flush${db === undefined ? "" : `?db=${encodeURIComponent(db)}`}`, post());
}

/** The client URL for an isolated database: `new Redis({ url: upstashDbUrl(upstashUrl, name), token })`. */
export const upstashDbUrl = (baseUrl: string, db: string): string => `${baseUrl}/db/${encodeURIComponent(db)}`;
