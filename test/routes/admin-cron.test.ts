// Running the cron by hand (POST /v1/admin/cron/run): the sweep re-sends every event a restart
// stranded in one run, each step reports its outcome, and only operators may run it.
import { describe, expect, it } from "vitest";
import { bearer, operatorJwt } from "../http/operator-tokens";
import { database } from "../../src/db/client";
import { requeueStranded, selectStranded } from "../../src/wake/ingest";
import { admin, call, customerMessage, defineAndSpawn, delivered, env, supportDefinition, unique } from "../helpers";

/** `count` events a restart left `pending` ten minutes ago (their queue messages lost), in one statement. */
async function leaveStranded(prefix: string, customer: string, count: number): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${i}`);
  await env.DB.prepare(
    `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status)
     SELECT value, 'customer.message', 't', 'ticket:1', ?, 't', ?, ?, '{}', 'pending' FROM json_each(?)`,
  )
    .bind(customer, new Date().toISOString(), Date.now() - 600_000, JSON.stringify(ids))
    .run();
  return ids;
}

async function statuses(ids: readonly string[]): Promise<Record<string, number>> {
  const { results } = await env.DB.prepare(
    `SELECT status, count(*) AS n FROM events WHERE id IN (SELECT value FROM json_each(?)) GROUP BY status`,
  )
    .bind(JSON.stringify(ids))
    .all<{ status: string; n: number }>();
  return Object.fromEntries(results.map((r) => [r.status, r.n]));
}

describe("POST /v1/admin/cron/run", () => {
  it("re-sends every stranded event in one run (not a page of them), and they are decided", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("cron")), [{ id: agent, customerId: customer }]);
    const ids = await leaveStranded(unique("stranded"), customer, 250);

    const res = await admin("/v1/admin/cron/run", { method: "POST", json: { cron: "*/15 * * * *" } });
    expect(res.status).toBe(200);
    const report = (await res.json()) as { cron: string; requeued: number; steps: { name: string; ok: boolean }[] };
    expect(report.cron).toBe("*/15 * * * *");
    expect(report.requeued).toBeGreaterThanOrEqual(250);
    expect(report.steps).toContainEqual({ name: "re-send stranded events", ok: true });
    expect(report.steps).toContainEqual({ name: "schedule tick", ok: true });
    expect((await statuses(ids))["pending"] ?? 0).toBe(0);

    // Delivered and decided by the subscribed agent, like any event.
    const first = await delivered(ids[0] as string);
    expect(first.wakes).toEqual([expect.objectContaining({ instanceId: agent, outcome: "decided" })]);
    await delivered(ids[249] as string);
  });

  it("runs the default trigger without a body, and a second run has nothing left to re-send", async () => {
    const ids = await leaveStranded(unique("again"), unique("cust"), 3);
    const first = (await (await admin("/v1/admin/cron/run", { method: "POST" })).json()) as { cron: string; requeued: number };
    expect(first.cron).toBe("*/15 * * * *");
    expect(first.requeued).toBeGreaterThanOrEqual(3);
    const second = (await (await admin("/v1/admin/cron/run", { method: "POST" })).json()) as { requeued: number };
    expect(second.requeued).toBe(0);
    expect((await statuses(ids))["pending"] ?? 0).toBe(0);
  });

  it("refuses a malformed trigger, or one wrangler.toml does not declare, naming the field", async () => {
    for (const cron of ["every minute", "1 5 * * *"]) {
      const res = await admin("/v1/admin/cron/run", { method: "POST", json: { cron } });
      expect(res.status, cron).toBe(400);
      const body = (await res.json()) as { error: { code: string; field?: string } };
      expect(body.error.field).toBe("cron");
    }
  });

  it("needs the operator role: a viewer is refused and nothing is re-sent", async () => {
    const ids = await leaveStranded(unique("viewer"), unique("cust"), 2);
    const res = await call("/v1/admin/cron/run", { method: "POST", headers: bearer(await operatorJwt("viewer")) });
    expect(res.status).toBe(403);
    expect(await statuses(ids)).toEqual({ pending: 2 });
  });

  it("keeps an audit entry of who ran it and what it re-sent", async () => {
    await admin("/v1/admin/cron/run", { method: "POST", json: { cron: "0 6 * * *" } });
    const audit = (await (await admin("/v1/admin/audit?action=cron.run")).json()) as {
      items: { action: string; target: { id: string } }[];
    };
    expect(audit.items.some((e) => e.action === "cron.run" && e.target.id === "0 6 * * *")).toBe(true);
  });
});

describe("the sweep", () => {
  it("stops at its time budget saying more are left, and the next run goes on", async () => {
    const ids = await leaveStranded(unique("budget"), unique("cust"), 30);
    const first = await requeueStranded(env, { pageSize: 10, budgetMs: 0 });
    expect(first).toEqual({ requeued: 10, more: true });
    const rest = await requeueStranded(env, { pageSize: 10 });
    expect(rest.more).toBe(false);
    expect(rest.requeued).toBeGreaterThanOrEqual(20);
    expect((await statuses(ids))["pending"] ?? 0).toBe(0);
  });

  it("counts what it re-sent before the queue refused a page, and reports the refusal", async () => {
    const ids = await leaveStranded(unique("refused"), unique("cust"), 25);
    let batches = 0;
    const flaky = {
      ...env,
      WAKE_QUEUE: {
        send: env.WAKE_QUEUE.send.bind(env.WAKE_QUEUE),
        sendBatch: (messages: Iterable<MessageSendRequest>) =>
          ++batches === 1 ? env.WAKE_QUEUE.sendBatch(messages) : Promise.reject(new Error("queue unavailable")),
      },
    } as unknown as Env;
    const report = await requeueStranded(flaky, { pageSize: 10 });
    expect(report).toMatchObject({ requeued: 10, more: true, error: expect.stringContaining("did not accept 10 event(s)") });
    expect((await statuses(ids))["enqueue_failed"]).toBe(10);
    // The next run (the queue back) sends the rest.
    await requeueStranded(env);
    const left = await statuses(ids);
    expect((left["pending"] ?? 0) + (left["enqueue_failed"] ?? 0)).toBe(0);
  });

  it("reads the stranded events through their partial index, not a scan of every event", async () => {
    const query = selectStranded(database(env.DB), Date.now(), 100).toSQL();
    const { results } = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
      .bind(...query.params)
      .all<{ detail: string }>();
    const plan = results.map((r) => r.detail).join("; ");
    expect(plan).toContain("events_stranded");
    expect(plan).not.toMatch(/SCAN events(?! USING)/);
  });
});

describe("events a restart stranded", () => {
  it("still decided once when the sweep re-sends an event whose first message did arrive", async () => {
    // The at-least-once case: the message was not lost, only slow; the agent's dedupe holds.
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("twice")), [{ id: agent, customerId: customer }]);
    const id = unique("evt");
    const res = await admin("/v1/events", { method: "POST", json: customerMessage(customer, { id }) });
    expect(res.status).toBe(202);
    await delivered(id);
    await env.DB.prepare(`UPDATE events SET status = 'pending', received_at = ? WHERE id = ?`)
      .bind(Date.now() - 600_000, id)
      .run();
    await admin("/v1/admin/cron/run", { method: "POST" });
    const again = await delivered(id);
    expect(again.wakes).toEqual([expect.objectContaining({ instanceId: agent, outcome: "decided" })]);
  });
});
