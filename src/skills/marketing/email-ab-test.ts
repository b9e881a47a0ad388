import { z } from "zod";
import { defineSkill } from "../skill";
import { num, pct, round, table } from "./lib/format";
import { normalQuantile } from "./lib/stats";
import { formatInstant, parseInstant } from "./lib/time";

// Hours to wait before picking a winner: opens mostly arrive within 4 hours (the usual default
// of email platforms), clicks within a day, conversions within two.
const DEFAULT_WAIT_HOURS = { open: 4, click: 24, conversion: 48 } as const;

/**
 * Sample size per variant to tell `p1` from `p2` with a two-sided two-proportion z-test:
 * n = (z₁₋α/₂·√(2·p̄·(1−p̄)) + z₁₋β·√(p1(1−p1) + p2(1−p2)))² / (p2 − p1)², p̄ = (p1 + p2)/2.
 */
export function samplePerVariant(p1: number, p2: number, alpha: number, power: number): number {
  const za = normalQuantile(1 - alpha / 2);
  const zb = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const n = (za * Math.sqrt(2 * pBar * (1 - pBar)) + zb * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p2 - p1) ** 2;
  return Math.ceil(n - 1e-9);
}

/** The smallest relative lift `n` per variant can detect (bisection on the formula above). */
function detectableLift(p1: number, n: number, alpha: number, power: number): number | null {
  let lo = 1e-4;
  let hi = (1 - p1) / p1 - 1e-6; // p2 must stay below 1
  if (samplePerVariant(p1, p1 * (1 + hi), alpha, power) > n) return null;
  for (let i = 0; i < 60; i++) {
    const mid = (lo + hi) / 2;
    if (samplePerVariant(p1, p1 * (1 + mid), alpha, power) > n) lo = mid;
    else hi = mid;
  }
  return hi;
}

const rate = z.number().gt(0, "a rate is above 0").lt(1, "a rate is a fraction below 1 (22% is 0.22)");

/** Plans an email A/B test: sample size per variant, holdout, winner send, and when each happens. */
export const abTestPlan = defineSkill({
  name: "email.ab-test-plan",
  title: "Email A/B test plan: sample size per variant (two-proportion z-test), holdout, winner send and schedule",
  input: z
    .object({
      metric: z.enum(["open", "click", "conversion"]).default("open"),
      baselineRate: rate,
      minimumDetectableEffect: z.number().positive().max(10),
      effectType: z.enum(["relative", "absolute"]).default("relative"),
      variants: z.number().int().min(2).max(5).default(2),
      confidence: z.number().min(0.8).max(0.995).default(0.95),
      power: z.number().min(0.5).max(0.99).default(0.8),
      listSize: z.number().int().min(100).max(100_000_000),
      holdoutShare: z.number().min(0).max(0.5).default(0),
      sendAt: z.iso.datetime({ offset: true }),
      waitHours: z.number().min(1).max(168).optional(),
    })
    .refine(
      (i) =>
        (i.effectType === "relative" ? i.baselineRate * (1 + i.minimumDetectableEffect) : i.baselineRate + i.minimumDetectableEffect) < 1,
      {
        message: "baseline plus the effect must stay below a rate of 1",
        path: ["minimumDetectableEffect"],
      },
    ),
  output: z.object({
    metric: z.enum(["open", "click", "conversion"]),
    baselineRate: z.number(),
    targetRate: z.number(),
    relativeEffect: z.number(),
    variants: z.number().int(),
    alphaPerComparison: z.number(),
    samplePerVariant: z.number().int(),
    testTotal: z.number().int(),
    holdout: z.number().int(),
    winnerSend: z.number().int(),
    plan: z.enum(["test-then-winner", "full-split", "underpowered"]),
    detectableLift: z.number().nullable(),
    schedule: z.array(z.object({ at: z.string(), action: z.string() })),
    notes: z.array(z.string()),
  }),
  run: (i) => {
    const p1 = i.baselineRate;
    const p2 = i.effectType === "relative" ? p1 * (1 + i.minimumDetectableEffect) : p1 + i.minimumDetectableEffect;
    // Each challenger is compared with the control: Bonferroni splits the error rate between them.
    const alpha = (1 - i.confidence) / (i.variants - 1);
    const n = samplePerVariant(p1, p2, alpha, i.power);
    const testTotal = n * i.variants;
    const holdout = Math.round(i.listSize * i.holdoutShare);
    const available = i.listSize - holdout;
    // A winner send to fewer people than the test itself gains little for the wait: split it all.
    const plan: "test-then-winner" | "full-split" | "underpowered" =
      testTotal > available ? "underpowered" : available - testTotal < testTotal ? "full-split" : "test-then-winner";
    const perVariant = plan === "test-then-winner" ? n : Math.floor(available / i.variants);
    const winnerSend = plan === "test-then-winner" ? available - testTotal : 0;
    const lift = plan === "underpowered" ? detectableLift(p1, perVariant, alpha, i.power) : null;
    const wait = i.waitHours ?? DEFAULT_WAIT_HOURS[i.metric];
    const start = parseInstant(i.sendAt);
    const at = (hours: number) => formatInstant(start.ms + hours * 3_600_000, start.offsetMinutes);
    const notes = [
      `Randomise who gets which variant; change one thing only (subject, sender, content or time).`,
      `Call a winner only if its ${i.metric} rate beats the control with p < ${round(alpha, 4)}; otherwise keep the control.`,
    ];
    if (i.metric === "open") notes.push("Apple Mail Privacy Protection inflates opens: prefer clicks when the list is mostly Apple Mail.");
    if (holdout)
      notes.push(
        `The holdout of ${num(holdout)} gets nothing from this campaign: compare its conversions after it ends to measure the lift.`,
      );
    const schedule =
      plan === "test-then-winner"
        ? [
            { at: at(0), action: `Send the test: ${num(n)} random recipients per variant (${num(testTotal)} in all).` },
            { at: at(wait), action: `Compare ${i.metric} rates and pick the winner.` },
            { at: at(wait), action: `Send the winner to the remaining ${num(winnerSend)}.` },
          ]
        : [
            { at: at(0), action: `Split the list: ${num(perVariant)} per variant, all at once.` },
            { at: at(wait), action: `Compare ${i.metric} rates; keep the winner for the next send.` },
          ];
    return {
      metric: i.metric,
      baselineRate: p1,
      targetRate: round(p2, 4),
      relativeEffect: round((p2 - p1) / p1, 4),
      variants: i.variants,
      alphaPerComparison: round(alpha, 4),
      samplePerVariant: n,
      testTotal,
      holdout,
      winnerSend,
      plan,
      detectableLift: lift === null ? null : round(lift, 3),
      schedule,
      notes,
    };
  },
  render: (o) =>
    [
      `## A/B test plan: ${o.variants} variants on ${o.metric} rate`,
      "",
      table(
        ["", ""],
        [
          [
            "Baseline → target",
            `${pct(o.baselineRate)} → ${pct(o.targetRate, 2)} (${o.relativeEffect > 0 ? "+" : ""}${pct(o.relativeEffect)} relative)`,
          ],
          ["Sample per variant", num(o.samplePerVariant)],
          ["Test total", num(o.testTotal)],
          ["Holdout", num(o.holdout)],
          ["Winner send", num(o.winnerSend)],
          ["Significance per comparison", `p < ${o.alphaPerComparison}`],
        ],
      ),
      "",
      o.plan === "underpowered"
        ? `**The list is too small for this test.** ${o.detectableLift === null ? "No lift it could detect fits below a 100% rate." : `With every recipient in the test it can detect a lift of ${pct(o.detectableLift)} or more: test a bolder change, or accept that.`}`
        : o.plan === "full-split"
          ? "**Split the whole list:** the test needs more than half of it, so a separate winner send gains little."
          : "**Test on a sample, then send the winner** to the rest.",
      "",
      "### Schedule",
      ...o.schedule.map((s) => `- ${s.at}: ${s.action}`),
      "",
      "### Notes",
      ...o.notes.map((n) => `- ${n}`),
    ].join("\n"),
});
