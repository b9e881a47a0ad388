import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { stampEvent } from "../../src/wake/ingest";
import {
  admin,
  call,
  nth,
  customerMessage,
  defineAndSpawn,
  delivered,
  env,
  eventually,
  postEvent,
  supportDefinition,
  unique,
} from "../helpers";
import { total, type Exposition } from "../observability/metrics/prometheus-text";
import { metricReaches, scrape } from "../observability/metrics/scrape";

/** Decisions D1 recorded for these agents, by tier. */
async function decisionsByTier(agents: readonly string[]): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    `SELECT tier, COUNT(*) AS n FROM decisions WHERE instance_id IN (SELECT value FROM json_each(?)) GROUP BY tier`,
  )
    .bind(JSON.stringify(agents))
    .all<{ tier: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.tier, r.n]));
}

function metricsByTier(m: Exposition, customer: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of m.samples) {
    if (s.name !== "waooaw_decisions_total" || s.labels["customer"] !== customer) continue;
    const tier = s.labels["tier"] ?? "";
    out[tier] = (out[tier] ?? 0) + s.value;
  }
  return sorted(out);
}

describe("GET /metrics", () => {
  it("refuses a missing or wrong operator token", async () => {
    const missing = await call("/metrics");
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ error: { code: "unauthorized" } });
    expect((await call("/metrics", { headers: { authorization: "Bearer nope" } })).status).toBe(401);
  });

  it("adds up to the decisions D1 recorded over a run, by tier, and to the events ingested", async () => {
    const customer = unique("mcust");
    const agents = [unique("magent"), unique("magent")];
    await defineAndSpawn(
      supportDefinition(unique("metrics")),
      agents.map((id) => ({ id, customerId: customer })),
    );
    // Rules answer urgent messages (escalate) and tickets (act); a chat matches no rule and goes
    // on to the cache and model tiers, decided in the agent's alarm and flushed from its outbox.
    const events = [
      customerMessage(customer, { payload: { priority: "urgent" } }),
      customerMessage(customer),
      customerMessage(customer),
      customerMessage(customer, { subject: "chat:1", payload: { text: "what are your opening hours?" } }),
    ];
    const ids = [];
    for (const e of events) ids.push((await postEvent(e)).id);
    for (const id of ids) await delivered(id);
    const expected = await eventually(async () => {
      const byTier = await decisionsByTier(agents);
      const n = Object.values(byTier).reduce((a, b) => a + b, 0);
      return n === events.length * agents.length ? byTier : undefined;
    });
    expect(expected["rules"]).toBe(6);

    const m = await eventually(async () => {
      const now = await scrape();
      return JSON.stringify(metricsByTier(now, customer)) === JSON.stringify(sorted(expected)) ? now : undefined;
    });
    expect(metricsByTier(m, customer)).toEqual(sorted(expected));
    expect(total(m, "waooaw_events_ingested_total", { customer, source: "test" })).toBe(events.length);
    // Every decision was a wake that decided; every event reached each agent through the queue.
    expect(total(m, "waooaw_wakes_total", { customer, outcome: "decided" })).toBe(events.length * agents.length);
    expect(total(m, "waooaw_queue_lag_seconds_count", { customer })).toBeGreaterThanOrEqual(events.length * agents.length);
    expect(total(m, "waooaw_decision_latency_seconds_count", { customer })).toBe(events.length * agents.length);
    for (const agent of agents) {
      expect(total(m, "waooaw_decisions_total", { agent, coe: "support" })).toBe(events.length);
    }
    const spend = await env.DB.prepare(
      `SELECT SUM(input_tokens) AS input, SUM(output_tokens) AS output, SUM(cost_usd) AS cost FROM decisions
       WHERE instance_id IN (SELECT value FROM json_each(?))`,
    )
      .bind(JSON.stringify(agents))
      .first<{ input: number; output: number; cost: number }>();
    expect(spend?.input).toBeGreaterThan(0); // the model tier answered one of them
    expect(total(m, "waooaw_llm_tokens_total", { customer, direction: "input" })).toBe(spend?.input);
    expect(total(m, "waooaw_llm_tokens_total", { customer, direction: "output" })).toBe(spend?.output);
    expect(total(m, "waooaw_llm_cost_usd_total", { customer })).toBeCloseTo(spend?.cost ?? 0, 9);
    // Gauges read at scrape time.
    expect(m.samples.filter((s) => s.name === "waooaw_breaker_state" && s.labels["provider"] === "anthropic")).toHaveLength(3);
    expect(m.samples.find((s) => s.name === "waooaw_dlq_depth")?.value).toEqual(expect.any(Number));
    // The model's tokens show in the budgets of the agent that asked it, and of its customer.
    const usage = (scope: string, ids: readonly string[]) =>
      m.samples
        .filter((s) => s.name === "waooaw_budget_usage_ratio" && s.labels["scope"] === scope && ids.includes(s.labels["id"] ?? ""))
        .filter((s) => s.labels["window"] === "tokensPerDay")
        .map((s) => s.value);
    expect(Math.max(...usage("agent", agents))).toBeGreaterThan(0);
    expect(usage("customer", [customer])).toEqual([expect.any(Number)]);
    expect(nth(usage("customer", [customer]))).toBeGreaterThan(0);
  });

  it("counts nothing when METRICS_ENABLED is false", async () => {
    const off = { ...env, METRICS_ENABLED: "false" };
    const customer = unique("moff");
    const agent = unique("moff-agent");
    await defineAndSpawn(supportDefinition(unique("metrics-off")), [{ id: agent, customerId: customer }]);

    // Ingest with metrics off: the event is accepted, not counted.
    const ctx = createExecutionContext();
    const res = await worker.fetch(
      new Request("http://waooaw.test/v1/events", {
        method: "POST",
        headers: { authorization: "Bearer test-admin-token", "content-type": "application/json" },
        body: JSON.stringify(customerMessage(unique("moff-nobody"))),
      }),
      off,
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(202);
    const { id: ingested } = (await res.json()) as { id: string };
    await delivered(ingested, "delivered");

    // A wake by the consumer with metrics off: decided and recorded, not counted.
    const event = stampEvent(customerMessage(customer), Date.now());
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event, to: [agent] }] } },
    ]);
    const queueCtx = createExecutionContext();
    await worker.queue(batch, off, queueCtx);
    await waitOnExecutionContext(queueCtx);
    expect(await decisionsByTier([agent])).toEqual({ rules: 1 });

    const m = await scrape();
    expect(total(m, "waooaw_decisions_total", { agent })).toBe(0);
    expect(total(m, "waooaw_wakes_total", { agent })).toBe(0);
    const body = (await (await admin(`/v1/events/${ingested}`)).json()) as { customerId?: string; source: string };
    expect(total(m, "waooaw_events_ingested_total", { customer: body.customerId ?? "", source: body.source })).toBe(0);
  });

  it("counts a dead letter once, however often its message is delivered again", async () => {
    const before = total(await scrape(), "waooaw_dead_lettered_total", {});
    // One unreadable message, delivered three times (a lost ack, a redelivery): one dead letter stored.
    const message = { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 99, junk: true } };
    for (let attempt = 1; attempt <= 3; attempt++) {
      const ctx = createExecutionContext();
      await worker.queue(createMessageBatch("waooaw-wake", [{ ...message, attempts: attempt }]), env, ctx);
      await waitOnExecutionContext(ctx);
    }
    const { results } = await env.DB.prepare("SELECT id FROM dead_letters WHERE id = ?").bind(`dl_${message.id}`).all();
    expect(results).toHaveLength(1);
    expect(await metricReaches("waooaw_dead_lettered_total", {}, before + 1)).toBe(before + 1);
  });
});

function sorted(record: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}
