import { describe, expect, it } from "vitest";
import { type FaultPlan, fires } from "../../src/resilience/faults";
import { as, jsonOf, signUp } from "../marketplace/helpers";
import { accountExecutive, ensurePublished, hire } from "../organisation/helpers";
import { runInDurableObject } from "cloudflare:test";
import { call, customerIdle, env } from "../helpers";
import { coordinatorFor } from "../../src/organisation/coordinator-ref";
import type { CoordinatorDO } from "../../src/organisation/coordinator-do";

// The coordinator keeps only whose turn it is in memory; load comes from the records, so one that
// restarts (FAULTS' coordinatorRestart, 0.3 in this project) must route as well as before.
const AE = accountExecutive();

describe("coordinatorRestart", () => {
  it("a coordinator that restarts between routings loses no task and still shares them evenly", async () => {
    await ensurePublished(AE);
    const faults = ((await (await call("/health")).json()) as { faults: FaultPlan }).faults;
    // Turns count from 1 and start again after a restart: a customer whose coordinator restarts
    // within its first four routings restarts it every few routings.
    const restartsEarly = (customerId: string) =>
      [1, 2, 3, 4].some((turn) => fires(faults, "coordinatorRestart", `${customerId}:${AE.specialization.role}:${turn}`));
    let who = await signUp();
    while (!restartsEarly(who.customerId)) who = await signUp();
    const aes = [await hire(who, AE.slug), await hire(who, AE.slug), await hire(who, AE.slug)];

    const counts = new Map(aes.map((a) => [a.instanceId, 0]));
    for (let i = 0; i < 12; i++) {
      const routed = await jsonOf<{ instanceId: string; taskId: string }>(
        as(who, "/v1/coordinators/sales/tasks", {
          method: "POST",
          json: { type: "deal-review", title: `Deal ${i}`, instructions: "Review it" },
        }),
        202,
      );
      expect(counts.has(routed.instanceId)).toBe(true);
      counts.set(routed.instanceId, (counts.get(routed.instanceId) ?? 0) + 1);
    }
    expect([...counts.values()]).toEqual([4, 4, 4]);
    // It did restart: its count of turns started again (twelve routings without a restart would leave 12).
    await new Promise((r) => setTimeout(r, 50));
    const turn = await runInDurableObject(coordinatorFor(env, "sales", who.customerId), (instance: CoordinatorDO) =>
      Reflect.get(instance, "turn"),
    );
    expect(turn).toBeLessThan(12);
    // The tasks are still being worked (aborts and retries included, the model's answers in each
    // agent's alarm): let every one finish before the file's environment closes.
    await customerIdle(who.customerId, 90_000);
  }, 120_000);
});
