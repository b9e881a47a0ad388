import { describe, expect, it } from "vitest";
import { SkillRegistry } from "../../../src/skills/registry";
import { planSequence, scoreLead } from "../../../src/skills/sales/sdr";
import { ok } from "./helpers";

const registry = new SkillRegistry([scoreLead, planSequence]);

const icp = {
  industries: ["Logistics", "Manufacturing"],
  excludedIndustries: ["Gambling"],
  employees: { min: 200, max: 5000 },
  regions: ["EMEA", "North America"],
  minBudget: 40_000,
};
const goodLead = {
  company: "Nordwind Logistik GmbH",
  title: "VP Operations",
  industry: "Freight Logistics",
  employees: 850,
  region: "Germany",
  budget: 60_000,
  need: "high",
  timelineMonths: 4,
};

describe("sdr.score-lead", () => {
  it("scores a fitting lead with three BANT criteria met as an SQL", () => {
    const { output, deliverable } = ok(registry, scoreLead, { kind: "lead-score", lead: goodLead, icp, currency: "EUR" });
    expect(output).toMatchObject({ score: 85, fitScore: 40, bantScore: 45, verdict: "SQL" });
    expect(output.criteria.map((c) => [c.criterion, c.points])).toEqual([
      ["Industry", 15],
      ["Company size", 15],
      ["Region", 10],
      ["Budget", 15],
      ["Authority", 8],
      ["Need", 12],
      ["Timeline", 10],
    ]);
    expect(output.criteria[4]?.note).toBe("likely a buyer from the title (VP Operations); confirm");
    expect(deliverable).toContain("## Lead score: Nordwind Logistik GmbH: 85/100 (SQL)");
    expect(deliverable).toContain("| Budget | 15/15 | met | €60,000 covers the €40,000 entry price |");
    expect(deliverable).toContain("Hand to an account executive");
  });

  it("keeps a fitting lead without confirmed BANT an MQL and names what to qualify", () => {
    const lead = { company: "Acme Manufacturing", industry: "manufacturing", employees: 120, region: "US", authority: "champion" };
    const { output } = ok(registry, scoreLead, { lead, icp });
    // industry 15 + size 7 (120 is within half of 200) + region 10 + champion 10 = 42
    expect(output).toMatchObject({ score: 42, verdict: "MQL" });
    expect(output.reasons).toEqual(["score 42 ≥ 40", "only 1 of 4 BANT criteria met (SQL needs 3): budget, need, timeline open"]);
    expect(output.nextStep).toBe("SDR to qualify: confirm budget, need, timeline on a first call.");
  });

  it("sends a weak lead to nurture", () => {
    const { output } = ok(registry, scoreLead, {
      lead: { company: "Tiny Retail", industry: "Retail", employees: 150, region: "France" },
      icp,
    });
    expect(output).toMatchObject({ score: 17, verdict: "nurture" });
  });

  it("disqualifies on hard mismatches and says why", () => {
    const lead = { ...goodLead, region: "Brazil", industry: "Online Gambling", budget: 5_000, employees: 20, need: "none" };
    const { output, deliverable } = ok(registry, scoreLead, { lead, icp, currency: "EUR" });
    expect(output.verdict).toBe("disqualified");
    expect(output.reasons).toEqual([
      "Online Gambling is an excluded industry",
      "20 employees, far outside the target 200–5000",
      "Brazil is outside the regions we sell to (EMEA, North America)",
      "€5,000 is far below the €40,000 entry price",
      "no need for what we sell",
    ]);
    expect(deliverable).toContain("(disqualified)");
  });

  it("takes any firmographics when the profile is open", () => {
    const { output } = ok(registry, scoreLead, {
      lead: { company: "X", authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 1 },
    });
    expect(output).toMatchObject({ score: 100, verdict: "SQL" });
  });

  it("reports bad input with the field", () => {
    const bad = (input: unknown) => registry.run("sdr.score-lead", input);
    expect(bad({ icp })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "lead" } });
    expect(bad({ lead: { ...goodLead, employees: "many" } })).toMatchObject({ error: { field: "lead.employees" } });
    expect(bad({ lead: { ...goodLead, company: "" } })).toMatchObject({ error: { field: "lead.company" } });
    expect(bad({ lead: { ...goodLead, need: "desperate" } })).toMatchObject({ error: { field: "lead.need" } });
    expect(bad({ lead: goodLead, icp: { employees: { min: 500, max: 100 } } })).toMatchObject({ error: { field: "icp.employees.max" } });
    expect(bad({ lead: goodLead, icp: { industries: Array(51).fill("x") } })).toMatchObject({ error: { field: "icp.industries" } });
    expect(bad({ lead: { ...goodLead, company: "x".repeat(201) } })).toMatchObject({ error: { field: "lead.company" } });
    expect(bad({ lead: goodLead, currency: "euro" })).toMatchObject({ error: { field: "currency" } });
  });
});

describe("sdr.plan-sequence", () => {
  it("plans a cold sequence on business days at the persona's local times, skipping holidays", () => {
    const { output, deliverable } = ok(registry, planSequence, {
      start: "2026-12-03T08:02:00Z", // Thursday 09:02 in Berlin
      timezone: "Europe/Berlin",
      persona: { role: "manager" },
      holidays: ["2026-12-08"],
    });
    expect(output.touches.map((t) => [t.date, t.localTime, t.channel])).toEqual([
      ["2026-12-03", "09:05", "email"],
      ["2026-12-03", "12:00", "linkedin"],
      ["2026-12-07", "16:00", "phone"],
      ["2026-12-10", "09:00", "email"],
      ["2026-12-15", "12:00", "linkedin"],
      ["2026-12-17", "16:00", "phone"],
      ["2026-12-23", "09:00", "email"],
      ["2026-12-29", "16:00", "phone"],
      ["2027-01-01", "09:00", "email"],
    ]);
    expect(output.touches[2]).toMatchObject({ weekday: "mon", utc: "2026-12-07T15:00:00.000Z", businessDay: 2 });
    expect(output).toMatchObject({ calendarDays: 30, byChannel: { email: 4, linkedin: 2, phone: 3 } });
    expect(deliverable).toContain("## Outreach sequence: 9 touches over 30 days (cold, manager)");
    expect(deliverable).toContain("| 3 | Mon 2026-12-07 | 16:00 | phone |");
  });

  it("starts a warm sequence within minutes, staggers same-day touches and follows the prospect's weekend", () => {
    const { output } = ok(registry, planSequence, {
      start: "2026-12-06T10:02:00+04:00", // Sunday, a workday in Dubai
      timezone: "Asia/Dubai",
      persona: { role: "executive" },
      temperature: "warm",
      channels: ["phone", "email", "sms"],
      weekend: ["sat"],
    });
    expect(output.touches.slice(0, 4).map((t) => [t.date, t.localTime, t.channel])).toEqual([
      ["2026-12-06", "10:05", "phone"],
      ["2026-12-06", "10:20", "email"],
      ["2026-12-06", "10:35", "sms"],
      ["2026-12-07", "08:00", "phone"],
    ]);
    expect(output.touches[0]?.utc).toBe("2026-12-06T06:05:00.000Z");
    expect(output.notes).toContain("1 touch left out for channels not in use.");
  });

  it("after hours starts the next business day; without phone or LinkedIn, e-mail stands in; no texts to cold prospects", () => {
    const { output } = ok(registry, planSequence, {
      start: "2026-12-04T17:30:00-05:00", // Friday evening in New York
      timezone: "America/New_York",
      persona: { role: "practitioner" },
      channels: ["email", "sms"],
    });
    expect(output.touches[0]).toMatchObject({ date: "2026-12-07", localTime: "10:00", channel: "email" });
    expect(output.touches).toHaveLength(7);
    expect(output.byChannel).toEqual({ email: 7 });
    expect(output.touches[1]?.action).toBe("Two-line bump on the first thread");
    expect(output.notes).toContain("SMS left out: cold prospects have not consented to texts.");
  });

  it("reports bad input with the field", () => {
    const base = { start: "2026-12-03T08:00:00Z", timezone: "Europe/Berlin", persona: { role: "manager" } };
    const bad = (patch: object) => registry.run("sdr.plan-sequence", { ...base, ...patch });
    expect(bad({ start: "next tuesday" })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "start" } });
    expect(bad({ start: "2026-12-03T08:00:00" })).toMatchObject({ error: { field: "start" } });
    expect(bad({ timezone: "Mars/Olympus" })).toMatchObject({ error: { field: "timezone" } });
    expect(bad({ persona: { role: "intern" } })).toMatchObject({ error: { field: "persona.role" } });
    expect(bad({ channels: [] })).toMatchObject({ error: { field: "channels" } });
    expect(bad({ channels: ["email", "email"] })).toMatchObject({ error: { field: "channels" } });
    expect(bad({ holidays: ["25/12/2026"] })).toMatchObject({ error: { field: "holidays[0]" } });
    expect(bad({ holidays: Array(61).fill("2026-12-25") })).toMatchObject({ error: { field: "holidays" } });
  });
});
