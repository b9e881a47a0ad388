import { z } from "zod";
import { defineSkill } from "../skill";
import { bullets, currencyCode, money, percent, round, table } from "./lib/format";

/**
 * `leadgen.plan-funnel`: how many leads (and raw records to source) a revenue goal needs,
 * working back from wins through each stage's conversion rate, paced per month and week,
 * after what the pipeline already in hand should bring, and which stage is the cheapest lever.
 */

// Typical B2B rates, used when the team has none of its own; the output names every one used.
const benchmark = { leadToMql: 0.2, mqlToSql: 0.3, sqlToOpportunity: 0.5, opportunityToWon: 0.25 };
type Rate = keyof typeof benchmark;
const rateNames: Record<Rate, [string, string]> = {
  leadToMql: ["Leads", "MQLs"],
  mqlToSql: ["MQLs", "SQLs"],
  sqlToOpportunity: ["SQLs", "Opportunities"],
  opportunityToWon: ["Opportunities", "Wins"],
};
const rate = z
  .number()
  .gt(0, { message: "a rate above 0 and at most 1 (0.25 for 25%)" })
  .max(1, { message: "a rate above 0 and at most 1 (0.25 for 25%)" });

const input = z
  .object({
    revenueGoal: z.number().positive().max(1e12),
    averageDealSize: z.number().positive().max(1e10),
    currency: currencyCode,
    conversionRates: z.object({ leadToMql: rate, mqlToSql: rate, sqlToOpportunity: rate, opportunityToWon: rate }).partial().default({}),
    periodMonths: z.number().int().min(1).max(36).default(3),
    // Bought or scraped lists lose a fifth of records to bounces, leavers and wrong contacts.
    usableRate: rate.default(0.8).describe("share of sourced records that are valid and reachable"),
    inPipeline: z
      .object({
        mqls: z.number().int().min(0).max(1e7).default(0),
        sqls: z.number().int().min(0).max(1e7).default(0),
        opportunities: z.number().int().min(0).max(1e7).default(0),
      })
      .default({ mqls: 0, sqls: 0, opportunities: 0 }),
  })
  .refine((i) => i.averageDealSize <= i.revenueGoal, {
    message: "the average deal must not exceed the revenue goal",
    path: ["averageDealSize"],
  });

const output = z.object({
  revenueGoal: z.number(),
  currency: z.string(),
  periodMonths: z.number().int(),
  winsNeeded: z.number().int(),
  expectedFromPipeline: z.number(),
  stages: z.array(
    z.object({
      stage: z.string(),
      needed: z.number().int(),
      perMonth: z.number().int(),
      perWeek: z.number().int(),
      conversionToNext: z.number().nullable(),
    }),
  ),
  recordsToSource: z.number().int(),
  pipelineValue: z.number().int(),
  leadToWin: z.number(),
  assumed: z.array(z.string()),
  levers: z.array(z.string()),
});

const WEEKS_PER_MONTH = 52 / 12;

function leadsFor(wins: number, r: Record<Rate, number>) {
  const opportunities = Math.ceil(wins / r.opportunityToWon);
  const sqls = Math.ceil(opportunities / r.sqlToOpportunity);
  const mqls = Math.ceil(sqls / r.mqlToSql);
  return { opportunities, sqls, mqls, leads: Math.ceil(mqls / r.leadToMql) };
}

export const planFunnel = defineSkill({
  name: "leadgen.plan-funnel",
  title: "Work back from a revenue goal to the leads, MQLs, SQLs and opportunities needed per month, and the records to source",
  input,
  output,
  run: ({ revenueGoal, averageDealSize, currency, conversionRates, periodMonths, usableRate, inPipeline }) => {
    const r = { ...benchmark, ...conversionRates };
    const assumed = (Object.keys(benchmark) as Rate[])
      .filter((k) => conversionRates[k] === undefined)
      .map((k) => `${rateNames[k][0]} → ${rateNames[k][1]} ${percent(benchmark[k])} (typical B2B rate)`);
    // What the pipeline in hand should still win, at the same rates.
    const expectedFromPipeline = round(
      inPipeline.opportunities * r.opportunityToWon +
        inPipeline.sqls * r.sqlToOpportunity * r.opportunityToWon +
        inPipeline.mqls * r.mqlToSql * r.sqlToOpportunity * r.opportunityToWon,
      1,
    );
    // Fractions of a deal are rounded up: half a win does not pay half a quota.
    const winsNeeded = Math.max(0, Math.ceil(revenueGoal / averageDealSize - expectedFromPipeline - 1e-9));
    const need = leadsFor(winsNeeded, r);
    const pace = (n: number) => ({ perMonth: Math.ceil(n / periodMonths), perWeek: Math.ceil(n / (periodMonths * WEEKS_PER_MONTH)) });
    const stages = [
      { stage: "Leads", needed: need.leads, conversionToNext: r.leadToMql },
      { stage: "MQLs", needed: need.mqls, conversionToNext: r.mqlToSql },
      { stage: "SQLs", needed: need.sqls, conversionToNext: r.sqlToOpportunity },
      { stage: "Opportunities", needed: need.opportunities, conversionToNext: r.opportunityToWon },
      { stage: "Wins", needed: winsNeeded, conversionToNext: null },
    ].map((s) => ({ ...s, ...pace(s.needed) }));
    // A lever: the leads saved if a stage below the benchmark reached it.
    const levers = (Object.keys(benchmark) as Rate[])
      .filter((k) => r[k] < benchmark[k])
      .map((k) => ({ k, saved: need.leads - leadsFor(winsNeeded, { ...r, [k]: benchmark[k] }).leads }))
      .sort((a, b) => b.saved - a.saved)
      .map(
        ({ k, saved }) =>
          `Raising ${rateNames[k][0]} → ${rateNames[k][1]} from ${percent(r[k])} to ${percent(benchmark[k])} needs ${saved} fewer leads.`,
      );
    return {
      revenueGoal,
      currency,
      periodMonths,
      winsNeeded,
      expectedFromPipeline,
      stages,
      recordsToSource: Math.ceil(need.leads / usableRate),
      pipelineValue: Math.round(need.opportunities * averageDealSize),
      leadToWin: round(r.leadToMql * r.mqlToSql * r.sqlToOpportunity * r.opportunityToWon, 4),
      assumed,
      levers,
    };
  },
  render: (o) =>
    [
      `## Funnel plan: ${money(o.revenueGoal, o.currency)} in ${o.periodMonths} months needs ${o.stages[0]?.needed ?? 0} leads`,
      `${o.winsNeeded} new wins` +
        (o.expectedFromPipeline > 0 ? ` (after ${o.expectedFromPipeline} expected from the pipeline in hand)` : "") +
        ` · ${money(o.pipelineValue, o.currency)} of new pipeline · lead-to-win ${percent(o.leadToWin)} · **source ${o.recordsToSource} records**`,
      table(
        ["Stage", "Needed", "Per month", "Per week", "Converts to next"],
        o.stages.map((s) => [s.stage, s.needed, s.perMonth, s.perWeek, s.conversionToNext === null ? "" : percent(s.conversionToNext)]),
      ),
      ...(o.assumed.length ? ["**Assumed rates** (replace with your own):", bullets(o.assumed)] : []),
      ...(o.levers.length ? ["### Levers", bullets(o.levers)] : []),
    ].join("\n\n"),
});
