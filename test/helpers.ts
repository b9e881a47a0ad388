import { createClient, type WaooawClient } from "@waooaw/client";
import { env, exports } from "cloudflare:workers";
import { runInDurableObject } from "cloudflare:test";
import type { AgentDO } from "../durable-objects/agent";
import type { BackgroundWork } from "../src/agents/background-work";
import type { OneAtATime } from "../src/agents/one-at-a-time";
import type { AgentDefinitionInput } from "../src/schemas/identity";
import type { EventInput } from "../src/schemas/event";

export const TOKEN = "test-admin-token";
export const auth = { authorization: `Bearer ${TOKEN}` };

export { unique } from "./unique";

/** The item at `index`, failing the test when there is none (instead of a non-null assertion). */
export function nth<T>(items: readonly T[], index = 0): T {
  const item = items[index];
  if (item === undefined) throw new Error(`expected an item at index ${index}, got ${items.length} items`);
  return item;
}

export function call(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    body = JSON.stringify(init.json);
    headers.set("content-type", "application/json");
  }
  return exports.default.fetch(new Request(`http://waooaw.test${path}`, { ...init, headers, body }));
}

/**
 * `@waooaw/client` against this Worker (its fetch is the Worker's own), as a customer (their API
 * key), an operator (`TOKEN`) or nobody. Retries are off unless asked for, so a test sees every
 * answer the API gives.
 */
export function clientOf(apiKey?: string, retry = false): WaooawClient {
  return createClient({
    baseUrl: "http://waooaw.test",
    apiKey,
    fetch: (request) => exports.default.fetch(request),
    retry: retry ? {} : false,
  });
}

export function admin(path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  return call(path, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } });
}

/** A small support definition whose rules exercise act, escalate and the fallback. */
export function supportDefinition(slug: string, overrides: Partial<AgentDefinitionInput["specialization"]> = {}): AgentDefinitionInput {
  return {
    slug,
    specialization: {
      coe: "support",
      role: "triage",
      capabilities: ["triage"],
      rules: [
        {
          id: "urgent",
          when: { type: "customer.message", conditions: [{ path: "payload.priority", op: "eq", value: "urgent" }] },
          then: { action: "escalate", reason: "urgent" },
        },
        {
          id: "answer",
          when: { type: "customer.message", subject: "ticket:*" },
          then: { action: "act", reason: "answer from playbook", note: "answered" },
        },
      ],
      subscriptions: [{ event: "customer.*" }],
      ...overrides,
    },
    personality: { displayName: "Test Triage", tagline: "Tests", tone: "plain", languages: ["en"] },
  };
}

export async function defineAndSpawn(definition: AgentDefinitionInput, instances: { id: string; customerId?: string }[]): Promise<void> {
  const res = await admin("/v1/admin/definitions", { method: "POST", json: definition });
  if (res.status !== 201) throw new Error(`define failed: ${res.status} ${await res.text()}`);
  for (const instance of instances) {
    const spawned = await admin("/v1/admin/agents", { method: "POST", json: { definition: definition.slug, ...instance } });
    if (spawned.status !== 201) throw new Error(`spawn failed: ${spawned.status} ${await spawned.text()}`);
  }
}

export function customerMessage(customerId: string, extra: Partial<EventInput> = {}): EventInput {
  return {
    type: "customer.message",
    source: "test",
    subject: "ticket:1",
    customerId,
    occurredAt: new Date().toISOString(),
    payload: { text: "hello" },
    ...extra,
  };
}

export async function postEvent(event: EventInput): Promise<{ id: string; traceId: string; status: string }> {
  const res = await admin("/v1/events", { method: "POST", json: event });
  if (res.status !== 202 && res.status !== 200) throw new Error(`post failed: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Polls until `check` returns a value (not undefined) or the deadline passes. */
export async function eventually<T>(check: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

export async function eventStatus(id: string): Promise<
  {
    status: string;
    wakes: { instanceId: string; outcome: string; decision: { action: string; tier: string; ruleId: string | null } | null }[];
  } & Record<string, unknown>
> {
  const res = await admin(`/v1/events/${id}`);
  return res.json();
}

/** Waits until the event has been delivered (every matched agent handled it). */
export function delivered(id: string, status = "delivered") {
  return eventually(async () => {
    const e = await eventStatus(id);
    return e.status === status ? e : undefined;
  });
}

/**
 * Waits until nothing of this customer's is in flight: every event delivered or dead, no task,
 * task message or agent message waiting, and each of its agents' alarm run and waitUntil work
 * (sharing a decision with the cache, traces) ended. Work that outlives a test file
 * resumes into a closed module runner and fails the run ("Closing rpc while resolve was
 * pending"); a task being done is not enough, since its agent writes the shared decision cache
 * after. Within the tests' own timeout (30 s) by default.
 */
export async function customerIdle(customerId: string, timeoutMs = 20_000): Promise<void> {
  const agents = await eventually(async () => {
    const busy = await env.DB.prepare(
      `SELECT (SELECT count(*) FROM tasks WHERE customer_id = ?1 AND status IN ('queued', 'delegated'))
            + (SELECT count(*) FROM task_messages WHERE customer_id = ?1 AND status = 'queued')
            + (SELECT count(*) FROM agent_messages WHERE customer_id = ?1 AND status IN ('routing', 'sent'))
            + (SELECT count(*) FROM events WHERE customer_id = ?1 AND status NOT IN ('delivered', 'dead')) AS n`,
    )
      .bind(customerId)
      .first<{ n: number }>();
    if (busy?.n !== 0) return undefined;
    const { results } = await env.DB.prepare(`SELECT id FROM agent_instances WHERE customer_id = ?`).bind(customerId).all<{ id: string }>();
    return results.map((r) => r.id);
  }, timeoutMs);
  for (const id of agents)
    await runInDurableObject(env.AGENT.get(env.AGENT.idFromName(id)), async (instance: AgentDO) => {
      await (Reflect.get(instance, "alarmRuns") as OneAtATime).settled();
      await (Reflect.get(instance, "background") as BackgroundWork).settled();
    });
}

export { env };
