import { describe, expect, it } from "vitest";
import { type FaultPlan, fires } from "../../src/resilience/faults";
import { as, jsonOf, signUp } from "../marketplace/helpers";
import { accountExecutive, ensurePublished, hire } from "../organisation/helpers";
import type { AgentDO } from "../../durable-objects/agent";
import type { OneAtATime } from "../../src/agents/one-at-a-time";
import { runInDurableObject } from "cloudflare:test";
import { call, env, eventually } from "../helpers";
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
    const taskIds: string[] = [];
    for (let i = 0; i < 12; i++) {
      const routed = await jsonOf<{ instanceId: string; taskId: string }>(
        as(who, "/v1/coordinators/sales/tasks", {
          method: "POST",
          json: { type: "deal-review", title: `Deal ${i}`, instructions: "Review it" },
        }),
        202,
      );
      expect(counts.has(routed.instanceId)).toBe(true);
      taskIds.push(routed.taskId);
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
    // agent's alarm): let every one finish, and the alarm run that finished it end, so nothing of
    // this file is in flight when its environment closes. Work that outlives the file resumes
    // into a closed module runner and fails the run ("Closing rpc while resolve was pending");
    // events being `delivered` is not enough, since an agent decides by the model in its alarm
    // after it took the event. One deadline for all of it, inside the test's own.
    await eventually(async () => {
      const row = await env.DB.prepare(
        `SELECT count(*) AS n FROM tasks WHERE id IN (SELECT value FROM json_each(?)) AND status IN ('queued', 'delegated')`,
      )
        .bind(JSON.stringify(taskIds))
        .first<{ n: number }>();
      const events = await env.DB.prepare(`SELECT count(*) AS n FROM events WHERE customer_id = ? AND status NOT IN ('delivered', 'dead')`)
        .bind(who.customerId)
        .first<{ n: number }>();
      return row?.n === 0 && events?.n === 0 ? true : undefined;
    }, 90_000);
    for (const ae of aes)
      await runInDurableObject(env.AGENT.get(env.AGENT.idFromName(ae.instanceId)), (instance: AgentDO) =>
        (Reflect.get(instance, "alarmRuns") as OneAtATime).settled(),
      );
  }, 120_000);
});
