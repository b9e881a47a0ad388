import { createMessageBatch } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Event } from "../../src/schemas/event";
import { planWakes, readBatch } from "../../src/wake/batch-plan";

const event = (id: string): Event => ({
  id,
  traceId: "t",
  receivedAt: 0,
  type: "customer.message",
  source: "s",
  subject: "x",
  occurredAt: "2026-01-01T00:00:00Z",
  payload: {},
});
const batchOf = (...bodies: unknown[]) =>
  createMessageBatch(
    "waooaw-wake",
    bodies.map((body, i) => ({ id: `m${i}`, timestamp: new Date(), attempts: i + 1, body })),
  ).messages;

describe("readBatch", () => {
  it("checks a packed message's events one by one: a bad one is set aside, the others are read", () => {
    const { readable, unreadable } = readBatch(
      batchOf({ v: 2, items: [{ event: event("ok") }, { event: { id: "bad-1", type: "nope" } }, 42] }, { v: 2, items: [] }),
    );
    expect(readable).toHaveLength(1);
    expect(readable[0]?.items.map((item) => item.event.id)).toEqual(["ok"]);
    expect(readable[0]?.invalid.map(({ index, eventId }) => ({ index, eventId }))).toEqual([
      { index: 1, eventId: "bad-1" },
      { index: 2, eventId: null },
    ]);
    expect(unreadable.map((u) => u.msg.id)).toEqual(["m1"]); // an empty packed message is no wake message
  });
});

describe("planWakes", () => {
  it("takes messages in order while their agents fit the budget, and always the first", () => {
    const agents = (from: number, n: number) => Array.from({ length: n }, (_, i) => `a${from + i}`);
    const { readable } = readBatch(
      batchOf(
        { v: 2, items: [{ event: event("e1"), to: agents(0, 3) }] },
        { v: 2, items: [{ event: event("e2"), to: agents(3, 2) }] }, // 5 in all: over a budget of 4
        { v: 1, event: event("e3"), to: agents(0, 1) }, // an agent already counted: fits
      ),
    );
    const plan = planWakes(readable, new Map(), 4);
    expect(plan.wakes.map((w) => w.event.id)).toEqual(["e1", "e3"]);
    expect([...plan.taken.values()]).toEqual([["e1"], ["e3"]]);
    expect(plan.deferred.map((m) => m.items.map((item) => item.event.id))).toEqual([["e2"]]);

    const alone = planWakes(readBatch(batchOf({ v: 1, event: event("big"), to: agents(0, 10) })).readable, new Map(), 4);
    expect(alone.wakes.map((w) => w.instanceIds.length)).toEqual([10]); // over budget on its own: still taken
  });

  it("wakes an event carried twice once, for today's subscribers when a copy asks for a lookup", () => {
    const { readable, unreadable } = readBatch(
      batchOf({ v: 1, event: event("e1"), to: ["old"] }, { v: 2, items: [{ event: event("e1") }, { event: event("e2") }] }, { v: 9 }),
    );
    expect(unreadable.map((u) => u.msg.id)).toEqual(["m2"]);
    const plan = planWakes(
      readable,
      new Map([
        ["e1", ["old", "new"]],
        ["e2", ["x"]],
      ]),
    );
    expect(plan.wakes).toEqual([
      { event: event("e1"), instanceIds: ["old", "new"], attempts: 1 },
      { event: event("e2"), instanceIds: ["x"], attempts: 2 },
    ]);
    expect([...plan.taken.values()]).toEqual([["e1"], ["e1", "e2"]]);
  });
});
