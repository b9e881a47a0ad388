import { z } from "zod";
import { defineSkill } from "../skill";
import { classifyObjection, namePattern, playFor } from "./enablement-objections";
import { bullets, cell, currencyCode, money, percent, round, table } from "./lib/format";

/**
 * `enablement.build-battlecard`: a competitive battlecard from our product's and a competitor's
 * feature lists, prices and the objections reps hear: where we win, where we lose, the
 * landmines to plant, the traps to defuse and how to handle each objection.
 */

const supports = ["full", "partial", "roadmap", "none"] as const;
type Support = (typeof supports)[number];
// A roadmap item ranks below a partial one: reps cannot sell what has not shipped.
const supportRank: Record<Support, number> = { none: 0, roadmap: 1, partial: 2, full: 3 };
const importances = ["critical", "high", "medium", "low"] as const;
type Importance = (typeof importances)[number];
const weight: Record<Importance, number> = { critical: 4, high: 3, medium: 2, low: 1 };

const feature = z.object({
  name: z.string().trim().min(1).max(100),
  support: z.enum(supports),
  importance: z.enum(importances).optional().describe("how much buyers weigh it; medium if unsaid"),
});
const price = z.object({
  amount: z.number().min(0).max(1e9),
  per: z.enum(["month", "year"]),
  unit: z.enum(["user", "account"]).default("user"),
});
const product = z.object({
  name: z.string().trim().min(1).max(100),
  price: price.optional(),
  features: z.array(feature).min(1).max(100),
});

const input = z
  .object({
    us: product,
    competitor: product,
    currency: currencyCode,
    seats: z.number().int().min(1).max(1_000_000).optional().describe("for a yearly cost comparison"),
    objections: z
      .array(z.object({ objection: z.string().trim().min(1).max(500), response: z.string().trim().min(1).max(1000).optional() }))
      .max(20)
      .default([]),
  })
  .refine((i) => i.us.name.toLowerCase() !== i.competitor.name.toLowerCase(), {
    message: "the competitor must not be us",
    path: ["competitor", "name"],
  });

const row = z.object({ feature: z.string(), importance: z.enum(importances), us: z.enum(supports), them: z.enum(supports) });
const output = z.object({
  us: z.string(),
  competitor: z.string(),
  edge: z.number().int().min(-100).max(100).describe("importance-weighted feature advantage"),
  wins: z.array(row),
  losses: z.array(row),
  parity: z.array(z.string()),
  unverified: z.array(z.string()),
  landmines: z.array(z.string()),
  traps: z.array(z.string()),
  price: z
    .object({
      ours: z.number(),
      theirs: z.number(),
      unit: z.string(),
      difference: z.number(),
      yearlyForSeats: z.object({ ours: z.number(), theirs: z.number() }).nullable(),
      position: z.string(),
    })
    .nullable(),
  currency: z.string(),
  objections: z.array(z.object({ objection: z.string(), category: z.string(), response: z.string() })),
});

const key = (name: string) => name.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, "");
const monthly = (p: z.infer<typeof price>) => (p.per === "year" ? p.amount / 12 : p.amount);

export const buildBattlecard = defineSkill({
  name: "enablement.build-battlecard",
  title: "Assemble a competitive battlecard: where we win and lose, landmines, traps, price position and objection handling",
  input,
  output,
  run: ({ us, competitor, currency, seats, objections }) => {
    const theirs = new Map(competitor.features.map((f) => [key(f.name), f]));
    const rows: z.infer<typeof row>[] = [];
    const unverified: string[] = [];
    for (const f of us.features) {
      const t = theirs.get(key(f.name));
      theirs.delete(key(f.name));
      // Either side may say how much buyers weigh a feature; the higher reading counts.
      const said = [f.importance, t?.importance].filter((i): i is Importance => i !== undefined);
      const importance = said.sort((a, b) => weight[b] - weight[a])[0] ?? "medium";
      if (!t) unverified.push(f.name);
      else rows.push({ feature: f.name, importance, us: f.support, them: t.support });
    }
    // Their features missing from our list are gaps until product says otherwise.
    for (const t of theirs.values()) rows.push({ feature: t.name, importance: t.importance ?? "medium", us: "none", them: t.support });
    const byWeight = (a: z.infer<typeof row>, b: z.infer<typeof row>) =>
      weight[b.importance] - weight[a.importance] ||
      Math.abs(supportRank[b.us] - supportRank[b.them]) - Math.abs(supportRank[a.us] - supportRank[a.them]);
    const wins = rows.filter((r) => supportRank[r.us] > supportRank[r.them]).sort(byWeight);
    const losses = rows.filter((r) => supportRank[r.us] < supportRank[r.them]).sort(byWeight);
    const parity = rows.filter((r) => r.us === r.them).map((r) => r.feature);
    const total = rows.reduce((s, r) => s + weight[r.importance] * 3, 0);
    const edge = total
      ? Math.round((rows.reduce((s, r) => s + weight[r.importance] * (supportRank[r.us] - supportRank[r.them]), 0) / total) * 100)
      : 0;

    const landmines = wins
      .filter((w) => weight[w.importance] >= weight.high || w.them === "none")
      .slice(0, 6)
      .map((w) =>
        w.them === "roadmap"
          ? `Ask for the general-availability date of ${w.feature} in writing.`
          : w.them === "partial"
            ? `Ask to see ${w.feature} live, end to end, in their demo.`
            : `Ask: "How will you handle ${w.feature}? Is that a workaround, an add-on or a partner?"`,
      );
    const strongest = wins.slice(0, 2).map((w) => w.feature);
    const traps = losses
      .slice(0, 6)
      .map(
        (l) =>
          `${competitor.name} will lead with ${l.feature}${l.us === "roadmap" ? " (ours is on the roadmap: commit to a date only if product has)" : ""}: ` +
          `ask how often they would use it, then move to ${strongest.length ? strongest.join(" and ") : "the outcomes they need"}.`,
      );

    let priceOut: z.input<typeof output>["price"] = null;
    if (us.price && competitor.price && us.price.unit === competitor.price.unit) {
      const o = monthly(us.price);
      const t = monthly(competitor.price);
      const difference = t > 0 ? round((o - t) / t, 3) : 0;
      // Within ten percent buyers treat prices as equal; beyond it the gap needs a story.
      const position =
        difference <= -0.1
          ? `${percent(-difference)} cheaper: lead with value and keep the price gap for the close`
          : difference >= 0.1
            ? `${percent(difference)} dearer: justify with ${strongest.join(" and ") || "total cost of ownership"}; sell on outcomes, not list price`
            : "price parity: compete on fit and risk, not price";
      priceOut = {
        ours: round(o, 2),
        theirs: round(t, 2),
        unit: `per ${us.price.unit} per month`,
        difference,
        yearlyForSeats: seats && us.price.unit === "user" ? { ours: Math.round(o * 12 * seats), theirs: Math.round(t * 12 * seats) } : null,
        position,
      };
    }

    const extra = { competitor: [namePattern(competitor.name)] };
    const handled = objections.map(({ objection, response }) => {
      const { category } = classifyObjection(objection, extra);
      const named = rows.find((r) => objection.toLowerCase().includes(r.feature.toLowerCase()));
      let answer = response ?? playFor(category).respond;
      if (!response && category === "price" && priceOut) answer += ` Here: ${priceOut.position}.`;
      if (!response && named) {
        answer =
          supportRank[named.us] >= supportRank[named.them]
            ? `We ${named.us === "full" ? "fully support" : "support"} ${named.feature}${named.them !== "full" ? ` (${competitor.name}: ${named.them})` : ""}: show it live.`
            : `Acknowledge the gap on ${named.feature} (ours: ${named.us}); ask how critical it is, then move to ${strongest.join(" and ") || "our strengths"}.`;
      }
      return { objection, category: named && !response ? "feature" : category, response: answer };
    });
    return {
      us: us.name,
      competitor: competitor.name,
      edge,
      wins,
      losses,
      parity,
      unverified,
      landmines,
      traps,
      price: priceOut,
      currency,
      objections: handled,
    };
  },
  render: (o) => {
    const line = (r: z.infer<typeof row>) => [cell(r.feature), r.importance, r.us, r.them];
    const head = ["Feature", "Importance", o.us, o.competitor].map(cell);
    return [
      `## Battlecard: ${cell(o.us)} vs ${cell(o.competitor)}`,
      `Weighted feature edge: **${o.edge > 0 ? "+" : ""}${o.edge}** (−100 to +100).`,
      "### Where we win",
      o.wins.length ? table(head, o.wins.map(line)) : "Nowhere on the listed features.",
      "### Where we lose",
      o.losses.length ? table(head, o.losses.map(line)) : "Nowhere on the listed features.",
      ...(o.parity.length ? [`**Parity:** ${o.parity.map(cell).join(", ")}`] : []),
      ...(o.unverified.length ? [`**Check ${cell(o.competitor)} for:** ${o.unverified.map(cell).join(", ")}`] : []),
      ...(o.price
        ? [
            "### Price",
            `${money(o.price.ours, o.currency)} vs ${money(o.price.theirs, o.currency)} ${o.price.unit}: ${o.price.position}.` +
              (o.price.yearlyForSeats
                ? ` Yearly: ${money(o.price.yearlyForSeats.ours, o.currency)} vs ${money(o.price.yearlyForSeats.theirs, o.currency)}.`
                : ""),
          ]
        : []),
      ...(o.landmines.length ? ["### Landmines to plant", bullets(o.landmines.map(cell))] : []),
      ...(o.traps.length ? ["### Traps to defuse", bullets(o.traps.map(cell))] : []),
      ...(o.objections.length
        ? [
            "### Objections",
            table(
              ["Objection", "Kind", "Response"],
              o.objections.map((x) => [cell(x.objection), x.category, cell(x.response)]),
            ),
          ]
        : []),
    ].join("\n\n");
  },
});
