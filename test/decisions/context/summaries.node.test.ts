import { describe, expect, it } from "vitest";
import { foldIntoDigests, type PeriodDigest, renderDigest } from "../../../src/decisions/context/summaries";

const DAY = Date.UTC(2026, 10, 30);
const decided = (i: number) => ({
  eventType: i % 3 === 0 ? "task.assigned" : "customer.message",
  subject: `chat:${i % 4}`,
  action: i % 5 === 0 ? "escalate" : "act",
  decidedAt: DAY + i * 60_000,
});
const events = Array.from({ length: 20 }, (_, i) => decided(i));
const notes = [
  { text: "answered", createdAt: DAY + 1 },
  { text: "answered", createdAt: DAY + 2 },
  { text: "customer   prefers\nemail", createdAt: DAY + 3 },
];

describe("compaction into summaries (deterministic, no model call)", () => {
  it("counts a day's events by type and action, the subjects seen most, and condenses the notes", () => {
    const digests = new Map<number, PeriodDigest>();
    foldIntoDigests(digests, events, notes);
    expect(renderDigest(digests.get(DAY) as PeriodDigest)).toBe(
      [
        "- 2026-11-30: 20 events (customer.message 13, task.assigned 7)",
        "  decided: act 16, escalate 4",
        "  seen most: chat:0 5, chat:1 5, chat:2 5, chat:3 5",
        "  notes: answered (×2); customer prefers email",
      ].join("\n"),
    );
  });

  it("says the same whatever the order and however the rows are split between runs", () => {
    const once = new Map<number, PeriodDigest>();
    foldIntoDigests(once, events, notes);
    const inParts = new Map<number, PeriodDigest>();
    foldIntoDigests(inParts, [...events].reverse().slice(0, 7), notes.slice(0, 1));
    foldIntoDigests(inParts, [...events].reverse().slice(7), notes.slice(1));
    expect(renderDigest(inParts.get(DAY) as PeriodDigest)).toBe(renderDigest(once.get(DAY) as PeriodDigest));
  });

  it("keeps one digest per day, and bounded: the most frequent subjects only", () => {
    const digests = new Map<number, PeriodDigest>();
    const many = Array.from({ length: 500 }, (_, i) => ({
      eventType: "github.push",
      subject: `repo:${i}`,
      action: "act",
      decidedAt: DAY + 86_400_000 + i,
    }));
    const touched = foldIntoDigests(digests, [...events, ...many], []);
    expect([...touched]).toEqual([DAY, DAY + 86_400_000]);
    expect(Object.keys((digests.get(DAY + 86_400_000) as PeriodDigest).subjects)).toHaveLength(50);
  });
});
