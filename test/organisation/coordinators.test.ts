import { beforeAll, describe, expect, it } from "vitest";
import { call, env, nth } from "../helpers";
import { as, jsonOf, signUp } from "../marketplace/helpers";
import { accountExecutive, chainOf, ensurePublished, finishedTask, giveTask, hire, QUALIFIED_LEAD, sdr } from "./helpers";
import { sweepHandoffs } from "../../src/organisation/sweep";
import { organisationWakeExtension } from "../../src/organisation/wake-extension";

const SDR = sdr();
const AE = accountExecutive();
const post = (json: unknown) => ({ method: "POST", json });

describe("coordinators route by the RACI matrix", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE);
  });

  it("publishes each CoE's matrix", async () => {
    const all = await jsonOf<{ items: { coe: string }[] }>(call("/v1/coordinators"), 200);
    expect(all.items.map((m) => m.coe)).toEqual(["marketing", "sales", "support"]);
    const sales = await jsonOf<{ tasks: Record<string, { responsible: string }> }>(call("/v1/coordinators/sales"), 200);
    expect(sales.tasks["inbound-lead"]).toMatchObject({ responsible: "sdr", accountable: "account-executive" });
    const bad = await call("/v1/coordinators/finance");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "coe" } });
  });

  it("a task given to the sales coordinator reaches the specialist the matrix names", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    await hire(who, AE.slug);
    const routed = await jsonOf<{ instanceId: string; hireId: string; taskId: string; raci: { responsible: string } }>(
      as(
        who,
        "/v1/coordinators/sales/tasks",
        post({ type: "inbound-lead", title: "New lead", instructions: "Qualify it", inputs: QUALIFIED_LEAD }),
      ),
      202,
    );
    expect(routed).toMatchObject({ hireId: s.id, instanceId: s.instanceId, raci: { responsible: "sdr" } });
    // The SDR's rule then hands the qualified lead on: the whole chain ran from one request.
    const task = await finishedTask(who, routed.taskId);
    expect(task.status).toBe("done");
    expect((await chainOf(who, routed.taskId)).holders.map((h) => h.role)).toEqual(["sdr", "account-executive"]);
  });

  it("three instances of one specialization share ten tasks evenly", async () => {
    const who = await signUp();
    const aes = [await hire(who, AE.slug), await hire(who, AE.slug), await hire(who, AE.slug)];
    const counts = new Map(aes.map((a) => [a.instanceId, 0]));
    for (let i = 0; i < 10; i++) {
      const routed = await jsonOf<{ instanceId: string }>(
        as(who, "/v1/coordinators/sales/tasks", post({ type: "deal-review", title: `Deal ${i}`, instructions: "Review it" })),
        202,
      );
      counts.set(routed.instanceId, (counts.get(routed.instanceId) ?? 0) + 1);
    }
    expect([...counts.values()].sort()).toEqual([3, 3, 4]);
  });

  it("skips paused agents, and says which listing to hire when nobody can take the task", async () => {
    const who = await signUp();
    const [first, second] = [await hire(who, AE.slug), await hire(who, AE.slug)];
    expect(
      (await call(`/v1/admin/agents/${first.instanceId}/pause`, { method: "POST", headers: { authorization: "Bearer test-admin-token" } }))
        .status,
    ).toBe(200);
    for (let i = 0; i < 3; i++) {
      const routed = await jsonOf<{ instanceId: string }>(
        as(who, "/v1/coordinators/sales/tasks", post({ type: "deal-review", title: "Deal", instructions: "Review it" })),
        202,
      );
      expect(routed.instanceId).toBe(second.instanceId);
    }
    const none = await signUp();
    const refused = await as(none, "/v1/coordinators/sales/tasks", post({ type: "deal-review", title: "Deal", instructions: "Review it" }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "needs_hire", field: "type" } });
    const unknown = await as(none, "/v1/coordinators/sales/tasks", post({ type: "world-domination", title: "x", instructions: "y" }));
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_task_type", field: "type" } });
  });
});

describe("re-routing", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE);
  });

  /** Makes the D1 mirror say `active` while the agent itself is not: the coordinator's view is stale. */
  const staleActive = (instanceId: string) =>
    env.DB.prepare("UPDATE agent_instances SET state = 'active' WHERE id = ?").bind(instanceId).run();
  const adminPost = (path: string) => call(path, { method: "POST", headers: { authorization: "Bearer test-admin-token" } });

  /** Two AEs where the coordinator's first pick (the lower instance id) is `first`. */
  async function twoAccountExecutives(who: Awaited<ReturnType<typeof signUp>>) {
    const hired = [await hire(who, AE.slug), await hire(who, AE.slug)].sort((a, b) => (a.instanceId < b.instanceId ? -1 : 1));
    return { first: nth(hired, 0), second: nth(hired, 1) };
  }

  it("a paused receiver sends the handoff back to the coordinator, which picks another", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    const { first, second } = await twoAccountExecutives(who);
    expect((await adminPost(`/v1/admin/agents/${first.instanceId}/pause`)).status).toBe(200);
    await staleActive(first.instanceId);

    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    const chain = await chainOf(who, taskId);
    expect(chain.messages.map((m) => m.type)).toEqual(["handoff", "inform", "ack"]);
    expect(chain.messages[0]).toMatchObject({
      attempt: 2,
      to: { instanceId: second.instanceId },
      payload: expect.objectContaining({ exclude: [s.instanceId, first.instanceId] }),
    });
    expect(chain.messages[1]?.reason).toBe(`re-routing: ${first.instanceId} is paused`);
    expect(chain.holders.map((h) => h.instanceId)).toEqual([s.instanceId, second.instanceId]);
  });

  it("a retired receiver that never answers is re-routed at the deadline; past the last attempt a person is asked", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    const { first, second } = await twoAccountExecutives(who);
    // Retired, but the coordinator's records still say active: the handoff goes nowhere.
    expect((await adminPost(`/v1/admin/agents/${first.instanceId}/retire`)).status).toBe(200);
    await staleActive(first.instanceId);
    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);
    const sent = await eventuallySent(who, taskId, first.instanceId);
    expect(sent.deadline).toBeGreaterThan(Date.now());

    // The cron runs after the deadline: the coordinator picks the other AE, who finishes.
    const report = await sweepHandoffs(env, (sent.deadline ?? 0) + 1);
    expect(report.rerouted).toBeGreaterThanOrEqual(1);
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    const chain = await chainOf(who, taskId);
    expect(chain.messages[0]).toMatchObject({ attempt: 2, to: { instanceId: second.instanceId } });
    expect(chain.messages.find((m) => m.type === "inform")?.reason).toBe(
      `re-routing: ${first.instanceId} did not acknowledge by the deadline`,
    );

    // A handoff that exhausted its attempts is escalated instead.
    const other = await signUp();
    const s2 = await hire(other, SDR.slug);
    const lone = await hire(other, AE.slug);
    expect((await adminPost(`/v1/admin/agents/${lone.instanceId}/retire`)).status).toBe(200);
    await staleActive(lone.instanceId);
    const stuckId = await giveTask(other, s2.id, QUALIFIED_LEAD);
    const stuck = await eventuallySent(other, stuckId, lone.instanceId);
    await env.DB.prepare("UPDATE agent_messages SET attempt = 3 WHERE id = ?").bind(stuck.id).run();
    await sweepHandoffs(env, (stuck.deadline ?? 0) + 1);
    const escalated = await finishedTask(other, stuckId);
    expect(escalated.status).toBe("needs_human");
    expect(escalated.output?.summary).toBe(`escalated: ${lone.instanceId} did not acknowledge by the deadline (attempt 3 of 3)`);
  });
});

async function eventuallySent(who: Awaited<ReturnType<typeof signUp>>, taskId: string, instanceId: string) {
  const { eventually } = await import("../helpers");
  return eventually(async () => {
    const chain = await chainOf(who, taskId);
    const m = chain.messages.find((x) => x.type === "handoff" && x.status === "sent" && x.to.instanceId === instanceId);
    return m ?? undefined;
  });
}

describe("when no hired agent can take a handoff", () => {
  beforeAll(async () => {
    await ensurePublished(SDR, AE);
  });
  const adminPost = (path: string) => call(path, { method: "POST", headers: { authorization: "Bearer test-admin-token" } });

  it("a customer whose only account executive is paused is told so, not told to hire one", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    const a = await hire(who, AE.slug);
    expect((await adminPost(`/v1/admin/agents/${a.instanceId}/pause`)).status).toBe(200);
    const task = await finishedTask(who, await giveTask(who, s.id, QUALIFIED_LEAD));
    expect(task.status).toBe("needs_human");
    expect(task.output?.summary).toBe("needs_human: none of your account-executive agents can take it now (1 paused)");
    const refused = await as(who, "/v1/coordinators/sales/tasks", post({ type: "deal-review", title: "Deal", instructions: "Review it" }));
    expect(refused.status).toBe(409);
    expect(await refused.json()).toMatchObject({ error: { code: "no_agent_available" } });
  });

  it("a handoff whose event dead-letters goes to a person; replaying it puts the task back in the chain", async () => {
    const who = await signUp();
    const s = await hire(who, SDR.slug);
    const a = await hire(who, AE.slug);
    // Retired, but still active in the records: the handoff is sent and goes nowhere.
    expect((await adminPost(`/v1/admin/agents/${a.instanceId}/retire`)).status).toBe(200);
    await env.DB.prepare("UPDATE agent_instances SET state = 'active' WHERE id = ?").bind(a.instanceId).run();
    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);
    const sent = await eventuallySent(who, taskId, a.instanceId);
    const eventId = `${sent.id}.1`;

    const dead = organisationWakeExtension.eventsDeadLettered?.(env.DB, [{ eventId, error: "agent unreachable" }]);
    await env.DB.batch(dead?.statements ?? []);
    const escalated = await jsonOf<{ status: string; output: { summary: string } }>(as(who, `/v1/tasks/${taskId}`), 200);
    expect(escalated).toMatchObject({
      status: "needs_human",
      output: { summary: "the handoff could not be delivered: agent unreachable" },
    });
    const chain = await chainOf(who, taskId);
    expect(chain.messages.map((m) => [m.type, m.status])).toEqual([
      ["handoff", "escalated"],
      ["escalate", "escalated"],
    ]);
    // Nothing else dead-lettered adds anything.
    expect(organisationWakeExtension.eventsDeadLettered?.(env.DB, [{ eventId: "evt_github_1", error: "x" }]).statements).toEqual([]);

    const replay = organisationWakeExtension.eventReplayed?.(env.DB, eventId);
    await env.DB.batch(replay?.statements ?? []);
    const back = await chainOf(who, taskId);
    expect(back.status).toBe("delegated");
    expect(back.messages[0]).toMatchObject({ status: "sent" });
    expect(back.messages[0]?.deadline).toBeGreaterThan(Date.now());
  });
});
