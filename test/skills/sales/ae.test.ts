import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { SkillRegistry } from "../../../src/skills/registry";
import { forecastPipeline, planClose, reviewDeal } from "../../../src/skills/sales/ae";
import { invalidField, ok } from "./helpers";

const registry = new SkillRegistry([reviewDeal, forecastPipeline, planClose]);

describe("ae.review-deal", () => {
  const deal = exampleOf(reviewDeal).deal;

  it("finds the risks of a proposal-stage deal and orders the next best actions", () => {
    const { output, deliverable } = ok(registry, reviewDeal, { now: "2026-12-01T09:00:00Z", deal });
    expect(output).toMatchObject({
      probability: 0.6,
      weighted: 72_000,
      daysToClose: 17,
      daysSinceActivity: 20,
      health: 28,
      status: "critical",
    });
    // The champion comes from the stakeholders, so four of eight are known.
    expect(output.meddicc).toEqual({ known: 4, of: 8, gaps: ["Economic buyer", "Decision process", "Competition", "Paper process"] });
    expect(output.risks.map((r) => r.risk)).toEqual([
      "Economic buyer unknown: needed to leave proposal",
      "Decision process unknown: needed to leave proposal",
      "Competition unknown: needed to leave proposal",
      "no activity for 20 days",
      "no next step agreed with the buyer",
      "only 2 stakeholders engaged",
      "Sam Ortiz (technical-evaluator) is negative",
      "champion Dana Lee not contacted for 28 days",
      "aging: open 169 days against a 90-day cycle",
    ]);
    expect(output.actions).toHaveLength(6);
    expect(output.actions[0]).toEqual({
      action: "Ask the champion to introduce the economic buyer; meet them before pricing",
      why: "Economic buyer unknown: needed to leave proposal",
      by: "2026-12-08", // five working days after Tuesday 1 December
    });
    expect(output.actions[5]?.action).toBe("Walk the economic buyer through the proposal live rather than e-mailing it");
    expect(deliverable).toContain("## Deal review: Globex: 400 seats: critical (health 28/100)");
    expect(deliverable).toContain("proposal · $120,000 · 60% → $72,000 weighted · closes in 17 days · MEDDPICC 4/8");
    expect(deliverable).toContain("- **medium**: no activity for 20 days");
  });

  it("escalates overdue gaps, a past close date, stalls and a negative buyer to high", () => {
    const { output } = ok(registry, reviewDeal, {
      now: "2026-12-01T09:00:00Z",
      deal: {
        name: "Initech",
        stage: "negotiation",
        amount: 0,
        currency: "EUR",
        closeDate: "2026-11-20",
        lastActivityAt: "2026-10-20",
        nextStep: { action: "Send the redlines", due: "2026-11-25" },
        stakeholders: [{ name: "Bill L", role: "economic-buyer", sentiment: "negative" }],
        meddicc: { identifiedPain: true, metrics: true, champion: true, decisionCriteria: true, decisionProcess: true, competition: true },
      },
    });
    expect(output.risks).toEqual([
      { severity: "high", risk: "close date passed 11 days ago" },
      { severity: "high", risk: "stalled: no activity for 42 days" },
      { severity: "high", risk: "single-threaded: one contact or none" },
      { severity: "high", risk: "Bill L (economic-buyer) is negative" },
      { severity: "medium", risk: "Paper process unknown: needed to leave negotiation" },
      { severity: "medium", risk: "next step overdue since 2026-11-25: Send the redlines" },
      { severity: "low", risk: "no amount: the forecast understates this deal" },
    ]);
    expect(output).toMatchObject({ health: 2, status: "critical", daysToClose: -11 });
    expect(output.actions[0]?.by).toBe("2026-12-03");
  });

  it("keeps a healthy early deal on track and flags a close date it cannot make", () => {
    const { output, deliverable } = ok(registry, reviewDeal, {
      now: "2026-12-01T09:00:00Z",
      deal: {
        name: "Hooli",
        stage: "discovery",
        amount: 50_000,
        closeDate: "2026-12-10",
        lastActivityAt: "2026-11-30",
        nextStep: { action: "Discovery call 2", due: "2026-12-03" },
        meddicc: { identifiedPain: true },
      },
    });
    expect(output.risks).toEqual([{ severity: "high", risk: "closes in 9 days but is only at discovery" }]);
    expect(output).toMatchObject({ health: 80, status: "on track" });
    expect(deliverable).toContain("Quantify the pain with the buyer");
  });

  it("reports bad input with the field", () => {
    const base = { now: "2026-12-01T09:00:00Z", deal };
    expect(invalidField(registry, "ae.review-deal", { deal })).toBe("now");
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, stage: "closed-won" } })).toBe("deal.stage");
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, amount: "lots" } })).toBe("deal.amount");
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, closeDate: "18/12/2026" } })).toBe("deal.closeDate");
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, lastActivityAt: "last week" } })).toBe(
      "deal.lastActivityAt",
    );
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, stakeholders: [{ name: "X", role: "boss" }] } })).toBe(
      "deal.stakeholders[0].role",
    );
    const crowd = Array.from({ length: 31 }, (_, i) => ({ name: `P${i}`, role: "user" }));
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, stakeholders: crowd } })).toBe("deal.stakeholders");
    expect(invalidField(registry, "ae.review-deal", { ...base, deal: { ...deal, meddicc: { champion: "yes" } } })).toBe(
      "deal.meddicc.champion",
    );
  });
});

describe("ae.forecast-pipeline", () => {
  const deals = [
    { name: "Initech", owner: "Ana", stage: "closed-won", amount: 150_000, closeDate: "2026-10-20" },
    { name: "Globex", owner: "Ana", stage: "negotiation", amount: 120_000, closeDate: "2026-12-18" },
    { name: "Umbrella", owner: "Ben", stage: "proposal", amount: 90_000, closeDate: "2026-12-10" },
    { name: "Hooli", owner: "Ben", stage: "demo", amount: 200_000, closeDate: "2026-12-20" },
    { name: "Vandelay", owner: "Ben", stage: "discovery", amount: 50_000, closeDate: "2026-11-01" },
    { name: "Stark", owner: "Ana", stage: "prospecting", amount: 80_000, closeDate: "2027-02-15" },
    { name: "Wayne", owner: "Ana", stage: "closed-lost", amount: 70_000, closeDate: "2026-11-02" },
    { name: "Oscorp", owner: "Ben", stage: "proposal", amount: 40_000, closeDate: "2026-09-30" },
  ];
  const period = { start: "2026-10-01", end: "2026-12-31" };

  it("weights the period's deals by stage and calls closed, commit, best case and coverage", () => {
    const { output, deliverable } = ok(registry, forecastPipeline, { now: "2026-11-15T09:00:00Z", period, quota: 500_000, deals });
    expect(output).toMatchObject({
      closedWon: 150_000,
      commit: 270_000,
      bestCase: 360_000,
      openPipeline: 460_000,
      weightedForecast: 390_000, // 150k + 96k + 54k + 80k + 10k
      attainment: 0.3,
      forecastToQuota: 0.78,
      coverage: 1.31, // 460k open over the 350k still to win
      outsidePeriod: { deals: 1, amount: 80_000 },
    });
    expect(output.byStage.map((r) => [r.stage, r.deals, r.weighted])).toEqual([
      ["discovery", 1, 10_000],
      ["demo", 1, 80_000],
      ["proposal", 1, 54_000],
      ["negotiation", 1, 96_000],
      ["closed-won", 1, 150_000],
      ["closed-lost", 1, 0],
    ]);
    expect(output.byOwner).toEqual([
      { owner: "Ana", deals: 3, closedWon: 150_000, commit: 270_000, weighted: 246_000 },
      { owner: "Ben", deals: 3, closedWon: 0, commit: 0, weighted: 144_000 },
    ]);
    expect(output.flags).toEqual([
      "Vandelay: open with a close date in the past (2026-11-01); update it or close the deal",
      "Oscorp: open with a close date in the past (2026-09-30); update it or close the deal",
      "coverage 1.31× is below the 3× needed for the $350,000 still to win",
    ]);
    expect(deliverable).toContain("## Pipeline forecast 2026-10-01 to 2026-12-31: $390,000 weighted (78% of the $500,000 quota)");
    expect(deliverable).toContain("| Commit (closed + negotiation) | $270,000 |");
    expect(deliverable).toContain("| negotiation | 80% | 1 | $120,000 | $96,000 |");
    expect(deliverable).toContain("1 open deal ($80,000) closing outside the period.");
  });

  it("uses the team's own stage probabilities and flags hand-set ones and a concentrated forecast", () => {
    const { output } = ok(registry, forecastPipeline, {
      now: "2026-11-15T09:00:00Z",
      period,
      currency: "EUR",
      stageProbabilities: { demo: 0.25 },
      deals: [
        { name: "Big", stage: "demo", amount: 400_000, closeDate: "2026-12-01", probability: 0.9 },
        { name: "Small", stage: "demo", amount: 100_000, closeDate: "2026-12-01" },
      ],
    });
    expect(output).toMatchObject({ weightedForecast: 385_000, quota: null, coverage: null, byOwner: [] });
    expect(output.byStage).toEqual([{ stage: "demo", probability: 0.25, deals: 2, amount: 500_000, weighted: 385_000 }]);
    expect(output.flags).toEqual([
      "Big: 90% set by hand against 25% for demo",
      "Big: 93.5% of the weighted forecast rests on this one deal",
    ]);
  });

  it("reports bad input with the field", () => {
    const base = { now: "2026-11-15T09:00:00Z", period, deals };
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, deals: [] })).toBe("deals");
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, period: { start: "2026-12-31", end: "2026-10-01" } })).toBe(
      "period.end",
    );
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, deals: [{ ...deals[0], stage: "won" }] })).toBe("deals[0].stage");
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, deals: [{ ...deals[0], amount: -1 }] })).toBe("deals[0].amount");
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, stageProbabilities: { demo: 40 } })).toBe("stageProbabilities.demo");
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, quota: 0 })).toBe("quota");
    const many = Array.from({ length: 2001 }, () => deals[0]);
    expect(invalidField(registry, "ae.forecast-pipeline", { ...base, deals: many })).toBe("deals");
  });
});

describe("ae.plan-close", () => {
  const holidays = ["2026-11-26", "2026-11-27", "2026-12-25"];

  it("schedules the buyer's and seller's steps back from the close date on business days", () => {
    const { output, deliverable } = ok(registry, planClose, {
      now: "2026-11-02T10:00:00Z",
      deal: "Globex",
      closeDate: "2026-12-18",
      holidays,
    });
    expect(output.steps.map((s) => [s.step, s.start, s.due, s.late])).toEqual([
      ["business-case", "2026-11-09", "2026-11-13", false],
      // Fifteen working days around the Thanksgiving holidays; legal runs alongside.
      ["security-review", "2026-11-16", "2026-12-08", false],
      ["legal-review", "2026-11-23", "2026-12-08", false],
      ["procurement", "2026-12-09", "2026-12-17", false],
      ["signature", "2026-12-18", "2026-12-18", false],
    ]);
    // Kick-off five working days after signature, over the Christmas holiday.
    expect(output).toMatchObject({ feasible: true, slackDays: 5, earliestClose: "2026-12-11", kickoff: "2026-12-28" });
    expect(deliverable).toContain("On schedule with 5 business days to spare.");
    expect(deliverable).toContain("| Procurement: vendor set-up and purchase order | buyer: procurement | 2026-12-09 | 2026-12-17 | 7 |");
  });

  it("says when the steps no longer fit and gives the earliest realistic close", () => {
    const { output, deliverable } = ok(registry, planClose, {
      now: "2026-11-02T10:00:00Z",
      deal: "Globex",
      closeDate: "2026-11-27",
      needs: { pilot: true, legalReview: false },
      done: ["success-criteria"],
      durations: { "security-review": 10 },
    });
    expect(output.steps.map((s) => s.step)).toEqual(["pilot", "business-case", "security-review", "procurement", "signature"]);
    expect(output).toMatchObject({ feasible: false, slackDays: -13, earliestClose: "2026-12-16" });
    expect(output.steps.filter((s) => s.late).map((s) => s.step)).toEqual(["pilot", "business-case"]);
    expect(deliverable).toContain(
      "**Not feasible:** the steps need 13 more business days than remain. Earliest realistic close: **2026-12-16**",
    );
    expect(deliverable).toContain("| ⚠ Technical validation / pilot against the criteria |");
  });

  it("reports bad input with the field", () => {
    const base = { now: "2026-11-02T10:00:00Z", deal: "Globex", closeDate: "2026-12-18" };
    expect(invalidField(registry, "ae.plan-close", { ...base, deal: "" })).toBe("deal");
    expect(invalidField(registry, "ae.plan-close", { ...base, closeDate: undefined })).toBe("closeDate");
    expect(invalidField(registry, "ae.plan-close", { ...base, done: ["signature"] })).toBe("done[0]");
    expect(invalidField(registry, "ae.plan-close", { ...base, durations: { pilot: 0 } })).toBe("durations.pilot");
    expect(invalidField(registry, "ae.plan-close", { ...base, needs: { pilot: "maybe" } })).toBe("needs.pilot");
  });
});
