import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { inject } from "vitest";
import { WaooawApiError } from "@waooaw/client";
import { describe, expect, it } from "vitest";
import type { AgentSnapshot } from "../../src/agents/agent-types";
import type { AgentProfile, HireView } from "../../src/schemas/marketplace-views";
import worker from "../../src/index";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { admin, clientOf, customerIdle, env, nth, unique } from "../helpers";
import { as, followVerificationLink, jsonOf, listedDefinition, publish, settledTask, signUp, type TaskView } from "./helpers";

type Hire = HireView;
type Profile = AgentProfile;

const anthropic = () => inject("anthropicUrl");
const post = (json?: unknown) => ({ method: "POST", json });

describe("try, hire, task, rate: the whole flow through the API", () => {
  it("a customer's flow through @waooaw/client: sign up, search, try, task, convert, message, rate, review", async () => {
    const slug = unique("flow");
    const other = unique("flow-other");
    await publish(listedDefinition(slug));
    await publish(listedDefinition(other));
    const anonymous = clientOf();
    const before = (await anonymous.getAgent({ path: { ref: slug } })) as Profile;
    const email = `ops@${unique("acme")}.example`;
    const signedUp = await anonymous.signUp({ body: { name: "Acme", email } });
    expect(signedUp.apiKey.key).toMatch(/^wk_/);
    expect(signedUp.customer.emailVerifiedAt).toBeNull();
    // The link from the e-mail (the local e-mail server has it), as the customer would follow it.
    await followVerificationLink(email);
    const who = { customerId: signedUp.customer.id, key: signedUp.apiKey.key ?? "" };
    const waooaw = clientOf(who.key);
    expect(await waooaw.getMe()).toMatchObject({ id: who.customerId, name: "Acme" });

    // Search, a page of one at a time: the iterator follows nextCursor until both listings are seen.
    const seen: string[] = [];
    for await (const card of waooaw.paginate("listAgents", { query: { coe: "support", limit: 1 } })) seen.push(card.slug);
    expect(seen).toEqual(expect.arrayContaining([slug, other]));
    expect(new Set(seen).size).toBe(seen.length);

    const trial = await waooaw.createTrial({ body: { agent: slug } });
    expect(trial).toMatchObject({ agent: slug, kind: "trial", status: "active", taskLimit: 3, tasksUsed: 0 });
    expect(trial.endsAt).toBeGreaterThan(Date.now() + 6 * 86_400_000);
    const agent = `agent-${trial.id}`;
    await scriptAnthropic(anthropic(), agent, [
      { kind: "tool", input: { action: "act", reason: "drafted the reply", output: "Dear Bob, sorry for the wait." } },
    ]);

    const task = await waooaw.createTask({
      path: { id: trial.id },
      body: { title: "Reply to Bob", instructions: "Apologise for the delay" },
    });
    expect(task.status).toBe("queued");
    const done = await waooaw.waitForTask(task.id, { timeoutMs: 20_000, intervalMs: 50 });
    expect(done).toMatchObject({
      status: "done",
      output: { action: "act", summary: "drafted the reply", deliverable: "Dear Bob, sorry for the wait.", tier: "llm" },
    });
    expect(done.history.map((h) => h.kind)).toEqual(["created", "decided"]);
    expect(JSON.stringify((await anthropicRequests(anthropic(), agent))[0]?.body)).toContain("Apologise for the delay");

    const hire = await waooaw.convertTrial({ path: { id: trial.id } });
    expect(hire).toMatchObject({ id: trial.id, kind: "hire", status: "active", taskLimit: null, endsAt: null });

    // Two messages at once: the second waits for the agent, it is not lost.
    await scriptAnthropic(anthropic(), agent, [
      { kind: "tool", input: { action: "act", reason: "shortened", output: "Sorry, Bob." }, delayMs: 200 },
      { kind: "tool", input: { action: "act", reason: "signed", output: "Sorry, Bob. Ana" } },
    ]);
    await waooaw.sendTaskMessage({ path: { id: task.id }, body: { text: "Make it shorter" } });
    await waooaw.sendTaskMessage({ path: { id: task.id }, body: { text: "Sign it from Ana" } });
    const answered = await settledTask(who, task.id, 2);
    expect(answered.messages.map((m) => [m.text, m.status, m.reply?.deliverable])).toEqual([
      ["Make it shorter", "answered", "Sorry, Bob."],
      ["Sign it from Ana", "answered", "Sorry, Bob. Ana"],
    ]);

    expect(await waooaw.rateTask({ path: { id: task.id }, body: { stars: 5, comment: "spot on" } })).toMatchObject({
      rating: { stars: 5 },
    });
    await waooaw.reviewHire({ path: { id: trial.id }, body: { stars: 4, text: "Quick and polite" } });
    const twice = await waooaw.reviewHire({ path: { id: trial.id }, body: { stars: 1, text: "again" } }).catch((e: unknown) => e);
    expect(twice).toBeInstanceOf(WaooawApiError);
    expect(twice).toMatchObject({ status: 409, code: "already_reviewed" });

    const after = (await anonymous.getAgent({ path: { ref: slug } })) as Profile;
    expect(after).toMatchObject({
      rating: { average: 4.5, count: 2 },
      stats: { tasksFinished: 1, successRate: 1 },
      reviews: [{ stars: 4, text: "Quick and polite" }],
    });
    expect(after.stats.medianResponseMs).toBeGreaterThanOrEqual(0);
    expect(after.trustScore).toBeGreaterThan(before.trustScore);
    await customerIdle(who.customerId);
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
    await customerIdle(who.customerId);
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

  it("rejects invalid bodies naming the field (the client's typed errors carry it)", async () => {
    const who = await signUp();
    const waooaw = clientOf(who.key);
    // Bodies the client's types would refuse, sent anyway (`as never`), as plain JavaScript could.
    const refused = (p: Promise<unknown>) =>
      p.then(
        () => expect.fail("accepted"),
        (e: unknown) => e as WaooawApiError,
      );
    expect(await refused(waooaw.createTrial({ body: {} as never }))).toMatchObject({
      status: 400,
      code: "invalid_request",
      field: "agent",
    });
    expect(await refused(waooaw.createHire({ body: { agent: "Not A Slug" } }))).toMatchObject({ status: 400, field: "agent" });
    expect(await refused(waooaw.createHire({ body: { agent: unique("missing") } }))).toMatchObject({ status: 400, field: "agent" });
    const slug = unique("bodies");
    await publish(listedDefinition(slug));
    const hire = await waooaw.createHire({ body: { agent: slug } });
    const task = await refused(waooaw.createTask({ path: { id: hire.id }, body: { title: "", instructions: "x" } }));
    expect(task).toMatchObject({ status: 400, field: "title" });
    const two = await refused(waooaw.createTask({ path: { id: hire.id }, body: { title: "", instructions: "" } }));
    expect(two.issues.map((i) => i.field).sort()).toEqual(["instructions", "title"]); // every field at fault, when more than one
    const created = await waooaw.createTask({ path: { id: hire.id }, body: { title: "ok", instructions: "x" } });
    expect(await refused(waooaw.rateTask({ path: { id: created.id }, body: { stars: 6 } }))).toMatchObject({ status: 400, field: "stars" });
    expect(await refused(clientOf().getMe())).toMatchObject({ status: 401 });
    await customerIdle(who.customerId);
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
    await customerIdle(who.customerId);
  });
});
