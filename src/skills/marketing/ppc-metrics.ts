import { z } from "zod";
import { defineSkill } from "../skill";
import { rowsFromCsv } from "./lib/csv";
import { esc, findingList, money, num, pct, round, table } from "./lib/format";
import { amount, count, currency } from "./lib/schemas";
import { ratio } from "./lib/stats";

// Within 20% of a target is the noise of a week or two of data; beyond it, act.
const BAND = 0.2;

const row = z.object({
  campaign: z.string().trim().min(1).max(200),
  date: z.iso.date({ error: "date must be YYYY-MM-DD" }).optional(),
  impressions: count,
  clicks: count,
  spend: amount,
  // Fractional under data-driven attribution.
  conversions: amount,
  revenue: amount.optional(),
});

const metrics = z.object({
  impressions: z.number().int(),
  clicks: z.number().int(),
  spend: z.number(),
  conversions: z.number(),
  revenue: z.number().nullable(),
  ctr: z.number().nullable(),
  cpc: z.number().nullable(),
  conversionRate: z.number().nullable(),
  cpa: z.number().nullable(),
  roas: z.number().nullable(),
});
const flag = z.object({ severity: z.enum(["error", "warning", "info"]), metric: z.string(), message: z.string() });

type Totals = { impressions: number; clicks: number; spend: number; conversions: number; revenue: number | null };

/** CTR = clicks / impressions, CPC = spend / clicks, conversion rate = conversions / clicks, CPA = spend / conversions, ROAS = revenue / spend. */
function derive(t: Totals): z.input<typeof metrics> {
  const r = (x: number | null, dp: number) => (x === null ? null : round(x, dp));
  return {
    ...t,
    spend: round(t.spend),
    conversions: round(t.conversions, 2),
    revenue: t.revenue === null ? null : round(t.revenue),
    ctr: r(ratio(t.clicks, t.impressions), 4),
    cpc: r(ratio(t.spend, t.clicks), 2),
    conversionRate: r(ratio(t.conversions, t.clicks), 4),
    cpa: r(ratio(t.spend, t.conversions), 2),
    roas: t.revenue === null ? null : r(ratio(t.revenue, t.spend), 2),
  };
}

/** Per-campaign CTR, CPC, conversion rate, CPA and ROAS from ad-platform rows, flagged against targets, with what to do next. */
export const campaignMetrics = defineSkill({
  name: "ppc.campaign-metrics",
  title: "Paid-campaign metrics from spend rows: CTR, CPC, conversion rate, CPA and ROAS per campaign, flagged against targets",
  input: z.preprocess(
    rowsFromCsv({
      campaign: ["campaign_name", "campaign"],
      date: ["day", "date"],
      impressions: ["impr", "imps", "impressions"],
      clicks: ["link_clicks", "clicks"],
      spend: ["cost", "amount_spent", "spend"],
      conversions: ["conv", "results", "purchases", "conversions"],
      revenue: ["conv_value", "conversion_value", "purchase_value", "total_conv_value", "revenue"],
    }),
    z.object({
      rows: z
        .array(row, { error: (i) => (i.input === undefined ? "give rows (JSON) or csv (text)" : undefined) })
        .min(1, "no rows")
        .max(5000)
        .superRefine((rows, ctx) => {
          rows.forEach((r, i) => {
            if (r.clicks > r.impressions) ctx.addIssue({ code: "custom", message: "more clicks than impressions", path: [i, "clicks"] });
          });
        }),
      targets: z
        .object({
          cpa: z.number().positive(),
          roas: z.number().positive(),
          ctrPercent: z.number().positive().max(100),
          cpc: z.number().positive(),
        })
        .partial()
        .default({}),
      currency,
      // Under 100 clicks a conversion rate moves several points on one conversion: too soon to judge.
      minClicks: z.number().int().min(0).max(100_000).default(100),
    }),
  ),
  output: z.object({
    currency: z.string(),
    campaigns: z.array(
      z.object({
        campaign: z.string(),
        metrics,
        flags: z.array(flag),
        recommendation: z.enum(["scale", "hold", "optimise", "pause", "gather data"]),
      }),
    ),
    totals: metrics,
  }),
  run: ({ rows, targets, currency: cur, minClicks }) => {
    const byCampaign = new Map<string, Totals>();
    const add = (t: Totals, r: z.output<typeof row>) => {
      t.impressions += r.impressions;
      t.clicks += r.clicks;
      t.spend += r.spend;
      t.conversions += r.conversions;
      if (r.revenue !== undefined) t.revenue = (t.revenue ?? 0) + r.revenue;
    };
    const total: Totals = { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: null };
    for (const r of rows) {
      const t = byCampaign.get(r.campaign) ?? { impressions: 0, clicks: 0, spend: 0, conversions: 0, revenue: null };
      add(t, r);
      add(total, r);
      byCampaign.set(r.campaign, t);
    }
    const m = (x: number) => money(x, cur);
    const campaigns = [...byCampaign.entries()]
      .sort((a, b) => b[1].spend - a[1].spend)
      .map(([campaign, t]) => {
        const d = derive(t);
        const flags: z.input<typeof flag>[] = [];
        let strong = 0;
        // Lower is better for costs, higher for returns; each gets ok / within the band / beyond it.
        const judge = (
          metric: string,
          actual: number | null,
          target: number | undefined,
          lowerIsBetter: boolean,
          show: (x: number) => string,
        ) => {
          if (target === undefined || actual === null) return;
          const off = lowerIsBetter ? actual / target - 1 : 1 - actual / target;
          if (off <= -BAND) strong++;
          if (off <= 0) return;
          flags.push({
            severity: off > BAND ? "error" : "warning",
            metric,
            message: `${metric} ${show(actual)} is ${pct(off, 0)} ${lowerIsBetter ? "above" : "below"} the ${show(target)} target.`,
          });
        };
        if (t.clicks < minClicks)
          flags.push({ severity: "info", metric: "clicks", message: `${num(t.clicks)} clicks: too few to judge (under ${minClicks}).` });
        else {
          judge("CPA", d.cpa ?? null, targets.cpa, true, m);
          judge("ROAS", d.roas ?? null, targets.roas, false, (x) => `${round(x, 2)}×`);
          judge("CTR", d.ctr === null || d.ctr === undefined ? null : d.ctr * 100, targets.ctrPercent, false, (x) => `${round(x, 2)}%`);
          judge("CPC", d.cpc ?? null, targets.cpc, true, m);
        }
        const burn = targets.cpa !== undefined ? 2 * targets.cpa : null;
        const noConversions = t.conversions === 0 && t.spend > 0 && (burn === null ? t.clicks >= minClicks : t.spend >= burn);
        if (noConversions)
          flags.push({
            severity: "error",
            metric: "conversions",
            message: `${m(t.spend)} spent with no conversion${burn ? ` (over twice the target CPA)` : ""}.`,
          });
        const judged = ["cpa", "roas", "ctrPercent", "cpc"].filter((k) => targets[k as keyof typeof targets] !== undefined).length;
        const recommendation: "scale" | "hold" | "optimise" | "pause" | "gather data" = noConversions
          ? "pause"
          : t.clicks < minClicks
            ? "gather data"
            : flags.some((f) => f.severity !== "info")
              ? "optimise"
              : judged > 0 && strong > 0
                ? "scale"
                : "hold";
        return { campaign, metrics: d, flags, recommendation };
      });
    return { currency: cur, campaigns, totals: derive(total) };
  },
  render: (o) => {
    const m = (x: number | null | undefined) => (x === null || x === undefined ? "–" : money(x, o.currency));
    const p = (x: number | null | undefined) => (x === null || x === undefined ? "–" : pct(x, 2));
    const line = (name: string, x: z.output<typeof metrics>, rec: string) => [
      name,
      m(x.spend),
      num(x.clicks),
      p(x.ctr),
      m(x.cpc),
      num(x.conversions, x.conversions % 1 ? 1 : 0),
      m(x.cpa),
      x.roas === null ? "–" : `${x.roas}×`,
      rec,
    ];
    return [
      "## Campaign performance",
      "",
      table(
        ["Campaign", "Spend", "Clicks", "CTR", "CPC", "Conv.", "CPA", "ROAS", "Next"],
        [...o.campaigns.map((c) => line(esc(c.campaign, 50), c.metrics, `**${c.recommendation}**`)), line("**Total**", o.totals, "")],
      ),
      "",
      "### Flags",
      findingList(
        o.campaigns.flatMap((c) => c.flags.map((f) => ({ severity: f.severity, message: `${esc(c.campaign, 50)}: ${f.message}` }))),
        "Every campaign meets its targets.",
      ),
    ].join("\n");
  },
});
