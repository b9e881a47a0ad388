import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/agents/agent-ref";
import type { AgentSnapshot } from "../../src/agents/agent-types";
import { customerIdle, env, nth, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp, type TaskView } from "./helpers";

const post = (json?: unknown) => ({ method: "POST", json });

describe("tenant isolation", () => {
  it("a customer probing another's hire, task, message and key ids gets 404 everywhere, and nothing changes", async () => {
    const slug = unique("tenants");
    await publish(listedDefinition(slug));
    const alice = await signUp("Alice Co");
    const bob = await signUp("Bob Co");

    const trial = await jsonOf<{ id: string }>(as(alice, "/v1/trials", post({ agent: slug })), 201);
    const task = await jsonOf<TaskView>(
      as(alice, `/v1/hires/${trial.id}/tasks`, post({ title: "Private", instructions: "Alice's secret plan" })),
      202,
    );
    await jsonOf(as(alice, `/v1/tasks/${task.id}/messages`, post({ text: "for Alice only" })), 202);
    const before = await settledTask(alice, task.id, 1);
    const aliceKeys = await jsonOf<{ items: { id: string }[] }>(as(alice, "/v1/customers/me/keys"), 200);
    const keyId = nth(aliceKeys.items).id;

    const probes: [string, string, unknown?][] = [
      ["GET", `/v1/hires/${trial.id}`],
      ["GET", `/v1/hires/${trial.id}/tasks`],
      ["POST", `/v1/hires/${trial.id}/tasks`, { title: "x", instructions: "y" }],
      ["POST", `/v1/hires/${trial.id}/convert`],
      ["POST", `/v1/hires/${trial.id}/cancel`],
      ["POST", `/v1/hires/${trial.id}/review`, { stars: 1, text: "spam" }],
      ["GET", `/v1/tasks/${task.id}`],
      ["POST", `/v1/tasks/${task.id}/messages`, { text: "hi" }],
      ["POST", `/v1/tasks/${task.id}/rating`, { stars: 1 }],
      ["DELETE", `/v1/customers/me/keys/${keyId}`],
    ];
    for (const [method, path, json] of probes) {
      const foreign = await as(bob, path, { method, json });
      expect(foreign.status, `${method} ${path}`).toBe(404);
      // Indistinguishable from an id that does not exist at all.
      const missing = await as(bob, path.replace(trial.id, "hir_missing").replace(task.id, "tsk_missing").replace(keyId, "key_missing"), {
        method,
        json,
      });
      expect(missing.status, `${method} ${path} (missing)`).toBe(404);
      expect(((await foreign.json()) as { error: { code: string } }).error.code).toBe(
        ((await missing.json()) as { error: { code: string } }).error.code,
      );
    }
    expect((await jsonOf<{ items: unknown[] }>(as(bob, "/v1/hires"), 200)).items).toEqual([]);

    const after = await jsonOf<TaskView & { messages: unknown[] }>(as(alice, `/v1/tasks/${task.id}`), 200);
    expect(after).toEqual(before);
    expect(await jsonOf(as(alice, `/v1/hires/${trial.id}`), 200)).toMatchObject({ kind: "trial", status: "active", tasksUsed: 1 });
    expect((await as(alice, "/v1/customers/me")).status).toBe(200);
    const reviews = await env.DB.prepare(`SELECT COUNT(*) AS n FROM reviews WHERE hire_id = ?`).bind(trial.id).first<{ n: number }>();
    expect(reviews?.n).toBe(0);
  });

  it("keeps each customer's agent context apart", async () => {
    const slug = unique("context");
    await publish(listedDefinition(slug));
    const [alice, bob] = [await signUp(), await signUp()];
    const a = await jsonOf<{ id: string }>(as(alice, "/v1/hires", post({ agent: slug })), 201);
    const b = await jsonOf<{ id: string }>(as(bob, "/v1/hires", post({ agent: slug })), 201);
    const ta = await jsonOf<TaskView>(as(alice, `/v1/hires/${a.id}/tasks`, post({ title: "Alice task", instructions: "a" })), 202);
    await settledTask(alice, ta.id);
    const agentB = env.AGENT.get(env.AGENT.idFromName(`agent-${b.id}`));
    const snapshot = unwrap<AgentSnapshot>(await agentB.snapshot());
    expect(snapshot.customerId).toBe(bob.customerId);
    expect(snapshot.context.recentEvents).toEqual([]); // Alice's task never reached Bob's agent
    await customerIdle(alice.customerId);
  });
});
