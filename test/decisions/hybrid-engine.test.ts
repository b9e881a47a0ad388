import { runDurableObjectAlarm } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/agents/agent-ref";
import type { DecisionSummary } from "../../src/schemas/agent-views";
import { cacheScope } from "../../src/decisions/build-engine";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { admin, customerMessage, defineAndSpawn, env, eventually, supportDefinition, unique } from "../helpers";
import { anthropicUrl, identityOf } from "./llm-helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));
const requestsOf = (key: string) => anthropicRequests(anthropicUrl(), key);

function event(customer: string | undefined, extra: Partial<Event> = {}): Event {
  return {
    ...customerMessage(customer ?? "x"),
    payload: { text: "hello" },
    customerId: customer,
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
    ...extra,
  };
}
const question = (customer: string | undefined, order: number) =>
  event(customer, { subject: `chat:${order}`, payload: { text: `Where is order ${order}?`, orderId: `o-${order}` } });
/** Wakes the agent and returns its decision; one that needs the cache or model comes from the alarm. */
async function decide(agent: string, e: Event): Promise<Decision> {
  const stub = stubOf(agent);
  const woke = unwrap<WakeResult>(await stub.wake(e));
  if (woke.decision) return woke.decision;
  expect(woke.outcome).toBe("buffered");
  return eventually(async () => {
    await runDurableObjectAlarm(stub);
    return unwrap<{ items: Decision[] }>(await stub.listDecisions(100)).items.find((d) => d.eventId === e.id);
  });
}

describe("hybrid decisions in the agent: rules → cache → LLM", () => {
  it("a rule hit never reaches the LLM", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("rules")), [{ id: agent }]);
    const d = await decide(agent, event(undefined, { subject: "ticket:7" }));
    expect(d).toMatchObject({ tier: "rules", ruleId: "answer", cache: null, model: null, costUsd: 0 });
    expect(await requestsOf(agent)).toHaveLength(0);
  });

  it("asks the LLM once; the same situation again is a cache hit, for this agent and its siblings", async () => {
    const slug = unique("cache");
    const [first, sibling] = [unique("agent"), unique("agent")];
    await defineAndSpawn(supportDefinition(slug), [{ id: first }, { id: sibling }]);
    await scriptAnthropic(anthropicUrl(), first, [
      { kind: "tool", input: { action: "act", reason: "look up the order" }, usage: { input_tokens: 800, output_tokens: 40 } },
    ]);

    const asked = await decide(first, question(undefined, 1));
    expect(asked).toMatchObject({ tier: "llm", cache: "miss", action: "act", inputTokens: 800, outputTokens: 40 });
    expect(asked.costUsd).toBeCloseTo(800e-6 + 40 * 5e-6, 12);
    const again = await decide(first, question(undefined, 2)); // other ids and numbers, same situation
    expect(again).toMatchObject({ tier: "cache", cache: "hit", action: "act", reason: "look up the order", costUsd: 0 });
    const shared = await decide(sibling, question(undefined, 3));
    expect(shared).toMatchObject({ tier: "cache", cache: "hit", reason: "look up the order" });
    expect(await requestsOf(first)).toHaveLength(1);
    expect(await requestsOf(sibling)).toHaveLength(0);

    const res = await admin(`/v1/admin/agents/${first}/decisions/summary`);
    const summary = (await res.json()) as DecisionSummary;
    expect(summary).toMatchObject({
      total: 2,
      tiers: { llm: { count: 1, share: 0.5 }, cache: { count: 1, share: 0.5 } },
      cache: { hits: 1, misses: 1, hitRate: 0.5 },
    });
    expect(summary.llm.costUsd).toBeCloseTo(asked.costUsd, 12);
  });

  it("siblings that miss the same situation at once make one model call: the others wait for its answer", async () => {
    const slug = unique("flight");
    const agents = [unique("agent"), unique("agent"), unique("agent")];
    await defineAndSpawn(
      supportDefinition(slug),
      agents.map((id) => ({ id })),
    );
    const slow = { kind: "tool" as const, input: { action: "act", reason: "look up the order" }, delayMs: 300 };
    for (const agent of agents) await scriptAnthropic(anthropicUrl(), agent, [slow]);

    const decisions = await Promise.all(agents.map((agent, i) => decide(agent, question(undefined, i + 1))));
    expect(decisions.map((d) => d.tier).sort()).toEqual(["cache", "cache", "llm"]);
    expect(decisions.every((d) => d.reason === "look up the order")).toBe(true);
    const asked = await Promise.all(agents.map((agent) => requestsOf(agent)));
    expect(asked.reduce((n, requests) => n + requests.length, 0)).toBe(1);
  });

  it("never shares cached decisions across customers", async () => {
    const slug = unique("tenants");
    const [a, b] = [unique("agent"), unique("agent")];
    await defineAndSpawn(supportDefinition(slug), [
      { id: a, customerId: unique("cust") },
      { id: b, customerId: unique("cust") },
    ]);
    await decide(a, question(undefined, 1));
    const other = await decide(b, question(undefined, 1));
    expect(other).toMatchObject({ tier: "llm", cache: "miss" });
    expect(await requestsOf(b)).toHaveLength(1);
  });

  it("feedback on a decision invalidates what it taught the cache", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("feedback")), [{ id: agent }]);
    const taught = await decide(agent, question(undefined, 1));
    expect((await decide(agent, question(undefined, 2))).tier).toBe("cache");
    await decide(
      agent,
      event(undefined, { type: "feedback.received", subject: "ticket:1", payload: { decisionId: taught.id, rating: 1 } }),
    );
    expect(await decide(agent, question(undefined, 3))).toMatchObject({ tier: "llm", cache: "miss" });
  });

  it("feedback on a decision served from the cache forgets the entry it came from", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("feedback-hit")), [{ id: agent }]);
    await decide(agent, question(undefined, 1));
    const hit = await decide(agent, question(undefined, 2));
    expect(hit.tier).toBe("cache");
    await decide(agent, event(undefined, { type: "feedback.received", subject: "ticket:1", payload: { decisionId: hit.id, rating: 1 } }));
    expect(await decide(agent, question(undefined, 3))).toMatchObject({ tier: "llm", cache: "miss" });
  });

  it("a change of rules or model starts a fresh cache scope", () => {
    const definition = supportDefinition(unique("scope"));
    const base = cacheScope(identityOf(definition));
    expect(cacheScope(identityOf(definition))).toBe(base);
    expect(cacheScope(identityOf({ ...definition, specialization: { ...definition.specialization, rules: [] } }))).not.toBe(base);
    expect(cacheScope(identityOf({ ...definition, defaults: { model: "claude-sonnet-4-5" } }))).not.toBe(base);
  });

  it("two concurrent wakes of one customer's agents cannot overspend its budget together", async () => {
    const slug = unique("budget");
    const customer = unique("cust");
    const [a, b] = [unique("agent"), unique("agent")];
    await defineAndSpawn(supportDefinition(slug), [
      { id: a, customerId: customer },
      { id: b, customerId: customer },
    ]);
    // Room for one call's estimate (prompt/3 + 512 output tokens), not two.
    const put = await admin(`/v1/admin/budgets/customers/${customer}`, {
      method: "PUT",
      json: { tokensPerDay: 1_500, usdPerMonth: 1, llmCallsPerMinute: 10 },
    });
    expect(put.status).toBe(200);
    const slow = { kind: "tool" as const, input: { action: "act", reason: "ok" }, delayMs: 300 };
    await scriptAnthropic(anthropicUrl(), a, [slow]);
    await scriptAnthropic(anthropicUrl(), b, [slow]);

    const decisions = await Promise.all([
      decide(a, question(customer, 1)),
      decide(b, event(customer, { subject: "chat:2", payload: { text: "another question" } })),
    ]);
    expect(decisions.map((d) => d.tier).sort()).toEqual(["fallback", "llm"]);
    expect(decisions.find((d) => d.tier === "fallback")?.reason).toMatch(/^budget_exceeded: customer .* tokensPerDay limit 1500/);
    expect((await requestsOf(a)).length + (await requestsOf(b)).length).toBe(1);

    const usage = (await (await admin(`/v1/admin/budgets/customers/${customer}`)).json()) as {
      windows: { window: string; used: number; reserved: number; limit: number }[];
    };
    const tokens = usage.windows.find((w) => w.window === "tokensPerDay");
    expect(tokens && tokens.used + tokens.reserved).toBeLessThanOrEqual(1_500);
    const { results } = await env.DB.prepare(`SELECT type FROM events WHERE subject = ? AND customer_id = ?`)
      .bind(`budget:customer:${customer}`, customer)
      .all();
    expect(results).toEqual([{ type: "budget.exceeded" }]);
  });
});

describe("hybrid decisions: what is never cached or recorded", () => {
  it("an agent subscribed to every customer never answers one with another's cached decision", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("star"), { subscriptions: [{ event: "customer.*", customerId: "*" }] }), [{ id: agent }]);
    const [alice, bob] = [unique("alice"), unique("bob")];
    expect((await decide(agent, question(alice, 1))).tier).toBe("llm");
    expect((await decide(agent, question(bob, 1))).tier).toBe("llm");
    expect((await decide(agent, question(alice, 2))).tier).toBe("cache");
  });

  it("answers carrying a deliverable are not cached: they are about that very request", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("deliverable")), [{ id: agent }]);
    await scriptAnthropic(anthropicUrl(), agent, [
      { kind: "tool", input: { action: "act", reason: "replied", output: "Order 1 shipped yesterday." } },
      { kind: "tool", input: { action: "act", reason: "replied", output: "Order 2 ships today." } },
    ]);
    expect((await decide(agent, question(undefined, 1))).output).toBe("Order 1 shipped yesterday.");
    expect(await decide(agent, question(undefined, 2))).toMatchObject({ tier: "llm", output: "Order 2 ships today." });
  });

  it("an agent retired while its model was thinking does not act", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("retire-mid")), [{ id: agent }]);
    await scriptAnthropic(anthropicUrl(), agent, [{ kind: "tool", input: { action: "act", reason: "too late" }, delayMs: 300 }]);
    const stub = stubOf(agent);
    const q = question(undefined, 1);
    expect(unwrap<WakeResult>(await stub.wake(q)).outcome).toBe("buffered"); // the model is asked in the alarm
    const drain = runDurableObjectAlarm(stub);
    await new Promise((r) => setTimeout(r, 100));
    unwrap(await stub.retire({ drainSeconds: 0 })); // at once: no drain lets it finish its work
    await drain;
    expect(unwrap<{ items: unknown[] }>(await stub.listDecisions(10)).items).toEqual([]);
    expect(unwrap<WakeResult>(await stub.wake(q))).toMatchObject({ duplicate: true, outcome: "discarded" });
  });
});
