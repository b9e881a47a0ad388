import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import { openWorkEvents, pruneEvents } from "../../src/platform";
import type { WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { REDELIVERY_WINDOW_MS } from "../../src/wake/redelivery";
import { pruneOldEvents } from "../../src/wake/retention";
import { customerMessage, defineAndSpawn, env, supportDefinition, unique } from "../helpers";

const DAY = 86_400_000;

async function insertEvent(id: string, receivedAt: number, status: string): Promise<void> {
  await env.DB.batch([
    env.DB.prepare(
      `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status)
       VALUES (?, 'customer.message', 'test', 'ticket:1', NULL, ?, '2026-01-01T00:00:00Z', ?, '{}', ?)`,
    ).bind(id, `trc_${id}`, receivedAt, status),
    env.DB.prepare(
      `INSERT INTO wake_log (event_id, instance_id, outcome, received_at, recorded_at) VALUES (?, 'agent-x', 'decided', ?, ?)`,
    ).bind(id, receivedAt, receivedAt),
  ]);
}

const exists = async (table: string, column: string, id: string) =>
  ((await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${column} = ?`).bind(id).first<{ n: number }>())?.n ?? 0) > 0;

describe("D1 event retention", () => {
  it("prunes old finished events and their wake log only: never recent ones, unfinished ones, dead letters', or open work's", async () => {
    const now = Date.now();
    const old = now - 100 * DAY;
    const ids = {
      old: unique("evt_old"),
      oldDead: unique("evt_olddead"),
      oldDlq: unique("evt_olddlq"),
      oldPending: unique("evt_oldpending"),
      oldQueuedTask: unique("evt_oldtask"),
      recent: unique("evt_recent"),
    };
    await insertEvent(ids.old, old, "delivered");
    await insertEvent(ids.oldDead, old, "dead");
    await insertEvent(ids.oldDlq, old, "dead");
    await insertEvent(ids.oldPending, old, "pending");
    await insertEvent(ids.oldQueuedTask, old, "delivered");
    await insertEvent(ids.recent, now - DAY, "delivered");
    await env.DB.prepare(`INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES (?, ?, '{}', 'boom', 3, ?)`)
      .bind(unique("dl"), ids.oldDlq, old)
      .run();
    await env.DB.prepare(
      `INSERT INTO tasks (id, hire_id, customer_id, slug, instance_id, title, instructions, inputs, status, event_id, created_at)
       VALUES (?, 'hir_x', 'cus_x', 'x', 'agent-x', 't', 'i', '{}', 'queued', ?, ?)`,
    )
      .bind(unique("tsk"), ids.oldQueuedTask, old)
      .run();

    const report = await pruneOldEvents(env.DB, now - 90 * DAY, openWorkEvents, { batch: 1, maxBatches: 1 });
    expect(report).toMatchObject({ events: 1, wakeLog: 1, more: true }); // bounded: one batch of one
    const rest = await pruneOldEvents(env.DB, now - 90 * DAY, openWorkEvents);
    expect(rest.more).toBe(false);

    expect(await exists("events", "id", ids.old)).toBe(false);
    expect(await exists("wake_log", "event_id", ids.old)).toBe(false);
    expect(await exists("events", "id", ids.oldDead)).toBe(false);
    for (const kept of [ids.oldDlq, ids.oldPending, ids.oldQueuedTask, ids.recent]) {
      expect(await exists("events", "id", kept), kept).toBe(true);
      expect(await exists("wake_log", "event_id", kept), kept).toBe(true);
    }
  });

  it("runs as a cron job with EVENT_RETENTION_DAYS", async () => {
    const id = unique("evt_cron");
    await insertEvent(id, Date.now() - 91 * DAY, "delivered");
    await pruneEvents.run(env);
    expect(await exists("events", "id", id)).toBe(false);
  });
});

describe("an agent's processed-event ids", () => {
  const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));
  const event = (): Event => ({
    ...customerMessage("c"),
    payload: { text: "hi" },
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
  });

  it("are pruned after the retention, except those still in the inbox; a duplicate inside the window is still detected", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("retention")), [{ id }]);
    const stub = stubOf(id);
    const now = Date.now();
    const retention = 96 * 3_600_000; // PROCESSED_RETENTION_HOURS' default, longer than the window
    expect(retention).toBeGreaterThan(REDELIVERY_WINDOW_MS);
    const ids = { old: unique("evt_old"), oldInInbox: unique("evt_inbox"), recent: unique("evt_recent") };
    await runInDurableObject(stub, (agent: AgentDO, state) => {
      const sql = state.storage.sql;
      const insert = `INSERT INTO processed (event_id, outcome, decision_id, recorded_at) VALUES (?, 'refused', NULL, ?)`;
      sql.exec(insert, ids.old, now - retention - 1000);
      sql.exec(insert, ids.oldInInbox, now - retention - 1000);
      sql.exec(insert, ids.recent, now - REDELIVERY_WINDOW_MS + 60_000);
      sql.exec(`INSERT INTO inbox (event_id, event, buffered_at) VALUES (?, '{}', ?)`, ids.oldInInbox, now - retention);
      expect(agent.pruneProcessed(now)).toBe(1);
      const left = sql
        .exec<{ event_id: string }>(`SELECT event_id FROM processed`)
        .toArray()
        .map((r) => r.event_id);
      expect(left.sort()).toEqual([ids.oldInInbox, ids.recent].sort());
      // Its work done, it goes at the next prune.
      sql.exec(`DELETE FROM inbox WHERE event_id = ?`, ids.oldInInbox);
      expect(agent.pruneProcessed(now)).toBe(1);
    });

    // A retired agent refuses an event and remembers it; a redelivery after a prune, inside the window, is a duplicate.
    unwrap(await stub.retire({ handBack: false }));
    const refused = event();
    expect(unwrap<WakeResult>(await stub.wake(refused))).toMatchObject({ outcome: "refused", duplicate: false });
    await runInDurableObject(stub, (agent: AgentDO) => {
      expect(agent.pruneProcessed(Date.now() + REDELIVERY_WINDOW_MS - 60_000)).toBe(0);
    });
    expect(unwrap<WakeResult>(await stub.wake(refused))).toMatchObject({ outcome: "refused", duplicate: true });
    // Past the retention it is forgotten.
    await runInDurableObject(stub, (agent: AgentDO) => {
      expect(agent.pruneProcessed(Date.now() + retention + 60_000)).toBeGreaterThanOrEqual(1);
    });
  });
});
