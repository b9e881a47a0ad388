import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { engagementAudit, tierOf } from "../../../src/skills/marketing/influencer";
import { fitRanking } from "../../../src/skills/marketing/influencer-fit";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([engagementAudit, fitRanking]);

function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown>, md: outcome.deliverable };
}

const posts = (likes: number[], comments: number[]) => likes.map((l, i) => ({ likes: l, comments: comments[i] ?? 0 }));
const CREATORS = [
  {
    handle: "@hikewithmaya",
    platform: "instagram",
    followers: 42_000,
    following: 610,
    posts: posts([1210, 980, 1430, 1105, 1320, 890], [48, 35, 61, 40, 52, 31]),
  },
  {
    handle: "@luxe.life.daily",
    platform: "instagram",
    followers: 850_000,
    following: 7_400,
    posts: posts([900, 1100, 760, 1300, 980], [2, 1, 0, 3, 1]),
  },
  {
    handle: "@trailrunner_tom",
    platform: "tiktok",
    followers: 12_500,
    following: 9_800,
    posts: [
      { likes: 300, comments: 12, shares: 10, views: 300 },
      { likes: 9800, comments: 410, shares: 600, views: 220_000 },
      { likes: 250, comments: 9, shares: 4, views: 250 },
      { likes: 310, comments: 14, shares: 6, views: 400 },
      { likes: 280, comments: 11, shares: 5, views: 390 },
    ],
  },
  { handle: "@newbie", platform: "youtube", followers: 800, posts: posts([40, 35], [6, 4]) },
];

describe("influencer.engagement-audit", () => {
  it("tiers creators by followers", () => {
    expect([999, 1000, 9_999, 10_000, 150_000, 500_000, 2_000_000].map(tierOf)).toEqual([
      "under 1K",
      "nano",
      "nano",
      "micro",
      "mid",
      "macro",
      "mega",
    ]);
  });

  it("computes engagement rates against the tier's usual, and reads fake-follower signals", () => {
    const { output, md } = ok("influencer.engagement-audit", { creators: CREATORS });
    const [maya, luxe, tom, newbie] = output.creators as {
      signals: { code: string; severity: string; detail: string }[];
      [k: string]: unknown;
    }[];
    expect(maya).toMatchObject({
      tier: "micro",
      engagementRate: 0.0286,
      benchmark: 0.025,
      vsBenchmark: 1.14,
      avgLikes: 1155.8,
      commentsPerLike: 0.0385,
      risk: "low",
      signals: [],
    });
    expect(luxe).toMatchObject({ tier: "macro", engagementRate: 0.0012, vsBenchmark: 0.1, risk: "high" });
    expect(luxe?.signals.map((s) => s.code)).toEqual(["low-engagement", "few-comments"]);
    expect(luxe?.signals[1]?.detail).toBe("0.14 comments per 100 likes (real audiences leave 1–5): likes may be bought.");
    // One viral video lifts the mean to 19%; the median (2.6%) is what the signals read.
    expect(tom).toMatchObject({ engagementRate: 0.1923, medianEngagementRate: 0.0258, viewRate: 0.0312, risk: "high" });
    expect(tom?.signals.map((s) => s.code)).toEqual(["follow-back", "uneven", "low-views"]);
    expect(newbie).toMatchObject({
      tier: "under 1K",
      engagementRate: 0.0531,
      risk: "low",
      signals: [{ code: "few-posts", severity: "info" }],
    });
    expect(md).toContain("| @luxe.life.daily | instagram | 850,000 | macro | 0.12% | 0.1× | high |");
    expect(md).toContain("- ⚠ A typical video reaches 3.1% of followers.");
  });

  it("rejects bad input with the field", () => {
    const run = (creators: unknown) => registry.run("influencer.engagement-audit", { creators });
    expect(run([])).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "creators", message: "creators: no creators" },
    });
    expect(run([{ ...CREATORS[0], posts: [] }])).toMatchObject({ ok: false, error: { field: "creators[0].posts" } });
    expect(run([{ ...CREATORS[0], followers: 0 }])).toMatchObject({ ok: false, error: { field: "creators[0].followers" } });
    expect(run([{ ...CREATORS[0], platform: "myspace" }])).toMatchObject({ ok: false, error: { field: "creators[0].platform" } });
    expect(run([{ ...CREATORS[0], posts: [{ likes: -1, comments: 0 }] }])).toMatchObject({
      ok: false,
      error: { field: "creators[0].posts[0].likes" },
    });
    expect(run(Array.from({ length: 201 }, () => CREATORS[0]))).toMatchObject({ ok: false, error: { field: "creators" } });
  });
});

describe("influencer.fit-ranking", () => {
  const brief = {
    keywords: ["hiking", "trail running", "outdoor gear"],
    countries: ["GB", "IE"],
    ageRanges: ["25-34", "35-44"],
    platforms: ["instagram", "tiktok"],
    budgetPerPost: 800,
    totalBudget: 2000,
    currency: "GBP",
  };
  const creators = exampleOf(fitRanking).creators;

  it("ranks creators by fit to the brief and shortlists within the budget", () => {
    const { output, md } = ok("influencer.fit-ranking", { brief, creators });
    const ranked = output.ranked as {
      rank: number;
      handle: string;
      score: number;
      components: Record<string, number | null>;
      notes: string[];
    }[];
    expect(ranked.map((r) => [r.rank, r.handle, r.score])).toEqual([
      [1, "@hikewithmaya", 92],
      [2, "@trailrunner_tom", 69],
      [3, "@citystyle", 46],
      [4, "@mountainmeg", 32],
    ]);
    expect(ranked[0]).toMatchObject({
      tier: "micro",
      components: { location: 1, age: 1, niche: 0.67, engagement: 1, budget: 1 },
      matchedKeywords: ["hiking", "outdoor gear"],
      estimatedEngagements: 1218,
      costPerEngagement: 0.53,
    });
    // "Hiking" in the bio counts; plural and case do not matter.
    expect(ranked[1]).toMatchObject({
      components: { location: 0.58, age: 0.58, niche: 0.67, engagement: 0.87, budget: 1 },
      matchedKeywords: ["hiking", "trail running"],
    });
    expect(ranked[3]?.notes).toEqual([
      "no audience location data: ask for audience insights",
      "no audience age data: ask for audience insights",
      "no price given",
    ]);
    expect(output.excluded).toEqual([{ handle: "@gearguy", reason: "not on instagram or tiktok" }]);
    // @citystyle fits under half: not shortlisted even though the money would stretch.
    expect(output.shortlist).toEqual({ handles: ["@hikewithmaya", "@trailrunner_tom"], spend: 950, estimatedEngagements: 1981 });
    expect(md).toContain("| 1 | @hikewithmaya (instagram) | micro | **92** | 100 | 100 | 67 | 100 | 100 | GBP 0.53 |");
    expect(md).toContain(
      "**Shortlist within budget:** @hikewithmaya, @trailrunner\\_tom (GBP 950.00, ~1,981 engagements per round of posts)",
    );
  });

  it("leaves out of the score what the brief does not ask about, and applies hard filters", () => {
    const { output } = ok("influencer.fit-ranking", { brief: { keywords: ["hiking"], minFollowers: 10_000 }, creators });
    const ranked = output.ranked as { handle: string; score: number; components: Record<string, number | null> }[];
    expect(ranked[0]).toMatchObject({ handle: "@hikewithmaya", score: 100, components: { location: null, age: null, budget: null } });
    expect(output.excluded).toEqual([{ handle: "@mountainmeg", reason: "under 10,000 followers" }]);
    expect(output.shortlist).toBeNull();
  });

  it("rejects bad input with the field", () => {
    const run = (patch: object) => registry.run("influencer.fit-ranking", { brief, creators, ...patch });
    expect(run({ brief: undefined })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "brief" } });
    expect(run({ creators: Array.from({ length: 201 }, () => creators[0]) })).toMatchObject({ ok: false, error: { field: "creators" } });
    expect(run({ creators: [{ ...creators[0], bio: "b".repeat(1001) }] })).toMatchObject({
      ok: false,
      error: { field: "creators[0].bio" },
    });
    expect(run({ brief: { ...brief, keywords: [] } })).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "brief.keywords" },
    });
    expect(run({ brief: { ...brief, countries: ["United Kingdom"] } })).toMatchObject({
      ok: false,
      error: { field: "brief.countries[0]" },
    });
    expect(run({ brief: { ...brief, minFollowers: 5000, maxFollowers: 1000 } })).toMatchObject({
      ok: false,
      error: { field: "brief.maxFollowers" },
    });
    expect(run({ creators: [{ ...creators[0], engagementRate: 2.9 }] })).toMatchObject({
      ok: false,
      error: { field: "creators[0].engagementRate", message: "creators[0].engagementRate: engagementRate is a fraction (3.2% is 0.032)" },
    });
    expect(run({ creators: [{ ...creators[0], audience: { countries: { GB: 58, IE: 7 } } }] })).toMatchObject({
      ok: false,
      error: { field: "creators[0].audience.countries.GB" },
    });
    expect(run({ creators: [{ ...creators[0], audience: { countries: { GB: 0.8, IE: 0.5 } } }] })).toMatchObject({
      ok: false,
      error: { field: "creators[0].audience.countries" },
    });
    expect(run({ creators: [{ ...creators[0], audience: { ages: { "30-40": 0.5 } } }] })).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid" },
    });
  });
});
