import { z } from "zod";
import { defineSkill } from "../skill";
import { bullets, cell, currencyCode, money, percent, round, table } from "./lib/format";
import { defaultProbability, type Stage, stage, stages } from "./lib/stages";

/**
 * `ae.forecast-pipeline`: a period's weighted forecast from deals and stage probabilities, with
 * the forecast categories a sales leader calls (closed, commit, best case, pipeline), quota
 * attainment and coverage, and the deals that make the number unreliable.
 */

const input = z.object({
  now: z.iso.datetime({ offset: true }),
  period: z
    .object({ start: z.iso.date(), end: z.iso.date() })
    .refine((p) => p.start <= p.end, { message: "the period must not end before it starts", path: ["end"] }),
  quota: z.number().positive().max(1e13).optional(),
  currency: currencyCode,
  stageProbabilities: z
    .object(Object.fromEntries(stages.map((s) => [s, z.number().min(0).max(1)])) as Record<Stage, z.ZodNumber>)
    .partial()
    .default({})
    .describe("the team's own win rates by stage, 0 to 1"),
  deals: z
    .array(
      z.object({
        id: z.string().trim().min(1).max(64).optional(),
        name: z.string().trim().min(1).max(200),
        owner: z.string().trim().min(1).max(100).optional(),
        stage,
        amount: z.number().min(0).max(1e12),
        closeDate: z.iso.date(),
        probability: z.number().min(0).max(1).optional().describe("overrides the stage's"),
      }),
    )
    .min(1)
    .max(2000),
});

const money0 = z.number().int();
const output = z.object({
  period: z.object({ start: z.string(), end: z.string() }),
  currency: z.string(),
  byStage: z.array(z.object({ stage, probability: z.number(), deals: z.number().int(), amount: money0, weighted: money0 })),
  closedWon: money0,
  commit: money0,
  bestCase: money0,
  openPipeline: money0,
  weightedForecast: money0,
  quota: z.number().nullable(),
  attainment: z.number().nullable(),
  forecastToQuota: z.number().nullable(),
  coverage: z.number().nullable(),
  byOwner: z.array(z.object({ owner: z.string(), deals: z.number().int(), closedWon: money0, commit: money0, weighted: money0 })),
  flags: z.array(z.string()),
  outsidePeriod: z.object({ deals: z.number().int(), amount: money0 }),
});

// Coverage (open pipeline over the quota still to win) under 3× rarely makes the number at
// typical 20–30% win rates; 2× is the floor most sales leaders accept late in a quarter.
const HEALTHY_COVERAGE = 3;
// One deal carrying more than a quarter of the forecast makes the quarter a coin toss.
const CONCENTRATION = 0.25;

export const forecastPipeline = defineSkill({
  name: "ae.forecast-pipeline",
  title: "Forecast a period's pipeline: weighted forecast, commit and best case, quota coverage and the deals at risk",
  input,
  output,
  run: ({ now, period, quota, currency, stageProbabilities, deals }) => {
    const today = now.slice(0, 10);
    const probabilityOf = (s: Stage) => stageProbabilities[s] ?? defaultProbability[s];
    const rows = new Map(stages.map((s) => [s, { stage: s, probability: probabilityOf(s), deals: 0, amount: 0, weighted: 0 }]));
    const owners = new Map<string, { owner: string; deals: number; closedWon: number; commit: number; weighted: number }>();
    const flags: string[] = [];
    const outside = { deals: 0, amount: 0 };
    let closedWon = 0;
    let commit = 0;
    let bestCase = 0;
    let openPipeline = 0;
    let weightedForecast = 0;
    const weightedOf: { name: string; weighted: number }[] = [];
    for (const d of deals) {
      const open = d.stage !== "closed-won" && d.stage !== "closed-lost";
      if (open && d.closeDate < today) {
        flags.push(`${d.name}: open with a close date in the past (${d.closeDate}); update it or close the deal`);
        if (d.closeDate < period.start) continue;
      }
      if (d.closeDate < period.start || d.closeDate > period.end) {
        if (open) {
          outside.deals++;
          outside.amount += d.amount;
        }
        continue;
      }
      const p = d.probability ?? probabilityOf(d.stage);
      const weighted = d.amount * p;
      const row = rows.get(d.stage) as { deals: number; amount: number; weighted: number };
      row.deals++;
      row.amount += d.amount;
      row.weighted += weighted;
      weightedForecast += weighted;
      if (d.stage === "closed-won") closedWon += d.amount;
      // Categories by stage: terms under negotiation are commit, a proposal is best case.
      const inCommit = d.stage === "closed-won" || d.stage === "negotiation";
      if (inCommit) commit += d.amount;
      if (inCommit || d.stage === "proposal") bestCase += d.amount;
      if (open) {
        openPipeline += d.amount;
        weightedOf.push({ name: d.name, weighted });
        if (d.probability !== undefined && Math.abs(d.probability - probabilityOf(d.stage)) >= 0.3) {
          flags.push(`${d.name}: ${percent(d.probability)} set by hand against ${percent(probabilityOf(d.stage))} for ${d.stage}`);
        }
      }
      if (d.owner) {
        const o = owners.get(d.owner) ?? { owner: d.owner, deals: 0, closedWon: 0, commit: 0, weighted: 0 };
        o.deals++;
        o.weighted += weighted;
        if (d.stage === "closed-won") o.closedWon += d.amount;
        if (inCommit) o.commit += d.amount;
        owners.set(d.owner, o);
      }
    }
    for (const w of weightedOf) {
      if (weightedForecast > 0 && w.weighted / weightedForecast > CONCENTRATION) {
        flags.push(`${w.name}: ${percent(w.weighted / weightedForecast)} of the weighted forecast rests on this one deal`);
      }
    }
    const remaining = quota === undefined ? undefined : Math.max(0, quota - closedWon);
    const coverage = remaining === undefined || remaining === 0 ? null : round(openPipeline / remaining, 2);
    if (coverage !== null && coverage < HEALTHY_COVERAGE) {
      flags.push(`coverage ${coverage}× is below the ${HEALTHY_COVERAGE}× needed for the ${money(remaining ?? 0, currency)} still to win`);
    }
    return {
      period,
      currency,
      byStage: [...rows.values()]
        .filter((r) => r.deals > 0)
        .map((r) => ({ ...r, amount: Math.round(r.amount), weighted: Math.round(r.weighted) })),
      closedWon: Math.round(closedWon),
      commit: Math.round(commit),
      bestCase: Math.round(bestCase),
      openPipeline: Math.round(openPipeline),
      weightedForecast: Math.round(weightedForecast),
      quota: quota ?? null,
      attainment: quota ? round(closedWon / quota, 3) : null,
      forecastToQuota: quota ? round(weightedForecast / quota, 3) : null,
      coverage,
      byOwner: [...owners.values()]
        .map((o) => ({ ...o, closedWon: Math.round(o.closedWon), commit: Math.round(o.commit), weighted: Math.round(o.weighted) }))
        .sort((a, b) => b.weighted - a.weighted || a.owner.localeCompare(b.owner)),
      flags,
      outsidePeriod: { deals: outside.deals, amount: Math.round(outside.amount) },
    };
  },
  render: (o) => {
    const m = (n: number) => money(n, o.currency);
    const vsQuota = o.quota === null ? "" : ` (${percent(o.forecastToQuota ?? 0)} of the ${m(o.quota)} quota)`;
    return [
      `## Pipeline forecast ${o.period.start} to ${o.period.end}: ${m(o.weightedForecast)} weighted${vsQuota}`,
      table(
        ["Category", "Amount"],
        [
          ["Closed won", m(o.closedWon)],
          ["Commit (closed + negotiation)", m(o.commit)],
          ["Best case (commit + proposal)", m(o.bestCase)],
          ["Open pipeline", m(o.openPipeline)],
          ["Weighted forecast", m(o.weightedForecast)],
        ],
      ),
      o.quota === null
        ? "No quota given."
        : `Attainment so far ${percent(o.attainment ?? 0)}; coverage ${o.coverage === null ? "n/a (quota met)" : `${o.coverage}×`}.`,
      "### By stage",
      table(
        ["Stage", "Probability", "Deals", "Amount", "Weighted"],
        o.byStage.map((r) => [r.stage, percent(r.probability), r.deals, m(r.amount), m(r.weighted)]),
      ),
      ...(o.byOwner.length
        ? [
            "### By owner",
            table(
              ["Owner", "Deals", "Closed", "Commit", "Weighted"],
              o.byOwner.map((r) => [cell(r.owner), r.deals, m(r.closedWon), m(r.commit), m(r.weighted)]),
            ),
          ]
        : []),
      ...(o.flags.length ? ["### Watch", bullets(o.flags.map(cell))] : []),
      ...(o.outsidePeriod.deals
        ? [
            `${o.outsidePeriod.deals} open deal${o.outsidePeriod.deals === 1 ? "" : "s"} (${m(o.outsidePeriod.amount)}) closing outside the period.`,
          ]
        : []),
    ].join("\n\n");
  },
});
