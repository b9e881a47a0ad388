import { describe, expect, it } from "vitest";
import { admin, call, defineAndSpawn, customerMessage, env, eventually, postEvent, supportDefinition, unique } from "../helpers";
import { type FaultPlan, fires } from "../../src/resilience/faults";

// This project binds FAULTS (vitest.config.ts, project "faults"): every wake-queue message may
// lose its ack or sit in a batch that throws halfway, agents abort between their storage write
// and their answer, and roll-ups to D1 fail. Whatever happens, the records must account for
// every event exactly once.

const plan = async () => {
  const res = await call("/health");
  return ((await res.json()) as { faults: FaultPlan }).faults;
};

interface Row {
  id: string;
  status: string;
}

/** Every event's final status in D1, once none is still on its way. */
async function settled(ids: readonly string[]): Promise<Row[]> {
  let last: Row[] = [];
  try {
    return await eventually(async () => {
      last = await rowsOf<Row>(`SELECT id, status, attempts, last_error FROM events WHERE id IN (SELECT value FROM json_each(?))`, ids);
      return last.length === ids.length && last.every((r) => r.status === "delivered" || r.status === "dead") ? last : undefined;
    }, 40_000);
  } catch (error) {
    console.error(
      "not settled",
      last.filter((r) => r.status !== "delivered"),
    );
    throw error;
  }
}

async function rowsOf<T>(sql: string, ids: readonly string[]): Promise<T[]> {
  return (await env.DB.prepare(sql).bind(JSON.stringify(ids)).all<T>()).results;
}

/** Decisions in D1 per (event, agent), for these events. */
async function decisionCounts(ids: readonly string[]) {
  return rowsOf<{ event_id: string; instance_id: string; n: number }>(
    `SELECT event_id, instance_id, count(*) AS n FROM decisions WHERE event_id IN (SELECT value FROM json_each(?)) GROUP BY event_id, instance_id`,
    ids,
  );
}

describe("the platform under injected faults", () => {
  it("/health reports the plan in force", async () => {
    expect(await plan()).toMatchObject({ seed: "faults-test", lostAck: 0.3, batchThrow: 0.3, abortMidWake: 0.1 });
  });

  it("accounts for every event exactly once: decided by each matched agent, once, with every model call charged once", async () => {
    const customer = unique("cust");
    const agents = [unique("ag"), unique("ag"), unique("ag")];
    await defineAndSpawn(
      supportDefinition(unique("faults")),
      agents.map((id) => ({ id, customerId: customer })),
    );
    // Urgent ones (rules: escalate), tickets (rules: act) and others (the model, in the agent's alarm).
    const inputs = Array.from({ length: 24 }, (_, i) =>
      customerMessage(customer, i % 3 === 0 ? { payload: { priority: "urgent" } } : i % 3 === 1 ? {} : { subject: `chat:${i}` }),
    );
    const single = await Promise.all(inputs.slice(0, 12).map((e) => postEvent(e)));
    const batch = await admin("/v1/events/batch", { method: "POST", json: { events: inputs.slice(12) } });
    expect(batch.status).toBe(202);
    const ids = [...single.map((r) => r.id), ...((await batch.json()) as { ids: string[] }).ids];

    const faults = await plan();
    // The seed makes each fault meet some of these (a different seed would pick others).
    const wakeKeys = ids.flatMap((id) => agents.map((a) => `${id}:${a}`));
    expect(wakeKeys.some((k) => fires(faults, "abortMidWake", k))).toBe(true);

    // Accounted for: delivered, or dead-lettered with its reason and then replayed (at these
    // fractions aborts land together, and a reset loses another call's writes that were not
    // durable yet, so the same wake can abort again on every retry: what the DLQ is for). An
    // abort fires once per (event, agent), so each delivery gets further; a batch that meets more
    // of them than one delivery's four attempts can die again after its replay, and is replayed
    // again (the agents' ids, new each run, decide how many a batch meets).
    let rows = await settled(ids);
    for (let round = 0; round < 3 && rows.some((r) => r.status !== "delivered"); round++) {
      const dead = rows.filter((r) => r.status !== "delivered");
      const letters = await eventually(async () => {
        const found = await rowsOf<{ id: string; error: string }>(
          `SELECT id, error FROM dead_letters WHERE event_id IN (SELECT value FROM json_each(?)) AND replay_count = 0`,
          dead.map((r) => r.id),
        );
        return found.length === dead.length ? found : undefined;
      });
      for (const letter of letters) {
        expect(letter.error.trim(), "a dead letter says why").not.toBe("");
        expect((await admin(`/v1/admin/dlq/${letter.id}/replay`, { method: "POST" })).status).toBe(202);
      }
      rows = await settled(ids);
    }
    expect(rows.filter((r) => r.status !== "delivered")).toEqual([]);

    // Decided by every agent, exactly once each, in D1 and in the wake log.
    let c: Awaited<ReturnType<typeof decisionCounts>> = [];
    const counts = await eventually(async () => {
      c = await decisionCounts(ids);
      return c.length === ids.length * agents.length ? c : undefined;
    }, 75_000).catch(async (error) => {
      for (const agent of agents) {
        const inD1 = new Set(c.filter((x) => x.instance_id === agent).map((x) => x.event_id));
        const res = await admin(`/v1/admin/agents/${agent}/decisions?limit=100`);
        const own = ((await res.json()) as { items: { eventId: string }[] }).items.map((d) => d.eventId);
        const snap = await (await admin(`/v1/admin/agents/${agent}`)).json();
        console.error(agent, {
          d1: inD1.size,
          own: own.length,
          ownNotInD1: own.filter((e) => !inD1.has(e)).length,
          snap: JSON.stringify(snap).slice(0, 1500),
        });
      }
      throw error;
    });
    expect(counts.filter((c) => c.n !== 1)).toEqual([]);
    const log = await rowsOf<{ outcome: string; n: number }>(
      `SELECT outcome, count(*) AS n FROM wake_log WHERE event_id IN (SELECT value FROM json_each(?)) GROUP BY outcome`,
      ids,
    );
    expect(log).toEqual([{ outcome: "decided", n: ids.length * agents.length }]);

    // Each agent's own record agrees (one decision per event), and its budget was charged once
    // per model call: what it used is what its decisions in D1 say they cost.
    let tokens = 0;
    for (const agent of agents) {
      const res = await admin(`/v1/admin/agents/${agent}/decisions?limit=100`);
      const { items } = (await res.json()) as { items: { eventId: string }[] };
      expect(items.map((d) => d.eventId).sort()).toEqual([...ids].sort());
      const [spent] = await env.DB.prepare(
        `SELECT coalesce(sum(input_tokens + output_tokens), 0) AS tokens FROM decisions WHERE instance_id = ?`,
      )
        .bind(agent)
        .all<{ tokens: number }>()
        .then((r) => r.results);
      const budget = (await (await admin(`/v1/admin/budgets/agents/${agent}`)).json()) as {
        windows: { window: string; used: number }[];
      };
      expect(budget.windows.find((w) => w.window === "tokensPerDay")?.used).toBe(spent?.tokens);
      tokens += spent?.tokens ?? 0;
    }
    expect(tokens).toBeGreaterThan(0); // the model was asked (the shared cache answers the rest)

    // The faults were there: deliveries came again (lost acks, batches that threw, failed roll-ups) and were answered as duplicates.
    let duplicates = 0;
    for (const agent of agents) {
      const snapshot = (await (await admin(`/v1/admin/agents/${agent}`)).json()) as { counters: Record<string, number> };
      duplicates += snapshot.counters.duplicates ?? 0;
    }
    expect(duplicates).toBeGreaterThan(0);
  }, 150_000);

  it("dead-letters an event no agent could take, with its reason, and replays it once the agent exists", async () => {
    const customer = unique("cust");
    const ghost = unique("ghost");
    // Subscribed, but never spawned: every delivery fails until the queue gives up on it.
    await env.DB.prepare("INSERT INTO subscriptions (instance_id, event_pattern, customer_id) VALUES (?, 'customer.*', ?)")
      .bind(ghost, customer)
      .run();
    const { id } = await postEvent(customerMessage(customer, { payload: { priority: "urgent" } }));
    const [dead] = await settled([id]);
    expect(dead?.status).toBe("dead");
    const letter = await eventually(async () => {
      const rows = await rowsOf<{ id: string; error: string }>(
        `SELECT id, error FROM dead_letters WHERE event_id IN (SELECT value FROM json_each(?))`,
        [id],
      );
      return rows[0];
    });
    expect(letter.error).toContain("agent_not_found");

    await defineAndSpawn(supportDefinition(unique("ghost")), [{ id: ghost, customerId: customer }]);
    expect((await admin(`/v1/admin/dlq/${letter.id}/replay`, { method: "POST" })).status).toBe(202);
    const counts = await eventually(async () => {
      const c = await decisionCounts([id]);
      return c.length ? c : undefined;
    });
    expect(counts).toEqual([{ event_id: id, instance_id: ghost, n: 1 }]);
    expect(await settled([id])).toEqual([expect.objectContaining({ status: "delivered" })]);
  }, 60_000);
});
