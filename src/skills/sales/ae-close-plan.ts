import { z } from "zod";
import { defineSkill } from "../skill";
import { addDays, weekdayOf } from "./lib/dates";
import { cell, table } from "./lib/format";

/**
 * `ae.plan-close`: a mutual close plan, the dated steps buyer and seller share from today to
 * signature, scheduled back from the target close date on business days. When the steps no
 * longer fit before that date it says so and gives the earliest realistic one, which is the
 * conversation an AE must have before the forecast call, not after.
 */

const stepIds = ["success-criteria", "pilot", "business-case", "security-review", "legal-review", "procurement", "signature"] as const;
type StepId = (typeof stepIds)[number];

// Typical business-day durations for a mid-market SaaS purchase: security questionnaires and
// legal redlines take two to three weeks each and run side by side; procurement a week or two.
const steps: Record<StepId, { title: string; owner: string; days: number; after: StepId[] }> = {
  "success-criteria": { title: "Agree written success criteria for the evaluation", owner: "both", days: 2, after: [] },
  pilot: { title: "Technical validation / pilot against the criteria", owner: "both", days: 10, after: ["success-criteria"] },
  "business-case": { title: "Business case and pricing agreed with the economic buyer", owner: "both", days: 5, after: ["pilot"] },
  "security-review": {
    title: "Security review (questionnaire, SOC 2 / ISO 27001 report)",
    owner: "buyer: IT security",
    days: 15,
    after: ["business-case"],
  },
  "legal-review": { title: "Legal review: MSA and DPA redlines", owner: "both: legal", days: 10, after: ["business-case"] },
  procurement: {
    title: "Procurement: vendor set-up and purchase order",
    owner: "buyer: procurement",
    days: 7,
    after: ["security-review", "legal-review"],
  },
  signature: { title: "Order form signed", owner: "buyer: economic buyer", days: 1, after: ["procurement"] },
};

const input = z.object({
  now: z.iso.datetime({ offset: true }),
  deal: z.string().trim().min(1).max(200),
  closeDate: z.iso.date().describe("target signature date"),
  needs: z
    .object({
      pilot: z.boolean().default(false),
      securityReview: z.boolean().default(true),
      legalReview: z.boolean().default(true),
      procurement: z.boolean().default(true),
    })
    .default({ pilot: false, securityReview: true, legalReview: true, procurement: true }),
  done: z
    .array(z.enum(["success-criteria", "pilot", "business-case", "security-review", "legal-review", "procurement"]))
    .max(6)
    .default([])
    .describe("steps already completed"),
  durations: z
    .object(Object.fromEntries(stepIds.map((s) => [s, z.number().int().min(1).max(120)])) as Record<StepId, z.ZodNumber>)
    .partial()
    .default({})
    .describe("business days per step, to override the defaults"),
  holidays: z.array(z.iso.date()).max(60).default([]),
});

const output = z.object({
  deal: z.string(),
  closeDate: z.iso.date(),
  feasible: z.boolean(),
  slackDays: z.number().int().describe("business days to spare (negative: short)"),
  earliestClose: z.iso.date(),
  steps: z.array(
    z.object({
      step: z.enum(stepIds),
      title: z.string(),
      owner: z.string(),
      businessDays: z.number().int(),
      start: z.iso.date(),
      due: z.iso.date(),
      late: z.boolean(),
    }),
  ),
  kickoff: z.iso.date(),
});

export const planClose = defineSkill({
  name: "ae.plan-close",
  title: "Build a mutual close plan: dated buyer and seller steps back from the target close date, and whether it still fits",
  input,
  output,
  run: ({ now, deal, closeDate, needs, done, durations, holidays }) => {
    const today = now.slice(0, 10);
    const off = new Set(holidays);
    const workday = (d: string) => weekdayOf(d) !== "sat" && weekdayOf(d) !== "sun" && !off.has(d);
    const shift = (d: string, by: 1 | -1) => {
      let day = addDays(d, by);
      while (!workday(day)) day = addDays(day, by);
      return day;
    };
    const onOrAfter = (d: string) => (workday(d) ? d : shift(d, 1));
    const onOrBefore = (d: string) => (workday(d) ? d : shift(d, -1));
    const move = (d: string, n: number, by: 1 | -1) => {
      let day = d;
      for (let i = 0; i < n; i++) day = shift(day, by);
      return day;
    };
    const skip = new Set<StepId>(done);
    if (!needs.pilot) skip.add("success-criteria").add("pilot");
    if (!needs.securityReview) skip.add("security-review");
    if (!needs.legalReview) skip.add("legal-review");
    if (!needs.procurement) skip.add("procurement");
    const active = stepIds.filter((s) => !skip.has(s) || s === "signature");
    const days = (s: StepId) => durations[s] ?? steps[s].days;
    // A skipped step passes its predecessors through, so the chain stays connected.
    const preds = (s: StepId): StepId[] => steps[s].after.flatMap((p) => (active.includes(p) ? [p] : preds(p)));
    const succs = (s: StepId) => active.filter((x) => preds(x).includes(s));

    // Backward pass: each step must end the working day before its earliest successor starts.
    const due = new Map<StepId, string>();
    const start = new Map<StepId, string>();
    for (const s of [...active].reverse()) {
      const next = succs(s).map((x) => start.get(x) as string);
      const end = next.length ? shift(next.sort()[0] as string, -1) : onOrBefore(closeDate);
      due.set(s, end);
      start.set(s, move(end, days(s) - 1, -1));
    }
    // Forward pass from today, for the earliest close the steps allow.
    const first = onOrAfter(today);
    const finish = new Map<StepId, string>();
    for (const s of active) {
      const begin = preds(s).length
        ? shift(
            preds(s)
              .map((p) => finish.get(p) as string)
              .sort()
              .at(-1) as string,
            1,
          )
        : first;
      finish.set(s, move(begin, days(s) - 1, 1));
    }
    const earliestClose = finish.get("signature") as string;
    const firstStart = active.map((s) => start.get(s) as string).sort()[0] as string;
    let slackDays = 0;
    if (firstStart < first) for (let d = firstStart; d < first; d = shift(d, 1)) slackDays--;
    else for (let d = first; d < firstStart; d = shift(d, 1)) slackDays++;
    return {
      deal,
      closeDate,
      feasible: slackDays >= 0,
      slackDays,
      earliestClose,
      steps: active.map((s) => ({
        step: s,
        title: steps[s].title,
        owner: steps[s].owner,
        businessDays: days(s),
        start: start.get(s) as string,
        due: due.get(s) as string,
        late: (start.get(s) as string) < first,
      })),
      // Kick-off within a week of signature keeps the champion's momentum into onboarding.
      kickoff: move(due.get("signature") as string, 5, 1),
    };
  },
  render: (o) =>
    [
      `## Mutual close plan: ${cell(o.deal)}, signature by ${o.closeDate}`,
      o.feasible
        ? `On schedule with ${o.slackDays} business days to spare.`
        : `**Not feasible:** the steps need ${-o.slackDays} more business days than remain. Earliest realistic close: **${o.earliestClose}**; agree a new date with the buyer or cut scope.`,
      table(
        ["Step", "Owner", "Start", "Due", "Days"],
        o.steps.map((s) => [`${s.late ? "⚠ " : ""}${s.title}`, s.owner, s.start, s.due, s.businessDays]),
      ),
      `Kick-off: ${o.kickoff}.`,
    ].join("\n\n"),
});
