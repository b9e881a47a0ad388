import { describe, expect, it } from "vitest";
import { postCheck, xLength } from "../../../src/skills/marketing/social";
import { postingSchedule } from "../../../src/skills/marketing/social-schedule";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([postCheck, postingSchedule]);

function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown>, md: outcome.deliverable };
}

type Checked = {
  id: string;
  length: number;
  hashtags: string[];
  mentions: string[];
  links: string[];
  findings: { code: string; message: string }[];
  fixedText: string | null;
  ready: boolean;
};

const LONG_X =
  "We just shipped dark mode for the dashboard! Your eyes will thank you at 2am. Try it now: https://acme.example/blog/dark-mode-is-here-and-it-is-great " +
  "#darkmode #product #saas #launch. It took us six months, four redesigns and one very patient design team, and we think it was worth every late night of it. Tell us what you think.";

describe("social.post-check", () => {
  it("counts X's weighted length: links 23, emoji 2, CJK 2", () => {
    expect(xLength("Hello 👋🏽 world https://example.com/very/long/path?x=1 日本")).toBe(43);
    expect(xLength("🇬🇧👨‍👩‍👧")).toBe(4);
  });

  it("checks posts per platform and fixes what it can", () => {
    const { output, md } = ok("social.post-check", {
      posts: [
        { id: "launch-x", platform: "x", text: LONG_X },
        {
          id: "launch-ig",
          platform: "instagram",
          text: "Dark mode is here 🌙 Swipe to see it in action. Read more at https://acme.example/dark-mode #darkmode #ui #ux #design #saas #productdesign #DarkMode",
          mediaCount: 3,
          altText: false,
        },
        {
          id: "launch-li",
          platform: "linkedin",
          text: "Dark mode is live.\n\nWe heard you: 41% of you work after 8pm. Here is what we changed and why: https://acme.example/blog/dark-mode #ProductUpdate @jane_doe (mail us at team@acme.example)",
        },
        { id: "teaser", platform: "tiktok", text: "watch this", mediaCount: 0 },
      ],
    });
    const [x, ig, li, tt] = output.posts as Checked[];
    expect(output.ready).toBe(2);
    expect(x).toMatchObject({ length: 293, hashtags: ["#darkmode", "#product", "#saas", "#launch"], ready: false });
    expect(x?.findings.map((f) => f.message)).toEqual([
      "293 characters: over X's 280 limit by 13.",
      "4 hashtags: 2 or fewer work best on X.",
    ]);
    // Hashtags beyond the first two go, and the text then fits.
    expect(x?.fixedText).toBe(LONG_X.replace(" #saas #launch.", "."));
    expect(xLength(x?.fixedText ?? "")).toBeLessThanOrEqual(280);
    expect(ig?.findings.map((f) => f.code)).toEqual(["fold", "duplicate-hashtags", "hashtags", "link", "alt-text"]);
    expect(ig?.fixedText).toBe(
      "Dark mode is here 🌙 Swipe to see it in action. Read more at (link in bio) #darkmode #ui #ux #design #saas",
    );
    expect(ig?.ready).toBe(true);
    // An email address is not a mention.
    expect(li).toMatchObject({ mentions: ["@jane_doe"], links: ["https://acme.example/blog/dark-mode"], fixedText: null, ready: true });
    expect(li?.findings.map((f) => f.code)).toEqual(["link-reach"]);
    expect(tt?.findings.map((f) => f.message)).toEqual(["TikTok posts need an image or a video."]);
    expect(md).toContain("## Social post check: 2 of 4 ready to publish");
    expect(md).toContain("| launch-x | X | 293 / 280 | 4 | ✖ |");
    expect(md).toContain("> Dark mode is here 🌙 Swipe to see it in action. Read more at (link in bio) \\#darkmode");
  });

  it("cuts an over-long post at a word boundary, and takes one post on its own", () => {
    const text = `${"Threads are for short takes and this one goes on and on. ".repeat(10)}`;
    const { output } = ok("social.post-check", { platform: "threads", text });
    const [post] = output.posts as Checked[];
    expect(post?.length).toBe(569);
    expect(post?.fixedText).toMatch(/ and this one…$/);
    expect([...(post?.fixedText ?? "")].length).toBeLessThanOrEqual(500);
    const shout = ok("social.post-check", { platform: "facebook", text: "BIG NEWS: OUR SUMMER SALE STARTS TODAY" });
    expect((shout.output.posts as Checked[])[0]?.findings.map((f) => f.code)).toEqual(["all-caps"]);
  });

  it("rejects bad input with the field", () => {
    const run = (input: unknown) => registry.run("social.post-check", input);
    expect(run({ platform: "myspace", text: "hi" })).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "platform" },
    });
    expect(run({ platform: "x" })).toMatchObject({ ok: false, error: { field: "text" } });
    expect(run({})).toMatchObject({ ok: false, error: { field: "posts" } });
    expect(run({ posts: [{ platform: "x", text: "  " }] })).toMatchObject({
      ok: false,
      error: { field: "posts[0].text", message: "posts[0].text: the post is empty" },
    });
    expect(run({ posts: [{ platform: "x", text: "hi", mediaCount: -1 }] })).toMatchObject({
      ok: false,
      error: { field: "posts[0].mediaCount" },
    });
    expect(run({ posts: Array.from({ length: 51 }, () => ({ platform: "x", text: "hi" })) })).toMatchObject({
      ok: false,
      error: { field: "posts" },
    });
  });
});

describe("social.posting-schedule", () => {
  const posts = [
    { id: "dark-mode-launch", platforms: ["linkedin", "x", "instagram"], priority: 1 },
    { id: "customer-story", platforms: ["linkedin", "facebook"] },
    { id: "tips-thread", platforms: ["x", "threads"] },
    { id: "webinar-invite", platforms: ["linkedin"], notBefore: "2026-12-03" },
    { id: "year-review", platforms: ["linkedin", "tiktok"], priority: 5 },
  ];

  it("places posts in each platform's best-time windows, one LinkedIn post a day, spaced and skipping holidays", () => {
    const { output, md } = ok("social.posting-schedule", { start: "2026-12-01T10:30:00+01:00", days: 7, posts, skipDates: ["2026-12-04"] });
    expect(output).toMatchObject({ from: "2026-12-01", to: "2026-12-07" });
    expect((output.slots as { at: string; platform: string; postId: string }[]).map((s) => `${s.at} ${s.platform} ${s.postId}`)).toEqual([
      "2026-12-01T11:00:00+01:00 instagram dark-mode-launch",
      "2026-12-01T11:00:00+01:00 facebook customer-story",
      "2026-12-01T12:00:00+01:00 linkedin dark-mode-launch",
      "2026-12-01T14:00:00+01:00 tiktok year-review",
      "2026-12-01T15:00:00+01:00 x dark-mode-launch",
      "2026-12-02T08:00:00+01:00 linkedin customer-story",
      "2026-12-02T08:00:00+01:00 threads tips-thread",
      "2026-12-02T09:00:00+01:00 x tips-thread",
      "2026-12-03T08:00:00+01:00 linkedin webinar-invite",
    ]);
    expect(output.unscheduled).toEqual([{ postId: "year-review", platform: "linkedin", reason: "no free linkedin slot by 2026-12-07" }]);
    expect(md).toContain("| 2026-12-01 12:00 | tue | linkedin | dark-mode-launch |");
    expect(md).toContain("- linkedin: 3 posts in tue–thu 08:00–10:00, tue–thu 12:00–13:00");
    expect(md).toContain("- year-review on linkedin: no free linkedin slot by 2026-12-07");
  });

  it("uses the brand's own windows, caps and spacing", () => {
    const { output } = ok("social.posting-schedule", {
      start: "2026-12-07T00:00:00Z",
      days: 2,
      posts: [
        { id: "a", platforms: ["x"] },
        { id: "b", platforms: ["x"] },
        { id: "c", platforms: ["x"] },
      ],
      windows: { x: [{ days: ["mon", "tue"], from: "17:00", to: "19:00" }] },
      perDay: { x: 2 },
      minGapMinutes: 60,
    });
    expect((output.slots as { at: string }[]).map((s) => s.at)).toEqual([
      "2026-12-07T17:00:00Z",
      "2026-12-07T18:00:00Z",
      "2026-12-08T17:00:00Z",
    ]);
  });

  it("rejects bad input with the field", () => {
    const run = (patch: object) => registry.run("social.posting-schedule", { start: "2026-12-01T09:00:00Z", posts, ...patch });
    expect(run({ start: "next monday" })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "start" } });
    expect(run({ posts: [] })).toMatchObject({ ok: false, error: { field: "posts", message: "posts: no posts to schedule" } });
    expect(run({ posts: [posts[0], posts[0]] })).toMatchObject({
      ok: false,
      error: { field: "posts", message: "posts: two posts have the same id" },
    });
    expect(run({ posts: [{ id: "a", platforms: [] }] })).toMatchObject({ ok: false, error: { field: "posts[0].platforms" } });
    expect(run({ windows: { x: [{ days: ["mon"], from: "18:00", to: "09:00" }] } })).toMatchObject({
      ok: false,
      error: { field: "windows.x[0].to" },
    });
    expect(run({ windows: { x: [{ days: ["mon"], from: "9am", to: "11:00" }] } })).toMatchObject({
      ok: false,
      error: { field: "windows.x[0].from" },
    });
    expect(run({ windows: { myspace: [] } })).toMatchObject({ ok: false, error: { code: "skill_input_invalid" } });
    expect(run({ days: 365 })).toMatchObject({ ok: false, error: { field: "days" } });
    expect(run({ posts: Array.from({ length: 201 }, (_, i) => ({ id: `p${i}`, platforms: ["x"] })) })).toMatchObject({
      ok: false,
      error: { field: "posts" },
    });
  });
});
