import { z } from "zod";
import { defineSkill } from "../skill";
import { addBusinessDays } from "./lib/dates";
import { bullets, cell, currencyCode, daysBetween, money, percent, severity, severityRank, table } from "./lib/format";
import { dateOrTime, defaultProbability, type OpenStage, openStage, stageIndex } from "./lib/stages";

/**
 * `ae.review-deal`: a deal's risks and next best actions from its record: stage, amount, dates,
 * stakeholders and what is known of MEDDPICC (MEDDICC with the paper process, which is what
 * slips signed deals into the next quarter). Each element has a stage by which it must be known;
 * one missing at that stage blocks it (medium), one missing past it is overdue (high).
 */

const text = (max: number) => z.string().trim().min(1).max(max);
const roles = [
  "economic-buyer",
  "champion",
  "decision-maker",
  "technical-evaluator",
  "legal",
  "procurement",
  "user",
  "influencer",
] as const;
const meddiccElements = {
  identifiedPain: { label: "Identified pain", by: "discovery" },
  metrics: { label: "Metrics", by: "demo" },
  champion: { label: "Champion", by: "demo" },
  decisionCriteria: { label: "Decision criteria", by: "demo" },
  economicBuyer: { label: "Economic buyer", by: "proposal" },
  decisionProcess: { label: "Decision process", by: "proposal" },
  competition: { label: "Competition", by: "proposal" },
  paperProcess: { label: "Paper process", by: "negotiation" },
} as const satisfies Record<string, { label: string; by: OpenStage }>;
type Element = keyof typeof meddiccElements;

const input = z.object({
  now: z.iso.datetime({ offset: true }),
  deal: z.object({
    name: text(200),
    stage: openStage,
    amount: z.number().min(0).max(1e12),
    currency: currencyCode,
    closeDate: z.iso.date(),
    createdAt: dateOrTime.optional(),
    lastActivityAt: dateOrTime.optional(),
    nextStep: z.object({ action: text(300), due: z.iso.date() }).optional(),
    stakeholders: z
      .array(
        z.object({
          name: text(200),
          role: z.enum(roles),
          sentiment: z.enum(["positive", "neutral", "negative", "unknown"]).default("unknown"),
          lastContactAt: dateOrTime.optional(),
        }),
      )
      .max(30)
      .default([]),
    meddicc: z
      .object({
        metrics: z.boolean(),
        economicBuyer: z.boolean(),
        decisionCriteria: z.boolean(),
        decisionProcess: z.boolean(),
        paperProcess: z.boolean(),
        identifiedPain: z.boolean(),
        champion: z.boolean(),
        competition: z.boolean(),
      })
      .partial()
      .default({})
      .describe("true for each element known and confirmed"),
  }),
  salesCycleDays: z.number().int().min(7).max(730).default(90).describe("the team's usual days from creation to close"),
});

const output = z.object({
  deal: z.string(),
  stage: openStage,
  amount: z.number(),
  currency: z.string(),
  probability: z.number(),
  weighted: z.number(),
  daysToClose: z.number().int(),
  daysSinceActivity: z.number().int().nullable(),
  meddicc: z.object({ known: z.number().int(), of: z.number().int(), gaps: z.array(z.string()) }),
  health: z.number().int().min(0).max(100),
  status: z.enum(["on track", "at risk", "critical"]),
  risks: z.array(z.object({ severity, risk: z.string() })),
  actions: z.array(z.object({ action: z.string(), why: z.string(), by: z.iso.date() })),
});
type Risk = { severity: z.infer<typeof severity>; risk: string; action: string };

// What moves each stage forward when nothing is wrong.
const advance: Record<OpenStage, string> = {
  prospecting: "Book a discovery call with an agenda the buyer has agreed",
  discovery: "Quantify the pain with the buyer: the metric, its cost today, the cost of doing nothing",
  demo: "Run a demo against their decision criteria and agree the evaluation plan and its end date",
  proposal: "Walk the economic buyer through the proposal live rather than e-mailing it",
  negotiation: "Agree a mutual close plan: signature date, legal and procurement steps, owners",
};
const gapAction: Record<Element, string> = {
  identifiedPain: "Ask what happens if they do nothing this year, and who feels it",
  metrics: "Agree the success metric and its baseline with the buyer",
  champion: "Find and test a champion: who sells for us when we are not in the room",
  decisionCriteria: "Get the decision criteria written down, and shape them to our strengths",
  economicBuyer: "Ask the champion to introduce the economic buyer; meet them before pricing",
  decisionProcess: "Map the decision process: steps, people, dates, to signature",
  competition: "Find out who else is in the deal, including doing nothing or building it in-house",
  paperProcess: "Map the paper process with procurement and legal: forms, reviews, lead times",
};

export const reviewDeal = defineSkill({
  name: "ae.review-deal",
  title: "Review a deal: risks from its stage, dates, stakeholders and MEDDICC gaps, and the next best actions",
  input,
  output,
  run: ({ now, deal, salesCycleDays }) => {
    const risks: Risk[] = [];
    const add = (s: Risk["severity"], risk: string, action: string) => risks.push({ severity: s, risk, action });
    const at = stageIndex(deal.stage);
    const today = now.slice(0, 10);

    const people = deal.stakeholders;
    const has = (role: (typeof roles)[number]) => people.some((p) => p.role === role);
    const known = (e: Element) =>
      deal.meddicc[e] === true || (e === "economicBuyer" && has("economic-buyer")) || (e === "champion" && has("champion"));
    const gaps = (Object.keys(meddiccElements) as Element[]).filter((e) => !known(e));
    for (const e of gaps) {
      const { label, by } = meddiccElements[e];
      const due = stageIndex(by);
      if (due < at) add("high", `${label} still unknown at ${deal.stage} (needed by ${by})`, gapAction[e]);
      else if (due === at) add("medium", `${label} unknown: needed to leave ${deal.stage}`, gapAction[e]);
    }

    const daysToClose = daysBetween(today, deal.closeDate); // calendar days, as people count to a date
    if (daysToClose < 0)
      add("high", `close date passed ${-daysToClose} days ago`, "Re-agree the close date with the buyer and update the forecast");
    // Two weeks is too little for a deal before proposal to get through evaluation, approval and paper.
    else if (daysToClose <= 14 && at < stageIndex("proposal")) {
      add(
        "high",
        `closes in ${daysToClose} days but is only at ${deal.stage}`,
        "Test the close date with the buyer; move it if there is no compelling event",
      );
    }

    let daysSinceActivity: number | null = null;
    if (deal.lastActivityAt === undefined) add("medium", "no activity recorded", "Log the last touch, or re-engage the champion this week");
    else {
      daysSinceActivity = daysBetween(deal.lastActivityAt, now);
      // Two quiet weeks lose momentum; a month without contact is a stalled deal.
      if (daysSinceActivity > 30)
        add(
          "high",
          `stalled: no activity for ${daysSinceActivity} days`,
          "Re-engage through the champion with a reason to meet (new insight, deadline)",
        );
      else if (daysSinceActivity > 14)
        add("medium", `no activity for ${daysSinceActivity} days`, "Book the next meeting with the champion");
    }
    if (!deal.nextStep) add("medium", "no next step agreed with the buyer", "End every call with a dated next step in both calendars");
    else if (deal.nextStep.due < today) {
      add(
        "medium",
        `next step overdue since ${deal.nextStep.due}: ${deal.nextStep.action}`,
        "Follow up on the overdue next step or agree a new one",
      );
    }

    // B2B purchases involve several buyers; one contact is a single thread that one absence cuts.
    if (at >= stageIndex("demo") && people.length < 2)
      add(
        "high",
        "single-threaded: one contact or none",
        "Meet two more stakeholders, starting with the technical evaluator and the economic buyer",
      );
    else if (at >= stageIndex("proposal") && people.length < 3)
      add("medium", `only ${people.length} stakeholders engaged`, "Widen the thread: procurement, legal and the users' lead");
    for (const p of people) {
      if (p.sentiment !== "negative") continue;
      const key = p.role === "economic-buyer" || p.role === "champion" || p.role === "decision-maker";
      add(
        key ? "high" : "medium",
        `${p.name} (${p.role}) is negative`,
        `Find out ${p.name}'s objection and address it before the next stage`,
      );
    }
    const champion = people.find((p) => p.role === "champion");
    if (champion?.lastContactAt && daysBetween(champion.lastContactAt, now) > 21) {
      add(
        "medium",
        `champion ${champion.name} not contacted for ${daysBetween(champion.lastContactAt, now)} days`,
        `Call ${champion.name} this week`,
      );
    }
    // A deal at one and a half times the usual cycle closes far less often than a younger one.
    if (deal.createdAt) {
      const age = daysBetween(deal.createdAt, now);
      if (age > salesCycleDays * 1.5)
        add("medium", `aging: open ${age} days against a ${salesCycleDays}-day cycle`, "Qualify again: is there still a compelling event?");
    }
    if (deal.amount === 0) add("low", "no amount: the forecast understates this deal", "Put a realistic amount on the deal");

    risks.sort((a, b) => severityRank[a.severity] - severityRank[b.severity]);
    const penalty = { high: 20, medium: 8, low: 2 } as const;
    const health = Math.max(0, 100 - risks.reduce((s, r) => s + penalty[r.severity], 0));
    // One high risk (or three medium) takes a deal below 75; three high risks below 50.
    const status: z.infer<typeof output>["status"] = health >= 75 ? "on track" : health >= 50 ? "at risk" : "critical";
    const seen = new Set<string>();
    const actions: z.input<typeof output>["actions"] = [];
    for (const r of risks) {
      if (seen.has(r.action) || actions.length >= 5) continue;
      seen.add(r.action);
      // High risks within two working days, the rest within the working week.
      actions.push({ action: r.action, why: r.risk, by: addBusinessDays(today, r.severity === "high" ? 2 : 5) });
    }
    actions.push({ action: advance[deal.stage], why: `moves the deal out of ${deal.stage}`, by: addBusinessDays(today, 5) });
    const probability = defaultProbability[deal.stage];
    return {
      deal: deal.name,
      stage: deal.stage,
      amount: deal.amount,
      currency: deal.currency,
      probability,
      weighted: Math.round(deal.amount * probability),
      daysToClose,
      daysSinceActivity,
      meddicc: { known: 8 - gaps.length, of: 8, gaps: gaps.map((e) => meddiccElements[e].label) },
      health,
      status,
      risks: risks.map(({ severity: s, risk }) => ({ severity: s, risk })),
      actions,
    };
  },
  render: (o) =>
    [
      `## Deal review: ${cell(o.deal)}: ${o.status} (health ${o.health}/100)`,
      `${o.stage} · ${money(o.amount, o.currency)} · ${percent(o.probability)} → ${money(o.weighted, o.currency)} weighted · ` +
        `${o.daysToClose >= 0 ? `closes in ${o.daysToClose} days` : `close date ${-o.daysToClose} days past`} · ` +
        `MEDDPICC ${o.meddicc.known}/${o.meddicc.of}${o.meddicc.gaps.length ? ` (missing: ${o.meddicc.gaps.join(", ")})` : ""}`,
      "### Risks",
      o.risks.length ? bullets(o.risks.map((r) => `**${r.severity}**: ${cell(r.risk)}`)) : "None found.",
      "### Next best actions",
      table(
        ["#", "Action", "Why", "By"],
        o.actions.map((a, i) => [i + 1, cell(a.action), cell(a.why), a.by]),
      ),
    ].join("\n\n"),
});
