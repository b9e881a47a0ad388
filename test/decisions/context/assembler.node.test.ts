import { describe, expect, it } from "vitest";
import { assembleContext, type CandidateSection, type ContextCandidates } from "../../../src/decisions/context/assembler";
import { contextCandidates } from "../../../src/decisions/context/candidates";
import { situationText } from "../../../src/decisions/context/event-text";
import { estimateTokens } from "../../../src/decisions/context/tokens";
import type { RecalledMemory } from "../../../src/memory/memory-types";
import type { AgentContext } from "../../../src/schemas/agent-views";
import type { Event } from "../../../src/schemas/event";

const IDENTITY = "You are Test Triage, tests. Answer only by calling the record_decision tool.";
const EMPTY: AgentContext = { recentEvents: [], notes: [], openTasks: [] };

function event(payload: Record<string, unknown>, extra: Partial<Event> = {}): Event {
  return {
    id: "evt_1",
    traceId: "trc_1",
    type: "customer.message",
    source: "test",
    subject: "chat:1",
    occurredAt: "2026-12-01T10:00:00.000Z",
    receivedAt: 1,
    payload,
    ...extra,
  } as Event;
}

const memory = (id: string, text: string): RecalledMemory => ({ id, kind: "fact", text, score: 0.9, createdAt: 1 });

function candidates(sections: CandidateSection[], payload = '{"text":"where is my order?"}'): ContextCandidates {
  return { identity: IDENTITY, task: { head: "type: customer.message", payload }, sections };
}

describe("context assembly under a token budget", () => {
  it("keeps identity and the task, then whole items in order of value until the budget is spent", () => {
    const built = contextCandidates({
      system: IDENTITY,
      event: event({ text: "Where is my order 42?" }),
      context: {
        recentEvents: [{ eventId: "e0", type: "customer.message", subject: "chat:0", receivedAt: 0 }],
        notes: [{ text: "customer prefers email", createdAt: 0 }],
        openTasks: [],
      },
      memories: [memory("mem_1", "Alice's orders ship from Lyon")],
      summaries: ["- 2026-11-30: 40 events (customer.message 40)"],
    });
    const all = assembleContext(built, 2_000);
    expect(all.use).toEqual({
      tokens: estimateTokens(all.system, all.user),
      budget: 2_000,
      memoryIds: ["mem_1"],
      sections: ["identity", "task", "recent", "notes", "memories", "summaries"],
    });
    expect(all.system).toBe(IDENTITY);
    expect(all.user).toContain("Where is my order 42?");
    expect(all.user).toContain("- customer.message chat:0");
    expect(all.user).toContain("- [fact] Alice's orders ship from Lyon");
    expect(all.user.indexOf("customer prefers email")).toBeLessThan(all.user.indexOf("Lyon"));
    expect(all.user.indexOf("Lyon")).toBeLessThan(all.user.indexOf("2026-11-30"));

    // A budget with room for the memory but not the summary as well: memories come first.
    const tight = assembleContext(built, all.use.tokens - 5);
    expect(tight.use.sections).toEqual(["identity", "task", "recent", "notes", "memories"]);
    expect(tight.use.tokens).toBeLessThanOrEqual(all.use.tokens - 5);
  });

  it("never exceeds the budget, whatever the budget", () => {
    const sections: CandidateSection[] = [
      { name: "recent", title: "Recent", items: Array.from({ length: 10 }, (_, i) => ({ text: `- customer.message chat:${i}` })) },
      {
        name: "memories",
        title: "Memories",
        items: Array.from({ length: 5 }, (_, i) => ({ text: `- [fact] ${"x".repeat(50 * i)}`, memoryId: `m${i}` })),
      },
      { name: "summaries", title: "Summaries", items: [{ text: "y".repeat(900) }] },
    ];
    for (let budget = 60; budget <= 1_500; budget += 37) {
      const out = assembleContext(candidates(sections, JSON.stringify({ text: "z".repeat(3_000) })), budget);
      expect(out.use.tokens).toBeLessThanOrEqual(budget);
      expect(estimateTokens(out.system, out.user)).toBe(out.use.tokens);
      expect(out.use.sections.slice(0, 2)).toEqual(["identity", "task"]);
    }
  });

  it("skips a big low-value item while a later smaller one still fits", () => {
    const out = assembleContext(
      candidates([
        { name: "memories", title: "Memories", items: [{ text: "m".repeat(3_000), memoryId: "big" }] },
        { name: "examples", title: "Examples", items: [{ text: "e".repeat(4_000) }] },
        { name: "summaries", title: "Summaries", items: [{ text: "- a short summary" }] },
      ]),
      300,
    );
    expect(out.use.sections).toEqual(["identity", "task", "summaries"]);
    expect(out.use.memoryIds).toEqual([]);
    expect(out.user).toContain("- a short summary");
    expect(out.user).not.toContain("mmmm");
  });

  it("clips the task's payload, leaving room for the context after it, and never drops the task", () => {
    const payload = JSON.stringify({ text: "q".repeat(10_000) });
    const out = assembleContext(candidates([{ name: "summaries", title: "S", items: [{ text: "- s" }] }], payload), 500);
    expect(out.use.tokens).toBeLessThanOrEqual(500);
    expect(out.use.sections).toEqual(["identity", "task", "summaries"]);
    expect(out.user).toContain("type: customer.message");
    expect(out.user).toMatch(/\{"text":"q+…\(truncated\)\n\n# S\n- s$/);
    // With no room left past the identity, the bare event still goes in.
    const bare = assembleContext({ ...candidates([], payload), identity: "i".repeat(3_000) }, 1_000);
    expect(bare.user).toMatch(/^# Event to decide\ntype: customer.message\npayload: …\(truncated\)$/);
  });

  it("clips a clippable item (a handed-over deliverable) instead of skipping it", () => {
    const out = assembleContext(
      candidates([{ name: "chain", title: "Chain", items: [{ text: "d".repeat(5_000), clippable: true }] }]),
      600,
    );
    expect(out.use.sections).toContain("chain");
    expect(out.use.tokens).toBeLessThanOrEqual(600);
    expect(out.user).toContain("ddd…(truncated)");
  });
});

describe("the chain an event belongs to", () => {
  it("takes an organisation handoff's message and deliverable out of the payload into the chain", () => {
    const handoff = event(
      {
        taskId: "t1",
        title: "Write the launch post",
        instructions: "Friendly, 300 words",
        inputs: { kind: "edit" },
        deliverable: "Draft: We are launching…",
        message: { type: "handoff", from: { role: "writer", instanceId: "a1" }, reason: "needs an editor", payload: { kind: "edit" } },
      },
      { type: "handoff.requested", subject: "hire:h1:task:t1:msg:m1" },
    );
    const out = assembleContext(contextCandidates({ system: IDENTITY, event: handoff, context: EMPTY }), 2_000);
    expect(out.use.sections).toEqual(["identity", "task", "chain"]);
    expect(out.user).toContain('handoff from writer (needs an editor): {"kind":"edit"}');
    expect(out.user).toContain("Deliverable handed over:\nDraft: We are launching…");
    expect(out.user.match(/We are launching/g)).toHaveLength(1); // sent once, in the chain
    expect(out.user).toContain('"title":"Write the launch post"'); // the task itself stays in the event
  });

  it("names the open task an event is about when the event does not carry its title", () => {
    const update = event({ taskId: "t9", status: "in_progress" }, { type: "task.updated" });
    const context: AgentContext = { ...EMPTY, openTasks: [{ taskId: "t9", title: "Audit the home page", openedAt: 1 }] };
    const out = assembleContext(contextCandidates({ system: IDENTITY, event: update, context }), 2_000);
    expect(out.user).toContain("# The work this event belongs to\n- Task: Audit the home page");
  });

  it("says what an event is about in plain text: its type and the payload's strings", () => {
    expect(situationText(event({ title: "Fix login", inputs: { url: "https://x.test" }, n: 3 }, { type: "task.assigned" }))).toBe(
      "task.assigned Fix login https://x.test",
    );
  });
});
