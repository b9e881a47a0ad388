import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, num, pct, round, table } from "./lib/format";
import { coefficientOfVariation, mean, median, sum } from "./lib/stats";

export const CREATOR_PLATFORMS = ["instagram", "tiktok", "youtube", "x", "facebook", "linkedin"] as const;
export type CreatorPlatform = (typeof CREATOR_PLATFORMS)[number];
export const TIERS = ["under 1K", "nano", "micro", "mid", "macro", "mega"] as const;
export type Tier = (typeof TIERS)[number];

/** The industry's usual follower tiers: nano 1K–10K, micro 10K–100K, mid 100K–500K, macro 500K–1M, mega 1M+. */
export function tierOf(followers: number): Tier {
  if (followers < 1_000) return "under 1K";
  if (followers < 10_000) return "nano";
  if (followers < 100_000) return "micro";
  if (followers < 500_000) return "mid";
  if (followers < 1_000_000) return "macro";
  return "mega";
}

/**
 * Typical engagement rate by followers (likes + comments + shares over followers) per tier, as
 * the yearly benchmark reports put it: smaller accounts engage more, TikTok far more than
 * Instagram, YouTube (per subscriber) less. Yardsticks for "unusually low or high", not targets.
 */
const BENCHMARK: Record<"instagram" | "tiktok" | "youtube", Record<Tier, number>> = {
  instagram: { "under 1K": 0.05, nano: 0.04, micro: 0.025, mid: 0.015, macro: 0.012, mega: 0.01 },
  tiktok: { "under 1K": 0.1, nano: 0.09, micro: 0.07, mid: 0.06, macro: 0.05, mega: 0.04 },
  youtube: { "under 1K": 0.03, nano: 0.025, micro: 0.02, mid: 0.015, macro: 0.012, mega: 0.01 },
};
export function benchmarkFor(platform: CreatorPlatform, tier: Tier): number {
  return BENCHMARK[platform === "tiktok" || platform === "youtube" ? platform : "instagram"][tier];
}

// Signals of bought followers or engagement, as audit tools read them:
const LOW_ER = 0.3; // under 30% of the tier's usual rate: many followers who never engage
const HIGH_ER = 4; // over 4× the usual rate: engagement pods or bought likes (or one viral post)
const MIN_COMMENT_RATIO = 0.005; // real audiences leave ~1–5 comments per 100 likes
const MAX_COMMENT_RATIO = 0.25; // above, giveaways or comment pods
const FOLLOW_BACK = 0.5; // following over half as many as follow them: follow-for-follow growth
const UNEVEN_CV = 1; // engagement per post varying more than its mean: spikes worth a look
const MIN_VIEW_RATE = 0.05; // video views under 5% of followers: an audience that no longer watches
const MIN_POSTS = 5; // fewer posts than this and every rate is a guess

const postStats = z.object({
  likes: z.number().int().min(0),
  comments: z.number().int().min(0),
  shares: z.number().int().min(0).default(0),
  views: z.number().int().min(0).optional(),
});

const signal = z.object({ code: z.string(), severity: z.enum(["warning", "info"]), detail: z.string() });

/** Engagement rate, tier and fake-follower signals for a list of creators from their follower counts and recent posts. */
export const engagementAudit = defineSkill({
  name: "influencer.engagement-audit",
  title: "Creator engagement audit: engagement rate by followers, tier, benchmark, and fake-follower signals",
  input: z.object({
    creators: z
      .array(
        z.object({
          handle: z.string().trim().min(1).max(100),
          platform: z.enum(CREATOR_PLATFORMS),
          followers: z.number().int().min(1).max(1e10),
          following: z.number().int().min(0).max(1e10).optional(),
          posts: z.array(postStats).min(1, "give the stats of at least one recent post").max(50),
        }),
      )
      .min(1, "no creators")
      .max(200),
  }),
  output: z.object({
    creators: z.array(
      z.object({
        handle: z.string(),
        platform: z.enum(CREATOR_PLATFORMS),
        followers: z.number().int(),
        tier: z.enum(TIERS),
        posts: z.number().int(),
        avgLikes: z.number(),
        avgComments: z.number(),
        engagementRate: z.number(),
        medianEngagementRate: z.number(),
        benchmark: z.number(),
        vsBenchmark: z.number(),
        commentsPerLike: z.number().nullable(),
        viewRate: z.number().nullable(),
        signals: z.array(signal),
        risk: z.enum(["low", "medium", "high"]),
      }),
    ),
  }),
  run: ({ creators }) => ({
    creators: creators.map((c) => {
      const tier = tierOf(c.followers);
      const per = c.posts.map((p) => (p.likes + p.comments + p.shares) / c.followers);
      const er = mean(per);
      const benchmark = benchmarkFor(c.platform, tier);
      const likes = sum(c.posts.map((p) => p.likes));
      const comments = sum(c.posts.map((p) => p.comments));
      const commentsPerLike = likes ? comments / likes : null;
      const views = c.posts.flatMap((p) => (p.views === undefined ? [] : [p.views]));
      // Medians for the signals: one viral post should neither hide nor fake a pattern.
      const typical = median(per);
      const viewRate = views.length ? median(views) / c.followers : null;
      const signals: z.input<typeof signal>[] = [];
      const warn = (code: string, detail: string) => signals.push({ code, severity: "warning", detail });
      if (typical < LOW_ER * benchmark)
        warn(
          "low-engagement",
          `${pct(typical, 2)} engage against ~${pct(benchmark)} usual for a ${tier} account: many followers may be inactive or bought.`,
        );
      if (typical > HIGH_ER * benchmark)
        warn("engagement-too-high", `${pct(typical, 1)} is over ${HIGH_ER}× the ~${pct(benchmark)} usual: look for pods or bought likes.`);
      if (commentsPerLike !== null && likes / c.posts.length >= 100) {
        if (commentsPerLike < MIN_COMMENT_RATIO)
          warn(
            "few-comments",
            `${round(commentsPerLike * 100, 2)} comments per 100 likes (real audiences leave 1–5): likes may be bought.`,
          );
        if (commentsPerLike > MAX_COMMENT_RATIO)
          warn("many-comments", `${round(commentsPerLike * 100)} comments per 100 likes: giveaways or comment pods inflate this.`);
      }
      if (c.following !== undefined && c.followers >= 5_000 && c.following > FOLLOW_BACK * c.followers)
        warn("follow-back", `Follows ${num(c.following)} accounts for ${num(c.followers)} followers: follow-for-follow growth.`);
      if (c.posts.length >= MIN_POSTS && coefficientOfVariation(per) > UNEVEN_CV)
        warn("uneven", "Engagement swings widely from post to post: check the spikes.");
      if (viewRate !== null && (c.platform === "tiktok" || c.platform === "youtube") && viewRate < MIN_VIEW_RATE)
        warn("low-views", `A typical video reaches ${pct(viewRate, 1)} of followers.`);
      if (c.posts.length < MIN_POSTS)
        signals.push({
          code: "few-posts",
          severity: "info",
          detail: `Only ${c.posts.length} posts: give ${MIN_POSTS}–12 recent ones for a reliable rate.`,
        });
      const warnings = signals.filter((s) => s.severity === "warning").length;
      return {
        handle: c.handle,
        platform: c.platform,
        followers: c.followers,
        tier,
        posts: c.posts.length,
        avgLikes: round(likes / c.posts.length, 1),
        avgComments: round(comments / c.posts.length, 1),
        engagementRate: round(er, 4),
        medianEngagementRate: round(typical, 4),
        benchmark,
        vsBenchmark: round(er / benchmark, 2),
        commentsPerLike: commentsPerLike === null ? null : round(commentsPerLike, 4),
        viewRate: viewRate === null ? null : round(viewRate, 4),
        signals,
        risk: warnings >= 2 ? ("high" as const) : warnings === 1 ? ("medium" as const) : ("low" as const),
      };
    }),
  }),
  render: ({ creators }) =>
    [
      "## Creator engagement audit",
      "",
      table(
        ["Creator", "Platform", "Followers", "Tier", "Engagement", "vs usual", "Risk"],
        creators.map((c) => [
          esc(c.handle, 40),
          c.platform,
          num(c.followers),
          c.tier,
          pct(c.engagementRate, 2),
          `${c.vsBenchmark}×`,
          c.risk,
        ]),
      ),
      ...creators
        .filter((c) => c.signals.length)
        .flatMap((c) => ["", `### ${esc(c.handle, 40)}`, ...c.signals.map((s) => `- ${s.severity === "warning" ? "⚠" : "ℹ"} ${s.detail}`)]),
      "",
      "_Engagement rate = (likes + comments + shares) ÷ followers, averaged over the posts given._",
    ].join("\n"),
});
