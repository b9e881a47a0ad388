import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, findingList, num, table } from "./lib/format";

export const PLATFORMS = ["x", "linkedin", "instagram", "facebook", "threads", "tiktok"] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * Each platform's published limits and the usual guidance: `limit` is the hard character cap,
 * `fold` where the feed cuts the text behind "more", `hashtags` the most worth using (Instagram
 * allows 30 but advises 3–5; LinkedIn advises ~3; Threads takes one topic tag), `linksWork`
 * whether a URL in the text is clickable, `media` whether a post needs an image or video.
 */
const RULES: Record<
  Platform,
  { name: string; limit: number; fold: number | null; hashtags: number; hardHashtags?: number; linksWork: boolean; media: boolean }
> = {
  x: { name: "X", limit: 280, fold: null, hashtags: 2, linksWork: true, media: false },
  linkedin: { name: "LinkedIn", limit: 3000, fold: 210, hashtags: 5, linksWork: true, media: false },
  instagram: { name: "Instagram", limit: 2200, fold: 125, hashtags: 5, hardHashtags: 30, linksWork: false, media: true },
  facebook: { name: "Facebook", limit: 63_206, fold: 477, hashtags: 2, linksWork: true, media: false },
  threads: { name: "Threads", limit: 500, fold: null, hashtags: 1, linksWork: true, media: false },
  tiktok: { name: "TikTok", limit: 4000, fold: 100, hashtags: 5, linksWork: false, media: true },
};
const MAX_MENTIONS = 5; // past a handful, tags read as spam and trip platform filters

const URL_RE = /\b(?:https?:\/\/|www\.)[^\s<>"]+[^\s<>".,;:!?)\]]/gi;
const HASHTAG_RE = /(^|[^\p{L}\p{N}_&/#])#([\p{L}_][\p{L}\p{N}_]*|\p{N}+[\p{L}_][\p{L}\p{N}_]*)/gu;
const MENTION_RE = /(^|[^\p{L}\p{N}_.@])@([A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?)/gu;
const EMOJI_RE = /\p{Regional_Indicator}{2}|\p{Extended_Pictographic}(?:\uFE0F|\p{Emoji_Modifier}|\u200D\p{Extended_Pictographic})*/gu;

/**
 * X's weighted length (twitter-text v3): a link counts 23, an emoji 2, Latin and common
 * punctuation 1 per code point, other scripts (CJK...) 2.
 */
export function xLength(text: string): number {
  let n = 0;
  const rest = text
    .normalize("NFC")
    .replace(URL_RE, () => {
      n += 23;
      return "";
    })
    .replace(EMOJI_RE, () => {
      n += 2;
      return "";
    });
  for (const ch of rest) {
    const c = ch.codePointAt(0) ?? 0;
    n += c <= 4351 || (c >= 8192 && c <= 8205) || (c >= 8208 && c <= 8223) || (c >= 8242 && c <= 8247) ? 1 : 2;
  }
  return n;
}

export function lengthOn(platform: Platform, text: string): number {
  return platform === "x" ? xLength(text) : [...text].length;
}

/** Cuts text to fit a platform's limit at a word boundary, with an ellipsis. */
function fitToLimit(platform: Platform, text: string, limit: number): string {
  if (lengthOn(platform, text) <= limit) return text;
  const ws = text.split(/(\s+)/);
  let out = "";
  for (const w of ws) {
    if (lengthOn(platform, `${out}${w}…`) > limit) break;
    out += w;
  }
  return `${out.trimEnd()}…`;
}

const post = z.object({
  id: z.string().trim().min(1).max(100).optional(),
  platform: z.enum(PLATFORMS),
  text: z.string().trim().min(1, "the post is empty").max(70_000),
  mediaCount: z.number().int().min(0).max(20).optional(),
  // Whether the images carry alt text (false: they do not).
  altText: z.boolean().optional(),
});
const severity = z.enum(["error", "warning", "info"]);
const checked = z.object({
  id: z.string(),
  platform: z.enum(PLATFORMS),
  length: z.number().int(),
  limit: z.number().int(),
  hashtags: z.array(z.string()),
  mentions: z.array(z.string()),
  links: z.array(z.string()),
  findings: z.array(z.object({ severity, code: z.string(), message: z.string() })),
  fixedText: z.string().nullable(),
  ready: z.boolean(),
});

function check(p: z.output<typeof post>, index: number): z.input<typeof checked> {
  const rule = RULES[p.platform];
  const findings: z.input<typeof checked>["findings"] = [];
  const add = (sev: z.infer<typeof severity>, code: string, message: string) => findings.push({ severity: sev, code, message });
  const hashtags = [...p.text.matchAll(HASHTAG_RE)].map((m) => `#${m[2]}`);
  const mentions = [...p.text.matchAll(MENTION_RE)].map((m) => `@${m[2]}`);
  const links = p.text.match(URL_RE) ?? [];
  const length = lengthOn(p.platform, p.text);
  let fixed = p.text;

  if (length > rule.limit)
    add("error", "too-long", `${length} characters: over ${rule.name}'s ${num(rule.limit)} limit by ${length - rule.limit}.`);
  else if (rule.fold && length > rule.fold)
    add("info", "fold", `${rule.name} shows the first ~${rule.fold} characters before "more": put the hook there.`);
  const unique = [...new Set(hashtags.map((h) => h.toLowerCase()))];
  if (unique.length < hashtags.length) add("warning", "duplicate-hashtags", "The same hashtag appears twice.");
  if (rule.hardHashtags && unique.length > rule.hardHashtags)
    add("error", "hashtag-limit", `${unique.length} hashtags: ${rule.name} rejects more than ${rule.hardHashtags}.`);
  else if (unique.length > rule.hashtags)
    add("warning", "hashtags", `${unique.length} hashtags: ${rule.hashtags} or fewer work best on ${rule.name}.`);
  const keep = new Set(unique.slice(0, rule.hashtags));
  const seen = new Set<string>();
  fixed = fixed.replace(HASHTAG_RE, (all, pre: string, tag: string) => {
    const key = `#${tag}`.toLowerCase();
    if (keep.has(key) && !seen.has(key)) {
      seen.add(key);
      return all;
    }
    return pre;
  });
  if (links.length && !rule.linksWork) {
    add("warning", "link", `Links in ${rule.name} captions are not clickable: say "link in bio" and put it there.`);
    fixed = fixed.replace(URL_RE, "(link in bio)");
  }
  if (links.length && p.platform === "linkedin")
    add("info", "link-reach", "LinkedIn shows posts with outside links to fewer people: consider the link in the first comment.");
  if (mentions.length > MAX_MENTIONS)
    add("warning", "mentions", `${mentions.length} mentions: tag only the people who matter to the post.`);
  if (rule.media && p.mediaCount === 0) add("error", "media", `${rule.name} posts need an image or a video.`);
  if ((p.mediaCount ?? 0) > 0 && p.altText === false)
    add("info", "alt-text", "Add alt text to the images, for screen readers (and search).");
  const letters = p.text.replace(/[^\p{L}]/gu, "");
  if (letters.length >= 20 && letters === letters.toUpperCase() && /\p{Lu}/u.test(letters))
    add("warning", "all-caps", "All in capitals reads as shouting.");

  fixed = fitToLimit(
    p.platform,
    fixed
      .replace(/[ \t]+\n/g, "\n")
      .replace(/[ \t]{2,}/g, " ")
      .replace(/ +([.,;:!?])/g, "$1")
      .trim(),
    rule.limit,
  );
  return {
    id: p.id ?? `post ${index + 1}`,
    platform: p.platform,
    length,
    limit: rule.limit,
    hashtags,
    mentions,
    links,
    findings,
    fixedText: fixed === p.text ? null : fixed,
    ready: !findings.some((f) => f.severity === "error"),
  };
}

/** Checks posts against each platform's limits and habits, and gives a fixed version where it can. */
export const postCheck = defineSkill({
  name: "social.post-check",
  title: "Social post check per platform: length limits (X weighted), hashtags, links, mentions, media; with a fixed version",
  // One post (`{ platform, text }`) or up to 50 (`{ posts: [...] }`).
  input: z
    .object({
      platform: post.shape.platform.optional(),
      text: post.shape.text.optional(),
      mediaCount: post.shape.mediaCount,
      altText: post.shape.altText,
      posts: z.array(post).min(1, "give at least one post").max(50).optional(),
    })
    .refine((i) => (i.posts === undefined) !== (i.text === undefined && i.platform === undefined), {
      message: "give platform and text (one post) or posts, not both or neither",
      path: ["posts"],
    })
    .refine((i) => i.posts !== undefined || (i.platform !== undefined && i.text !== undefined), {
      message: "a single post needs both platform and text",
      path: ["text"],
    }),
  output: z.object({ posts: z.array(checked), ready: z.number().int() }),
  run: (i) => {
    const list =
      i.posts ?? (i.platform && i.text ? [{ platform: i.platform, text: i.text, mediaCount: i.mediaCount, altText: i.altText }] : []);
    const posts = list.map(check);
    return { posts, ready: posts.filter((p) => p.ready).length };
  },
  render: ({ posts, ready }) =>
    [
      `## Social post check: ${ready} of ${posts.length} ready to publish`,
      "",
      table(
        ["Post", "Platform", "Length", "Hashtags", "Ready"],
        posts.map((p) => [esc(p.id, 40), RULES[p.platform].name, `${p.length} / ${p.limit}`, p.hashtags.length, p.ready ? "✔" : "✖"]),
      ),
      ...posts.flatMap((p) => [
        "",
        `### ${esc(p.id, 40)} (${RULES[p.platform].name})`,
        findingList(p.findings, "Good to go."),
        ...(p.fixedText ? ["", "Fixed version:", "", ...p.fixedText.split("\n").map((l) => `> ${esc(l, 4000)}`)] : []),
      ]),
    ].join("\n"),
});
