import { z } from "zod";
import { defineSkill } from "../skill";
import { cell, currencyCode, money, table, wordsMatch } from "./lib/format";
import { inRegions } from "./lib/regions";

/**
 * `sdr.score-lead`: a lead against the ideal-customer profile. Fit (firmographics) is worth 40
 * points and BANT 60, because a lead that fits but has no budget, authority, need or timeline is
 * marketing's to nurture, while one that shows all four is sales-ready even at the edge of the
 * profile. Hard mismatches (a region we do not serve, an excluded industry, no need, a budget
 * far below our entry price, a company size far outside the profile) disqualify outright.
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const authorities = ["economic-buyer", "champion", "influencer", "end-user", "unknown"] as const;
const needs = ["critical", "high", "medium", "low", "none", "unknown"] as const;

const input = z.object({
  lead: z.object({
    company: text(200),
    name: text(200).optional(),
    title: text(200).optional(),
    industry: text(100).optional(),
    employees: z.number().int().min(1).max(10_000_000).optional(),
    region: text(100).optional().describe("country or territory: Germany, DE, EMEA"),
    budget: z.number().min(0).max(1e12).optional().describe("yearly budget for this purchase; omit when unknown"),
    authority: z.enum(authorities).default("unknown"),
    need: z.enum(needs).default("unknown"),
    timelineMonths: z.number().min(0).max(120).optional().describe("months until they mean to buy"),
  }),
  icp: z
    .object({
      industries: z.array(text(100)).max(50).default([]),
      excludedIndustries: z.array(text(100)).max(50).default([]),
      employees: z
        .object({ min: z.number().int().min(1).default(1), max: z.number().int().min(1).optional() })
        .refine((e) => e.max === undefined || e.min <= e.max, { message: "min must not exceed max", path: ["max"] })
        .optional(),
      regions: z.array(text(100)).max(50).default([]),
      minBudget: z.number().min(0).max(1e12).optional().describe("the yearly price of our entry offer"),
    })
    .default({ industries: [], excludedIndustries: [], regions: [] }),
  currency: currencyCode,
});

const status = z.enum(["met", "partial", "missing", "unknown", "knockout"]);
const output = z.object({
  company: z.string(),
  score: z.number().int().min(0).max(100),
  fitScore: z.number().int().min(0).max(40),
  bantScore: z.number().int().min(0).max(60),
  verdict: z.enum(["SQL", "MQL", "nurture", "disqualified"]),
  criteria: z.array(z.object({ criterion: z.string(), points: z.number().int(), max: z.number().int(), status, note: z.string() })),
  reasons: z.array(z.string()),
  nextStep: z.string(),
});
type Criterion = z.infer<typeof output>["criteria"][number];

// Thresholds: 70 leaves room for one weak BANT answer on a good fit; 40 is roughly a fitting
// company with one buying signal, the usual bar for marketing to hand a lead to an SDR.
const SQL_SCORE = 70;
const MQL_SCORE = 40;

/** "Software" matches "Computer Software"; every word of the profile's term must appear. */
const industryMatches = wordsMatch;

export const scoreLead = defineSkill({
  name: "sdr.score-lead",
  title: "Score a lead against the ideal-customer profile with BANT and say whether it is an SQL, an MQL or out",
  input,
  output,
  run: ({ lead, icp, currency }) => {
    const c: Criterion[] = [];
    const add = (criterion: string, points: number, max: number, s: Criterion["status"], note: string) =>
      c.push({ criterion, points, max, status: s, note });

    // Fit: 40 points.
    if (lead.industry && icp.excludedIndustries.some((t) => industryMatches(lead.industry as string, t))) {
      add("Industry", 0, 15, "knockout", `${lead.industry} is an excluded industry`);
    } else if (icp.industries.length === 0) add("Industry", 15, 15, "met", "the profile takes any industry");
    else if (!lead.industry) add("Industry", 0, 15, "unknown", "industry not known");
    else if (icp.industries.some((t) => industryMatches(lead.industry as string, t))) add("Industry", 15, 15, "met", lead.industry);
    else add("Industry", 0, 15, "missing", `${lead.industry} is outside the target industries`);

    const size = icp.employees;
    if (!size) add("Company size", 15, 15, "met", "the profile takes any size");
    else if (lead.employees === undefined) add("Company size", 0, 15, "unknown", "employee count not known");
    else {
      const { min, max = Number.POSITIVE_INFINITY } = size;
      const n = lead.employees;
      const range = `${min}–${Number.isFinite(max) ? max : "any"}`;
      // Half to double the range is the adjacent segment: sellable with effort; beyond it the
      // product, price and sales motion no longer fit.
      if (n >= min && n <= max) add("Company size", 15, 15, "met", `${n} employees (target ${range})`);
      else if (n >= min / 2 && n <= max * 2) add("Company size", 7, 15, "partial", `${n} employees, near the target ${range}`);
      else add("Company size", 0, 15, "knockout", `${n} employees, far outside the target ${range}`);
    }

    if (icp.regions.length === 0) add("Region", 10, 10, "met", "the profile takes any region");
    else if (!lead.region) add("Region", 0, 10, "unknown", "region not known");
    else if (inRegions(lead.region, icp.regions)) add("Region", 10, 10, "met", lead.region);
    else add("Region", 0, 10, "knockout", `${lead.region} is outside the regions we sell to (${icp.regions.join(", ")})`);

    // BANT: 15 points each.
    const { budget } = lead;
    const { minBudget } = icp;
    if (budget === undefined) add("Budget", 0, 15, "unknown", "budget not confirmed");
    else if (minBudget === undefined) add("Budget", budget > 0 ? 15 : 0, 15, budget > 0 ? "met" : "missing", money(budget, currency));
    else if (budget >= minBudget)
      add("Budget", 15, 15, "met", `${money(budget, currency)} covers the ${money(minBudget, currency)} entry price`);
    else if (budget >= minBudget / 2)
      add("Budget", 7, 15, "partial", `${money(budget, currency)} is below the ${money(minBudget, currency)} entry price`);
    // Under a quarter of the entry price no discount or smaller package closes the gap.
    else if (budget < minBudget / 4)
      add("Budget", 0, 15, "knockout", `${money(budget, currency)} is far below the ${money(minBudget, currency)} entry price`);
    else add("Budget", 0, 15, "missing", `${money(budget, currency)} is well below the ${money(minBudget, currency)} entry price`);

    const authorityPoints = { "economic-buyer": 15, champion: 10, influencer: 6, "end-user": 3, unknown: 0 } as const;
    if (lead.authority !== "unknown") {
      const points = authorityPoints[lead.authority];
      add("Authority", points, 15, points >= 10 ? "met" : "partial", lead.authority.replace("-", " "));
    } else {
      // Unconfirmed, a title still hints at authority: a C-level or VP usually owns the budget.
      const t = lead.title ?? "";
      if (/\b(ceo|cfo|coo|cto|cmo|cro|cio|chief|president|founder|owner|vp|vice president)\b/i.test(t)) {
        add("Authority", 8, 15, "partial", `likely a buyer from the title (${t}); confirm`);
      } else if (/\b(director|head)\b/i.test(t)) add("Authority", 5, 15, "partial", `may influence the buy (${t}); confirm`);
      else add("Authority", 0, 15, "unknown", "authority not known");
    }

    const needPoints = { critical: 15, high: 12, medium: 7, low: 3, none: 0, unknown: 0 } as const;
    if (lead.need === "none") add("Need", 0, 15, "knockout", "no need for what we sell");
    else if (lead.need === "unknown") add("Need", 0, 15, "unknown", "need not established");
    else add("Need", needPoints[lead.need], 15, lead.need === "low" ? "partial" : "met", `${lead.need} pain`);

    const months = lead.timelineMonths;
    // A quarter is the forecastable horizon; past a year it is not a buying project yet.
    if (months === undefined) add("Timeline", 0, 15, "unknown", "no timeline");
    else if (months <= 3) add("Timeline", 15, 15, "met", `buying within ${months} months`);
    else if (months <= 6) add("Timeline", 10, 15, "met", `buying within ${months} months`);
    else if (months <= 12) add("Timeline", 5, 15, "partial", `buying within ${months} months`);
    else add("Timeline", 0, 15, "missing", `${months} months out`);

    const fitScore = c.slice(0, 3).reduce((s, x) => s + x.points, 0);
    const bantScore = c.slice(3).reduce((s, x) => s + x.points, 0);
    const score = fitScore + bantScore;
    const knockouts = c.filter((x) => x.status === "knockout");
    const bant = c.slice(3);
    const bantMet = bant.filter((x) => x.status === "met").length;
    const gaps = bant.filter((x) => x.status !== "met").map((x) => x.criterion.toLowerCase());

    let verdict: z.infer<typeof output>["verdict"];
    const reasons: string[] = [];
    if (knockouts.length > 0) {
      verdict = "disqualified";
      for (const k of knockouts) reasons.push(k.note);
    } else if (score >= SQL_SCORE && bantMet >= 3) {
      // Three of four BANT is the usual bar: budget is often the last thing a buyer confirms.
      verdict = "SQL";
      reasons.push(`score ${score} ≥ ${SQL_SCORE} with ${bantMet} of 4 BANT criteria met`);
    } else if (score >= MQL_SCORE) {
      verdict = "MQL";
      reasons.push(`score ${score} ≥ ${MQL_SCORE}`);
      if (bantMet < 3) reasons.push(`only ${bantMet} of 4 BANT criteria met (SQL needs 3): ${gaps.join(", ")} open`);
      else reasons.push(`score below ${SQL_SCORE} for an SQL`);
    } else {
      verdict = "nurture";
      reasons.push(`score ${score} is below ${MQL_SCORE}`);
    }
    const nextStep = {
      SQL: "Hand to an account executive and book discovery within one business day.",
      MQL: `SDR to qualify: confirm ${gaps.join(", ") || "the remaining criteria"} on a first call.`,
      nurture: "Keep in the marketing nurture track; re-score when they engage again.",
      disqualified: "Close the lead with the reason below; do not sequence.",
    }[verdict];
    return { company: lead.company, score, fitScore, bantScore, verdict, criteria: c, reasons, nextStep };
  },
  render: (o) =>
    [
      `## Lead score: ${cell(o.company)}: ${o.score}/100 (${o.verdict})`,
      `Fit ${o.fitScore}/40 · BANT ${o.bantScore}/60`,
      table(
        ["Criterion", "Points", "Status", "Note"],
        o.criteria.map((x) => [x.criterion, `${x.points}/${x.max}`, x.status, cell(x.note)]),
      ),
      `### Why ${o.verdict}`,
      o.reasons.map((r) => `- ${cell(r)}`).join("\n"),
      `**Next step:** ${o.nextStep}`,
    ].join("\n\n"),
});
