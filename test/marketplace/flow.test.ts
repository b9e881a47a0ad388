import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { inject } from "vitest";
import { describe, expect, it } from "vitest";
import type { AgentSnapshot } from "../../src/agents/agent-types";
import type { AgentProfile, HireView } from "../../src/schemas/marketplace-views";
import worker from "../../src/index";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { admin, call, env, nth, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp, type TaskView } from "./helpers";

type Hire = HireView;
type Profile = AgentProfile;

const anthropic = () => inject("anthropicUrl");
const post = (json?: unknown) => ({ method: "POST", json });

describe("try, hire, task, rate: the whole flow through the API", () => {
  it("a trial does real work, converts to a hire, answers messages in order, and earns a reputation", async () => {
    const slug = unique("flow");
    await publish(listedDefinition(slug));
    const before = await jsonOf<Profile>(call(`/v1/agents/${slug}`), 200);
    const who = await signUp();

    const trial = await jsonOf<Hire>(as(who, "/v1/trials", post({ agent: slug })), 201);
    expect(trial).toMatchObject({ agent: slug, kind: "trial", status: "active", taskLimit: 3, tasksUsed: 0 });
    expect(trial.endsAt).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const agent = `agent-${trial.id}`;
    await scriptAnthropic(anthropic(), agent, [
      { kind: "tool", input: { action: "act", reason: "drafted the reply", output: "Dear Bob, sorry for the wait." } },
    ]);

    const task = await jsonOf<TaskView>(
      as(who, `/v1/hires/${trial.id}/tasks`, post({ title: "Reply to Bob", instructions: "Apologise for the delay" })),
      202,
    );
    expect(task.status).toBe("queued");
    const done = await settledTask(who, task.id);
    expect(done).toMatchObject({
      status: "done",
      output: { action: "act", summary: "drafted the reply", deliverable: "Dear Bob, sorry for the wait.", tier: "llm" },
    });
    expect(done.history.map((h) => h.kind)).toEqual(["created", "decided"]);
    expect(JSON.stringify((await anthropicRequests(anthropic(), agent))[0]?.body)).toContain("Apologise for the delay");

    const hire = await jsonOf<Hire>(as(who, `/v1/hires/${trial.id}/convert`, post()), 200);
    expect(hire).toMatchObject({ id: trial.id, kind: "hire", status: "active", taskLimit: null, endsAt: null });

    // Two messages at once: the second waits for the agent, it is not lost.
    await scriptAnthropic(anthropic(), agent, [
      { kind: "tool", input: { action: "act", reason: "shortened", output: "Sorry, Bob." }, delayMs: 200 },
      { kind: "tool", input: { action: "act", reason: "signed", output: "Sorry, Bob. Ana" } },
    ]);
    await jsonOf(as(who, `/v1/tasks/${task.id}/messages`, post({ text: "Make it shorter" })), 202);
    await jsonOf(as(who, `/v1/tasks/${task.id}/messages`, post({ text: "Sign it from Ana" })), 202);
    const answered = await settledTask(who, task.id, 2);
    expect(answered.messages.map((m) => [m.text, m.status, m.reply?.deliverable])).toEqual([
      ["Make it shorter", "answered", "Sorry, Bob."],
      ["Sign it from Ana", "answered", "Sorry, Bob. Ana"],
    ]);

    expect(await jsonOf(as(who, `/v1/tasks/${task.id}/rating`, post({ stars: 5, comment: "spot on" })), 200)).toMatchObject({
      rating: { stars: 5 },
    });
    await jsonOf(as(who, `/v1/hires/${trial.id}/review`, post({ stars: 4, text: "Quick and polite" })), 201);
    const twice = await as(who, `/v1/hires/${trial.id}/review`, post({ stars: 1, text: "again" }));
    expect(twice.status).toBe(409);

    const after = await jsonOf<Profile>(call(`/v1/agents/${slug}`), 200);
    expect(after).toMatchObject({
      rating: { average: 4.5, count: 2 },
      stats: { tasksFinished: 1, successRate: 1 },
      reviews: [{ stars: 4, text: "Quick and polite" }],
    });
    expect(after.stats.medianResponseMs).toBeGreaterThanOrEqual(0);
    expect(after.trustScore).toBeGreaterThan(before.trustScore);
  });

  it("limits a trial, refuses a second one, and keeps its outputs after it ends", async () => {
    const slug = unique("limits");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trial = await jsonOf<Hire>(as(who, "/v1/trials", post({ agent: slug })), 201);
    const tasks = [];
    for (let i = 0; i < 3; i++)
      tasks.push(await jsonOf<TaskView>(as(who, `/v1/hires/${trial.id}/tasks`, post({ title: `t${i}`, instructions: "do it" })), 202));
    const over = await as(who, `/v1/hires/${trial.id}/tasks`, post({ title: "t3", instructions: "do it" }));
    expect(over.status).toBe(409);
    expect(await over.json()).toMatchObject({ error: { code: "trial_task_limit" } });
    expect((await as(who, "/v1/trials", post({ agent: slug }))).status).toBe(409);
    await settledTask(who, nth(tasks).id);

    const ended = await jsonOf<Hire>(as(who, `/v1/hires/${trial.id}/cancel`, post()), 200);
    expect(ended).toMatchObject({ status: "ended", endReason: "cancelled" });
    const refused = await as(who, `/v1/hires/${trial.id}/tasks`, post({ title: "late", instructions: "do it" }));
    expect(await refused.json()).toMatchObject({ error: { code: "hire_not_active" } });
    expect((await settledTask(who, nth(tasks).id)).status).toBe("done"); // outputs are kept
    const snapshot = await jsonOf<AgentSnapshot>(admin(`/v1/admin/agents/agent-${trial.id}`), 200);
    expect(snapshot.state).toBe("retired"); // it takes no more of this customer's work
  });

  it("the cron ends trials whose time ran out", async () => {
    const slug = unique("expiry");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const trial = await jsonOf<Hire>(as(who, "/v1/trials", post({ agent: slug })), 201);
    await env.DB.prepare(`UPDATE hires SET ends_at = ? WHERE id = ?`)
      .bind(Date.now() - 1, trial.id)
      .run();
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.now() }), env, ctx);
    await waitOnExecutionContext(ctx);
    expect(await jsonOf<Hire>(as(who, `/v1/hires/${trial.id}`), 200)).toMatchObject({ status: "ended", endReason: "expired" });
  });

  it("rejects invalid bodies naming the field", async () => {
    const who = await signUp();
    const cases: [string, unknown, string][] = [
      ["/v1/trials", {}, "agent"],
      ["/v1/hires", { agent: "Not A Slug" }, "agent"],
      ["/v1/hires", { agent: unique("missing") }, "agent"],
    ];
    for (const [path, body, field] of cases) {
      const res = await as(who, path, post(body));
      expect(res.status, path).toBe(400);
      expect(await res.json()).toMatchObject({ error: { field } });
    }
    const slug = unique("bodies");
    await publish(listedDefinition(slug));
    const hire = await jsonOf<Hire>(as(who, "/v1/hires", post({ agent: slug })), 201);
    const task = await as(who, `/v1/hires/${hire.id}/tasks`, post({ title: "", instructions: "x" }));
    expect(await task.json()).toMatchObject({ error: { field: "title" } });
    const created = await jsonOf<TaskView>(as(who, `/v1/hires/${hire.id}/tasks`, post({ title: "ok", instructions: "x" })), 202);
    const rating = await as(who, `/v1/tasks/${created.id}/rating`, post({ stars: 6 }));
    expect(rating.status).toBe(400);
    expect(await rating.json()).toMatchObject({ error: { field: "stars" } });
  });
});

describe("hire lists", () => {
  it("show each hire's agent name, tasks used and whether it was reviewed", async () => {
    const [first, second] = [unique("list-a"), unique("list-b")];
    await publish(listedDefinition(first));
    await publish({
      ...listedDefinition(second),
      personality: { displayName: "Second Agent", tagline: "t", tone: "plain", languages: ["en"] },
    });
    const who = await signUp();
    const a = await jsonOf<Hire>(as(who, "/v1/trials", post({ agent: first })), 201);
    await jsonOf<Hire>(as(who, "/v1/hires", post({ agent: second })), 201);
    await jsonOf(as(who, `/v1/hires/${a.id}/tasks`, post({ title: "t", instructions: "i" })), 202);
    await jsonOf(as(who, `/v1/hires/${a.id}/review`, post({ stars: 5, text: "good" })), 201);
    const list = await jsonOf<{ items: (Hire & { agentName: string; reviewed: boolean })[] }>(as(who, "/v1/hires"), 200);
    expect(list.items.map((h) => [h.agent, h.agentName, h.tasksUsed, h.reviewed])).toEqual([
      [second, "Second Agent", 0, false],
      [first, "Test Triage", 1, true],
    ]);
  });
});
