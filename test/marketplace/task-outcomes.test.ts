import { describe, expect, it } from "vitest";
import { database } from "../../src/db/client";
import { MARKETPLACE_SOURCE } from "../../src/marketplace/events";
import { taskHistory, taskMessages, tasks } from "../../src/marketplace/schema";
import { marketplaceWakeExtension } from "../../src/marketplace/wake-extension";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import { wakeHooks } from "../../src/wake/extensions";
import { env, unique } from "../helpers";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { openJson } from "../../src/marketplace/task-content";

// The marketplace's hooks on their own, against real D1: tasks and messages are found by the
// event that carried them, for the hire's own agent only, once however often results repeat.

const hooks = wakeHooks([marketplaceWakeExtension]);
const db = () => database(env.DB);

async function queuedTask(instanceId: string) {
  const task = {
    id: unique("tsk"),
    hireId: unique("hir"),
    customerId: unique("cust"),
    slug: unique("slug"),
    instanceId,
    title: "Launch post",
    instructions: "Write it",
    inputs: {},
    status: "queued" as const,
    output: null,
    eventId: unique("evt"),
    createdAt: Date.now(),
    finishedAt: null,
    ratingStars: null,
    ratingComment: null,
  };
  await db().insert(tasks).values(task);
  return task;
}

function decided(eventId: string, instanceId: string, extra: Partial<WakeResult> = {}): WakeResult {
  const decision: Decision = {
    id: unique("dec"),
    instanceId,
    eventId,
    traceId: "t",
    action: "act",
    reason: "done it",
    tier: "llm",
    ruleId: null,
    delegateTo: null,
    latencyMs: 1,
    decidedAt: Date.now(),
    model: "m",
    inputTokens: 1,
    outputTokens: 1,
    costUsd: 0,
    cache: "miss",
    output: "the deliverable",
  };
  return {
    instanceId,
    eventId,
    outcome: "decided",
    duplicate: false,
    decision,
    eventReceivedAt: 0,
    recordedAt: Date.now(),
    eventSource: MARKETPLACE_SOURCE,
    ...extra,
  };
}

async function rollUp(results: WakeResult[]): Promise<void> {
  const { statements } = await hooks.resultsRecorded(env.DB, results, env);
  if (statements.length) await env.DB.batch(statements);
}

// Rows as the store reads them: the output's customer text is encrypted at rest (test/crypto checks the raw values).
const taskRow = async (id: string) => {
  const row = (await db().select().from(tasks).all()).find((t) => t.id === id);
  return row && { ...row, output: await openJson(fieldCipher(env), row.output) };
};
const historyOf = async (taskId: string) => (await db().select().from(taskHistory).all()).filter((h) => h.taskId === taskId);

describe("marketplace task outcomes (the roll-up hook)", () => {
  it("completes a task only for the hire's own agent, once, with one history entry", async () => {
    const agent = unique("agent");
    const task = await queuedTask(agent);

    await rollUp([decided(task.eventId, unique("other-agent"))]);
    expect((await taskRow(task.id))?.status, "another agent woken by the same event").toBe("queued");

    const first = decided(task.eventId, agent);
    // The decision and a duplicate of it in the same roll-up (an event carried twice in a batch).
    await rollUp([first, { ...first, duplicate: true }]);
    await rollUp([first]); // a redelivery
    const row = await taskRow(task.id);
    expect(row).toMatchObject({
      status: "done",
      output: { action: "act", deliverable: "the deliverable", decisionId: first.decision?.id },
    });
    expect((await historyOf(task.id)).filter((h) => h.kind === "decided")).toHaveLength(1);
  });

  it("ignores other sources, and still applies results an agent kept from before they carried one", async () => {
    const agent = unique("agent");
    const [other, legacy] = [await queuedTask(agent), await queuedTask(agent)];
    await rollUp([decided(other.eventId, agent, { eventSource: "github" })]);
    expect((await taskRow(other.id))?.status).toBe("queued");

    const { eventSource: _, ...old } = decided(legacy.eventId, agent);
    await rollUp([old]);
    expect((await taskRow(legacy.id))?.status).toBe("done");
  });

  it("answers a message only for the task's own agent", async () => {
    const agent = unique("agent");
    const task = await queuedTask(agent);
    const message = {
      id: unique("msg"),
      taskId: task.id,
      customerId: task.customerId,
      text: "Shorter, please",
      status: "queued" as const,
      reply: null,
      eventId: unique("evt"),
      createdAt: Date.now(),
      answeredAt: null,
    };
    await db().insert(taskMessages).values(message);
    const answered = async () => {
      const row = (await db().select().from(taskMessages).all()).find((m) => m.id === message.id);
      return row && { ...row, reply: await openJson(fieldCipher(env), row.reply) };
    };

    await rollUp([decided(message.eventId, unique("other-agent"))]);
    expect((await answered())?.status).toBe("queued");
    await rollUp([decided(message.eventId, agent)]);
    expect(await answered()).toMatchObject({ status: "answered", reply: { action: "act", deliverable: "the deliverable" } });
    expect((await taskRow(task.id))?.status, "a message does not finish its task").toBe("queued");
  });

  it("fails work whose event was dead-lettered, with the reason, and queues it again on replay", async () => {
    const task = await queuedTask(unique("agent"));
    const dead = hooks.eventsDeadLettered(env.DB, [{ eventId: task.eventId, error: "agent unreachable" }]);
    await env.DB.batch(dead.statements);
    expect(await taskRow(task.id)).toMatchObject({
      status: "failed",
      finishedAt: null,
      output: { action: null, summary: expect.stringContaining("agent unreachable") },
    });

    await env.DB.batch(hooks.eventReplayed(env.DB, task.eventId).statements);
    expect(await taskRow(task.id)).toMatchObject({ status: "queued", output: null });
  });
});
