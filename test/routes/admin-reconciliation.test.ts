import { describe, expect, it } from "vitest";
import { admin, customerMessage, defineAndSpawn, delivered, env, postEvent, supportDefinition, unique } from "../helpers";

interface Reconciliation {
  events: { total: number; byClass: Record<string, number> };
  wakes: { byOutcome: Record<string, number> };
  decisions: { total: number; duplicatePairs: number; duplicateCostUsd: number };
  deadLetters: { total: number; withoutReason: number };
  discrepancies: string[];
  ok: boolean;
}

async function reconcile(since: number): Promise<Reconciliation> {
  const res = await admin(`/v1/admin/reconciliation?since=${since}`);
  expect(res.status).toBe(200);
  return res.json();
}

describe("GET /v1/admin/reconciliation", () => {
  it("accounts for every event once: decided, held by a paused agent, ignored without a subscriber (a retired agent has none)", async () => {
    const since = Date.now();
    const [live, paused, retired] = [unique("cust"), unique("cust"), unique("cust")];
    const ids = { live: unique("agent"), paused: unique("agent"), retired: unique("agent") };
    await defineAndSpawn(supportDefinition(unique("recon")), [
      { id: ids.live, customerId: live },
      { id: ids.paused, customerId: paused },
      { id: ids.retired, customerId: retired },
    ]);
    expect((await admin(`/v1/admin/agents/${ids.paused}/pause`, { method: "POST" })).status).toBe(200);
    expect((await admin(`/v1/admin/agents/${ids.retired}/retire`, { method: "POST" })).status).toBe(200);
    for (const customer of [live, paused, retired, unique("nobody")]) await delivered((await postEvent(customerMessage(customer))).id);

    const r = await reconcile(since);
    expect(r.ok).toBe(true);
    expect(r.discrepancies).toEqual([]);
    expect(r.events.total).toBe(4);
    expect(r.events.byClass).toMatchObject({ decided: 1, ignored_no_subscriber: 2, held_paused: 1, in_flight: 0 });
    expect(r.decisions).toMatchObject({ total: 1, duplicatePairs: 0, duplicateCostUsd: 0 });
  });

  it("names what does not reconcile: a decision taken twice, a dead event without its dead letter", async () => {
    const since = Date.now();
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("recon")), [{ id: agent, customerId: customer }]);
    const { id } = await postEvent(customerMessage(customer));
    await delivered(id);
    // Records corrupted as a bug would leave them: a second decision for the same (event, agent), and a dead event with no reason kept.
    await env.DB.prepare(
      `INSERT INTO decisions (id, instance_id, event_id, trace_id, action, reason, tier, latency_ms, decided_at, cost_usd)
       VALUES (?, ?, ?, 't', 'act', 'again', 'llm', 1, ?, 0.25)`,
    )
      .bind(unique("dec"), agent, id, Date.now())
      .run();
    const other = await postEvent(customerMessage(unique("nobody")));
    await delivered(other.id);
    await env.DB.prepare(`UPDATE events SET status = 'dead' WHERE id = ?`).bind(other.id).run();

    const r = await reconcile(since);
    expect(r.ok).toBe(false);
    expect(r.decisions).toMatchObject({ duplicatePairs: 1, duplicateCostUsd: 0.25 });
    expect(r.events.byClass["dead_without_reason"]).toBe(1);
    expect(r.discrepancies).toEqual(
      expect.arrayContaining([expect.stringContaining("decisions taken twice"), expect.stringContaining("dead_without_reason")]),
    );
  });

  it("rejects a bad query, naming the field", async () => {
    const res = await admin("/v1/admin/reconciliation?since=yesterday");
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "since" } });
  });
});
