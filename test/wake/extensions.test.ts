import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { WakeResult } from "../../src/schemas/decision";
import { handleWakeBatch } from "../../src/wake/consumer";
import { type WakeExtension, wakeHooks } from "../../src/wake/extensions";
import { pendingEventStatements, stampEvent } from "../../src/wake/ingest";
import { customerMessage, defineAndSpawn, delivered, env, eventually, supportDefinition, unique } from "../helpers";

const result = (eventId: string): WakeResult => ({
  instanceId: "agent",
  eventId,
  outcome: "decided",
  duplicate: false,
  decision: null,
  eventReceivedAt: 0,
  recordedAt: 0,
});

describe("wake extensions", () => {
  it("combine every product's writes in order, and record their events in the same transaction", async () => {
    const one = env.DB.prepare("SELECT 1");
    const two = env.DB.prepare("SELECT 2");
    const followUp = stampEvent(customerMessage(unique("cust")), Date.now());
    const first: WakeExtension = { resultsRecorded: () => ({ statements: [one] }) };
    const second: WakeExtension = {
      resultsRecorded: () => ({ statements: [two], events: [followUp] }),
      eventReplayed: () => ({ statements: [env.DB.prepare("SELECT 3")] }),
    };
    const hooks = wakeHooks([first, second]);

    const writes = await hooks.resultsRecorded(env.DB, [result("e1")], env);
    expect(writes.events).toEqual([followUp]);
    // Both products' statements, in order, then the follow-up recorded as a pending event.
    expect(writes.statements).toHaveLength(2 + pendingEventStatements(env.DB, [followUp]).length);
    expect(writes.statements[0]).toBe(one);
    expect(writes.statements[1]).toBe(two);

    expect(await hooks.resultsRecorded(env.DB, [], env)).toEqual({ statements: [], events: [] });
    expect(hooks.eventsDeadLettered(env.DB, [{ eventId: "e1", error: "x" }])).toEqual({ statements: [], events: [] });
    expect(hooks.eventReplayed(env.DB, "e1").statements).toHaveLength(1);
  });

  it("deliver the events a hook recorded in the roll-up once it has committed, once however often the batch is retried", async () => {
    const customer = unique("cust");
    const [asker, helper] = [unique("asker"), unique("helper")];
    await defineAndSpawn(supportDefinition(unique("asks")), [{ id: asker, customerId: customer }]);
    await defineAndSpawn(
      supportDefinition(unique("helps"), {
        rules: [{ id: "take", when: { type: "handoff.requested" }, then: { action: "act", reason: "taking it" } }],
        subscriptions: [{ event: "handoff.requested" }],
      }),
      [{ id: helper, customerId: customer }],
    );
    // A product that hands every decision of `asker` on to whoever takes handoffs.
    const handoffs: WakeExtension = {
      resultsRecorded: (_d1, results) => ({
        statements: [],
        events: results
          .filter((r) => r.instanceId === asker && r.decision)
          .map((r) =>
            stampEvent(
              {
                id: `handoff_${r.decision?.id}`,
                type: "handoff.requested",
                source: "test.organisation",
                subject: `handoff:${r.eventId}`,
                customerId: customer,
                occurredAt: new Date().toISOString(),
                payload: { from: asker },
              },
              Date.now(),
            ),
          ),
      }),
    };

    const event = stampEvent({ ...customerMessage(customer), subject: "ticket:7" }, Date.now());
    await env.DB.batch(pendingEventStatements(env.DB, [event]));
    const messages = [{ id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event, to: [asker] }] } }];
    for (const attempt of [1, 2]) {
      const batch = createMessageBatch("waooaw-wake", messages);
      await handleWakeBatch(batch, env, wakeHooks([handoffs]));
      const outcome = await getQueueResult(batch, createExecutionContext());
      expect(outcome.explicitAcks, `attempt ${attempt}`).toHaveLength(1);
    }

    const { id: decisionId } = await eventually(async () => {
      const row = await env.DB.prepare(`SELECT id FROM decisions WHERE event_id = ? AND instance_id = ?`)
        .bind(event.id, asker)
        .first<{ id: string }>();
      return row ?? undefined;
    });
    const handoff = await delivered(`handoff_${decisionId}`);
    expect(handoff).toMatchObject({ type: "handoff.requested", customerId: customer });
    expect(handoff.wakes).toEqual([expect.objectContaining({ instanceId: helper, outcome: "decided" })]);
    const copies = await env.DB.prepare(`SELECT COUNT(*) AS n FROM events WHERE id = ?`)
      .bind(`handoff_${decisionId}`)
      .first<{ n: number }>();
    expect(copies?.n).toBe(1);
  });

  it("do not let after-commit work that never settles hold the batch: past AFTER_COMMIT_TIMEOUT_MS the batch is acked and the work left is the cron's", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("hangs")), [{ id: agent, customerId: customer }]);
    const ran: string[] = [];
    // A channel that never answers (its promise outlives the test), then a product whose work is quick.
    const stuck: WakeExtension = {
      resultsRecorded: () => ({ statements: [], afterCommit: () => new Promise<void>((resolve) => setTimeout(resolve, 300_000)) }),
    };
    const quick: WakeExtension = {
      resultsRecorded: () => ({
        statements: [],
        afterCommit: async () => {
          ran.push("quick");
        },
      }),
    };
    const event = stampEvent({ ...customerMessage(customer), subject: "ticket:8" }, Date.now());
    await env.DB.batch(pendingEventStatements(env.DB, [event]));
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event, to: [agent] }] } },
    ]);
    const started = Date.now();
    await handleWakeBatch(batch, { ...env, AFTER_COMMIT_TIMEOUT_MS: "300" }, wakeHooks([stuck, quick]));
    expect(Date.now() - started).toBeLessThan(10_000);
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(1);
    // One budget for all of it: the stuck step spent it, so the next was not started.
    expect(ran).toEqual([]);
    const row = await env.DB.prepare(`SELECT status FROM events WHERE id = ?`).bind(event.id).first<{ status: string }>();
    expect(row?.status).toBe("delivered");
  });

  it("retry a batch that runs past WAKE_BATCH_TIMEOUT_MS whole, whatever it waits for, with its records kept", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("slow")), [{ id: agent, customerId: customer }]);
    const stuck: WakeExtension = {
      resultsRecorded: () => ({ statements: [], afterCommit: () => new Promise<void>((resolve) => setTimeout(resolve, 300_000)) }),
    };
    const event = stampEvent({ ...customerMessage(customer), subject: "ticket:9" }, Date.now());
    await env.DB.batch(pendingEventStatements(env.DB, [event]));
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event, to: [agent] }] } },
    ]);
    const slowEnv = { ...env, AFTER_COMMIT_TIMEOUT_MS: "600000", WAKE_BATCH_TIMEOUT_MS: "500" };
    await expect(handleWakeBatch(batch, slowEnv, wakeHooks([stuck]))).rejects.toThrow("wake batch did not answer within 500 ms");
    // Thrown, so the queue retries what was not acked; what was recorded before stays, and a retry finds it.
    expect((await getQueueResult(batch, createExecutionContext())).explicitAcks).toHaveLength(0);
    const row = await env.DB.prepare(`SELECT status FROM events WHERE id = ?`).bind(event.id).first<{ status: string }>();
    expect(row?.status).toBe("delivered");
  });
});
