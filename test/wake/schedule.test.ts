import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { admin, defineAndSpawn, delivered, env, supportDefinition, unique } from "../helpers";

describe("scheduled wakes", () => {
  it("turns a cron trigger into a schedule.tick event that wakes only that schedule's subscribers", async () => {
    const weekly = unique("weekly");
    const hired = unique("hired"); // bound to a customer: ticks still reach it
    const other = unique("other");
    const rules = [{ id: "report", when: { type: "schedule.tick" }, then: { action: "act" as const, reason: "weekly report" } }];
    await defineAndSpawn(
      supportDefinition(unique("cron"), { rules, subscriptions: [{ event: "schedule.tick", subject: "cron:0 9 * * 1" }] }),
      [{ id: weekly }, { id: hired, customerId: unique("cust") }],
    );
    await defineAndSpawn(
      supportDefinition(unique("cron2"), { rules, subscriptions: [{ event: "schedule.tick", subject: "cron:*/5 * * * *" }] }),
      [{ id: other }],
    );

    const scheduledTime = Date.now();
    const controller = createScheduledController({ scheduledTime, cron: "0 9 * * 1" });
    const ctx = createExecutionContext();
    await worker.scheduled(controller, env, ctx);
    await waitOnExecutionContext(ctx);

    const row = await env.DB.prepare(`SELECT id FROM events WHERE type = 'schedule.tick' AND occurred_at = ?`)
      .bind(new Date(scheduledTime).toISOString())
      .first<{ id: string }>();
    const event = await delivered(row?.id ?? "");
    expect(event).toMatchObject({ type: "schedule.tick", subject: "cron:0 9 * * 1" });
    expect(event.wakes.map((w) => w.instanceId).sort()).toEqual([hired, weekly].sort());
    expect(event.wakes.every((w) => w.outcome === "decided")).toBe(true);
  });
});

describe("wake queue consumer", () => {
  it("dead-letters a message it cannot read instead of retrying it forever", async () => {
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 99, junk: true } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const list = (await (await admin("/v1/admin/dlq")).json()) as { items: { id: string; error: string; event: unknown }[] };
    const letter = list.items.find((l) => l.id === `dl_${batch.messages[0]?.id}`);
    expect(letter).toMatchObject({ error: expect.stringContaining("unknown wake message version 99"), event: null });

    const replay = await admin(`/v1/admin/dlq/${letter?.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: "not_replayable" } });
  });

  it("wakes the subscribers a message carries from ingest, and looks up those that carry none", async () => {
    const customer = unique("cust");
    const [first, second, late] = [unique("agent"), unique("agent"), unique("late")];
    await defineAndSpawn(supportDefinition(unique("carried")), [
      { id: first, customerId: customer },
      { id: second, customerId: customer },
    ]);
    const event = (n: number) => ({
      type: "customer.message",
      source: "t",
      subject: `ticket:${n}`,
      customerId: customer,
      occurredAt: new Date().toISOString(),
      payload: {},
      id: unique("evt"),
      traceId: "t",
      receivedAt: Date.now(),
    });
    const [carried, looked] = [event(1), event(2)];
    for (const e of [carried, looked]) {
      await env.DB.prepare(
        `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status) VALUES (?, ?, 't', ?, ?, 't', ?, ?, '{}', 'queued')`,
      )
        .bind(e.id, e.type, e.subject, customer, e.occurredAt, e.receivedAt)
        .run();
    }
    // Spawned after ingest resolved `carried`'s subscribers: that event is not for it.
    await defineAndSpawn(supportDefinition(unique("carried-late")), [{ id: late, customerId: customer }]);

    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 1, event: carried, to: [first, second] } },
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 1, event: looked } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(2);
    const woken = async (id: string) =>
      (
        await env.DB.prepare(`SELECT instance_id FROM wake_log WHERE event_id = ? ORDER BY instance_id`)
          .bind(id)
          .all<{ instance_id: string }>()
      ).results.map((r) => r.instance_id);
    expect(await woken(carried.id)).toEqual([first, second].sort());
    expect(await woken(looked.id)).toEqual([first, second, late].sort());
  });

  it("retries with backoff, acking nothing, when an agent fails", async () => {
    const customer = unique("cust");
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("retry")), [{ id, customerId: customer }]);
    // A subscription row pointing at an agent that was never spawned: its wake fails.
    await env.DB.prepare(`INSERT INTO subscriptions (instance_id, event_pattern, customer_id) VALUES (?, 'customer.*', ?)`)
      .bind(unique("ghost"), customer)
      .run();
    const event = {
      type: "customer.message",
      source: "t",
      subject: "ticket:1",
      customerId: customer,
      occurredAt: new Date().toISOString(),
      payload: {},
      id: unique("evt"),
      traceId: "t",
      receivedAt: Date.now(),
    };
    await env.DB.prepare(
      `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status) VALUES (?, ?, 't', 'ticket:1', ?, 't', ?, ?, '{}', 'queued')`,
    )
      .bind(event.id, event.type, customer, event.occurredAt, event.receivedAt)
      .run();
    const batch = createMessageBatch("waooaw-wake", [{ id: unique("msg"), timestamp: new Date(), attempts: 2, body: { v: 1, event } }]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([batch.messages[0]?.id]); // tests run with a 0 s backoff base
    const row = await env.DB.prepare(`SELECT attempts, last_error, status FROM events WHERE id = ?`)
      .bind(event.id)
      .first<Record<string, unknown>>();
    expect(row).toMatchObject({ attempts: 2, status: "queued", last_error: expect.stringContaining("agent_not_found") });
    // The agent that did handle it has its decision recorded already; the retry will not redo it.
    const log = await env.DB.prepare(`SELECT instance_id, outcome FROM wake_log WHERE event_id = ?`).bind(event.id).all();
    expect(log.results).toEqual([{ instance_id: id, outcome: "decided" }]);
  });
});

describe("packed wake messages", () => {
  const eventFor = (customer: string, n: number) => ({
    type: "customer.message",
    source: "t",
    subject: `ticket:${n}`,
    customerId: customer,
    occurredAt: new Date().toISOString(),
    payload: {},
    id: unique("evt"),
    traceId: "t",
    receivedAt: Date.now(),
  });
  const recordQueued = async (e: ReturnType<typeof eventFor>) =>
    env.DB.prepare(
      `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status) VALUES (?, ?, 't', ?, ?, 't', ?, ?, '{}', 'queued')`,
    )
      .bind(e.id, e.type, e.subject, e.customerId, e.occurredAt, e.receivedAt)
      .run();
  const statusOf = async (id: string) =>
    await env.DB.prepare(`SELECT status, matched_count FROM events WHERE id = ?`)
      .bind(id)
      .first<{ status: string; matched_count: number | null }>();

  it("wakes an agent for every event of a packed message, and an event carried twice once", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("packed")), [{ id: agent, customerId: customer }]);
    const events = [eventFor(customer, 1), eventFor(customer, 2), eventFor(customer, 3)];
    for (const e of events) await recordQueued(e);
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: events.map((event) => ({ event, to: [agent] })) } },
      // A redelivered copy of the last event, in the same batch.
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 1, event: events[2], to: [agent] } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(2);
    for (const e of events) expect(await statusOf(e.id)).toEqual({ status: "delivered", matched_count: 1 });
    const snapshot = (await (await admin(`/v1/admin/agents/${agent}`)).json()) as { counters: Record<string, number> };
    expect(snapshot.counters["wakes"]).toBe(3);
    expect(snapshot.counters["duplicates"]).toBeUndefined();
  });

  it("sends messages past the batch's agent budget back to the queue, and wakes them later", async () => {
    const [c1, c2] = [unique("cust"), unique("cust")];
    const [a1, a2] = [unique("agent"), unique("agent")];
    await defineAndSpawn(supportDefinition(unique("budget")), [
      { id: a1, customerId: c1 },
      { id: a2, customerId: c2 },
    ]);
    const [first, second] = [eventFor(c1, 1), eventFor(c2, 2)];
    for (const e of [first, second]) await recordQueued(e);
    const batch = createMessageBatch("waooaw-wake", [
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event: first, to: [a1] }] } },
      { id: unique("msg"), timestamp: new Date(), attempts: 1, body: { v: 2, items: [{ event: second, to: [a2] }] } },
    ]);
    const ctx = createExecutionContext();
    await worker.queue(batch, { ...env, WAKE_MAX_AGENTS_PER_BATCH: "1" }, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(2); // the second was re-sent, not dropped
    expect(await statusOf(first.id)).toMatchObject({ status: "delivered" });
    expect(await statusOf(second.id)).toMatchObject({ status: "queued" });
    expect(await delivered(second.id)).toMatchObject({
      status: "delivered",
      wakes: [expect.objectContaining({ instanceId: a2, outcome: "decided" })],
    });
  });

  it("wakes the valid events of a packed message and keeps an invalid one as a dead letter of its own", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("invalid")), [{ id: agent, customerId: customer }]);
    const [good, bad] = [eventFor(customer, 1), eventFor(customer, 2)];
    for (const e of [good, bad]) await recordQueued(e);
    const message = {
      id: unique("msg"),
      timestamp: new Date(),
      attempts: 1,
      body: {
        v: 2,
        items: [
          { event: good, to: [agent] },
          { event: { ...bad, type: "no.such.type" }, to: [agent] },
        ],
      },
    };
    const batch = createMessageBatch("waooaw-wake", [message]);
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.explicitAcks).toHaveLength(1);
    expect(await statusOf(good.id)).toMatchObject({ status: "delivered" });
    expect(await statusOf(bad.id)).toMatchObject({ status: "dead" });
    const list = (await (await admin("/v1/admin/dlq?limit=200")).json()) as {
      items: { id: string; eventId: string; error: string; event: unknown }[];
    };
    const letter = list.items.find((l) => l.id === `dl_${message.id}:1`);
    expect(letter).toMatchObject({ eventId: bad.id, error: expect.stringContaining("invalid wake item"), event: null });
    expect((await admin(`/v1/admin/dlq/${letter?.id}/replay`, { method: "POST" })).status).toBe(409);
  });

  it("retries a packed message when one of its events fails, and dead-letters only that event", async () => {
    const good = unique("cust");
    const bad = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("partial")), [{ id: agent, customerId: good }]);
    // The bad customer's events go to an agent that was never spawned: its wake fails.
    await env.DB.prepare(`INSERT INTO subscriptions (instance_id, event_pattern, customer_id) VALUES (?, 'customer.*', ?)`)
      .bind(unique("ghost"), bad)
      .run();
    const [ok, failing] = [eventFor(good, 1), eventFor(bad, 2)];
    for (const e of [ok, failing]) await recordQueued(e);
    const message = { id: unique("msg"), timestamp: new Date(), attempts: 4, body: { v: 2, items: [{ event: ok }, { event: failing }] } };

    const wake = createMessageBatch("waooaw-wake", [message]);
    const ctx = createExecutionContext();
    await worker.queue(wake, env, ctx);
    const result = await getQueueResult(wake, ctx);
    expect(result.explicitAcks).toEqual([]);
    expect(result.retryMessages.map((m) => m.msgId)).toEqual([message.id]);
    expect(await statusOf(ok.id)).toMatchObject({ status: "delivered" });
    expect(await statusOf(failing.id)).toMatchObject({ status: "queued" });

    // Past its retries the queue moves the whole message to the DLQ: only the failed event is dead.
    const dead = createMessageBatch("waooaw-wake-dlq", [message]);
    const deadCtx = createExecutionContext();
    await worker.queue(dead, env, deadCtx);
    expect((await getQueueResult(dead, deadCtx)).explicitAcks).toHaveLength(1);
    expect(await statusOf(ok.id)).toMatchObject({ status: "delivered" });
    expect(await statusOf(failing.id)).toMatchObject({ status: "dead" });
    const list = (await (await admin("/v1/admin/dlq?limit=200")).json()) as {
      items: { id: string; eventId: string; error: string; event: { type: string; subject: string } | null }[];
    };
    const letters = list.items.filter((l) => l.id.startsWith(`dl_${message.id}`));
    expect(letters).toEqual([
      expect.objectContaining({
        id: `dl_${message.id}.${failing.id}`,
        eventId: failing.id,
        error: expect.stringContaining("agent_not_found"),
      }),
    ]);

    // Its event's payload is encrypted at rest there too; the list still reads the event.
    const raw = await env.DB.prepare("SELECT message FROM dead_letters WHERE id = ?").bind(letters[0]?.id).first<{ message: string }>();
    expect(raw?.message).toMatch(/"payload":"enc:v1:k2:/);
    expect(list.items.find((l) => l.id === letters[0]?.id)?.event).toMatchObject({ type: failing.type, subject: failing.subject });

    // The dead letter replays that one event.
    const replay = await admin(`/v1/admin/dlq/${letters[0]?.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ eventId: failing.id, status: "requeued" });
    expect(await statusOf(failing.id)).toMatchObject({ status: "queued" });
  });
});

describe("DLQ replay", () => {
  it("answers 404 for an unknown dead letter and validates the list query", async () => {
    expect((await admin("/v1/admin/dlq/dl_nope/replay", { method: "POST" })).status).toBe(404);
    const bad = await admin("/v1/admin/dlq?limit=abc");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "limit" } });
  });
});

describe("GET /v1/admin/dlq", () => {
  it("pages through dead letters that share a timestamp without skipping any", async () => {
    // Far-future timestamps put these first in the newest-first listing.
    const at = 9_000_000_000_000;
    const ids = [unique("dl"), unique("dl"), unique("dl")];
    for (const id of ids) {
      await env.DB.prepare(`INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES (?, 'e', '{}', 'boom', 4, ?)`)
        .bind(id, at)
        .run();
    }
    const first = (await (await admin("/v1/admin/dlq?limit=2")).json()) as { items: { id: string }[]; nextCursor: string };
    const second = (await (await admin(`/v1/admin/dlq?limit=2&cursor=${encodeURIComponent(first.nextCursor)}`)).json()) as {
      items: { id: string }[];
    };
    const seen = [...first.items, ...second.items].map((l) => l.id);
    expect(seen.filter((id) => ids.includes(id)).sort()).toEqual([...ids].sort());
    expect(new Set(seen).size).toBe(seen.length);
  });
});
