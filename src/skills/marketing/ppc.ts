import { z } from "zod";
import { defineSkill } from "../skill";
import { rowsFromCsv } from "./lib/csv";
import { esc, money, pct, plural, round, table } from "./lib/format";
import { amount, currency } from "./lib/schemas";
import { median, sum } from "./lib/stats";
import { dateOfDay, dayOfDate, daysInMonth, localDay, parseInstant } from "./lib/time";

const RUN_RATE_DAYS = 7; // the last week: recent enough to catch a change, long enough to smooth weekdays
const SPIKE = 2; // a day over twice the median day is worth a look (a bid change, a broken cap)

const row = z.object({
  date: z.iso.date({ error: "date must be YYYY-MM-DD" }),
  spend: amount,
  campaign: z.string().trim().min(1).max(200).optional(),
});

/** Month-to-date pacing of ad spend against a monthly budget, with the projection and the daily budget that lands on it. */
export const budgetPacing = defineSkill({
  name: "ppc.budget-pacing",
  title: "Ad budget pacing: month-to-date spend against the monthly budget, projected month end, recommended daily budget",
  input: z.preprocess(
    rowsFromCsv({ date: ["day", "date"], spend: ["cost", "amount_spent", "spend"], campaign: ["campaign_name", "campaign"] }),
    z.object({
      monthlyBudget: z.number().positive().max(1e9),
      // In the ad account's time zone: the rows' dates are that zone's days.
      now: z.iso.datetime({ offset: true, error: "now must be an ISO 8601 date-time with an offset" }),
      currency,
      // ±10% around the budget is on track: daily delivery varies that much on its own.
      tolerance: z.number().min(0).max(0.5).default(0.1),
      rows: z
        .array(row, { error: (i) => (i.input === undefined ? "give rows (JSON) or csv (text)" : undefined) })
        .min(1, "no spend rows")
        .max(5000),
    }),
  ),
  output: z.object({
    currency: z.string(),
    month: z.string(),
    daysInMonth: z.number().int(),
    completedDays: z.number().int(),
    remainingDays: z.number().int(),
    budget: z.number(),
    spendToDate: z.number(),
    todaySoFar: z.number(),
    idealToDate: z.number(),
    pace: z.number().nullable(),
    runRate: z.number(),
    projected: z.number(),
    status: z.enum(["on-track", "overpacing", "underpacing", "overspent", "too-early"]),
    recommendedDaily: z.number(),
    changeVsRunRate: z.number().nullable(),
    exhaustsOn: z.string().nullable(),
    campaigns: z.array(
      z.object({ campaign: z.string(), spendToDate: z.number(), share: z.number(), runRate: z.number(), recommendedDaily: z.number() }),
    ),
    anomalies: z.array(z.object({ date: z.string(), kind: z.enum(["gap", "spike"]), detail: z.string() })),
    ignoredRows: z.number().int(),
  }),
  run: (i) => {
    const now = parseInstant(i.now);
    const today = localDay(now.ms, now.offsetMinutes).day;
    const [year, month] = dateOfDay(today).split("-").map(Number) as [number, number];
    const first = dayOfDate(`${year}-${String(month).padStart(2, "0")}-01`);
    const days = daysInMonth(year, month);
    const completed = today - first; // today is still spending: its rows are partial
    const remaining = days - completed;
    const daily = new Array<number>(completed).fill(0);
    const seen = new Set<number>();
    const byCampaign = new Map<string, { total: number; recent: number }>();
    let todaySoFar = 0;
    let ignored = 0;
    for (const r of i.rows) {
      const d = dayOfDate(r.date) - first;
      if (d < 0 || d > completed) {
        ignored++;
        continue;
      }
      if (d === completed) {
        todaySoFar += r.spend;
        continue;
      }
      daily[d] = (daily[d] ?? 0) + r.spend;
      seen.add(d);
      const c = byCampaign.get(r.campaign ?? "(all)") ?? { total: 0, recent: 0 };
      c.total += r.spend;
      if (d >= completed - RUN_RATE_DAYS) c.recent += r.spend;
      byCampaign.set(r.campaign ?? "(all)", c);
    }
    const spent = sum(daily);
    const window = Math.min(RUN_RATE_DAYS, completed);
    const runRate = window ? sum(daily.slice(-window)) / window : 0;
    const projected = spent + runRate * remaining;
    const recommendedDaily = Math.max(0, (i.monthlyBudget - spent) / remaining);
    const status: "on-track" | "overpacing" | "underpacing" | "overspent" | "too-early" =
      completed === 0
        ? "too-early"
        : spent >= i.monthlyBudget
          ? "overspent"
          : projected > i.monthlyBudget * (1 + i.tolerance)
            ? "overpacing"
            : projected < i.monthlyBudget * (1 - i.tolerance)
              ? "underpacing"
              : "on-track";
    const daysLeftAtRunRate = runRate > 0 ? Math.ceil((i.monthlyBudget - spent) / runRate) : Number.POSITIVE_INFINITY;
    const typical = median(daily.filter((_, d) => seen.has(d)));
    const anomalies = daily.flatMap((s, d): { date: string; kind: "gap" | "spike"; detail: string }[] => {
      const date = dateOfDay(first + d);
      if (!seen.has(d)) return [{ date, kind: "gap", detail: "no spend rows: ads paused, or data missing" }];
      if (typical > 0 && s > SPIKE * typical) return [{ date, kind: "spike", detail: `${round(s / typical, 1)}× the median day` }];
      return [];
    });
    const recentTotal = sum([...byCampaign.values()].map((c) => c.recent));
    return {
      currency: i.currency,
      month: dateOfDay(first).slice(0, 7),
      daysInMonth: days,
      completedDays: completed,
      remainingDays: remaining,
      budget: i.monthlyBudget,
      spendToDate: round(spent),
      todaySoFar: round(todaySoFar),
      idealToDate: round((i.monthlyBudget * completed) / days),
      pace: completed ? round(spent / ((i.monthlyBudget * completed) / days), 3) : null,
      runRate: round(runRate),
      projected: round(projected),
      status,
      recommendedDaily: round(recommendedDaily),
      changeVsRunRate: runRate > 0 ? round(recommendedDaily / runRate - 1, 3) : null,
      exhaustsOn: status === "overpacing" && daysLeftAtRunRate < remaining ? dateOfDay(today + daysLeftAtRunRate) : null,
      campaigns: [...byCampaign.entries()]
        .sort((a, b) => b[1].total - a[1].total)
        .map(([campaign, c]) => ({
          campaign,
          spendToDate: round(c.total),
          share: round(spent ? c.total / spent : 0, 3),
          runRate: round(c.recent / Math.max(1, window)),
          // The new daily budget split as the campaigns have spent lately.
          recommendedDaily: round(recentTotal ? (recommendedDaily * c.recent) / recentTotal : 0),
        })),
      anomalies,
      ignoredRows: ignored,
    };
  },
  render: (o) => {
    const m = (x: number) => money(x, o.currency);
    const verdict = {
      "on-track": "✔ On track",
      overpacing: "⚠ Overpacing",
      underpacing: "⚠ Underpacing",
      overspent: "✖ Budget already spent",
      "too-early": "ℹ Too early to judge (first day of the month)",
    }[o.status];
    return [
      `## Budget pacing, ${o.month}: ${verdict}`,
      "",
      table(
        ["", ""],
        [
          ["Monthly budget", m(o.budget)],
          [
            `Spent (${o.completedDays} of ${o.daysInMonth} days)`,
            `${m(o.spendToDate)}${o.pace === null ? "" : ` (${pct(o.pace, 0)} of the ideal ${m(o.idealToDate)})`}`,
          ],
          ["Run rate (last 7 days)", `${m(o.runRate)} / day`],
          ["Projected month end", `${m(o.projected)} (${pct(o.projected / o.budget, 0)} of budget)`],
          [
            "Recommended daily budget",
            `${m(o.recommendedDaily)}${o.changeVsRunRate === null ? "" : ` (${o.changeVsRunRate >= 0 ? "+" : ""}${pct(o.changeVsRunRate, 0)} vs run rate)`}`,
          ],
        ],
      ),
      ...(o.exhaustsOn ? ["", `**At the current rate the budget runs out on ${o.exhaustsOn}.**`] : []),
      ...(o.campaigns.length > 1
        ? [
            "",
            "### By campaign",
            table(
              ["Campaign", "Spent", "Share", "Run rate", "New daily"],
              o.campaigns.map((c) => [esc(c.campaign, 60), m(c.spendToDate), pct(c.share), m(c.runRate), m(c.recommendedDaily)]),
            ),
          ]
        : []),
      ...(o.anomalies.length ? ["", "### Days to check", ...o.anomalies.map((a) => `- ${a.date}: ${a.kind} (${a.detail})`)] : []),
      ...(o.todaySoFar || o.ignoredRows
        ? [
            "",
            `_Today's partial spend (${m(o.todaySoFar)}) is left out of the run rate; ${plural(o.ignoredRows, "row")} outside the month ignored._`,
          ]
        : []),
    ].join("\n");
  },
});
