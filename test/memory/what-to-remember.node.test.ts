import { describe, expect, it } from "vitest";
import { feedbackMemory, memoriesOf } from "../../src/memory/what-to-remember";
import type { Decision } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";

function event(type: Event["type"], payload: Record<string, unknown>, customerId?: string): Event {
  return {
    id: "evt_1",
    traceId: "trc_1",
    type,
    source: "test",
    subject: "hire:h:task:t",
    occurredAt: "2026-12-02T10:00:00Z",
    receivedAt: 1,
    payload,
    ...(customerId ? { customerId } : {}),
  };
}

const decision: Decision = {
  id: "dec_1",
  instanceId: "agent-1",
  eventId: "evt_1",
  traceId: "trc_1",
  action: "act",
  reason: "wrote the post",
  tier: "llm",
  ruleId: null,
  delegateTo: null,
  latencyMs: 1,
  decidedAt: 2,
  model: null,
  inputTokens: 0,
  outputTokens: 0,
  costUsd: 0,
  cache: null,
  output: null,
};

describe("memoriesOf: what a decided event leaves in memory", () => {
  it("a task's brief with its inputs, and the deliverable of customer work", () => {
    const task = event(
      "task.assigned",
      { taskId: "tsk_1", title: "Launch post", instructions: "80 words", inputs: { tone: "warm", words: 80 } },
      "acme",
    );
    expect(memoriesOf(task, { ...decision, output: "Dark mode is here." }, null)).toEqual([
      {
        customerId: "acme",
        kind: "task",
        text: "Task: Launch post\n80 words\nInputs:\ntone: warm\nwords: 80",
        source: { eventId: "evt_1", decisionId: "dec_1", taskId: "tsk_1" },
      },
      {
        customerId: "acme",
        kind: "deliverable",
        text: "Dark mode is here.",
        source: { eventId: "evt_1", decisionId: "dec_1", taskId: "tsk_1" },
      },
    ]);
  });

  it("facts from a customer's message; the agent's customer when the event names none; nothing from other events", () => {
    const message = event("customer.message", { text: "Is this ready? We sell handmade soap." });
    expect(memoriesOf(message, decision, "acme")).toEqual([
      { customerId: "acme", kind: "fact", text: "We sell handmade soap.", source: { eventId: "evt_1", decisionId: "dec_1" } },
    ]);
    expect(memoriesOf(event("customer.message", { text: "bench message 1", priority: "normal" }, "c"), decision, null)).toEqual([]);
    // Output without a customer (an agent's own work, a push) is not a customer deliverable.
    expect(memoriesOf(event("github.push", {}), { ...decision, output: "notes" }, null)).toEqual([]);
  });
});

describe("feedbackMemory: rated decisions and corrections", () => {
  it("a rating keeps what was decided and how it was rated", () => {
    const m = feedbackMemory(
      { ...decision, output: "Dark mode is here." },
      { decisionId: "dec_1", rating: 5, comment: "Great tone", taskId: "tsk_1" },
      "acme",
    );
    expect(m).toEqual({
      customerId: "acme",
      kind: "rated_decision",
      text: "Decided act: wrote the post\nRated 5/5 (good)\nOutput: Dark mode is here.\nComment: Great tone",
      source: { eventId: "evt_1", decisionId: "dec_1", taskId: "tsk_1" },
    });
  });

  it("a correction keeps what should have been done", () => {
    const m = feedbackMemory(
      decision,
      { decisionId: "dec_1", correction: { action: "delegate", delegateTo: "sdr", reason: "pricing questions go to sales" } },
      null,
    );
    expect(m).toMatchObject({
      customerId: null,
      kind: "correction",
      text: "Decided act: wrote the post\nShould have: delegate to sdr: pricing questions go to sales",
    });
  });
});
