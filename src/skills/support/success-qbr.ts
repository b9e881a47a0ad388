import { z } from "zod";
import { defineSkill } from "../skill";
import { cell, round } from "./lib/text";

/**
 * `success.qbr-summary`: the quarterly business review a CSM presents: every KPI of the
 * quarter against the one before and its target, the wins and concerns that follow, the
 * quarter's goals, and the talking points for the meeting.
 */

const metric = z.object({
  name: z.string().trim().min(1).max(80),
  previous: z.number().finite().min(-1e12).max(1e12),
  current: z.number().finite().min(-1e12).max(1e12),
  /** How to print the values: `count` (default), `percent` (values in percentage points), `currency`, `hours`. */
  unit: z.enum(["count", "percent", "currency", "hours"]).default("count"),
  /** False for costs, tickets, churn, handle time: a fall is the good news. */
  higherIsBetter: z.boolean().default(true),
  target: z.number().finite().min(-1e12).max(1e12).optional(),
});

const input = z
  .object({
    account: z.string().trim().min(1).max(200).default("The account"),
    previousQuarter: z.string().trim().min(1).max(40).default("Previous quarter"),
    currentQuarter: z.string().trim().min(1).max(40).default("This quarter"),
    currency: z.string().trim().length(3).toUpperCase().default("USD"),
    metrics: z.array(metric).min(1, "send at least one metric").max(50),
    goals: z
      .array(z.object({ goal: z.string().trim().min(1).max(200), status: z.enum(["done", "on-track", "at-risk", "missed"]) }))
      .max(30)
      .default([]),
  })
  .superRefine((v, ctx) => {
    const seen = new Set<string>();
    v.metrics.forEach((m, i) => {
      const key = m.name.toLowerCase();
      if (seen.has(key)) ctx.addIssue({ code: "custom", message: `"${m.name}" is listed twice`, path: ["metrics", i, "name"] });
      seen.add(key);
    });
  });

/** Changes within ±2% are noise in quarterly numbers: reported as flat. */
const FLAT_BAND = 0.02;
/** A move of 20% or more in a quarter is worth its own talking point. */
const MAJOR_MOVE = 0.2;
/** A decline of 10% or more, or a target missed by 10% or more, is a concern to address. */
const CONCERN = 0.1;

const trend = z.enum(["improved", "declined", "flat"]);
const output = z.object({
  account: z.string(),
  previousQuarter: z.string(),
  currentQuarter: z.string(),
  overall: z.enum(["strong", "mixed", "weak"]),
  headline: z.string(),
  metrics: z.array(
    z.object({
      name: z.string(),
      previous: z.string(),
      current: z.string(),
      change: z.string(),
      changePct: z.number().nullable(),
      trend,
      target: z.string().nullable(),
      attainmentPct: z.number().nullable(),
    }),
  ),
  wins: z.array(z.string()),
  concerns: z.array(z.string()),
  goals: z.object({ done: z.number().int(), onTrack: z.number().int(), atRisk: z.number().int(), missed: z.number().int() }),
  talkingPoints: z.array(z.string()),
});
type Output = z.input<typeof output>;

function format(value: number, unit: z.output<typeof metric>["unit"], currency: string): string {
  const n = Math.abs(value) >= 100 ? Math.round(value) : round(value, 1);
  // Thousands separators by hand: the same on every runtime, whatever its locale data.
  const [whole = "", fraction] = String(Math.abs(n)).split(".");
  const text = `${n < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}${fraction ? `.${fraction}` : ""}`;
  if (unit === "percent") return `${text}%`;
  if (unit === "currency") return `${currency} ${text}`;
  if (unit === "hours") return `${text} h`;
  return text;
}

function run(v: z.output<typeof input>): Output {
  const wins: string[] = [];
  const concerns: string[] = [];
  const points: { weight: number; text: string }[] = [];
  let improved = 0;
  let declined = 0;
  const metrics = v.metrics.map((m) => {
    const fmt = (x: number) => format(x, m.unit, v.currency);
    const delta = m.current - m.previous;
    // Percentage points for rates; a relative change needs a non-zero base.
    const relative = m.previous !== 0 ? delta / Math.abs(m.previous) : null;
    const good = m.higherIsBetter ? delta > 0 : delta < 0;
    const size = relative === null ? (delta === 0 ? 0 : 1) : Math.abs(relative);
    const direction = size < FLAT_BAND ? "flat" : good ? "improved" : "declined";
    if (direction === "improved") improved++;
    if (direction === "declined") declined++;
    const attainment =
      m.target === undefined || m.target === 0 || m.current === 0 ? null : m.higherIsBetter ? m.current / m.target : m.target / m.current;
    const sign = delta > 0 ? "+" : delta < 0 ? "−" : "±";
    const change =
      m.unit === "percent"
        ? `${sign}${round(Math.abs(delta), 1)} pts`
        : `${sign}${fmt(Math.abs(delta))}${relative === null ? "" : ` (${sign}${round(Math.abs(relative) * 100, 1)}%)`}`;
    const by = m.unit === "percent" ? ` ${round(Math.abs(delta), 1)} pts` : relative === null ? "" : ` ${round(size * 100, 1)}%`;
    const moved = `${m.name} ${direction === "improved" ? "improved" : "worsened"}${by}: ${fmt(m.previous)} → ${fmt(m.current)}`;
    const hit = attainment !== null && m.target !== undefined && attainment >= 1;
    const onTarget = hit ? `, on target (${fmt(m.target as number)})` : "";
    if (direction === "improved" && size >= MAJOR_MOVE) {
      wins.push(`${moved}${onTarget}.`);
      points.push({ weight: size, text: `Celebrate: ${moved}; ask what drove it and plan to extend it.` });
    } else if (hit) wins.push(`${m.name} hit its target of ${fmt(m.target as number)} (${fmt(m.current)}).`);
    if (direction === "declined" && size >= CONCERN) {
      concerns.push(`${moved}.`);
      points.push({ weight: size + 1, text: `Address: ${moved}; agree an owner and a recovery plan.` });
    }
    if (attainment !== null && m.target !== undefined && attainment <= 1 - CONCERN) {
      concerns.push(`${m.name} is at ${Math.round(attainment * 100)}% of its target (${fmt(m.current)} against ${fmt(m.target)}).`);
      points.push({
        weight: 1 - attainment + 1,
        text: `Reset or resource: ${m.name} is ${fmt(m.current)} against a target of ${fmt(m.target)}.`,
      });
    }
    return {
      name: m.name,
      previous: fmt(m.previous),
      current: fmt(m.current),
      change,
      changePct: relative === null ? null : round(relative * 100, 1),
      trend: direction,
      target: m.target === undefined ? null : fmt(m.target),
      attainmentPct: attainment === null ? null : round(attainment * 100, 1),
    } as const;
  });

  const count = (s: string) => v.goals.filter((g) => g.status === s).length;
  const goals = { done: count("done"), onTrack: count("on-track"), atRisk: count("at-risk"), missed: count("missed") };
  for (const g of v.goals) {
    if (g.status === "missed") concerns.push(`Goal missed: ${g.goal}.`);
    if (g.status === "at-risk") points.push({ weight: 1.5, text: `Unblock goal at risk: ${g.goal}.` });
    if (g.status === "missed") points.push({ weight: 1.6, text: `Carry over or drop missed goal: ${g.goal}.` });
  }
  // Strong: two thirds of the KPIs that moved went the right way, no more concerns than wins and
  // no goal missed. Weak: more KPIs worsened than improved, or concerns outnumber wins two to one.
  const moved = improved + declined;
  const overall =
    moved > 0 && improved >= (2 / 3) * moved && concerns.length <= wins.length && goals.missed === 0
      ? "strong"
      : declined > improved || concerns.length > 2 * Math.max(1, wins.length)
        ? "weak"
        : "mixed";
  const headline =
    `${v.currentQuarter} vs ${v.previousQuarter}: ${improved} of ${metrics.length} KPIs improved, ${declined} worsened` +
    (v.goals.length ? `; ${goals.done} of ${v.goals.length} goals done.` : ".");
  points.sort((a, b) => b.weight - a.weight);
  const talkingPoints = points.slice(0, 8).map((p) => p.text);
  if (overall === "strong") talkingPoints.push("Propose next quarter's goals and explore expansion while momentum is high.");
  if (talkingPoints.length === 0)
    talkingPoints.push("Walk through the KPI table together: no outlier this quarter; agree next quarter's targets.");
  return {
    account: v.account,
    previousQuarter: v.previousQuarter,
    currentQuarter: v.currentQuarter,
    overall,
    headline,
    metrics,
    wins,
    concerns,
    goals,
    talkingPoints,
  };
}

function render(o: z.output<typeof output>): string {
  const list = (items: string[], none: string) => (items.length ? items.map((i) => `- ${i}`) : [`- ${none}`]);
  return [
    `## QBR: ${o.account}, ${o.currentQuarter}`,
    "",
    `**Overall: ${o.overall}.** ${o.headline}`,
    "",
    `| KPI | ${cell(o.previousQuarter)} | ${cell(o.currentQuarter)} | Change | Target |`,
    "| --- | ---: | ---: | ---: | ---: |",
    ...o.metrics.map(
      (m) =>
        `| ${cell(m.name)} | ${m.previous} | ${m.current} | ${m.change} | ${m.target === null ? "–" : `${m.target} (${m.attainmentPct ?? "–"}%)`} |`,
    ),
    "",
    "### Wins",
    ...list(o.wins, "No major improvement this quarter."),
    "",
    "### Concerns",
    ...list(o.concerns, "None."),
    "",
    "### Talking points",
    ...o.talkingPoints.map((t, i) => `${i + 1}. ${t}`),
  ].join("\n");
}

export const qbrSummary = defineSkill({
  name: "success.qbr-summary",
  title: "Summarise a quarterly business review: KPIs against last quarter and target, wins, concerns, talking points",
  input,
  output,
  run,
  render,
});
