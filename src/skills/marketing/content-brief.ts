import { z } from "zod";
import { defineSkill } from "../skill";
import { CHECKLIST, DEFAULT_WORDS, FORMATS, GOAL_CTA, GOAL_META, GOAL_QUESTIONS, TEMPLATES, TITLES } from "./content-brief-templates";
import { esc, num, table } from "./lib/format";

// About one mention of the primary keyword per 200 words (~0.5%): clear to readers and search
// engines, well under the 2–3% where copy reads as stuffed.
const WORDS_PER_MENTION = 200;
const TITLE_MAX = 60; // Google shows ~600px of a title: about 60 characters

const keyword = z.string().trim().min(2).max(80);

/** A content brief a writer can start from: titles, outline with word budgets, questions, keyword placement, CTA. */
export const briefBuilder = defineSkill({
  name: "content.brief-builder",
  title: "Content brief from a topic, audience and keywords: titles, outline with word budgets, questions, keyword plan",
  input: z
    .object({
      topic: z.string().trim().min(3).max(200),
      audience: z.string().trim().min(3).max(200),
      primaryKeyword: keyword,
      secondaryKeywords: z.array(keyword).max(15).default([]),
      format: z.enum(FORMATS).default("blog-post"),
      goal: z.enum(["awareness", "consideration", "conversion"]).default("awareness"),
      targetWords: z.number().int().min(300).max(10_000).optional(),
      questions: z.array(z.string().trim().min(3).max(200)).max(20).default([]),
      cta: z.string().trim().min(3).max(200).optional(),
    })
    .refine((b) => !b.secondaryKeywords.some((k) => k.toLowerCase() === b.primaryKeyword.toLowerCase()), {
      message: "a secondary keyword repeats the primary keyword",
      path: ["secondaryKeywords"],
    }),
  output: z.object({
    format: z.enum(FORMATS),
    goal: z.enum(["awareness", "consideration", "conversion"]),
    audience: z.string(),
    targetWords: z.number().int(),
    workingTitles: z.array(z.object({ title: z.string(), characters: z.number().int(), tooLong: z.boolean() })),
    slug: z.string(),
    metaDescription: z.string(),
    sections: z.array(
      z.object({
        heading: z.string().nullable(),
        purpose: z.string(),
        words: z.number().int(),
        keywords: z.array(z.string()),
        questions: z.array(z.string()),
      }),
    ),
    questions: z.array(z.string()),
    keywordPlan: z.array(
      z.object({
        keyword: z.string(),
        role: z.enum(["primary", "secondary"]),
        targetMentions: z.number().int(),
        placements: z.array(z.string()),
      }),
    ),
    cta: z.string(),
    checklist: z.array(z.string()),
  }),
  run: (b) => {
    const targetWords = b.targetWords ?? DEFAULT_WORDS[b.format];
    const cta = b.cta ?? GOAL_CTA[b.goal];
    const kw = b.primaryKeyword;
    // "onboarding emails" takes "are"; "churn", "analysis", "status", "analytics" take "is".
    const plural = /[^s]s$/i.test(kw) && !/(us|is|ics)$/i.test(kw);
    const fill = (t: string) =>
      t
        .replaceAll("{Kw}", kw.charAt(0).toUpperCase() + kw.slice(1))
        .replaceAll("{kw}", kw)
        .replaceAll("{audience}", b.audience)
        .replaceAll("{topic}", b.topic)
        .replaceAll("{cta}", cta)
        .replaceAll("{is}", plural ? "are" : "is")
        .replaceAll("{does}", plural ? "do" : "does")
        .replaceAll("{it}", plural ? "they" : "it")
        .replaceAll("{s}", plural ? "" : "s");
    const seen = new Set<string>();
    const questions = [...b.questions, ...GOAL_QUESTIONS[b.goal].map(fill)].filter((q) => {
      const key = q.toLowerCase().replace(/\W+/g, " ").trim();
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const templates = TEMPLATES[b.format];
    const bodyIndexes = templates.flatMap((t, i) => (t.body ? [i] : []));
    const sections = templates.map((t) => ({
      heading: t.heading === null ? null : fill(t.heading),
      purpose: fill(t.purpose),
      words: Math.max(50, Math.round((t.weight * targetWords) / 10) * 10),
      keywords: [] as string[],
      questions: t.faq ? questions : [],
    }));
    const secondaryHome = new Map<string, string>();
    b.secondaryKeywords.forEach((k, i) => {
      const section = sections[bodyIndexes[i % bodyIndexes.length] ?? 0];
      section?.keywords.push(k);
      secondaryHome.set(k, section?.heading ?? "the introduction");
    });
    const metaDescription = clip(fill(GOAL_META[b.goal]), 160);
    return {
      format: b.format,
      goal: b.goal,
      audience: b.audience,
      targetWords,
      workingTitles: TITLES[b.format].map((t) => {
        const title = fill(t);
        return { title, characters: title.length, tooLong: title.length > TITLE_MAX };
      }),
      slug: slugify(kw),
      metaDescription,
      sections,
      questions,
      keywordPlan: [
        {
          keyword: kw,
          role: "primary" as const,
          targetMentions: Math.min(15, Math.max(3, Math.round(targetWords / WORDS_PER_MENTION))),
          placements: [
            "title (near the start)",
            "URL slug",
            "H1",
            "first 100 words",
            "at least one H2",
            "meta description",
            "one image's alt text",
          ],
        },
        ...b.secondaryKeywords.map((k) => ({
          keyword: k,
          role: "secondary" as const,
          targetMentions: targetWords >= 1500 ? 2 : 1,
          placements: [`section “${secondaryHome.get(k)}” (an H2/H3 or its body)`],
        })),
      ],
      cta,
      checklist: CHECKLIST,
    };
  },
  render: (o) =>
    [
      `## Content brief: ${esc(o.workingTitles[0]?.title ?? "")}`,
      "",
      `**Format:** ${o.format} · **Goal:** ${o.goal} · **Audience:** ${esc(o.audience)} · **Length:** ~${num(o.targetWords)} words`,
      "",
      "### Working titles",
      ...o.workingTitles.map((t) => `- ${esc(t.title)} (${t.characters} chars${t.tooLong ? ", over 60: shorten" : ""})`),
      "",
      `**URL:** /${o.slug} · **Meta description:** ${esc(o.metaDescription, 200)}`,
      "",
      "### Outline",
      ...o.sections.flatMap((s) => [
        `- **${s.heading ? `H2: ${esc(s.heading)}` : "Introduction"}** (~${s.words} words): ${esc(s.purpose, 200)}`,
        ...(s.keywords.length ? [`  - Work in: ${s.keywords.map((k) => esc(k)).join(", ")}`] : []),
        ...s.questions.map((q) => `  - H3: ${esc(q)}`),
      ]),
      "",
      "### Keyword plan",
      table(
        ["Keyword", "Role", "Mentions", "Where"],
        o.keywordPlan.map((k) => [esc(k.keyword), k.role, k.targetMentions, k.placements.map((p) => esc(p)).join("; ")]),
      ),
      "",
      `**Call to action:** ${esc(o.cta)}`,
      "",
      "### Before you publish",
      ...o.checklist.map((c) => `- [ ] ${c}`),
    ].join("\n"),
});

function slugify(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
}

/** Clips at a word boundary, adding an ellipsis. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(" "), 1))}…`;
}
