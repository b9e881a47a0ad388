import { describe, expect, it } from "vitest";
import { type FaultPlan, fires } from "../../src/resilience/faults";
import { total } from "../observability/metrics/prometheus-text";
import { scrape } from "../observability/metrics/scrape";
import { call, customerMessage, defineAndSpawn, env, eventually, postEvent, supportDefinition, unique } from "../helpers";

// A stuck agent (FAULTS' stallMidWake: having recorded its decision, its wake waits `stallMs`,
// 15 s in this project, before answering) must not hold the queue: the consumer stops waiting
// after WAKE_AGENT_TIMEOUT_MS (3 s here), retries that agent's events, and the queue goes on.
// When the stuck call finally answers, nobody is listening and nothing is recorded twice.

const plan = async () => ((await (await call("/health")).json()) as { faults: FaultPlan }).faults;

const urgent = (customer: string, id: string) => ({ ...customerMessage(customer, { payload: { priority: "urgent" } }), id });

/** An event id for which `stuck` stalls and `fine` does not, and neither aborts (another fault of this project). */
function idFor(faults: FaultPlan, stuck: string, fine: string): string {
  for (;;) {
    const id = unique("evt");
    const quiet = (a: string) => !fires(faults, "abortMidWake", `${id}:${a}`);
    if (fires(faults, "stallMidWake", `${id}:${stuck}`) && !fires(faults, "stallMidWake", `${id}:${fine}`) && quiet(stuck) && quiet(fine))
      return id;
  }
}

/** An event id for which `agent` neither stalls nor aborts. */
function quietIdFor(faults: FaultPlan, agent: string): string {
  for (;;) {
    const id = unique("evt");
    if (!fires(faults, "stallMidWake", `${id}:${agent}`) && !fires(faults, "abortMidWake", `${id}:${agent}`)) return id;
  }
}

const rows = <T>(sql: string, ...binds: unknown[]) =>
  env.DB.prepare(sql)
    .bind(...binds)
    .all<T>()
    .then((r) => r.results);

const delivered = (id: string) =>
  eventually(async () => {
    const [row] = await rows<{ status: string; attempts: number }>("SELECT status, attempts FROM events WHERE id = ?", id);
    return row?.status === "delivered" ? row : undefined;
  }, 30_000);

describe("stallMidWake", () => {
  it("a stuck agent does not hold the queue: its events are retried and decided once, before it answers; its late answer changes nothing", async () => {
    expect(env.WAKE_AGENT_TIMEOUT_MS).toBe("3000");
    const faults = await plan();
    const stallMs = faults.stallMs ?? 0;
    expect(stallMs).toBe(15_000);
    const [customer, other] = [unique("cust"), unique("cust")];
    const [stuck, fine, elsewhere] = [unique("ag"), unique("ag"), unique("ag")];
    const definition = supportDefinition(unique("stall"));
    await defineAndSpawn(definition, [
      { id: stuck, customerId: customer },
      { id: fine, customerId: customer },
    ]);
    await defineAndSpawn(supportDefinition(unique("stall")), [{ id: elsewhere, customerId: other }]);

    const started = Date.now();
    // Decided by a rule in the wake itself (urgent: escalate), so the answer is due at once.
    const { id } = await postEvent(urgent(customer, idFor(faults, stuck, fine)));
    // Another customer's events, sent meanwhile: they must not wait behind the stuck agent.
    const others = await Promise.all([0, 1, 2].map(() => postEvent(urgent(other, quietIdFor(faults, elsewhere)))));

    const row = await delivered(id);
    // Decided well before the stuck call answers (15 s): it took a retry, the first try gave up at 3 s.
    expect(Date.now() - started).toBeLessThan(stallMs);
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    for (const e of others) expect((await delivered(e.id)).status).toBe("delivered");
    // Operators see it as its own kind of error, against the agent that did not answer.
    const timedOut = await eventually(async () => {
      const n = total(await scrape(), "waooaw_errors_total", { stage: "wake_timeout", agent: stuck });
      return n > 0 ? n : undefined;
    });
    expect(timedOut).toBeGreaterThanOrEqual(1);
    expect(total(await scrape(), "waooaw_errors_total", { stage: "wake_timeout", agent: fine })).toBe(0);

    // The stuck call answers at last (to nobody): one decision and one wake record per agent still.
    await new Promise((r) => setTimeout(r, Math.max(0, started + stallMs + 2_000 - Date.now())));
    const decisions = await rows<{ instance_id: string; n: number }>(
      "SELECT instance_id, count(*) AS n FROM decisions WHERE event_id = ? GROUP BY instance_id",
      id,
    );
    expect(Object.fromEntries(decisions.map((d) => [d.instance_id, d.n]))).toEqual({ [stuck]: 1, [fine]: 1 });
    const wakes = await rows<{ instance_id: string; outcome: string }>("SELECT instance_id, outcome FROM wake_log WHERE event_id = ?", id);
    expect(wakes.map((w) => w.instance_id).sort()).toEqual([stuck, fine].sort());
    expect((await delivered(id)).status).toBe("delivered");
  }, 60_000);
});
