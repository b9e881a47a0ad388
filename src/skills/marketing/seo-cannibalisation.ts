import { z } from "zod";
import { defineSkill } from "../skill";
import { readDocument, sniffFormat } from "./lib/document";
import { esc, findingList, round, table } from "./lib/format";
import { DENSITY, hasPhrase, keywordStats, urlWords } from "./lib/keywords";
import { matchTokens } from "./lib/text";

// Pages sharing more than half their three-word phrases are near-duplicates: merge them rather
// than rewrite one.
const DUPLICATE_SIMILARITY = 0.5;
const MAX_TOTAL_CHARS = 1_000_000; // all pages together: keeps one run to a few milliseconds
const MIN_WORDS_FOR_DENSITY = 150; // on shorter pages one mention swings the percentage too much to judge

const page = z.object({
  url: z.url({ protocol: /^https?$/, error: "url must be an http(s) address" }).max(2048),
  content: z.string().max(100_000, "a page is over 100,000 characters"),
  format: z.enum(["html", "markdown", "text"]).optional(),
  title: z.string().trim().max(300).optional(),
  h1: z.string().trim().max(300).optional(),
  targetKeyword: z.string().trim().min(2).max(100).optional(),
});

const key = (keyword: string) => matchTokens(keyword).join(" ");

/** A page's three-word phrases. */
function shingles(tokens: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i + 3 <= tokens.length; i++) out.add(`${tokens[i]} ${tokens[i + 1]} ${tokens[i + 2]}`);
  return out;
}

/** The share of three-word phrases two pages have in common (Jaccard), 0–1. */
function similarity(sa: Set<string>, sb: Set<string>): number {
  if (sa.size === 0 || sb.size === 0) return 0;
  let both = 0;
  for (const s of sa) if (sb.has(s)) both++;
  return both / (sa.size + sb.size - both);
}

const pageStats = z.object({
  url: z.string(),
  occurrences: z.number().int(),
  density: z.number(),
  inTitle: z.boolean(),
  inH1: z.boolean(),
  inUrl: z.boolean(),
  targets: z.boolean(),
  prominence: z.number().int(),
});
const action = z.object({
  url: z.string().nullable(),
  action: z.enum(["keep", "consolidate", "differentiate", "claim", "create"]),
  similarity: z.number().nullable(),
  detail: z.string(),
});

/** Finds keywords that several pages of a site compete for, picks the page to keep for each, and says what to do with the rest. */
export const keywordCannibalisation = defineSkill({
  name: "seo.keyword-cannibalisation",
  title: "Keyword cannibalisation across a site's pages: which pages compete for a keyword, which to keep, what to do with the rest",
  input: z
    .object({
      pages: z.array(page).min(2, "give at least two pages").max(50),
      keywords: z.array(z.string().trim().min(2).max(100)).max(20).default([]),
    })
    .refine((i) => i.pages.reduce((n, p) => n + p.content.length, 0) <= MAX_TOTAL_CHARS, {
      message: "the pages add up to over 1,000,000 characters",
      path: ["pages"],
    })
    .refine((i) => new Set(i.pages.map((p) => p.url)).size === i.pages.length, { message: "two pages have the same url", path: ["pages"] })
    .refine((i) => i.keywords.length > 0 || i.pages.some((p) => p.targetKeyword), {
      message: "name the keywords, or a targetKeyword on the pages",
      path: ["keywords"],
    })
    .refine((i) => new Set([...i.keywords, ...i.pages.flatMap((p) => p.targetKeyword ?? [])].map(key)).size <= 20, {
      message: "at most 20 distinct keywords",
      path: ["keywords"],
    }),
  output: z.object({
    keywords: z.array(
      z.object({
        keyword: z.string(),
        status: z.enum(["ok", "cannibalised", "unclaimed"]),
        primary: z.string().nullable(),
        pages: z.array(pageStats),
        actions: z.array(action),
      }),
    ),
    issues: z.array(z.object({ severity: z.enum(["error", "warning", "info"]), url: z.string(), message: z.string() })),
    summary: z.object({ keywords: z.number().int(), cannibalised: z.number().int(), unclaimed: z.number().int() }),
  }),
  run: ({ pages, keywords }) => {
    const docs = pages.map((p) => {
      const format = p.format ?? sniffFormat(p.content);
      const doc = readDocument(p.content, format);
      const h1 = p.h1 ?? doc.headings.find((h) => h.level === 1)?.text ?? "";
      // A Markdown or text page has no title tag: its CMS title is usually its H1.
      return { ...p, tokens: matchTokens(doc.text), h1, title: p.title ?? doc.title ?? (format === "html" ? "" : h1) };
    });
    const shingleCache = new Map<number, Set<string>>();
    const shinglesOf = (index: number) => {
      let set = shingleCache.get(index);
      if (!set) {
        set = shingles(docs[index]?.tokens ?? []);
        shingleCache.set(index, set);
      }
      return set;
    };
    const byKey = new Map<string, string>();
    for (const k of [...keywords, ...pages.flatMap((p) => p.targetKeyword ?? [])]) if (!byKey.has(key(k))) byKey.set(key(k), k);
    const all = [...byKey.values()];
    const issues: { severity: "error" | "warning" | "info"; url: string; message: string }[] = [];

    const results = all.map((keyword) => {
      const stats = docs.map((d, index) => {
        const s = keywordStats(keyword, d.tokens);
        const row = {
          url: d.url,
          occurrences: s.occurrences,
          density: round(s.density, 2),
          inTitle: hasPhrase(keyword, d.title),
          inH1: hasPhrase(keyword, d.h1),
          inUrl: hasPhrase(keyword, urlWords(d.url)),
          targets: d.targetKeyword !== undefined && key(d.targetKeyword) === key(keyword),
        };
        // Title, H1 and a declared target are what tell search engines what a page is about.
        const prominence = 3 * +row.targets + 3 * +row.inTitle + 3 * +row.inH1 + 2 * +row.inUrl + +(s.density >= DENSITY.min);
        if (s.density > DENSITY.max && s.words >= MIN_WORDS_FOR_DENSITY)
          issues.push({
            severity: "warning",
            url: d.url,
            message: `"${esc(keyword)}" is ${s.density.toFixed(1)}% of the words: over-optimised.`,
          });
        if (row.targets && !row.inTitle)
          issues.push({ severity: "warning", url: d.url, message: `targets "${esc(keyword)}" but its title doesn't contain it.` });
        return { ...row, prominence, index, competing: row.targets || row.inTitle || row.inH1 };
      });
      const competing = stats
        .filter((s) => s.competing)
        .sort((a, b) => b.prominence - a.prominence || b.occurrences - a.occurrences || a.index - b.index);
      const [primary, ...rivals] = competing;
      const actions: z.input<typeof action>[] = [];
      if (!primary) {
        const best = [...stats].sort((a, b) => b.occurrences - a.occurrences || a.index - b.index)[0];
        if (best && best.occurrences > 0)
          actions.push({
            url: best.url,
            action: "claim",
            similarity: null,
            detail: `No page targets it; this one mentions it most (${best.occurrences}×): put it in the title and H1.`,
          });
        else actions.push({ url: null, action: "create", similarity: null, detail: "No page covers it: write one that targets it." });
      } else {
        actions.push({
          url: primary.url,
          action: "keep",
          similarity: null,
          detail: "The page to rank: the strongest signals for the keyword.",
        });
        const primaryShingles = shinglesOf(primary.index);
        for (const rival of rivals) {
          const sim = round(similarity(primaryShingles, shinglesOf(rival.index)), 2);
          actions.push(
            sim >= DUPLICATE_SIMILARITY
              ? {
                  url: rival.url,
                  action: "consolidate",
                  similarity: sim,
                  detail: `Near-duplicate of the primary page: merge it in and 301-redirect this URL there.`,
                }
              : {
                  url: rival.url,
                  action: "differentiate",
                  similarity: sim,
                  detail: `Retarget its title and H1 to a distinct variant, and link to the primary page with "${esc(keyword)}" as anchor text.`,
                },
          );
        }
      }
      return {
        keyword,
        status: primary ? (rivals.length ? ("cannibalised" as const) : ("ok" as const)) : ("unclaimed" as const),
        primary: primary?.url ?? null,
        pages: stats.filter((s) => s.competing || s.occurrences > 0).map(({ index: _i, competing: _c, ...s }) => s),
        actions,
      };
    });
    return {
      keywords: results,
      issues,
      summary: {
        keywords: results.length,
        cannibalised: results.filter((r) => r.status === "cannibalised").length,
        unclaimed: results.filter((r) => r.status === "unclaimed").length,
      },
    };
  },
  render: (o) => {
    const yes = (b: boolean) => (b ? "✔" : "");
    return [
      "## Keyword cannibalisation",
      "",
      `${o.summary.keywords} keywords checked: **${o.summary.cannibalised} cannibalised**, ${o.summary.unclaimed} unclaimed.`,
      ...o.keywords.flatMap((k) => [
        "",
        `### "${esc(k.keyword)}": ${k.status}`,
        "",
        k.pages.length
          ? table(
              ["Page", "Mentions", "Density", "Title", "H1", "URL", "Target"],
              k.pages.map((p) => [
                esc(p.url, 80),
                p.occurrences,
                `${p.density}%`,
                yes(p.inTitle),
                yes(p.inH1),
                yes(p.inUrl),
                yes(p.targets),
              ]),
            )
          : "No page mentions it.",
        "",
        ...k.actions.map(
          (a) =>
            `- **${a.action}**${a.url ? ` ${esc(a.url, 80)}` : ""}${a.similarity !== null ? ` (similarity ${a.similarity})` : ""}: ${a.detail}`,
        ),
      ]),
      ...(o.issues.length
        ? ["", "### Page issues", findingList(o.issues.map((i) => ({ severity: i.severity, message: `${esc(i.url, 80)} ${i.message}` })))]
        : []),
    ].join("\n");
  },
});
