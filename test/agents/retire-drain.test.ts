import { beforeAll, describe, expect, it } from "vitest";
import type { AgentSnapshot } from "../../src/schemas/agent-views";
import type { WakeResult } from "../../src/schemas/decision";
import { unwrap } from "../../src/agents/agent-ref";
import { admin, customerMessage, env, eventually, unique } from "../helpers";
import { as, jsonOf, type SignedUp, signUp, type TaskView } from "../marketplace/helpers";
import { routeMessages } from "../../src/organisation/routing";
import { scriptAnthropic } from "../servers/control";
import { anthropicUrl } from "../decisions/llm-helpers";
import {
  accountExecutive,
  chainOf,
  contentMarketer,
  ensurePublished,
  finishedTask,
  giveTask,
  hire,
  QUALIFIED_LEAD,
} from "../organisation/helpers";

const AE = accountExecutive();
const CONTENT = contentMarketer();
/** A deal an account executive plans (its rule acts on kind `plan-close`). */
const DEAL = { ...QUALIFIED_LEAD, kind: "plan-close" };

const snapshotOf = (id: string) => jsonOf<AgentSnapshot>(admin(`/v1/admin/agents/${id}`), 200);
const retire = (id: string, json?: unknown) =>
  jsonOf<AgentSnapshot>(admin(`/v1/admin/agents/${id}/retire`, { method: "POST", ...(json === undefined ? {} : { json }) }), 200);
const taskOf = (who: SignedUp, taskId: string) => jsonOf<TaskView>(as(who, `/v1/tasks/${taskId}`), 200);

/** An account executive, paused, holding `n` of the customer's tasks in its inbox. */
async function pausedWithTasks(who: SignedUp, n: number): Promise<{ instanceId: string; hireId: string; tasks: string[] }> {
  const a = await hire(who, AE.slug);
  expect((await admin(`/v1/admin/agents/${a.instanceId}/pause`, { method: "POST" })).status).toBe(200);
  const tasks: string[] = [];
  for (let i = 0; i < n; i++) tasks.push(await giveTask(who, a.id, DEAL));
  await eventually(async () => ((await snapshotOf(a.instanceId)).inboxSize === n ? true : undefined));
  return { instanceId: a.instanceId, hireId: a.id, tasks };
}

/** Waits for the agent to be retired, and returns it. */
const retired = (id: string) =>
  eventually(async () => {
    const s = await snapshotOf(id);
    return s.state === "retired" ? s : undefined;
  });

async function refusesNewWork(who: SignedUp, hireId: string): Promise<void> {
  const refused = await as(who, `/v1/hires/${hireId}/tasks`, { method: "POST", json: { title: "More", instructions: "x", inputs: DEAL } });
  expect(refused.status).toBe(409);
  expect(await refused.json()).toMatchObject({ error: { code: "agent_retired" } });
}

describe("retiring an agent with work in flight", () => {
  beforeAll(async () => {
    await ensurePublished(AE, CONTENT);
  });

  it("hands its tasks to a peer through the coordinator, shows the drain, then retires and refuses new tasks", async () => {
    const who = await signUp();
    const a = await pausedWithTasks(who, 2);
    const peer = await hire(who, AE.slug);

    const retiring = await retire(a.instanceId);
    expect(retiring.state).toBe("retiring");
    expect(retiring.drain).toMatchObject({ remaining: 2, rerouted: 2, handedBack: 0, endedAt: null });
    // The tasks it held are handed on, not worked twice: its inbox no longer has them.
    expect(retiring.inboxSize).toBe(0);
    await refusesNewWork(who, a.hireId);

    for (const taskId of a.tasks) {
      const task = await finishedTask(who, taskId);
      expect(task.status).toBe("done");
      expect(task.history.map((h) => h.kind)).toContain("handed-back");
      const chain = await chainOf(who, taskId);
      expect(chain.messages[0]).toMatchObject({
        type: "handoff",
        from: { instanceId: a.instanceId },
        to: { instanceId: peer.instanceId },
        reason: `${a.instanceId} is retiring`,
      });
    }
    const done = await retired(a.instanceId);
    expect(done.drain).toMatchObject({ remaining: 0, rerouted: 2, endedAt: expect.any(Number) });
    const row = await env.DB.prepare(`SELECT state FROM agent_instances WHERE id = ?`).bind(a.instanceId).first<{ state: string }>();
    expect(row?.state).toBe("retired");
    await refusesNewWork(who, a.hireId);
  });

  it("finishes the tasks it holds when no peer can take them, then retires", async () => {
    const who = await signUp();
    const a = await pausedWithTasks(who, 1);
    const retiring = await retire(a.instanceId);
    expect(retiring).toMatchObject({ state: "retiring", drain: { remaining: 1, finished: 0, rerouted: 0 } });
    // An event that reaches it after it began retiring is refused: it takes no new work.
    const late = { ...customerMessage(who.customerId), id: unique("evt"), traceId: "t", receivedAt: Date.now(), payload: {} };
    const stub = env.AGENT.get(env.AGENT.idFromName(a.instanceId));
    expect(unwrap<WakeResult>(await stub.wake(late)).outcome).toBe("refused");
    const task = await finishedTask(who, a.tasks[0] ?? "");
    expect(task.status).toBe("done");
    const done = await retired(a.instanceId);
    expect(done.drain).toMatchObject({ remaining: 0, finished: 1, handedBack: 0, rerouted: 0, endedAt: expect.any(Number) });
  });

  it("without a peer and with no time to drain, cancels the customer's tasks visibly, with the reason", async () => {
    const who = await signUp();
    const a = await pausedWithTasks(who, 2);
    const done = await retire(a.instanceId, { drainSeconds: 0 });
    expect(done).toMatchObject({ state: "retired", inboxSize: 0, drain: { remaining: 0, handedBack: 2, rerouted: 0 } });
    for (const taskId of a.tasks) {
      const task = await taskOf(who, taskId);
      expect(task.status).toBe("cancelled");
      expect(task.output).toMatchObject({
        summary: expect.stringContaining(`the agent ${a.instanceId} was retired before it could work on this`),
      });
      expect(task.history.map((h) => h.kind)).toContain("cancelled");
    }
    await refusesNewWork(who, a.hireId);
  });

  it("retires an agent with nothing in flight at once, as before", async () => {
    const who = await signUp();
    const a = await hire(who, AE.slug);
    const done = await retire(a.instanceId);
    expect(done).toMatchObject({ state: "retired", drain: null });
    const bad = await admin(`/v1/admin/agents/${a.instanceId}/retire`, { method: "POST", json: { drainSeconds: -1 } });
    expect(bad.status).toBe(400);
  });

  it("waits for the answer to a request it made, takes it though it is retiring, and finishes the task", async () => {
    const who = await signUp();
    const c = await hire(who, CONTENT.slug);
    // The content marketer asked an SEO specialist for an audit and waits for it (the chain as it stands mid-way).
    const [taskId, requestId, now] = [unique("tsk"), unique("msg"), Date.now()];
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO tasks (id, hire_id, customer_id, slug, instance_id, title, instructions, inputs, status, event_id, created_at)
         VALUES (?, ?, ?, ?, ?, 'Review', 'Review the draft', '{"kind":"review-draft"}', 'delegated', ?, ?)`,
      ).bind(taskId, c.id, who.customerId, CONTENT.slug, c.instanceId, unique("evt"), now),
      env.DB.prepare(
        `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, from_instance, to_role, to_instance,
           status, attempt, event_id, payload, created_at, updated_at)
         VALUES (?, 'request', ?, ?, ?, 't', 'content-marketing', ?, 'seo', 'seo-elsewhere', 'sent', 1, ?, '{}', ?, ?)`,
      ).bind(requestId, taskId, who.customerId, taskId, c.instanceId, `${requestId}.1`, now, now),
    ]);
    const retiring = await retire(c.instanceId);
    expect(retiring).toMatchObject({ state: "retiring", drain: { remaining: 1 } });
    // Its inbox is empty, but the answer is on its way: it keeps waiting past the in-transit grace.
    await new Promise((r) => setTimeout(r, 5_000));
    expect((await snapshotOf(c.instanceId)).state).toBe("retiring");

    // The SEO specialist answers: the result goes back to the retiring agent, which takes it and finishes.
    const resultId = unique("res");
    await env.DB.batch([
      env.DB.prepare(`UPDATE agent_messages SET status = 'done' WHERE id = ?`).bind(requestId),
      env.DB.prepare(
        `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, from_instance, to_role, to_instance,
           status, attempt, payload, created_at, updated_at)
         VALUES (?, 'result', ?, ?, ?, 't', 'seo', 'seo-elsewhere', 'content-marketing', ?, 'routing', 1, '{"deliverable":"audit"}', ?, ?)`,
      ).bind(resultId, taskId, who.customerId, requestId, c.instanceId, now, now),
    ]);
    await routeMessages(env, [resultId]);
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    const done = await retired(c.instanceId);
    expect(done.drain).toMatchObject({ remaining: 0, finished: 1, handedBack: 0 });
  });

  it("when its time runs out while it works, finishes the task in hand and hands back the rest", async () => {
    const who = await signUp();
    const a = await hire(who, AE.slug);
    // No rule of its answers these: each goes to the model, which takes longer than the drain may.
    const slow = { kind: "tool" as const, input: { action: "act", reason: "answered, slowly" }, delayMs: 2_500 };
    await scriptAnthropic(anthropicUrl(), a.instanceId, [slow, slow]);
    expect((await admin(`/v1/admin/agents/${a.instanceId}/pause`, { method: "POST" })).status).toBe(200);
    const tasks = [await giveTask(who, a.id, { kind: "open-question", n: 1 }), await giveTask(who, a.id, { kind: "open-question", n: 2 })];
    await eventually(async () => ((await snapshotOf(a.instanceId)).inboxSize === 2 ? true : undefined));

    expect(await retire(a.instanceId, { drainSeconds: 1 })).toMatchObject({ state: "retiring", drain: { remaining: 2 } });
    const done = await retired(a.instanceId);
    expect(done.drain).toMatchObject({ remaining: 0, finished: 1, handedBack: 1, rerouted: 0 });
    expect((await taskOf(who, tasks[0] ?? "")).status).toBe("done");
    expect(await taskOf(who, tasks[1] ?? "")).toMatchObject({
      status: "cancelled",
      output: { summary: expect.stringContaining("was retired before it could work on this") },
    });
  });

  it("re-routes a handoff still awaiting its ack to a peer, noting why in the chain", async () => {
    const who = await signUp();
    const [a, peer] = [await hire(who, AE.slug), await hire(who, AE.slug)];
    // A handoff sent to it that it has not acknowledged yet (its event still on the way).
    const [taskId, messageId, now] = [unique("tsk"), unique("msg"), Date.now()];
    await env.DB.batch([
      env.DB.prepare(
        `INSERT INTO tasks (id, hire_id, customer_id, slug, instance_id, title, instructions, inputs, status, event_id, created_at)
         VALUES (?, ?, ?, ?, ?, 'Close it', 'Plan the close', ?, 'delegated', ?, ?)`,
      ).bind(taskId, a.id, who.customerId, AE.slug, a.instanceId, JSON.stringify(DEAL), unique("evt"), now),
      env.DB.prepare(
        `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, from_instance, to_role, to_instance,
           status, attempt, event_id, payload, deadline, created_at, updated_at)
         VALUES (?, 'handoff', ?, ?, ?, 't', 'sdr', NULL, 'account-executive', ?, 'sent', 1, ?, '{"kind":"plan-close"}', ?, ?, ?)`,
      ).bind(messageId, taskId, who.customerId, taskId, a.instanceId, `${messageId}.1`, now + 600_000, now, now),
    ]);
    const retiring = await retire(a.instanceId);
    expect(retiring.drain).toMatchObject({ remaining: 1, rerouted: 1 });
    const task = await finishedTask(who, taskId);
    expect(task.status).toBe("done");
    const chain = await chainOf(who, taskId);
    expect(chain.messages.find((m) => m.id === messageId)).toMatchObject({ attempt: 2, to: { instanceId: peer.instanceId } });
    expect(chain.messages.find((m) => m.type === "inform")?.reason).toBe(`re-routing: ${a.instanceId} is retiring`);
    // Its delivery, should it still arrive, is not worked: the handoff is the peer's now.
    const stale = unwrap<WakeResult>(
      await env.AGENT.get(env.AGENT.idFromName(a.instanceId)).wake({
        ...customerMessage(who.customerId),
        id: `${messageId}.1`,
        traceId: "t",
        receivedAt: now,
        payload: {},
      }),
    );
    expect(stale).toMatchObject({ duplicate: true, outcome: "discarded" });
    expect((await retired(a.instanceId)).drain).toMatchObject({ remaining: 0, rerouted: 1 });
  });

  it("a customer who cancels the hire of a retiring agent ends the drain: retired at once, the task closed with the hire", async () => {
    const who = await signUp();
    const a = await hire(who, AE.slug);
    await scriptAnthropic(anthropicUrl(), a.instanceId, [{ kind: "tool", input: { action: "act", reason: "too late" }, delayMs: 1_000 }]);
    expect((await admin(`/v1/admin/agents/${a.instanceId}/pause`, { method: "POST" })).status).toBe(200);
    const taskId = await giveTask(who, a.id, { kind: "open-question" });
    await eventually(async () => ((await snapshotOf(a.instanceId)).inboxSize === 1 ? true : undefined));
    expect((await retire(a.instanceId)).state).toBe("retiring");

    expect((await as(who, `/v1/hires/${a.id}/cancel`, { method: "POST" })).status).toBe(200);
    expect((await snapshotOf(a.instanceId)).state).toBe("retired");
    // As when any hire ends: the task it never worked fails visibly, saying why.
    expect(await taskOf(who, taskId)).toMatchObject({
      status: "failed",
      output: { summary: "the hire ended before the agent could work on it" },
    });
    // The model's late answer (it was asked before the hire ended) is not acted on.
    await new Promise((r) => setTimeout(r, 1_200));
    expect((await jsonOf<{ items: unknown[] }>(admin(`/v1/admin/agents/${a.instanceId}/decisions`), 200)).items).toEqual([]);
  });
});
