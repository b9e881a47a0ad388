import { listDurableObjectIds, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { CachedNotes } from "../../src/decisions/cache/cached-notes";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { describe, expect, it } from "vitest";
import type { AgentDO, AgentSnapshot } from "../../durable-objects/agent";
import type { WakeResult } from "../../src/schemas/decision";
import { unwrap } from "../../src/agents/agent-ref";
import { CacheTier } from "../../src/decisions/cache/cache-tier";
import { LocalDecisionCache } from "../../src/decisions/cache/local-cache";
import { DecisionEngine } from "../../src/decisions/engine";
import { admin, customerMessage, defineAndSpawn, delivered, env, eventually, postEvent, supportDefinition, unique } from "../helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));

async function decisionsOf(id: string) {
  const res = await admin(`/v1/admin/agents/${id}/decisions`);
  expect(res.status).toBe(200);
  return (await res.json()) as { items: { eventId: string; action: string; tier: string; ruleId: string | null }[] };
}

describe("event → queue → subscribed agents", () => {
  it("wakes only the agents whose subscriptions match and records their rules decisions", async () => {
    const slug = unique("flow");
    const customer = unique("cust");
    const [triage, sales] = [unique("triage"), unique("sales")];
    await defineAndSpawn(supportDefinition(slug), [{ id: triage, customerId: customer }]);
    await defineAndSpawn(supportDefinition(`${slug}-s`, { subscriptions: [{ event: "github.*" }] }), [{ id: sales, customerId: customer }]);

    const { id } = await postEvent(customerMessage(customer, { payload: { priority: "urgent" } }));
    const event = await delivered(id);

    expect(event.matchedCount).toBe(1);
    expect(event.wakes).toEqual([
      expect.objectContaining({
        instanceId: triage,
        outcome: "decided",
        decision: expect.objectContaining({ action: "escalate", tier: "rules", ruleId: "urgent" }),
      }),
    ]);
    const { items } = await decisionsOf(triage);
    expect(items).toEqual([expect.objectContaining({ eventId: id, action: "escalate", tier: "rules" })]);
    expect((await decisionsOf(sales)).items).toEqual([]);
  });

  it("never instantiates an agent whose subscriptions do not match", async () => {
    // An agent known only to the index (no object yet): the consumer must not create it.
    const lazy = unique("lazy");
    await env.DB.prepare(`INSERT INTO agent_instances (id, definition_slug, state, created_at, updated_at) VALUES (?, 'x', 'active', 0, 0)`)
      .bind(lazy)
      .run();
    const customer = unique("cust");
    await env.DB.prepare(`INSERT INTO subscriptions (instance_id, event_pattern, customer_id) VALUES (?, 'github.push', ?)`)
      .bind(lazy, customer)
      .run();
    const lazyId = env.AGENT.idFromName(lazy).toString();

    const { id } = await postEvent(customerMessage(customer));
    await delivered(id);

    const ids = (await listDurableObjectIds(env.AGENT)).map((i) => i.toString());
    expect(ids).not.toContain(lazyId);
  });

  it("matches subject globs and customer scope, and wakes each agent once even when two subscriptions match", async () => {
    const slug = unique("glob");
    const customer = unique("cust");
    const [mine, other] = [unique("mine"), unique("other")];
    await defineAndSpawn(
      supportDefinition(slug, { subscriptions: [{ event: "customer.*", subject: "ticket:*" }, { event: "customer.message" }] }),
      [
        { id: mine, customerId: customer },
        { id: other, customerId: unique("cust") },
      ],
    );
    const { id } = await postEvent(customerMessage(customer, { subject: "ticket:77" }));
    const event = await delivered(id);
    expect(event.wakes.map((w) => w.instanceId)).toEqual([mine]);

    const miss = await postEvent(customerMessage(customer, { type: "github.push", subject: "repo:x" }));
    expect((await delivered(miss.id)).wakes).toEqual([]);
  });

  it("acts on a redelivered event only once", async () => {
    const slug = unique("dup");
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: agent, customerId: customer }]);
    const { id } = await postEvent(customerMessage(customer));
    await delivered(id);

    // Queues deliver at least once: inject the same message again, as a redelivery would.
    const row = await env.DB.prepare(`SELECT * FROM events WHERE id = ?`).bind(id).first<Record<string, unknown>>();
    const event = {
      ...customerMessage(customer),
      id,
      traceId: String(row?.["trace_id"]),
      receivedAt: Number(row?.["received_at"]),
      payload: { text: "hello" },
    };
    // Two redeliveries, one after the other (copies within one batch are woken once).
    const duplicatesAtLeast = (n: number) =>
      eventually(async () => {
        const counters = await runInDurableObject(stubOf(agent), (instance: AgentDO) => instance.snapshot());
        return counters.ok && (counters.value.counters["duplicates"] ?? 0) >= n ? true : undefined;
      });
    await env.WAKE_QUEUE.send({ v: 1, event });
    await duplicatesAtLeast(1);
    await env.WAKE_QUEUE.send({ v: 2, items: [{ event }] });
    await duplicatesAtLeast(2);
    const { items } = await decisionsOf(agent);
    expect(items).toHaveLength(1);
    expect(unwrap<AgentSnapshot>(await stubOf(agent).snapshot()).counters["wakes"]).toBe(1);
  });

  it("does not wake a retired agent", async () => {
    const slug = unique("retired");
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: agent, customerId: customer }]);
    expect((await admin(`/v1/admin/agents/${agent}/retire`, { method: "POST" })).status).toBe(200);

    const { id } = await postEvent(customerMessage(customer));
    const event = await delivered(id);
    expect(event.wakes).toEqual([]);
    expect((await decisionsOf(agent)).items).toEqual([]);
    // Even if a stale delivery reached it, a retired agent refuses to act.
    const refused = await stubOf(agent).wake({
      ...customerMessage(customer),
      id: unique("evt"),
      traceId: "t",
      receivedAt: Date.now(),
      payload: {},
    });
    expect(unwrap<WakeResult>(refused).outcome).toBe("refused");
  });

  it("buffers events while paused and processes them in order after resume", async () => {
    const slug = unique("pause");
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: agent, customerId: customer }]);
    expect((await admin(`/v1/admin/agents/${agent}/pause`, { method: "POST" })).status).toBe(200);

    const first = await postEvent(customerMessage(customer, { payload: { priority: "urgent" } }));
    const second = await postEvent(customerMessage(customer, { payload: { text: "second" } }));
    for (const e of [first, second]) expect((await delivered(e.id)).wakes).toEqual([expect.objectContaining({ outcome: "buffered" })]);
    expect((await decisionsOf(agent)).items).toEqual([]);

    const resumed = await admin(`/v1/admin/agents/${agent}/resume`, { method: "POST" });
    expect(resumed.status).toBe(200);
    expect(await resumed.json()).toMatchObject({ state: "active", inboxSize: 2 });
    await runDurableObjectAlarm(stubOf(agent));

    const { items } = await eventually(async () => {
      const d = await decisionsOf(agent);
      return d.items.length === 2 ? d : undefined;
    });
    expect(items.map((d) => d.eventId)).toEqual([second.id, first.id]); // newest first
    expect(items.map((d) => d.action)).toEqual(["act", "escalate"]);
    const rolledUp = await eventually(async () => {
      const e = await delivered(first.id);
      return e.wakes[0]?.outcome === "decided" ? e : undefined;
    });
    expect(rolledUp.wakes[0]?.decision).toMatchObject({ action: "escalate", ruleId: "urgent" });
  });

  it("retries a failing wake, dead-letters it after the retry limit, and replays it", async () => {
    const slug = unique("dlq");
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: agent, customerId: customer }]);
    // Break this agent's decision pipeline: every wake throws until it is mended.
    await runInDurableObject(stubOf(agent), (instance: AgentDO, state) => {
      const boom = () => {
        throw new Error("rules store unavailable");
      };
      const failing = new DecisionEngine([{ name: "rules", decide: boom, decideLocally: boom }]);
      instance["engine"] = {
        engine: failing,
        cache: new CacheTier(new LocalDecisionCache(state.storage.sql), undefined, "test", 60, new CachedNotes(fieldCipher(env))),
        asksModel: false,
      };
    });

    const { id } = await postEvent(customerMessage(customer));
    const dead = await delivered(id, "dead");
    expect(dead.attempts).toBe(4); // first delivery + max_retries (3)
    expect(dead.lastError).toContain("rules store unavailable");

    const list = await admin("/v1/admin/dlq");
    expect(list.status).toBe(200);
    const letters = (await list.json()) as { items: { id: string; eventId: string; error: string; attempts: number }[] };
    const letter = letters.items.find((l) => l.eventId === id);
    expect(letter).toMatchObject({ error: expect.stringContaining("rules store unavailable"), attempts: 4 });

    await runInDurableObject(stubOf(agent), (instance: AgentDO) => {
      instance["engine"] = undefined;
    });
    const replay = await admin(`/v1/admin/dlq/${letter?.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    const replayed = await delivered(id);
    expect(replayed.wakes).toEqual([expect.objectContaining({ instanceId: agent, outcome: "decided" })]);
    const after = (await (await admin("/v1/admin/dlq")).json()) as { items: { id: string; replayCount: number }[] };
    expect(after.items.find((l) => l.id === letter?.id)?.replayCount).toBe(1);
  });
});
