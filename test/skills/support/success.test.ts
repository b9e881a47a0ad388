import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { SkillRegistry } from "../../../src/skills/registry";
import { healthScore } from "../../../src/skills/support/success-health";
import { onboardingProgress } from "../../../src/skills/support/success-onboarding";
import { qbrSummary } from "../../../src/skills/support/success-qbr";

const registry = new SkillRegistry([healthScore, qbrSummary, onboardingProgress]);

function ok(name: string, input: unknown): { output: Record<string, unknown>; deliverable: string } {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown>, deliverable: outcome.deliverable };
}

function invalid(name: string, input: unknown): string | undefined {
  const outcome = registry.run(name, input);
  if (outcome.ok) throw new Error("expected the input to be refused");
  expect(outcome.error.code).toBe("skill_input_invalid");
  return outcome.error.field;
}

/** Weekly dates ending on `end`, oldest first. */
function weeks(end: string, n: number): string[] {
  return Array.from({ length: n }, (_, i) => new Date(Date.parse(end) - (n - 1 - i) * 7 * 86_400_000).toISOString().slice(0, 10));
}

describe("success.health-score", () => {
  const previous = weeks("2026-10-28", 4).map((date) => ({ date, logins: 80, activeSeats: 24, featuresUsed: ["Dashboards", "Reports"] }));
  const current = weeks("2026-12-02", 5).map((date, i) => ({
    date,
    logins: [60, 55, 50, 45, 40][i],
    activeSeats: [22, 21, 20, 19, 18][i],
    featuresUsed: i % 2 ? ["dashboards"] : ["Dashboards", "Reports"],
    ticketsOpened: [2, 1, 3, 0, 2][i],
    ticketsEscalated: i === 2 ? 1 : 0,
  }));
  const acme = {
    kind: "health-score",
    account: "Acme Logistics",
    now: "2026-12-02T09:00:00Z",
    purchasedSeats: 50,
    renewalDate: "2027-01-31",
    keyFeatures: ["Dashboards", "Reports", "Alerts", "API", "SSO"],
    npsResponses: [9, 10, 7, 6, 3, 8, 9, 5],
    rows: [...previous, ...current],
  };

  it("scores a shrinking account amber with a renewal at risk, component by component", () => {
    const { output, deliverable } = ok("success.health-score", acme);
    expect(output).toMatchObject({ score: 45, verdict: "amber", renewalRisk: "high", daysToRenewal: 60, asOf: "2026-12-02" });
    // seats 20/50 = 40% → 33; adoption 2/5 → 50; 250 logins / 50 seats / 4.29 weeks = 1.17 → 39;
    // 8 tickets per 50 seats → 1.6 per 10 → 85, less 10 for the escalation; logins −21.9% → 36; NPS 0 → 50.
    expect((output.components as { key: string; score: number }[]).map((c) => [c.key, c.score])).toEqual([
      ["seats", 33],
      ["adoption", 50],
      ["logins", 39],
      ["support", 75],
      ["trend", 36],
      ["nps", 50],
    ]);
    expect(output.metrics).toMatchObject({
      seatUtilisation: 0.4,
      loginsPerSeatPerWeek: 1.17,
      loginChangePct: -21.9,
      unusedFeatures: ["Alerts", "API", "SSO"],
      nps: 0,
      escalations: 1,
      daysSinceLastLogin: 0,
    });
    expect((output.alerts as { severity: string; code: string }[]).map((a) => `${a.severity}:${a.code}`)).toEqual([
      "high:low-seat-utilisation",
      "high:renewal-at-risk",
      "medium:usage-decline",
      "medium:low-adoption",
      "medium:escalations",
    ]);
    expect(deliverable).toContain("**45/100, AMBER**");
    expect(deliverable).toContain("| Seat utilisation | 25% | 33 | 20 of 50 seats active on average (40%) |");
    expect(deliverable).toContain("- **HIGH**: Renewal in 60 days (2027-01-31) with an amber health score.");
  });

  it("scores a well-used account green, re-weighting without NPS, and flags the overage", () => {
    const rows = weeks("2026-12-01", 8).map((date) => ({
      date,
      logins: 200,
      activeSeats: 22,
      featuresUsed: ["Dashboards", "Reports", "Alerts", "API"],
      ticketsOpened: 1,
    }));
    const { output, deliverable } = ok("success.health-score", { ...acme, npsResponses: [], purchasedSeats: 20, rows });
    expect(output).toMatchObject({ verdict: "green", renewalRisk: "low" });
    expect((output.components as { key: string }[]).map((c) => c.key)).not.toContain("nps");
    expect((output.components as { key: string; weight: number }[]).find((c) => c.key === "seats")?.weight).toBe(0.31);
    expect((output.alerts as { code: string }[]).map((a) => a.code)).toEqual(["seat-overage", "renewal-due"]);
    expect(deliverable).toContain("GREEN");
    // An NPS already computed stands in for the survey answers.
    const withScore = ok("success.health-score", { ...acme, npsResponses: [], npsScore: 42, purchasedSeats: 20, rows });
    expect(withScore.deliverable).toContain("| NPS | 20% | 71 | NPS 42 |");
  });

  it("calls an account that stopped logging in red and critical", () => {
    const rows = [
      { date: "2026-11-10", logins: 30, activeSeats: 10 },
      { date: "2026-11-24", logins: 0, activeSeats: 0 },
    ];
    const { output } = ok("success.health-score", { ...acme, rows, npsResponses: [2, 4, 9] });
    expect(output).toMatchObject({ verdict: "red", renewalRisk: "high" });
    expect(output.alerts).toContainEqual({ severity: "critical", code: "gone-dark", message: "No logins for 22 days." });
    expect(output.alerts).toContainEqual(expect.objectContaining({ severity: "critical", code: "renewal-at-risk" }));
    expect(output.alerts).toContainEqual(expect.objectContaining({ severity: "high", code: "detractors" }));
  });

  it("refuses bad input with the offending field", () => {
    expect(invalid("success.health-score", { ...acme, now: undefined })).toBe("now");
    expect(invalid("success.health-score", { ...acme, now: "2 December 2026" })).toBe("now");
    expect(invalid("success.health-score", { ...acme, purchasedSeats: "fifty" })).toBe("purchasedSeats");
    expect(invalid("success.health-score", { ...acme, purchasedSeats: 0 })).toBe("purchasedSeats");
    expect(invalid("success.health-score", { ...acme, rows: [] })).toBe("rows");
    expect(invalid("success.health-score", { ...acme, keyFeatures: [] })).toBe("keyFeatures");
    expect(invalid("success.health-score", { ...acme, npsScore: 120 })).toBe("npsScore");
    expect(invalid("success.health-score", { ...acme, npsResponses: [11] })).toBe("npsResponses[0]");
    expect(invalid("success.health-score", { ...acme, rows: [{ date: "2026-12-01", logins: -1, activeSeats: 2 }] })).toBe("rows[0].logins");
    expect(invalid("success.health-score", { ...acme, rows: [...current, { date: "2026-12-09", logins: 1, activeSeats: 1 }] })).toBe(
      "rows[5].date",
    );
    expect(invalid("success.health-score", { ...acme, rows: previous })).toBe("rows");
    const many = Array.from({ length: 5_001 }, () => ({ date: "2026-12-01", logins: 1, activeSeats: 1 }));
    expect(invalid("success.health-score", { ...acme, rows: many })).toBe("rows");
  });
});

describe("success.qbr-summary", () => {
  const northwind = exampleOf(qbrSummary);

  it("compares the quarters, finds wins and concerns and orders the talking points", () => {
    const { output, deliverable } = ok("success.qbr-summary", northwind);
    expect(output).toMatchObject({
      overall: "strong",
      headline: "Q3 2026 vs Q2 2026: 5 of 6 KPIs improved, 1 worsened; 1 of 2 goals done.",
      goals: { done: 1, onTrack: 0, atRisk: 1, missed: 0 },
    });
    const metrics = output.metrics as { name: string; change: string; trend: string; attainmentPct: number | null }[];
    expect(metrics.map((m) => [m.name, m.trend, m.change])).toEqual([
      ["Weekly active users", "improved", "+110 (+26.8%)"],
      ["Automated workflows", "improved", "+1 (+2.9%)"],
      ["Support tickets", "declined", "+17 (+26.6%)"],
      ["Avg handle time", "improved", "−1.5 h (−23.1%)"],
      ["Self-service rate", "improved", "+6 pts"],
      ["Cost savings", "improved", "+USD 31,500 (+26.3%)"],
    ]);
    expect(metrics.map((m) => m.attainmentPct)).toEqual([104, null, null, 80, 80, null]);
    expect(output.wins).toEqual([
      "Weekly active users improved 26.8%: 410 → 520, on target (500).",
      "Avg handle time improved 23.1%: 6.5 h → 5 h.",
      "Cost savings improved 26.3%: USD 120,000 → USD 151,500.",
    ]);
    expect(output.concerns).toEqual([
      "Support tickets worsened 26.6%: 64 → 81.",
      "Avg handle time is at 80% of its target (5 h against 4 h).",
      "Self-service rate is at 80% of its target (48% against 60%).",
    ]);
    expect((output.talkingPoints as string[])[0]).toBe("Unblock goal at risk: Connect the EHR integration.");
    expect((output.talkingPoints as string[])[1]).toMatch(/^Address: Support tickets worsened 26.6%/);
    expect(deliverable).toContain("| Cost savings | USD 120,000 | USD 151,500 | +USD 31,500 (+26.3%) | – |");
    expect(deliverable).toContain("| Weekly active users | 410 | 520 | +110 (+26.8%) | 500 (104%) |");
    expect(deliverable).toContain("**Overall: strong.**");
  });

  it("calls a quarter of falling KPIs and a missed goal weak", () => {
    const { output } = ok("success.qbr-summary", {
      metrics: [
        { name: "Active users", previous: 300, current: 240 },
        { name: "Churned seats", previous: 4, current: 9, higherIsBetter: false },
        { name: "Reports run", previous: 0, current: 12 },
      ],
      goals: [{ goal: "Launch in the EU region", status: "missed" }],
    });
    expect(output).toMatchObject({ overall: "weak", previousQuarter: "Previous quarter" });
    expect((output.metrics as { changePct: number | null }[]).map((m) => m.changePct)).toEqual([-20, 125, null]);
    expect(output.concerns).toContain("Goal missed: Launch in the EU region.");
  });

  it("refuses bad input with the offending field", () => {
    expect(invalid("success.qbr-summary", { ...northwind, metrics: [] })).toBe("metrics");
    expect(invalid("success.qbr-summary", { ...northwind, metrics: [{ name: "Users", previous: 1 }] })).toBe("metrics[0].current");
    expect(invalid("success.qbr-summary", { ...northwind, metrics: [{ name: "Users", previous: "1", current: 2 }] })).toBe(
      "metrics[0].previous",
    );
    const twice = [...northwind.metrics, { name: "weekly active users", previous: 1, current: 2 }];
    expect(invalid("success.qbr-summary", { ...northwind, metrics: twice })).toBe("metrics[6].name");
    expect(invalid("success.qbr-summary", { ...northwind, goals: [{ goal: "x", status: "sort of" }] })).toBe("goals[0].status");
    expect(invalid("success.qbr-summary", { ...northwind, account: "x".repeat(201) })).toBe("account");
  });
});

describe("success.onboarding-progress", () => {
  const globex = {
    account: "Globex",
    now: "2026-12-02T10:00:00Z",
    goLiveDate: "2026-12-15",
    milestones: [
      { name: "Kickoff call", due: "2026-11-02", completedOn: "2026-11-02", owner: "vendor" },
      { name: "SSO configured", due: "2026-11-16", completedOn: "2026-11-20", owner: "customer" },
      { name: "Data import", due: "2026-11-25", owner: "customer", dependsOn: ["SSO configured"] },
      { name: "Admin training", due: "2026-12-04", owner: "vendor", dependsOn: ["Data import"] },
      { name: "Workflow templates", due: "2026-12-08", owner: "vendor" },
      { name: "Go-live sign-off", due: "2026-12-15", owner: "customer", dependsOn: ["Admin training", "Workflow templates"] },
      { name: "Mobile app rollout", due: "2027-01-10", required: false },
    ],
  };

  it("builds the checklist, carries the slip down the dependencies and lists next actions", () => {
    const { output, deliverable } = ok("success.onboarding-progress", globex);
    expect(output).toMatchObject({
      status: "at-risk",
      progressPct: 33,
      expectedPct: 50,
      projectedCompletion: "2026-12-22",
      goLiveSlipDays: 7,
    });
    expect(
      (output.checklist as { name: string; state: string; daysLate: number; projected: string }[]).map((c) => [c.state, c.daysLate]),
    ).toEqual([
      ["done", 0],
      ["done-late", 4],
      ["overdue", 7],
      ["blocked", 0],
      ["due-soon", 0],
      ["upcoming", 0],
      ["upcoming", 0],
    ]);
    expect(output.nextActions).toEqual([
      'Chase (customer): "Data import" is 7 days overdue.',
      'Unblock "Admin training": waiting on "Data import".',
      'Prepare (vendor): "Workflow templates" is due 2026-12-08.',
      "Agree a new go-live date with the customer: projected 7 days late.",
    ]);
    expect(deliverable).toContain("**AT-RISK**: 33% of required milestones done (50% due by now)");
    expect(deliverable).toContain("- [ ] **Data import**: **overdue by 7 days** (due 2026-11-25) · owner: customer");
    expect(deliverable).toContain("- [x] SSO configured: done 4 days late (due 2026-11-16)");
  });

  it("is off track once a required milestone is two weeks overdue, complete when all are done", () => {
    const late = ok("success.onboarding-progress", { ...globex, now: "2026-12-10T10:00:00Z" });
    expect(late.output.status).toBe("off-track");
    const done = globex.milestones.map((m) => ({ ...m, completedOn: m.completedOn ?? "2026-12-01" }));
    expect(ok("success.onboarding-progress", { ...globex, milestones: done }).output).toMatchObject({
      status: "complete",
      progressPct: 100,
    });
  });

  it("refuses bad input with the offending field", () => {
    const m = globex.milestones;
    expect(invalid("success.onboarding-progress", { ...globex, milestones: [] })).toBe("milestones");
    expect(invalid("success.onboarding-progress", { ...globex, milestones: [{ name: "Kickoff" }] })).toBe("milestones[0].due");
    expect(invalid("success.onboarding-progress", { ...globex, milestones: [...m, { name: "kickoff call", due: "2026-12-01" }] })).toBe(
      "milestones[7].name",
    );
    const unknown = [{ name: "Training", due: "2026-12-01", dependsOn: ["Kickoff"] }];
    expect(invalid("success.onboarding-progress", { ...globex, milestones: unknown })).toBe("milestones[0].dependsOn[0]");
    const circle = [
      { name: "A", due: "2026-12-01", dependsOn: ["B"] },
      { name: "B", due: "2026-12-02", dependsOn: ["A"] },
    ];
    expect(invalid("success.onboarding-progress", { ...globex, milestones: circle })).toBe("milestones[0].dependsOn");
    const future = [{ name: "Kickoff", due: "2026-12-01", completedOn: "2026-12-03" }];
    expect(invalid("success.onboarding-progress", { ...globex, milestones: future })).toBe("milestones[0].completedOn");
    expect(invalid("success.onboarding-progress", { ...globex, now: "2026-12-02" })).toBe("now");
  });
});
