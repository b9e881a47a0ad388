import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { SkillRegistry } from "../../../src/skills/registry";
import { WorkingCalendar } from "../../../src/skills/support/lib/time";
import { slaTimers } from "../../../src/skills/support/techsupport-sla";

const registry = new SkillRegistry([slaTimers]);

// Wednesday 2 December 2026, 15:30 in Bengaluru; the desk works Monday to Friday, 09:00–18:00 IST.
const board = exampleOf(slaTimers);

interface Clock {
  dueAt: string;
  state: string;
  marginMinutes: number;
  usedPct: number;
}
interface Board {
  summary: Record<string, number | null>;
  tickets: { id: string; firstResponse: Clock; resolution: Clock }[];
  actNow: { id: string; clock: string; state: string; marginMinutes: number }[];
}

function run(input: unknown): Board & { deliverable: string } {
  const outcome = registry.run("techsupport.sla-timers", input);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { ...(outcome.output as Board), deliverable: outcome.deliverable };
}

describe("techsupport.sla-timers", () => {
  const out = run(board);
  const ticket = (id: string) => out.tickets.find((t) => t.id === id);

  it("runs P1 clocks round the clock", () => {
    expect(ticket("T-101")).toMatchObject({
      firstResponse: { state: "met", marginMinutes: 10, dueAt: "2026-12-02T09:30:00.000Z" },
      resolution: { state: "on-track", marginMinutes: 180, usedPct: 25, dueAt: "2026-12-02T13:00:00.000Z" },
    });
    expect(ticket("T-102")).toMatchObject({
      firstResponse: { state: "breached", marginMinutes: -10 },
      resolution: { state: "at-risk", marginMinutes: 30, usedPct: 88 },
    });
  });

  it("runs business-hour clocks only while the desk is open, across nights and weekends", () => {
    // Created Tuesday 17:00 IST: one working hour that day, so the first reply was due at 18:00 IST.
    expect(ticket("T-103")).toMatchObject({
      firstResponse: { state: "overdue", dueAt: "2026-12-01T12:30:00.000Z", marginMinutes: -390 },
      resolution: { state: "at-risk", dueAt: "2026-12-02T10:30:00.000Z", marginMinutes: 30, usedPct: 94 },
    });
    // Friday 10:00 IST + 24 working hours = Tuesday 16:00 IST; resolved Tuesday 11:00.
    expect(ticket("T-104")).toMatchObject({
      firstResponse: { state: "met", marginMinutes: 150 },
      resolution: { state: "met", dueAt: "2026-12-01T10:30:00.000Z", marginMinutes: 300 },
    });
    // Eight working days from Friday 20th 11:00 IST, plus two on hold: Friday 4th 11:00 IST. Of
    // 4,590 working minutes since creation, 1,080 were on hold: 3,510 of 4,320 used (81%).
    expect(ticket("T-105")).toMatchObject({
      resolution: { state: "at-risk", dueAt: "2026-12-04T05:30:00.000Z", marginMinutes: 810, usedPct: 81 },
    });
    expect(ticket("T-106")).toMatchObject({ resolution: { state: "breached", marginMinutes: -360 } });
  });

  it("sums up compliance and lists what to act on first", () => {
    expect(out.summary).toEqual({
      tickets: 6,
      open: 4,
      overdue: 1,
      atRisk: 2,
      firstResponseCompliancePct: 80,
      resolutionCompliancePct: 50,
    });
    expect(out.actNow.map((a) => [a.id, a.clock, a.state, a.marginMinutes])).toEqual([
      ["T-103", "first response", "overdue", -390],
      ["T-102", "resolution", "at-risk", 30],
      ["T-103", "resolution", "at-risk", 30],
      ["T-105", "resolution", "at-risk", 810],
    ]);
    expect(out.deliverable).toContain("## SLA status at 2026-12-02 10:00 UTC");
    expect(out.deliverable).toContain("**6 tickets** (4 open) · **1 overdue** · 2 at risk · first response met 80% · resolution met 50%");
    expect(out.deliverable).toContain("| T-103 | P2 | first response | 2026-12-01 12:30 UTC | **overdue by 6 h 30 min** |");
    expect(out.deliverable).toContain("| T-106 | P2 | met (45 min to spare) | breached (6 h late) |");
  });

  it("counts a ticket resolved without a reply as answered when it was resolved", () => {
    const quick = run({
      ...board,
      tickets: [{ id: "T-9", priority: "P1", createdAt: "2026-12-02T09:00:00Z", resolvedAt: "2026-12-02T09:25:00Z" }],
    });
    expect(quick.tickets[0]).toMatchObject({ firstResponse: { state: "met", marginMinutes: 5 }, resolution: { state: "met" } });
    expect(quick.summary).toMatchObject({ open: 0, overdue: 0, firstResponseCompliancePct: 100 });
  });

  it("refuses bad input with the offending field", () => {
    const field = (input: Record<string, unknown>) => {
      const outcome = registry.run("techsupport.sla-timers", { ...board, ...input });
      expect(outcome).toMatchObject({ ok: false, error: { code: "skill_input_invalid" } });
      return outcome.ok ? undefined : outcome.error.field;
    };
    const t = board.tickets[0] as Record<string, unknown>;
    expect(field({ now: "yesterday" })).toBe("now");
    expect(field({ tickets: [] })).toBe("tickets");
    expect(field({ tickets: [{ ...t, priority: "P5" }] })).toBe("tickets[0].priority");
    expect(field({ tickets: [{ ...t, createdAt: "2026-12-03T09:00:00Z" }] })).toBe("tickets[0].createdAt");
    expect(field({ tickets: [{ ...t, firstRespondedAt: "2026-12-02T08:00:00Z" }] })).toBe("tickets[0].firstRespondedAt");
    expect(field({ tickets: [{ ...t, createdAt: "2025-11-01T09:00:00Z", firstRespondedAt: undefined }] })).toBe("tickets[0].createdAt");
    expect(field({ policy: { P2: board.policy.P2 } })).toBe("tickets[0].priority");
    expect(field({ policy: { ...board.policy, P1: { firstResponseMinutes: 60, resolutionMinutes: 30 } } })).toBe(
      "policy.P1.resolutionMinutes",
    );
    expect(field({ policy: { ...board.policy, P1: { firstResponseMinutes: 60 } } })).toBe("policy.P1.resolutionMinutes");
    expect(field({ businessHours: undefined })).toBe("businessHours");
    expect(field({ businessHours: { ...board.businessHours, end: "08:00" } })).toBe("businessHours.end");
    expect(field({ businessHours: { ...board.businessHours, start: "9am" } })).toBe("businessHours.start");
    expect(field({ businessHours: { ...board.businessHours, utcOffset: "IST" } })).toBe("businessHours.utcOffset");
    expect(field({ businessHours: { ...board.businessHours, days: [6], end: "10:00" } })).toBe("businessHours.days");
    expect(field({ tickets: Array.from({ length: 2_001 }, () => t) })).toBe("tickets");
  });
});

describe("WorkingCalendar", () => {
  const desk = new WorkingCalendar({ utcOffset: "-08:00", days: [1, 2, 3, 4, 5], start: "08:00", end: "17:00", holidays: ["2026-12-25"] });

  it("skips nights, weekends and holidays", () => {
    // Thursday 24 December 16:00 PST + 2 working hours: one hour that day, Christmas and the
    // weekend skipped, one hour on Monday 28th: 09:00 PST.
    const from = Date.parse("2026-12-25T00:00:00Z");
    expect(new Date(desk.addWorkingMinutes(from, 120)).toISOString()).toBe("2026-12-28T17:00:00.000Z");
    expect(desk.workingMinutesBetween(from, Date.parse("2026-12-28T17:00:00Z"))).toBe(120);
    // Starting outside hours, the clock starts at the next opening.
    expect(new Date(desk.addWorkingMinutes(Date.parse("2026-12-26T12:00:00Z"), 30)).toISOString()).toBe("2026-12-28T16:30:00.000Z");
    expect(desk.workingMinutesBetween(Date.parse("2026-12-28T17:00:00Z"), from)).toBe(0);
  });
});
