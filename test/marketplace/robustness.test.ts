import { runInDurableObject } from "cloudflare:test";
import { CachedNotes } from "../../src/decisions/cache/cached-notes";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { CacheTier } from "../../src/decisions/cache/cache-tier";
import { LocalDecisionCache } from "../../src/decisions/cache/local-cache";
import { DecisionEngine } from "../../src/decisions/engine";
import { admin, customerIdle, env, eventually, nth, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, signUp, type TaskView } from "./helpers";

const post = (json?: unknown) => ({ method: "POST", json });

describe("marketplace robustness", () => {
  it("work still queued when a hire is cancelled is closed, not left waiting forever", async () => {
    const slug = unique("cancel");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const hire = await jsonOf<{ id: string }>(as(who, "/v1/hires", post({ agent: slug })), 201);
    const task = await jsonOf<TaskView>(as(who, `/v1/hires/${hire.id}/tasks`, post({ title: "t", instructions: "i" })), 202);
    // Cancel at once; whether the agent got to it first or not, nothing stays queued.
    await jsonOf(as(who, `/v1/hires/${hire.id}/cancel`, post()), 200);
    await new Promise((r) => setTimeout(r, 500));
    const after = await jsonOf<TaskView>(as(who, `/v1/tasks/${task.id}`), 200);
    expect(after.status).not.toBe("queued");
    if (after.status === "cancelled") expect(after.history.map((h) => h.kind)).toContain("cancelled");
  });

  it("a task too large to send is refused before anything is recorded", async () => {
    const slug = unique("big");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const hire = await jsonOf<{ id: string }>(as(who, "/v1/trials", post({ agent: slug })), 201);
    const res = await as(
      who,
      `/v1/hires/${hire.id}/tasks`,
      post({ title: "big", instructions: "é".repeat(20_000), inputs: { blob: "x".repeat(30_000) } }),
    );
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "instructions" } });
    expect(await jsonOf(as(who, `/v1/hires/${hire.id}`), 200)).toMatchObject({ tasksUsed: 0 });
  });

  it("concurrent requests cannot start two trials or exceed a trial's task limit", async () => {
    const slug = unique("race");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trials = await Promise.all([0, 1].map(() => as(who, "/v1/trials", post({ agent: slug }))));
    expect(trials.map((r) => r.status).sort()).toEqual([201, 409]);
    const trial = (await nth(trials.filter((r) => r.status === 201)).json()) as { id: string };
    const tasks = await Promise.all(
      Array.from({ length: 6 }, (_, i) => as(who, `/v1/hires/${trial.id}/tasks`, post({ title: `t${i}`, instructions: "i" }))),
    );
    expect(tasks.filter((r) => r.status === 202)).toHaveLength(3); // the listing allows 3
    expect(tasks.filter((r) => r.status === 409)).toHaveLength(3);
    const { n } = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM tasks WHERE hire_id = ?`).bind(trial.id).first<{ n: number }>()) ?? {
      n: -1,
    };
    expect(n).toBe(3);
  });

  it("an Idempotency-Key whose first request died can be used again after its lease", async () => {
    const slug = unique("lease");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const key = crypto.randomUUID();
    const body = JSON.stringify({ agent: slug });
    const { hashText } = await import("../../src/decisions/situation-key");
    await env.DB.prepare(`INSERT INTO idempotency_keys (caller, key, request_hash, created_at) VALUES (?, ?, ?, ?)`)
      .bind(`customer:${who.customerId}`, key, hashText(`POST /v1/hires\n${body}`), Date.now() - 120_000)
      .run();
    const res = await as(who, "/v1/hires", { method: "POST", body, headers: { "content-type": "application/json" }, idempotencyKey: key });
    expect(res.status).toBe(201);
  });

  it("a task whose event dead-letters shows failed, and a replay delivers it", async () => {
    const slug = unique("dlq-task");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const hire = await jsonOf<{ id: string }>(as(who, "/v1/hires", post({ agent: slug })), 201);
    const agent = env.AGENT.get(env.AGENT.idFromName(`agent-${hire.id}`));
    await runInDurableObject(agent, (instance: AgentDO, state) => {
      const boom = () => {
        throw new Error("model store unavailable");
      };
      const failing = new DecisionEngine([{ name: "rules", decide: boom, decideLocally: boom }]);
      instance["engine"] = {
        engine: failing,
        cache: new CacheTier(new LocalDecisionCache(state.storage.sql), undefined, "test", 60, new CachedNotes(fieldCipher(env))),
        asksModel: false,
      };
    });
    const task = await jsonOf<TaskView>(as(who, `/v1/hires/${hire.id}/tasks`, post({ title: "t", instructions: "i" })), 202);
    const failed = await eventually(async () => {
      const t = await jsonOf<TaskView>(as(who, `/v1/tasks/${task.id}`), 200);
      return t.status === "failed" ? t : undefined;
    });
    expect(failed.output?.summary).toMatch(/could not be delivered to the agent \(.*model store unavailable/);

    await runInDurableObject(agent, (instance: AgentDO) => {
      instance["engine"] = undefined;
    });
    const row = await env.DB.prepare(`SELECT event_id FROM tasks WHERE id = ?`).bind(task.id).first<{ event_id: string }>();
    const letters = await jsonOf<{ items: { id: string; eventId: string }[] }>(admin("/v1/admin/dlq?limit=200"), 200);
    const letter = letters.items.find((l) => l.eventId === row?.event_id);
    expect((await admin(`/v1/admin/dlq/${letter?.id}/replay`, { method: "POST" })).status).toBe(202);
    const done = await eventually(async () => {
      const t = await jsonOf<TaskView>(as(who, `/v1/tasks/${task.id}`), 200);
      return t.status === "done" ? t : undefined;
    });
    expect(done.output).toMatchObject({ action: "act", tier: "llm" });
    await customerIdle(who.customerId);
  });
});
