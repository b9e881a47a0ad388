import { describe, expect, it } from "vitest";
import { type FaultPlan, fires, STALL_MS } from "../../src/resilience/faults";
import { scrape } from "../observability/metrics/scrape";
import { total } from "../observability/metrics/prometheus-text";
import { call, customerMessage, defineAndSpawn, env, eventually, postEvent, supportDefinition, unique } from "../helpers";

// An agent that never answers (FAULTS' stallMidWake: its wake waits STALL_MS, minutes) must not
// hold the queue: the consumer stops waiting after WAKE_AGENT_TIMEOUT_MS (3 s in this project),
// retries that agent's events, and the queue goes on.

const plan = async () => ((await (await call("/health")).json()) as { faults: FaultPlan }).faults;

interface EventRow {
  status: string;
  attempts: number;
}

/** An event id for which `stuck` stalls and `fine` does not, and neither aborts (another fault of this project). */
function idFor(faults: FaultPlan, stuck: string, fine: string): string {
  for (;;) {
    const id = unique("evt");
    const quiet = (a: string) => !fires(faults, "abortMidWake", `${id}:${a}`);
    if (fires(faults, "stallMidWake", `${id}:${stuck}`) && !fires(faults, "stallMidWake", `${id}:${fine}`) && quiet(stuck) && quiet(fine))
      return id;
  }
}

describe("stallMidWake", () => {
  it("a stuck agent does not hold the queue: its events are retried and decided once, long before it would have answered", async () => {
    expect(env.WAKE_AGENT_TIMEOUT_MS).toBe("3000");
    const customer = unique("cust");
    const [stuck, fine] = [unique("ag"), unique("ag")];
    await defineAndSpawn(
      supportDefinition(unique("stall")),
      [stuck, fine].map((id) => ({ id, customerId: customer })),
    );
    const faults = await plan();
    const started = Date.now();
    // Decided by a rule in the wake itself (urgent: escalate), so the answer is due at once.
    const { id } = await postEvent({ ...customerMessage(customer, { payload: { priority: "urgent" } }), id: idFor(faults, stuck, fine) });
    // Then events the stuck agent is not part of: they must not queue up behind it for minutes.
    const later = await Promise.all(
      [0, 1, 2].map(() =>
        postEvent({ ...customerMessage(customer, { payload: { priority: "urgent" } }), id: idFor(faults, "nobody", fine) }),
      ),
    );

    const row = await eventually(async () => {
      const r = await env.DB.prepare("SELECT status, attempts FROM events WHERE id = ?").bind(id).first<EventRow>();
      return r?.status === "delivered" ? r : undefined;
    }, 40_000);
    expect(Date.now() - started).toBeLessThan(STALL_MS / 4);
    // It took a retry: the first try gave up on the stuck agent.
    expect(row.attempts).toBeGreaterThanOrEqual(2);
    const wakes = await env.DB.prepare("SELECT instance_id, count(*) AS n FROM decisions WHERE event_id = ? GROUP BY instance_id")
      .bind(id)
      .all<{ instance_id: string; n: number }>();
    expect(Object.fromEntries(wakes.results.map((w) => [w.instance_id, w.n]))).toEqual({ [stuck]: 1, [fine]: 1 });
    // Operators see it as its own kind of error (one per event it held), against the agent that did not answer.
    const timedOut = await eventually(async () => {
      const n = total(await scrape(), "waooaw_errors_total", { stage: "wake_timeout", agent: stuck });
      return n > 0 ? n : undefined;
    });
    expect(timedOut).toBeGreaterThanOrEqual(1);
    expect(total(await scrape(), "waooaw_errors_total", { stage: "wake_timeout", agent: fine })).toBe(0);
    for (const e of later) {
      const status = await eventually(async () => {
        const r = await env.DB.prepare("SELECT status FROM events WHERE id = ?").bind(e.id).first<{ status: string }>();
        return r?.status === "delivered" ? r.status : undefined;
      }, 20_000);
      expect(status).toBe("delivered");
    }
  }, 60_000);
});
