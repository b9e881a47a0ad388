import { beforeAll, describe, expect, it } from "vitest";
import { KEPT_ON_PLATFORM } from "../../src/outputs/records";
import { outputsWakeExtension } from "../../src/outputs/wake-extension";
import { wakeHooks } from "../../src/wake/extensions";
import { recordWakeResults } from "../../src/wake/wake-records";
import { agentInstances } from "../../src/db/schema";
import { admin, env, nth, unique } from "../helpers";
import { as, jsonOf, settledTask, signUp } from "../marketplace/helpers";
import { OutputPage } from "../../src/schemas/outputs";
import { db, decided, delivered, hiredAgent, outputsOf, rollUp, taskFor, threadsOf, violation } from "./records-fixtures";

describe("output records from decisions (the roll-up hook)", () => {
  it("records each publication once, with its thread, and hands the GitHub ones to delivery", async () => {
    const who = await hiredAgent();
    const result = decided(who.instanceId, [
      violation("Acme/Site", "src/a.ts"),
      { kind: "document", key: "summary", title: "What I checked", body: "# Summary\n\nAll good." },
    ]);
    await rollUp([result]);
    const rows = await outputsOf(who.customerId);
    expect(rows).toHaveLength(2);
    const issue = nth(rows.filter((r) => r.kind === "issue"));
    expect(issue).toMatchObject({
      origin: result.decision?.id,
      decisionId: result.decision?.id,
      instanceId: who.instanceId,
      hireId: who.hireId,
      taskId: null,
      channel: "github",
      target: { repository: "Acme/Site" },
      key: "vision:forbidden-term:src/a.ts",
      subject: "src/a.ts",
      status: "stored",
      statusReason: null,
      nextAttemptAt: result.recordedAt,
    });
    const doc = nth(rows.filter((r) => r.kind === "document"));
    expect(doc).toMatchObject({ channel: "none", status: "stored", statusReason: KEPT_ON_PLATFORM, nextAttemptAt: null, target: null });
    // Only the GitHub output goes to the channel, after commit.
    expect(delivered).toContainEqual([issue.id]);

    const threads = await threadsOf(who.customerId);
    expect(threads.map((t) => [t.target, t.key, t.state])).toEqual([
      ["none", "summary", "open"],
      ["github:acme/site", "vision:forbidden-term:src/a.ts", "open"],
    ]);

    // The same result rolled up again, and once more as a duplicate in one batch: nothing new.
    await rollUp([result, { ...result, duplicate: true }]);
    const again = await outputsOf(who.customerId);
    expect(again.map((r) => r.id)).toEqual(rows.map((r) => r.id));
    expect(await threadsOf(who.customerId)).toEqual(threads);
  });

  it("a delivery that fails leaves the outputs recorded, stored for the channel's retry", async () => {
    const who = await hiredAgent();
    const failing = wakeHooks([
      outputsWakeExtension(async () => {
        throw new Error("GitHub is down");
      }),
    ]);
    await recordWakeResults(env, [decided(who.instanceId, [violation("acme/site", "down.md")])], failing);
    const [row] = await outputsOf(who.customerId);
    expect(row).toMatchObject({ kind: "issue", channel: "github", status: "stored", attempts: 0 });
    expect(row?.nextAttemptAt).toBeGreaterThan(0);
  });

  it("the same key published by a second decision: one thread, two outputs, the thread renamed", async () => {
    const who = await hiredAgent();
    await rollUp([decided(who.instanceId, [violation("acme/site", "README.md")])]);
    const second = violation("ACME/site", "README.md");
    await rollUp([decided(who.instanceId, [{ ...second, title: "still: forbidden-term in README.md" }])]);
    const rows = await outputsOf(who.customerId);
    expect(rows.map((r) => r.key)).toEqual(["vision:forbidden-term:README.md", "vision:forbidden-term:README.md"]);
    const threads = await threadsOf(who.customerId);
    expect(threads).toHaveLength(1);
    expect(threads[0]).toMatchObject({ target: "github:acme/site", state: "open", title: "still: forbidden-term in README.md" });
  });

  it("resolves closes the open threads no longer found, and only those", async () => {
    const who = await hiredAgent();
    const other = await hiredAgent();
    const repo = "acme/site";
    await rollUp([
      decided(who.instanceId, [violation(repo, "a.md"), violation(repo, "b.md"), violation(repo, "c.md"), violation("acme/other", "a.md")]),
      decided(other.instanceId, [violation(repo, "a.md")]),
    ]);
    // The next check covered a.md and b.md (c.md was not part of the change) and still finds b.md.
    const check = decided(who.instanceId, [{ ...violation(repo, "b.md"), resolves: { keyPrefix: "vision:", subjects: ["a.md", "b.md"] } }]);
    await rollUp([check]);

    const threads = await threadsOf(who.customerId);
    const state = Object.fromEntries(threads.map((t) => [`${t.target} ${t.subject}`, t.state]));
    expect(state).toEqual({
      "github:acme/site a.md": "closed",
      "github:acme/site b.md": "open",
      "github:acme/site c.md": "open",
      "github:acme/other a.md": "open",
    });
    const closing = (await outputsOf(who.customerId)).filter((r) => r.state === "closed");
    expect(closing).toHaveLength(1);
    expect(closing[0]).toMatchObject({
      kind: "issue",
      key: "vision:forbidden-term:a.md",
      channel: "github",
      target: { repository: "acme/site" },
      origin: check.decision?.id,
      title: "forbidden-term in a.md",
    });
    expect(closing[0]?.body).toMatch(/^Fixed: forbidden-term in a.md\n\nNo longer found in `a.md`/);
    expect(delivered.some((ids) => closing[0] && ids.includes(closing[0].id))).toBe(true);
    // Another customer's thread on the same repository and key is theirs: untouched.
    expect((await threadsOf(other.customerId)).map((t) => t.state)).toEqual(["open"]);

    // Rolled up again: no second closing. Found again later: the thread opens again.
    await rollUp([check]);
    expect((await outputsOf(who.customerId)).filter((r) => r.state === "closed")).toHaveLength(1);
    await rollUp([decided(who.instanceId, [violation(repo, "a.md")])]);
    const reopened = (await threadsOf(who.customerId)).find((t) => t.target === "github:acme/site" && t.subject === "a.md");
    expect(reopened).toMatchObject({ state: "open", closedAt: null });
    // And the late redelivery of the old check does not close it again.
    await rollUp([check]);
    expect((await threadsOf(who.customerId)).find((t) => t.target === "github:acme/site" && t.subject === "a.md")?.state).toBe("open");
  });

  it("a deliverable on customer work becomes a document named after the task; without a task it does not", async () => {
    const who = await hiredAgent();
    const task = await taskFor(who, "Audit the pricing page");
    await rollUp([
      decided(who.instanceId, [], {
        eventId: task.eventId,
        output: "## Findings\n\n- slow",
        subject: `hire:${who.hireId}:task:${task.id}`,
      }),
    ]);
    await rollUp([decided(who.instanceId, [], { output: "not customer work" })]);
    const rows = await outputsOf(who.customerId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      kind: "document",
      taskId: task.id,
      hireId: who.hireId,
      title: "Audit the pricing page",
      body: "## Findings\n\n- slow",
    });
    expect(rows[0]?.key).toMatch(/^deliverable:dec-/);
  });

  it("a handoff's subject finds the task only when it is the agent's own customer's", async () => {
    const who = await hiredAgent();
    const stranger = await hiredAgent();
    const theirs = await taskFor(stranger, "Their secret task");
    const mine = await taskFor(who, "Our task");
    await rollUp([
      decided(who.instanceId, [], { output: "handed over work", subject: `hire:${who.hireId}:task:${mine.id}:msg:msg_1` }),
      decided(who.instanceId, [], { output: "probing", subject: `hire:${who.hireId}:task:${theirs.id}:msg:msg_2` }),
    ]);
    const rows = await outputsOf(who.customerId);
    expect(rows.map((r) => [r.taskId, r.title])).toEqual([[mine.id, "Our task"]]);
    expect(await outputsOf(stranger.customerId)).toEqual([]);
  });

  it("agents without a customer (the operator's own) record nothing", async () => {
    const instanceId = unique("ops-agent");
    await db()
      .insert(agentInstances)
      .values({ id: instanceId, definitionSlug: "vision", state: "active", customerId: null, createdAt: 0, updatedAt: 0 });
    const result = decided(instanceId, [violation("acme/site", "x.md")], { output: "notes" });
    await rollUp([result]);
    const { results } = await env.DB.prepare(`SELECT id FROM outputs WHERE origin = ?`).bind(result.decision?.id).all();
    expect(results).toEqual([]);
  });
});

describe("a specialist's deliverable through the platform", () => {
  beforeAll(async () => {
    expect((await admin("/v1/admin/seed", { method: "POST" })).status).toBe(200);
  });

  it("a task whose rule runs a skill leaves a document output with the task's id", async () => {
    const who = await signUp();
    const trial = await jsonOf<{ id: string }>(as(who, "/v1/trials", { method: "POST", json: { agent: "support-triage" } }), 201);
    const created = await jsonOf<{ id: string }>(
      as(who, `/v1/hires/${trial.id}/tasks`, {
        method: "POST",
        json: {
          title: "Triage this ticket",
          instructions: "As attached",
          inputs: {
            kind: "classify-ticket",
            subject: "URGENT: app is down",
            text: "Since 09:10 UTC every page returns 503 for all of us.",
          },
        },
      }),
      202,
    );
    const task = await settledTask(who, created.id);
    expect(task.status).toBe("done");
    const page = OutputPage.parse(await jsonOf(as(who, `/v1/outputs?task=${created.id}`), 200));
    expect(page.items).toHaveLength(1);
    expect(page.items[0]).toMatchObject({
      kind: "document",
      taskId: created.id,
      hireId: trial.id,
      title: "Triage this ticket",
      channel: "none",
      status: "stored",
      statusReason: KEPT_ON_PLATFORM,
      body: task.output?.deliverable,
    });
  });
});
