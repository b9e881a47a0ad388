import { z } from "zod";
import { defineSkill } from "../skill";
import { readDocument, sniffFormat } from "./lib/document";
import { esc, findingList, num, plural, table } from "./lib/format";
import { DENSITY, hasPhrase, keywordStats, linkKind, urlWords } from "./lib/keywords";
import { matchTokens, words } from "./lib/text";

// Where Google cuts a title (~600px) and a snippet (~920px): about 60 and 160 characters. Under
// 30 and 70 the title or snippet wastes the space it is given.
const TITLE = { min: 30, max: 60 };
const META = { min: 70, max: 160 };
const FIRST_WORDS = 100; // the keyword early tells readers and crawlers the page is on topic

const severity = z.enum(["error", "warning", "info"]);
const finding = z.object({ severity, code: z.string(), message: z.string(), fix: z.string() });
const check = z.object({ id: z.string(), label: z.string(), points: z.number(), max: z.number().int() });

/** An on-page SEO audit of one page for one keyword: a 0–100 score, the checks behind it, and fixes. */
export const onPageAudit = defineSkill({
  name: "seo.on-page-audit",
  title: "On-page SEO audit of an HTML or Markdown page for a keyword: 0–100 score, checks and fixes",
  input: z.object({
    content: z.string().trim().min(1, "the page is empty").max(200_000, "the page is over 200,000 characters"),
    format: z.enum(["html", "markdown"]).optional(),
    keyword: z.string().trim().min(2).max(100),
    url: z
      .url({ protocol: /^https?$/, error: "url must be an http(s) address" })
      .max(2048)
      .optional(),
    title: z.string().trim().min(1).max(300).optional(),
    metaDescription: z.string().trim().min(1).max(500).optional(),
    minWords: z.number().int().min(50).max(5000).default(300),
  }),
  output: z.object({
    score: z.number().int().min(0).max(100),
    keyword: z.string(),
    format: z.enum(["html", "markdown"]),
    indexable: z.boolean(),
    title: z.object({ text: z.string().nullable(), length: z.number().int() }),
    metaDescription: z.object({ text: z.string().nullable(), length: z.number().int() }),
    h1: z.array(z.string()),
    words: z.number().int(),
    keywordOccurrences: z.number().int(),
    keywordDensity: z.number(),
    images: z.object({ total: z.number().int(), missingAlt: z.number().int() }),
    links: z.object({ internal: z.number().int(), external: z.number().int(), nofollow: z.number().int(), emptyText: z.number().int() }),
    checks: z.array(check),
    findings: z.array(finding),
  }),
  run: (input) => {
    const format = input.format ?? sniffFormat(input.content);
    const doc = readDocument(input.content, format);
    const title = input.title ?? doc.title;
    const meta = input.metaDescription ?? doc.metaDescription;
    const kw = input.keyword;
    const k = esc(kw); // messages are Markdown: customer text in them is escaped
    const h1 = doc.headings.filter((h) => h.level === 1).map((h) => h.text);
    const stats = keywordStats(kw, matchTokens(doc.text));
    const wordCount = words(doc.text).length;
    const missingAlt = doc.images.filter((i) => (i.alt ?? "").trim() === "").length;
    const kinds = doc.links.map((l) => linkKind(l.href, input.url));
    const internal = kinds.filter((k) => k === "internal").length;
    const external = kinds.filter((k) => k === "external").length;
    const nofollow = doc.links.filter((l) => l.rel.split(/\s+/).includes("nofollow")).length;
    const emptyText = doc.links.filter((l, i) => kinds[i] !== "other" && l.text === "").length;
    const skip = doc.headings.find((h, i) => i > 0 && h.level > (doc.headings[i - 1]?.level ?? 0) + 1);

    const checks: z.input<typeof check>[] = [];
    const findings: z.input<typeof finding>[] = [];
    const grade = (id: string, label: string, max: number, points: number, problem?: [z.infer<typeof severity>, string, string]) => {
      checks.push({ id, label, points, max });
      if (problem) findings.push({ severity: problem[0], code: id, message: problem[1], fix: problem[2] });
    };
    const len = (s: string | null | undefined) => (s ?? "").length;
    const titleLen = len(title);
    if (!title)
      grade("title", "Title tag", 10, 0, [
        "error",
        "The page has no title.",
        `Add a ${TITLE.min}–${TITLE.max} character title that starts with "${k}".`,
      ]);
    else if (titleLen < TITLE.min || titleLen > TITLE.max)
      grade("title", "Title tag", 10, 5, [
        "warning",
        `The title is ${titleLen} characters (best ${TITLE.min}–${TITLE.max}).`,
        titleLen > TITLE.max ? "Shorten it so search results don't cut it off." : "Lengthen it with a benefit or qualifier.",
      ]);
    else grade("title", "Title tag", 10, 10);
    const metaLen = len(meta);
    if (!meta)
      grade("meta-description", "Meta description", 10, 0, [
        "error",
        "The page has no meta description.",
        `Write ${META.min}–${META.max} characters that include "${k}" and a reason to click.`,
      ]);
    else if (metaLen < META.min || metaLen > META.max)
      grade("meta-description", "Meta description", 10, 5, [
        "warning",
        `The meta description is ${metaLen} characters (best ${META.min}–${META.max}).`,
        metaLen > META.max ? "Trim it: search results cut it at ~160 characters." : "Expand it: say what the reader gets.",
      ]);
    else grade("meta-description", "Meta description", 10, 10);
    if (h1.length === 1) grade("h1", "Exactly one H1", 10, 10);
    else
      grade("h1", "Exactly one H1", 10, 0, [
        "error",
        h1.length === 0 ? "The page has no H1." : `The page has ${h1.length} H1 headings.`,
        h1.length === 0 ? `Add one H1 that contains "${k}".` : "Keep one H1 for the page's topic; make the others H2.",
      ]);
    grade(
      "heading-order",
      "Headings in order",
      5,
      skip ? 0 : 5,
      skip
        ? ["warning", `"${esc(skip.text, 60)}" is an H${skip.level} that skips a level.`, "Nest headings H1 → H2 → H3 without gaps."]
        : undefined,
    );
    const inTitle = hasPhrase(kw, title);
    grade(
      "keyword-title",
      "Keyword in title",
      10,
      inTitle ? 10 : 0,
      inTitle ? undefined : ["error", `"${k}" is not in the title.`, "Put the keyword in the title, near the start."],
    );
    const inH1 = h1.some((h) => hasPhrase(kw, h));
    grade(
      "keyword-h1",
      "Keyword in H1",
      10,
      inH1 ? 10 : 0,
      inH1 ? undefined : ["warning", `"${k}" is not in the H1.`, "Use the keyword (or a close variant) in the H1."],
    );
    const early = stats.first >= 0 && stats.first < FIRST_WORDS;
    grade(
      "keyword-intro",
      `Keyword in first ${FIRST_WORDS} words`,
      10,
      early ? 10 : 0,
      early ? undefined : ["warning", `"${k}" is not in the first ${FIRST_WORDS} words.`, "Mention it in the opening paragraph."],
    );
    if (input.url) {
      const inUrl = hasPhrase(kw, urlWords(input.url));
      grade(
        "keyword-url",
        "Keyword in URL",
        5,
        inUrl ? 5 : 0,
        inUrl ? undefined : ["warning", `"${k}" is not in the URL.`, "Use a short slug made of the keyword; redirect the old URL (301)."],
      );
    }
    if (doc.images.length > 0) {
      const withAlt = doc.images.length - missingAlt;
      grade(
        "image-alt",
        "Image alt text",
        10,
        Math.round((10 * withAlt) / doc.images.length),
        missingAlt
          ? [
              "warning",
              `${missingAlt} of ${plural(doc.images.length, "image")} ${missingAlt === 1 ? "has" : "have"} no alt text.`,
              'Describe each image in its alt attribute, the keyword where it fits (alt="" only for purely decorative images).',
            ]
          : undefined,
      );
    }
    grade(
      "internal-links",
      "Internal links",
      5,
      internal ? 5 : 0,
      internal ? undefined : ["warning", "No internal links.", "Link to 2–3 related pages of the site, with descriptive anchor text."],
    );
    const enough = wordCount >= input.minWords;
    grade(
      "word-count",
      `At least ${input.minWords} words`,
      10,
      enough ? 10 : Math.floor((10 * wordCount) / input.minWords),
      enough
        ? undefined
        : [
            "warning",
            `The page has ${wordCount} words (minimum ${input.minWords}).`,
            "Cover the topic more fully: questions readers ask, examples, steps.",
          ],
    );
    const density = stats.density;
    const densityOk = density >= DENSITY.min && density <= DENSITY.max;
    grade(
      "keyword-density",
      "Keyword density",
      5,
      densityOk ? 5 : 0,
      densityOk
        ? undefined
        : density > DENSITY.max
          ? [
              "warning",
              `"${k}" is ${density.toFixed(1)}% of the words: it reads as stuffing.`,
              "Use synonyms and related terms instead of repeating the keyword.",
            ]
          : [
              "warning",
              `"${k}" appears ${stats.occurrences} times (${density.toFixed(2)}% of the words).`,
              `Aim for ${DENSITY.min}–${DENSITY.max}%: mention it in a subheading and the conclusion.`,
            ],
    );

    const indexable = !/\b(noindex|none)\b/.test(doc.robots ?? "");
    if (!indexable)
      findings.unshift({
        severity: "error",
        code: "noindex",
        message: `The robots meta tag says "${esc(doc.robots ?? "")}": search engines will not index the page.`,
        fix: "Remove noindex if the page should rank.",
      });
    if (
      input.url &&
      doc.canonical &&
      new URL(doc.canonical, input.url).href.replace(/\/$/, "") !== new URL(input.url).href.replace(/\/$/, "")
    )
      findings.push({
        severity: "warning",
        code: "canonical",
        message: `The canonical URL points elsewhere (${esc(doc.canonical)}).`,
        fix: "Point the canonical at this page unless it duplicates another.",
      });
    if (!hasPhrase(kw, meta) && meta)
      findings.push({
        severity: "info",
        code: "keyword-meta",
        message: `"${k}" is not in the meta description.`,
        fix: "Include it: search engines bold it in the snippet.",
      });
    if (external === 0)
      findings.push({
        severity: "info",
        code: "external-links",
        message: "No links to other sites.",
        fix: "Cite one or two credible sources.",
      });
    if (emptyText)
      findings.push({
        severity: "warning",
        code: "link-text",
        message: `${plural(emptyText, "link")} ${emptyText === 1 ? "has" : "have"} no text.`,
        fix: "Give every link text (or an image with alt text) that says where it goes.",
      });

    const max = checks.reduce((a, c) => a + c.max, 0);
    return {
      score: Math.round((100 * checks.reduce((a, c) => a + c.points, 0)) / max),
      keyword: kw,
      format,
      indexable,
      title: { text: title ?? null, length: titleLen },
      metaDescription: { text: meta ?? null, length: metaLen },
      h1,
      words: wordCount,
      keywordOccurrences: stats.occurrences,
      keywordDensity: Math.round(density * 100) / 100,
      images: { total: doc.images.length, missingAlt },
      links: { internal, external, nofollow, emptyText },
      checks,
      findings,
    };
  },
  render: (o) =>
    [
      `## On-page SEO audit: ${o.score}/100 for "${esc(o.keyword)}"`,
      ...(o.indexable ? [] : ["", "**✖ This page is set to noindex: it cannot rank until that is removed.**"]),
      "",
      `**Title** (${o.title.length} chars): ${o.title.text ? esc(o.title.text) : "_missing_"}`,
      `**Meta description** (${o.metaDescription.length} chars): ${o.metaDescription.text ? esc(o.metaDescription.text, 200) : "_missing_"}`,
      `**Words:** ${num(o.words)} · **Keyword:** ${o.keywordOccurrences}× (${o.keywordDensity}%) · **Images:** ${o.images.total} (${o.images.missingAlt} without alt) · **Links:** ${o.links.internal} internal, ${o.links.external} external`,
      "",
      table(
        ["Check", "Points"],
        o.checks.map((c) => [c.label, `${c.points === c.max ? "✔" : "✖"} ${c.points}/${c.max}`]),
      ),
      "",
      "### Fixes",
      findingList(
        o.findings.map((f) => ({ severity: f.severity, message: `${f.message} → ${f.fix}` })),
        "Nothing to fix.",
      ),
    ].join("\n"),
});
