import { describe, expect, it } from "vitest";
import { renderSummaries, type SummaryCount } from "../../../src/decisions/context/summaries";

const DAY = Date.UTC(2026, 10, 30);
const NEXT = DAY + 86_400_000;
const count = (periodStart: number, dimension: SummaryCount["dimension"], key: string, n: number): SummaryCount => ({
  periodStart,
  dimension,
  key,
  count: n,
});
const counts: SummaryCount[] = [
  count(DAY, "type", "task.assigned", 7),
  count(DAY, "type", "customer.message", 13),
  count(DAY, "action", "escalate", 4),
  count(DAY, "action", "act", 16),
  ...["chat:3", "chat:1", "chat:2", "chat:0", "chat:4", "chat:5"].map((s, i) => count(DAY, "subject", s, i < 4 ? 5 : 1)),
  count(DAY, "note", "answered", 2),
  count(DAY, "note", "customer prefers email", 1),
  count(NEXT, "type", "github.push", 1),
  count(NEXT, "action", "act", 1),
];

describe("summaries of older activity (deterministic, no model call)", () => {
  it("reads a day's counts: events by type and action, the subjects seen most, the notes condensed; newest day first", () => {
    expect(renderSummaries(counts)).toEqual([
      "- 2026-12-01: 1 event (github.push 1)\n  decided: act 1",
      [
        "- 2026-11-30: 20 events (customer.message 13, task.assigned 7)",
        "  decided: act 16, escalate 4",
        "  seen most: chat:0 5, chat:1 5, chat:2 5, chat:3 5, chat:4 1",
        "  notes: answered (×2); customer prefers email",
      ].join("\n"),
    ]);
  });

  it("says the same whatever order the counts come in", () => {
    expect(renderSummaries([...counts].reverse())).toEqual(renderSummaries(counts));
  });
});
