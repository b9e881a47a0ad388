import { describe, expect, it } from "vitest";
import { budgetPacing } from "../../../src/skills/marketing/ppc";
import { campaignMetrics } from "../../../src/skills/marketing/ppc-metrics";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([budgetPacing, campaignMetrics]);

function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown>, md: outcome.deliverable };
}

/** A Google Ads style daily export for 1–14 November: day 6 missing, day 9 a spike on brand. */
function novemberCsv(): string {
  const lines = ["Day,Campaign,Cost (USD)"];
  for (let d = 1; d <= 14; d++) {
    if (d === 6) continue;
    const date = `2026-11-${String(d).padStart(2, "0")}`;
    lines.push(`${date},Brand search,"${d === 9 ? "2,020.00" : "310.00"}"`);
    lines.push(`${date},Generic search,${d > 7 ? 520 : 400}`);
  }
  lines.push("2026-11-15,Brand search,95.50", "2026-10-31,Brand search,300");
  return lines.join("\r\n");
}

describe("ppc.budget-pacing", () => {
  it("paces month-to-date spend from a CSV export: projection, status, daily budget, campaigns, odd days", () => {
    const { output, md } = ok("ppc.budget-pacing", { monthlyBudget: 24_000, now: "2026-11-15T14:00:00-05:00", csv: novemberCsv() });
    // 13 days with rows; brand 310 × 12 + 2,020, generic 400 × 6 + 520 × 7.
    expect(output).toMatchObject({
      month: "2026-11",
      daysInMonth: 30,
      completedDays: 14,
      remainingDays: 16,
      spendToDate: 11_780,
      todaySoFar: 95.5,
      idealToDate: 11_200,
      pace: 1.052,
      runRate: 1074.29, // 8–14 November: (310 × 6 + 2,020 + 520 × 7) / 7
      projected: 28_968.57,
      status: "overpacing",
      recommendedDaily: 763.75, // (24,000 − 11,780) / 16
      changeVsRunRate: -0.289,
      exhaustsOn: "2026-11-27",
      ignoredRows: 1,
    });
    expect(output.anomalies).toEqual([
      { date: "2026-11-06", kind: "gap", detail: "no spend rows: ads paused, or data missing" },
      { date: "2026-11-09", kind: "spike", detail: "3.1× the median day" },
    ]);
    expect(output.campaigns).toEqual([
      { campaign: "Generic search", spendToDate: 6040, share: 0.513, runRate: 520, recommendedDaily: 369.69 },
      { campaign: "Brand search", spendToDate: 5740, share: 0.487, runRate: 554.29, recommendedDaily: 394.06 },
    ]);
    expect(md).toContain("## Budget pacing, 2026-11: ⚠ Overpacing");
    expect(md).toContain("| Recommended daily budget | USD 763.75 (-29% vs run rate) |");
    expect(md).toContain("**At the current rate the budget runs out on 2026-11-27.**");
    expect(md).toContain("1 row outside the month ignored");
  });

  it("reads JSON rows: on track, under pace, and the first day of the month", () => {
    const rows = Array.from({ length: 10 }, (_, i) => ({ date: `2026-02-${String(i + 1).padStart(2, "0")}`, spend: 100 }));
    const onTrack = ok("ppc.budget-pacing", { monthlyBudget: 2800, now: "2026-02-11T08:00:00Z", rows, currency: "EUR" });
    expect(onTrack.output).toMatchObject({
      daysInMonth: 28,
      status: "on-track",
      projected: 2800,
      recommendedDaily: 100,
      campaigns: [{ campaign: "(all)" }],
    });
    expect(onTrack.md).toContain("EUR 1,000.00");
    const under = ok("ppc.budget-pacing", { monthlyBudget: 5000, now: "2026-02-11T08:00:00Z", rows });
    expect(under.output).toMatchObject({ status: "underpacing", recommendedDaily: 222.22 });
    const first = ok("ppc.budget-pacing", { monthlyBudget: 3100, now: "2026-03-01T08:00:00Z", rows: [{ date: "2026-03-01", spend: 12 }] });
    expect(first.output).toMatchObject({ status: "too-early", completedDays: 0, recommendedDaily: 100, pace: null });
  });

  it("rejects bad input with the field", () => {
    const base = { monthlyBudget: 1000, now: "2026-11-15T14:00:00Z", rows: [{ date: "2026-11-01", spend: 10 }] };
    const run = (patch: object) => registry.run("ppc.budget-pacing", { ...base, ...patch });
    expect(run({ rows: [] })).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "rows", message: "rows: no spend rows" },
    });
    expect(run({ rows: undefined })).toMatchObject({
      ok: false,
      error: { field: "rows", message: "rows: give rows (JSON) or csv (text)" },
    });
    expect(run({ rows: [{ date: "11/01/2026", spend: 10 }] })).toMatchObject({
      ok: false,
      error: { field: "rows[0].date", message: "rows[0].date: date must be YYYY-MM-DD" },
    });
    expect(run({ rows: [{ date: "2026-11-01", spend: "lots" }] })).toMatchObject({ ok: false, error: { field: "rows[0].spend" } });
    expect(run({ rows: [{ date: "2026-11-01", spend: -5 }] })).toMatchObject({ ok: false, error: { field: "rows[0].spend" } });
    expect(run({ rows: Array.from({ length: 5001 }, () => ({ date: "2026-11-01", spend: 1 })) })).toMatchObject({
      ok: false,
      error: { field: "rows" },
    });
    expect(run({ now: "2026-11-15" })).toMatchObject({ ok: false, error: { field: "now" } });
    expect(run({ monthlyBudget: 0 })).toMatchObject({ ok: false, error: { field: "monthlyBudget" } });
    expect(run({ currency: "dollars" })).toMatchObject({ ok: false, error: { field: "currency" } });
    expect(run({ csv: "Day,Cost\n2026-11-01,10" })).toMatchObject({
      ok: false,
      error: { field: "csv", message: "csv: give rows or csv, not both" },
    });
    expect(run({ rows: undefined, csv: 'Day,Cost\n2026-11-01,"10' })).toMatchObject({
      ok: false,
      error: { field: "csv", message: "csv: line 2: a quoted field is never closed" },
    });
    expect(run({ rows: undefined, csv: "Name,Email\nAda,ada@example.com" })).toMatchObject({
      ok: false,
      error: { field: "csv", message: expect.stringMatching(/no known column/) },
    });
    expect(run({ rows: undefined, csv: "x".repeat(1_000_001) })).toMatchObject({ ok: false, error: { field: "csv" } });
  });
});

const ADS_CSV = `Campaign,Day,Impr.,Clicks,Cost (USD),Conversions,Conv. value
Brand search,2026-11-01,"12,000",960,480.00,48,"4,800.00"
Brand search,2026-11-02,11000,900,450.00,45,4500
Generic search,2026-11-01,40000,800,1600.00,20,2400
Generic search,2026-11-02,38000,760,1520.00,18,2100
Display retargeting,2026-11-01,90000,180,540.00,0,0
Display retargeting,2026-11-02,85000,170,510.00,0,0
New test,2026-11-02,3000,40,60,1,90`;

describe("ppc.campaign-metrics", () => {
  it("computes CTR, CPC, CPA and ROAS per campaign from an export and flags them against targets", () => {
    const { output, md } = ok("ppc.campaign-metrics", { csv: ADS_CSV, targets: { cpa: 40, roas: 3, ctrPercent: 1 } });
    const campaigns = output.campaigns as {
      campaign: string;
      metrics: Record<string, number | null>;
      flags: { severity: string; metric: string; message: string }[];
      recommendation: string;
    }[];
    expect(campaigns.map((c) => [c.campaign, c.recommendation])).toEqual([
      ["Generic search", "optimise"],
      ["Display retargeting", "pause"],
      ["Brand search", "scale"],
      ["New test", "gather data"],
    ]);
    expect(campaigns[0]?.metrics).toEqual({
      impressions: 78_000,
      clicks: 1560,
      spend: 3120,
      conversions: 38,
      revenue: 4500,
      ctr: 0.02,
      cpc: 2,
      conversionRate: 0.0244,
      cpa: 82.11,
      roas: 1.44,
    });
    expect(campaigns[0]?.flags).toEqual([
      { severity: "error", metric: "CPA", message: "CPA USD 82.11 is 105% above the USD 40.00 target." },
      { severity: "error", metric: "ROAS", message: "ROAS 1.44× is 52% below the 3× target." },
    ]);
    expect(campaigns[1]?.metrics).toMatchObject({ conversions: 0, cpa: null, roas: 0 });
    expect(campaigns[1]?.flags.at(-1)).toEqual({
      severity: "error",
      metric: "conversions",
      message: "USD 1,050.00 spent with no conversion (over twice the target CPA).",
    });
    expect(campaigns[2]?.metrics).toMatchObject({ cpa: 10, roas: 10, ctr: 0.0809 });
    expect(output.totals).toMatchObject({ spend: 5160, clicks: 3810, conversions: 132, cpa: 39.09, roas: 2.69 });
    expect(md).toContain("| Generic search | USD 3,120.00 | 1,560 | 2% | USD 2.00 | 38 | USD 82.11 | 1.44× | **optimise** |");
    expect(md).toContain("| **Total** | USD 5,160.00 | 3,810 | 1.37% | USD 1.35 | 132 | USD 39.09 | 2.69× |  |");
    expect(md).toContain("- ℹ **info**: New test: 40 clicks: too few to judge (under 100).");
  });

  it("works from JSON rows without revenue or targets: ROAS is unknown, not zero", () => {
    const { output } = ok("ppc.campaign-metrics", {
      rows: [
        { campaign: "Leads", impressions: 5000, clicks: 250, spend: 500, conversions: 12.5 },
        { campaign: "Leads", impressions: 5000, clicks: 0, spend: 0, conversions: 0 },
      ],
    });
    expect(output.campaigns).toEqual([
      {
        campaign: "Leads",
        metrics: {
          impressions: 10_000,
          clicks: 250,
          spend: 500,
          conversions: 12.5,
          revenue: null,
          ctr: 0.025,
          cpc: 2,
          conversionRate: 0.05,
          cpa: 40,
          roas: null,
        },
        flags: [],
        recommendation: "hold",
      },
    ]);
  });

  it("rejects bad input with the field", () => {
    const run = (input: object) => registry.run("ppc.campaign-metrics", input);
    expect(run({ csv: ADS_CSV.replace("960", "99999") })).toMatchObject({
      ok: false,
      error: { field: "rows[0].clicks", message: "rows[0].clicks: more clicks than impressions" },
    });
    expect(run({ rows: [{ campaign: "A", impressions: 10, clicks: 1, spend: 1 }] })).toMatchObject({
      ok: false,
      error: { field: "rows[0].conversions" },
    });
    expect(run({ rows: [{ campaign: "", impressions: 10, clicks: 1, spend: 1, conversions: 0 }] })).toMatchObject({
      ok: false,
      error: { field: "rows[0].campaign" },
    });
    expect(run({ csv: ADS_CSV, targets: { cpa: -4 } })).toMatchObject({ ok: false, error: { field: "targets.cpa" } });
    expect(run({ rows: [] })).toMatchObject({ ok: false, error: { field: "rows" } });
    const row = { campaign: "A", impressions: 10, clicks: 1, spend: 1, conversions: 0 };
    expect(run({ rows: Array.from({ length: 5001 }, () => row) })).toMatchObject({ ok: false, error: { field: "rows" } });
    expect(run({ rows: [{ ...row, campaign: "c".repeat(201) }] })).toMatchObject({ ok: false, error: { field: "rows[0].campaign" } });
    expect(run({ rows: [{ ...row, clicks: "many" }] })).toMatchObject({ ok: false, error: { field: "rows[0].clicks" } });
  });
});
