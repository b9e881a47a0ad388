import { describe, expect, it } from "vitest";
import { exampleOf } from "../examples";
import { briefBuilder } from "../../../src/skills/marketing/content-brief";
import { readabilityCheck } from "../../../src/skills/marketing/content";
import { editorialCalendar } from "../../../src/skills/marketing/content-calendar";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([readabilityCheck, briefBuilder, editorialCalendar]);

function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return {
    output: outcome.output as Record<string, unknown> & { findings?: { code: string; message: string }[] },
    md: outcome.deliverable,
  };
}

const DRAFT = `# How to cut churn with onboarding emails

Most SaaS companies lose customers in the first thirty days. The reason is simple: new users never reach the moment where the product clicks.

## Why onboarding emails work

An onboarding email is sent when a user signs up. It is read by more people than any other email you send, and open rates are typically around fifty percent, which is more than double what a newsletter sees, as several vendors reported in their annual benchmarks, e.g. Mailchimp and Customer.io.

#### One task per email

Keep each email short. Give one task. Link to one page.
`;

describe("content.readability-check", () => {
  it("measures a Markdown draft and reports what an editor would fix", () => {
    const { output, md } = ok("content.readability-check", { text: DRAFT, targetWords: 800, kind: "readability" });
    expect(output).toMatchObject({
      words: 103,
      sentences: 7,
      paragraphs: 3,
      readingMinutes: 1,
      passiveShare: 0.286,
      targetWords: 800,
      headings: [
        { level: 1, text: "How to cut churn with onboarding emails", wordsBelow: 24 },
        { level: 2, text: "Why onboarding emails work", wordsBelow: 53 },
        { level: 4, text: "One task per email", wordsBelow: 11 },
      ],
    });
    // "e.g." does not end the sentence: the long one is counted whole.
    expect(output.longSentences).toEqual([{ words: 43, excerpt: expect.stringMatching(/^It is read by more people/) }]);
    expect(output.passiveSentences).toEqual([
      "An onboarding email is sent when a user signs up.",
      expect.stringMatching(/^It is read by more people/),
    ]);
    expect(output.findings?.map((f) => f.code)).toEqual(["very-long-sentence", "passive-voice", "heading-skip", "length"]);
    expect(output.findings?.find((f) => f.code === "length")?.message).toBe("103 words is 87% under the 800-word target.");
    expect(md).toContain("| Passive voice | 28.6% |");
    expect(md).toContain("| Words | 103 (target 800) |");
    expect(md).toContain("jumps from H2 to H4");
  });

  it("scores plain prose by Flesch and flags hard text and missing subheadings", () => {
    const easy = ok("content.readability-check", { text: "The cat sat on the mat. It was warm. We fed it fish.", format: "text" });
    expect(easy.output).toMatchObject({ sentences: 3, words: 13, findings: [] });
    expect(easy.output).toMatchObject({ fleschReadingEase: 100, band: "very easy" });
    expect(easy.md).toContain("Reads well: no issues found.");

    const sentence =
      "Organisational transformation initiatives necessitate comprehensive stakeholder consultation, " +
      "particularly regarding implementation methodologies and institutional accountability frameworks. ";
    const hard = ok("content.readability-check", { text: `<h1>Strategy</h1><p>${sentence.repeat(30)}</p>`, format: "html" });
    expect(hard.output).toMatchObject({ fleschReadingEase: 0, band: "very difficult", words: 451 });
    expect(hard.output.findings?.map((f) => f.code)).toEqual(["reading-ease", "long-paragraph", "few-subheadings"]);
    expect(hard.output.findings?.[0]?.message).toMatch(/very difficult/);
    expect(hard.output.findings?.[2]?.message).toBe('450 words run after "Strategy" with no subheading; add one every ~300 words.');
  });

  it("rejects an empty, over-long or mistyped draft with the field", () => {
    const field = (input: unknown) => registry.run("content.readability-check", input);
    expect(field({ text: "   " })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "text" } });
    expect(field({})).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "text" } });
    expect(field({ text: "x".repeat(200_001) })).toMatchObject({
      ok: false,
      error: { field: "text", message: expect.stringMatching(/200,000/) },
    });
    expect(field({ text: "Hi.", format: "docx" })).toMatchObject({ ok: false, error: { field: "format" } });
    expect(field({ text: "Hi.", targetWords: 10 })).toMatchObject({ ok: false, error: { field: "targetWords" } });
  });
});

describe("content.brief-builder", () => {
  const input = {
    topic: "reducing SaaS churn with onboarding emails",
    audience: "SaaS founders",
    primaryKeyword: "onboarding emails",
    secondaryKeywords: ["churn rate", "welcome email", "activation", "drip campaign"],
    questions: ["How many onboarding emails should I send?", "what are onboarding emails"],
  };

  it("builds a blog-post brief: titles, outline with word budgets, questions and a keyword plan", () => {
    const { output, md } = ok("content.brief-builder", input);
    expect(output).toMatchObject({
      format: "blog-post",
      goal: "awareness",
      targetWords: 1500,
      slug: "onboarding-emails",
      metaDescription: "Learn what onboarding emails are, why they matter for SaaS founders and how to get started.",
      cta: "subscribe for more guides like this",
    });
    expect(output.workingTitles).toEqual([
      { title: "Onboarding emails: what SaaS founders need to know", characters: 50, tooLong: false },
      { title: "How to get started with onboarding emails", characters: 41, tooLong: false },
      { title: "Onboarding emails explained: a practical guide", characters: 46, tooLong: false },
    ]);
    const sections = output.sections as { heading: string | null; words: number; keywords: string[]; questions: string[] }[];
    expect(sections.map((s) => [s.heading, s.words])).toEqual([
      [null, 150],
      ["What are onboarding emails?", 230],
      ["Why onboarding emails matter for SaaS founders", 230],
      ["How to get started with onboarding emails", 380],
      ["Common mistakes to avoid", 230],
      ["Frequently asked questions", 150],
      ["Conclusion", 150],
    ]);
    // Secondary keywords go round the body sections; the customer's questions come first, without duplicates.
    expect(sections[1]?.keywords).toEqual(["churn rate"]);
    expect(sections[4]?.keywords).toEqual(["drip campaign"]);
    expect(output.questions).toEqual([
      "How many onboarding emails should I send?",
      "what are onboarding emails",
      "Why do onboarding emails matter for SaaS founders?",
      "How do onboarding emails work?",
    ]);
    expect(output.keywordPlan).toContainEqual(
      expect.objectContaining({ keyword: "onboarding emails", role: "primary", targetMentions: 8 }),
    );
    expect(md).toContain("- **H2: What are onboarding emails?** (~230 words)");
    expect(md).toContain("| churn rate | secondary | 2 | section “What are onboarding emails?” (an H2/H3 or its body) |");
    expect(md).toContain("- [ ] Every image has descriptive alt text");
  });

  it("follows the format and the goal: a conversion landing page, a listicle", () => {
    const landing = ok("content.brief-builder", {
      ...input,
      primaryKeyword: "churn analytics",
      secondaryKeywords: [],
      questions: [],
      format: "landing-page",
      goal: "conversion",
      cta: "Start your 14-day trial",
    });
    expect(landing.output).toMatchObject({ targetWords: 600, cta: "Start your 14-day trial" });
    expect((landing.output.sections as { heading: string }[])[0]?.heading).toBe("Churn analytics for SaaS founders");
    expect(landing.output.questions).toContain("What results can SaaS founders expect?");
    expect(landing.md).toContain("Start your 14-day trial");

    const list = ok("content.brief-builder", { ...input, format: "listicle", targetWords: 2000 });
    expect((list.output.sections as unknown[]).length).toBe(10);
    expect((list.output.workingTitles as { title: string }[])[0]?.title).toBe("7 onboarding emails tips for SaaS founders");
  });

  it("rejects a missing audience, a repeated keyword and too many keywords", () => {
    const run = (patch: object) => registry.run("content.brief-builder", { ...input, ...patch });
    expect(run({ audience: undefined })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "audience" } });
    expect(run({ secondaryKeywords: ["Onboarding Emails"] })).toMatchObject({
      ok: false,
      error: { field: "secondaryKeywords", message: "secondaryKeywords: a secondary keyword repeats the primary keyword" },
    });
    expect(run({ secondaryKeywords: Array.from({ length: 16 }, (_, i) => `keyword ${i}`) })).toMatchObject({
      ok: false,
      error: { field: "secondaryKeywords" },
    });
    expect(run({ format: "podcast" })).toMatchObject({ ok: false, error: { field: "format" } });
  });
});

describe("content.editorial-calendar", () => {
  const pieces = exampleOf(editorialCalendar).pieces;
  const holidays = ["2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"];

  it("puts pieces on the publishing days after their lead time, deadlines first, around holidays", () => {
    const { output, md } = ok("content.editorial-calendar", { start: "2026-12-01", skipDates: holidays, pieces });
    const entries = output.entries as { title: string; publishOn: string; draftDue: string | null; reviewDue: string; daysLate: number }[];
    expect(entries.map((e) => [e.publishOn, e.title, e.draftDue, e.reviewDue, e.daysLate])).toEqual([
      // Already written: only the two review days stand before it.
      ["2026-12-03", "Customer story: Acme", null, "2026-12-02", 0],
      // 7 working days to write and 2 to review: the first fresh piece goes out on 15 December.
      ["2026-12-15", "Holiday gift guide", "2026-12-11", "2026-12-14", 0],
      ["2026-12-17", "Year in review", "2026-12-15", "2026-12-16", 0],
      // It cannot make 5 December whatever happens: it waits for the pieces that can still make theirs.
      ["2026-12-22", "Q4 results recap", "2026-12-18", "2026-12-21", 17],
      // 24 and 25 December are holidays: the draft is due on the 23rd.
      ["2026-12-29", "2027 trends report", "2026-12-23", "2026-12-28", 0],
      ["2027-01-05", "Onboarding emails guide", "2026-12-30", "2027-01-04", 0],
    ]);
    expect(output).toMatchObject({
      late: 1,
      unscheduled: [],
      perMonth: [
        { month: "2026-12", pieces: 5 },
        { month: "2027-01", pieces: 1 },
      ],
    });
    expect(md).toContain("## Editorial calendar: 6 pieces, 1 late");
    expect(md).toContain("| 2026-12-22 (tue) | Q4 results recap | – | 2026-12-18 | 2026-12-21 | ✖ 17 days after the 2026-12-05 deadline |");
    expect(md).toContain("| 2026-12-15 (tue) | Holiday gift guide · listicle | Sam | 2026-12-11 | 2026-12-14 | ✔ by 2026-12-15 |");
  });

  it("follows the cadence it is given", () => {
    const { output } = ok("content.editorial-calendar", {
      start: "2026-12-07",
      publishDays: ["mon"],
      leadDays: 3,
      pieces: [{ title: "A" }, { title: "B" }, { title: "C", priority: 1 }],
    });
    expect((output.entries as { title: string; publishOn: string }[]).map((e) => `${e.publishOn} ${e.title}`)).toEqual([
      "2026-12-14 C",
      "2026-12-21 A",
      "2026-12-28 B",
    ]);
  });

  it("rejects bad input with the field", () => {
    const run = (patch: object) => registry.run("content.editorial-calendar", { start: "2026-12-01", pieces, ...patch });
    expect(run({ start: "1 Dec" })).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "start", message: "start: a date is YYYY-MM-DD" },
    });
    expect(run({ pieces: [] })).toMatchObject({ ok: false, error: { field: "pieces", message: "pieces: no pieces to plan" } });
    expect(run({ publishDays: [] })).toMatchObject({ ok: false, error: { field: "publishDays" } });
    expect(run({ publishDays: ["monday"] })).toMatchObject({ ok: false, error: { field: "publishDays[0]" } });
    expect(run({ pieces: [{ title: "A", dueBy: "2026-02-30" }] })).toMatchObject({ ok: false, error: { field: "pieces[0].dueBy" } });
    expect(run({ pieces: Array.from({ length: 201 }, (_, n) => ({ title: `P${n}` })) })).toMatchObject({
      ok: false,
      error: { field: "pieces" },
    });
  });
});
