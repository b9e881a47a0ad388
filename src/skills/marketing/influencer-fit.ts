import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, money, num, pct, round, table } from "./lib/format";
import { sum } from "./lib/stats";
import { findPhrase, matchTokens } from "./lib/text";
import { benchmarkFor, CREATOR_PLATFORMS, TIERS, tierOf } from "./influencer";

const AGES = ["13-17", "18-24", "25-34", "35-44", "45-54", "55-64", "65+"] as const;
// What each part of the fit is worth: who the audience is matters most, then the niche.
const WEIGHTS = { location: 30, age: 20, niche: 25, engagement: 15, budget: 10 } as const;
const FULL_AUDIENCE = 0.6; // 60% of the audience in the target countries (or ages) is a full match
const FULL_NICHE = 3; // three of the brief's keywords in a creator's topics is a full match
const OVER_BUDGET = 1.25; // up to 25% over the budget per post still scores half (room to negotiate)
const MIN_SHORTLIST_FIT = 50; // under half a fit, a creator is a long shot whatever the price
const country = z.string().regex(/^[A-Z]{2}$/, "a country is an ISO 3166 alpha-2 code, like GB");

/** Audience shares as fractions that add up to at most 1 (a little slack for rounding). */
const shares = <K extends z.ZodType<string>>(key: K) =>
  z
    .partialRecord(key, z.number().min(0).max(1, "a share is a fraction (40% is 0.4)"))
    .refine((r) => sum(Object.values(r).map((v) => v ?? 0)) <= 1.02, {
      message: "the shares add up to more than 1",
    });

const componentsSchema = z.object({
  location: z.number().nullable(),
  age: z.number().nullable(),
  niche: z.number().nullable(),
  engagement: z.number().nullable(),
  budget: z.number().nullable(),
});

/** Ranks creators against a campaign brief: audience location and age, niche, engagement, price. */
export const fitRanking = defineSkill({
  name: "influencer.fit-ranking",
  title: "Creator fit ranking against a brief: audience location and age overlap, niche keywords, engagement, budget per post",
  input: z.object({
    brief: z
      .object({
        keywords: z.array(z.string().trim().min(2).max(50)).min(1, "give the niche keywords").max(30),
        countries: z.array(country).max(50).default([]),
        ageRanges: z.array(z.enum(AGES)).max(AGES.length).default([]),
        platforms: z.array(z.enum(CREATOR_PLATFORMS)).max(CREATOR_PLATFORMS.length).default([]),
        budgetPerPost: z.number().positive().max(1e8).optional(),
        totalBudget: z.number().positive().max(1e9).optional(),
        minFollowers: z.number().int().min(0).optional(),
        maxFollowers: z.number().int().min(1).optional(),
        minEngagementRate: z.number().min(0).max(1).optional(),
        currency: z
          .string()
          .regex(/^[A-Z]{3}$/, "currency is a 3-letter ISO 4217 code, like USD")
          .default("USD"),
      })
      .refine((b) => b.minFollowers === undefined || b.maxFollowers === undefined || b.minFollowers <= b.maxFollowers, {
        message: "minFollowers is above maxFollowers",
        path: ["maxFollowers"],
      }),
    creators: z
      .array(
        z.object({
          handle: z.string().trim().min(1).max(100),
          platform: z.enum(CREATOR_PLATFORMS),
          followers: z.number().int().min(1).max(1e10),
          // A fraction: 3.2% is 0.032 (influencer.engagement-audit gives it).
          engagementRate: z.number().min(0).max(1, "engagementRate is a fraction (3.2% is 0.032)"),
          pricePerPost: z.number().min(0).max(1e8).optional(),
          topics: z.array(z.string().trim().min(1).max(50)).max(30).default([]),
          bio: z.string().max(1000).default(""),
          audience: z.object({ countries: shares(country).optional(), ages: shares(z.enum(AGES)).optional() }).default({}),
        }),
      )
      .min(1, "no creators")
      .max(200),
  }),
  output: z.object({
    ranked: z.array(
      z.object({
        rank: z.number().int(),
        handle: z.string(),
        platform: z.enum(CREATOR_PLATFORMS),
        tier: z.enum(TIERS),
        score: z.number().int(),
        components: componentsSchema,
        matchedKeywords: z.array(z.string()),
        estimatedEngagements: z.number().int(),
        costPerEngagement: z.number().nullable(),
        notes: z.array(z.string()),
      }),
    ),
    excluded: z.array(z.object({ handle: z.string(), reason: z.string() })),
    shortlist: z.object({ handles: z.array(z.string()), spend: z.number(), estimatedEngagements: z.number().int() }).nullable(),
    currency: z.string(),
  }),
  run: ({ brief, creators }) => {
    const excluded: { handle: string; reason: string }[] = [];
    const scored = creators.flatMap((c, index) => {
      const reason =
        brief.platforms.length && !brief.platforms.includes(c.platform)
          ? `not on ${brief.platforms.join(" or ")}`
          : brief.minFollowers !== undefined && c.followers < brief.minFollowers
            ? `under ${num(brief.minFollowers)} followers`
            : brief.maxFollowers !== undefined && c.followers > brief.maxFollowers
              ? `over ${num(brief.maxFollowers)} followers`
              : brief.minEngagementRate !== undefined && c.engagementRate < brief.minEngagementRate
                ? `engagement under ${pct(brief.minEngagementRate)}`
                : brief.budgetPerPost !== undefined && c.pricePerPost !== undefined && c.pricePerPost > 2 * brief.budgetPerPost
                  ? "over twice the budget per post"
                  : null;
      if (reason) {
        excluded.push({ handle: c.handle, reason });
        return [];
      }
      const notes: string[] = [];
      const audienceShare = (wanted: readonly string[], got: Record<string, number | undefined> | undefined, what: string) => {
        if (!wanted.length) return null;
        if (!got) {
          notes.push(`no ${what} data: ask for audience insights`);
          return 0;
        }
        return Math.min(1, sum(wanted.map((k) => got[k] ?? 0)) / FULL_AUDIENCE);
      };
      const haystack = matchTokens(`${c.topics.join(" . ")} . ${c.bio}`);
      const matchedKeywords = brief.keywords.filter((k) => findPhrase(haystack, matchTokens(k)).count > 0);
      const tier = tierOf(c.followers);
      const price = c.pricePerPost;
      const components = {
        location: audienceShare(brief.countries, c.audience.countries, "audience location"),
        age: audienceShare(brief.ageRanges, c.audience.ages, "audience age"),
        niche: Math.min(1, matchedKeywords.length / Math.min(FULL_NICHE, brief.keywords.length)),
        engagement: Math.min(1, c.engagementRate / benchmarkFor(c.platform, tier)),
        budget:
          brief.budgetPerPost === undefined
            ? null
            : price === undefined
              ? 0
              : price <= brief.budgetPerPost
                ? 1
                : price <= OVER_BUDGET * brief.budgetPerPost
                  ? 0.5
                  : 0,
      };
      // What the brief asks about and the creator's data lacks counts as no match, and is noted.
      if (brief.budgetPerPost !== undefined && price === undefined) notes.push("no price given");
      let got = 0;
      let max = 0;
      for (const key of Object.keys(WEIGHTS) as (keyof typeof WEIGHTS)[]) {
        const value = components[key];
        if (value === null) continue;
        got += value * WEIGHTS[key];
        max += WEIGHTS[key];
      }
      const estimatedEngagements = Math.round(c.followers * c.engagementRate);
      return [
        {
          index,
          handle: c.handle,
          platform: c.platform,
          tier,
          price,
          score: Math.round((100 * got) / max),
          components: Object.fromEntries(Object.entries(components).map(([k, v]) => [k, v === null ? null : round(v, 2)])) as z.input<
            typeof componentsSchema
          >,
          matchedKeywords,
          estimatedEngagements,
          costPerEngagement: price !== undefined && estimatedEngagements > 0 ? round(price / estimatedEngagements, 2) : null,
          notes,
        },
      ];
    });
    scored.sort((a, b) => b.score - a.score || (a.costPerEngagement ?? Infinity) - (b.costPerEngagement ?? Infinity) || a.index - b.index);
    let shortlist: { handles: string[]; spend: number; estimatedEngagements: number } | null = null;
    if (brief.totalBudget !== undefined) {
      // Best fit first while the money lasts, from those fitting at least half; without a price, no place.
      shortlist = { handles: [], spend: 0, estimatedEngagements: 0 };
      for (const s of scored)
        if (s.price !== undefined && s.score >= MIN_SHORTLIST_FIT && shortlist.spend + s.price <= brief.totalBudget) {
          shortlist.handles.push(s.handle);
          shortlist.spend += s.price;
          shortlist.estimatedEngagements += s.estimatedEngagements;
        }
      shortlist.spend = round(shortlist.spend);
    }
    return {
      ranked: scored.map(({ index: _i, price: _p, ...s }, i) => ({ rank: i + 1, ...s })),
      excluded,
      shortlist,
      currency: brief.currency,
    };
  },
  render: (o) => {
    const part = (x: number | null) => (x === null ? "–" : `${Math.round(x * 100)}`);
    return [
      "## Creator fit ranking",
      "",
      table(
        ["#", "Creator", "Tier", "Fit", "Location", "Age", "Niche", "Engagement", "Budget", "Cost / engagement"],
        o.ranked.map((r) => [
          r.rank,
          `${esc(r.handle, 40)} (${r.platform})`,
          r.tier,
          `**${r.score}**`,
          part(r.components.location),
          part(r.components.age),
          part(r.components.niche),
          part(r.components.engagement),
          part(r.components.budget),
          r.costPerEngagement === null ? "–" : money(r.costPerEngagement, o.currency),
        ]),
      ),
      ...(o.shortlist
        ? [
            "",
            `**Shortlist within budget:** ${o.shortlist.handles.map((h) => esc(h, 40)).join(", ") || "none"} (${money(o.shortlist.spend, o.currency)}, ~${num(o.shortlist.estimatedEngagements)} engagements per round of posts)`,
          ]
        : []),
      ...(o.ranked.some((r) => r.notes.length)
        ? ["", "### Gaps", ...o.ranked.filter((r) => r.notes.length).map((r) => `- ${esc(r.handle, 40)}: ${r.notes.join("; ")}`)]
        : []),
      ...(o.excluded.length ? ["", "### Excluded", ...o.excluded.map((e) => `- ${esc(e.handle, 40)}: ${e.reason}`)] : []),
      "",
      "_Fit = audience location 30, age 20, niche 25, engagement against the tier's usual 15, budget 10; parts the brief leaves out are not counted._",
    ].join("\n");
  },
});
