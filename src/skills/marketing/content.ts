import { z } from "zod";
import { defineSkill } from "../skill";
import { readDocument, sniffFormat } from "./lib/document";
import { esc, findingList, num, pct, round, table } from "./lib/format";
import { easeBand, flesch, isPassive, sentences, syllables, words } from "./lib/text";

const severity = z.enum(["error", "warning", "info"]);
const finding = z.object({ severity, code: z.string(), message: z.string() });

// Thresholds, as editors and the common readability tools use them:
const LONG_SENTENCE_WORDS = 20; // Yoast and the Plain English Campaign: keep sentences to 15–20 words
const LONG_SENTENCE_SHARE = 0.25; // …and no more than a quarter of them over 20
const VERY_LONG_SENTENCE_WORDS = 35; // hard to follow in one reading; always worth splitting
const LONG_PARAGRAPH_WORDS = 150; // a wall of text on a phone screen
const PASSIVE_SHARE = 0.1; // Yoast and Hemingway: passive voice in at most one sentence in ten
const WORDS_PER_HEADING = 300; // a subheading at least every 300 words, so readers can scan
const TARGET_TOLERANCE = 0.1; // within 10% of the commissioned length is on target
const READING_WPM = 238; // average silent reading speed for non-fiction (Brysbaert, 2019)

/** Checks a draft the way an editor does: readability, sentence and paragraph length, passive voice, headings, length. */
export const readabilityCheck = defineSkill({
  name: "content.readability-check",
  title: "Readability and structure check of a draft: Flesch, sentence and paragraph length, passive voice, headings, length",
  input: z.object({
    text: z.string().trim().min(1, "the draft is empty").max(200_000, "the draft is over 200,000 characters"),
    // Guessed from the draft when not given: HTML if it has tags, else Markdown.
    format: z.enum(["markdown", "html", "text"]).optional(),
    targetWords: z.number().int().min(50).max(20_000).optional(),
    targetReadingEase: z.number().min(0).max(100).default(60),
  }),
  output: z.object({
    words: z.number().int(),
    sentences: z.number().int(),
    paragraphs: z.number().int(),
    readingMinutes: z.number().int(),
    fleschReadingEase: z.number(),
    fleschKincaidGrade: z.number(),
    band: z.string(),
    avgSentenceWords: z.number(),
    longSentenceShare: z.number(),
    passiveShare: z.number(),
    longSentences: z.array(z.object({ words: z.number().int(), excerpt: z.string() })),
    passiveSentences: z.array(z.string()),
    longParagraphs: z.array(z.object({ paragraph: z.number().int(), words: z.number().int() })),
    headings: z.array(z.object({ level: z.number().int(), text: z.string(), wordsBelow: z.number().int() })),
    targetWords: z.number().int().nullable(),
    findings: z.array(finding),
  }),
  run: ({ text, format: given, targetWords, targetReadingEase }) => {
    const format = given ?? sniffFormat(text);
    const doc = readDocument(text, format);
    const allWords = words(doc.text).length;
    const prose = doc.blocks.flatMap((b) => sentences(b));
    const lengths = prose.map((s) => words(s).length);
    const proseWords = lengths.reduce((a, b) => a + b, 0);
    const syllableCount = prose.flatMap((s) => words(s)).reduce((a, w) => a + syllables(w), 0);
    const score = flesch(proseWords, prose.length, syllableCount);
    const passive = prose.filter(isPassive);
    const long = prose.map((s, i) => ({ s, n: lengths[i] ?? 0 })).filter((x) => x.n > LONG_SENTENCE_WORDS);
    const longShare = prose.length ? long.length / prose.length : 0;
    const passiveShare = prose.length ? passive.length / prose.length : 0;
    const paragraphs = doc.blocks.map((b, i) => ({ paragraph: i + 1, words: words(b).length }));
    const longParagraphs = paragraphs.filter((p) => p.words > LONG_PARAGRAPH_WORDS);
    const findings: z.input<typeof finding>[] = [];
    const add = (sev: z.infer<typeof severity>, code: string, message: string) => findings.push({ severity: sev, code, message });

    const ease = round(score.ease, 1);
    if (ease < 30)
      add(
        "error",
        "reading-ease",
        `Flesch reading ease ${ease} is very difficult; aim for ${targetReadingEase}+ with shorter sentences and words.`,
      );
    else if (ease < targetReadingEase - 10)
      add("warning", "reading-ease", `Flesch reading ease ${ease} (${easeBand(ease)}) is below the target of ${targetReadingEase}.`);
    if (longShare > LONG_SENTENCE_SHARE)
      add(
        "warning",
        "long-sentences",
        `${pct(longShare)} of sentences are over ${LONG_SENTENCE_WORDS} words (keep it under ${pct(LONG_SENTENCE_SHARE, 0)}).`,
      );
    for (const x of long.filter((l) => l.n > VERY_LONG_SENTENCE_WORDS).slice(0, 5))
      add("warning", "very-long-sentence", `${x.n}-word sentence: "${esc(x.s, 80)}" — split it.`);
    if (passiveShare > PASSIVE_SHARE)
      add(
        "warning",
        "passive-voice",
        `${pct(passiveShare)} of sentences use the passive voice (aim for ${pct(PASSIVE_SHARE, 0)} or less).`,
      );
    for (const p of longParagraphs.slice(0, 5))
      add("warning", "long-paragraph", `Paragraph ${p.paragraph} has ${p.words} words (over ${LONG_PARAGRAPH_WORDS}); break it up.`);

    const h1s = doc.headings.filter((h) => h.level === 1).length;
    if (h1s > 1) add("warning", "multiple-h1", `${h1s} top-level headings; a piece has one title (H1).`);
    doc.headings.forEach((h, i) => {
      const prev = doc.headings[i - 1];
      if (prev && h.level > prev.level + 1)
        add("warning", "heading-skip", `"${esc(h.text, 60)}" jumps from H${prev.level} to H${h.level}; don't skip levels.`);
    });
    const longestStretch = Math.max(0, ...doc.sections.map((s) => s.words));
    if (format !== "text" && longestStretch > WORDS_PER_HEADING) {
      const where = doc.sections.find((s) => s.words === longestStretch);
      const after = where?.heading ? `after "${esc(where.heading, 60)}"` : "before the first heading";
      add(
        "warning",
        "few-subheadings",
        `${longestStretch} words run ${after} with no subheading; add one every ~${WORDS_PER_HEADING} words.`,
      );
    }
    if (targetWords !== undefined) {
      const diff = (allWords - targetWords) / targetWords;
      if (Math.abs(diff) > TARGET_TOLERANCE)
        add(
          diff < 0 ? "warning" : "info",
          "length",
          `${num(allWords)} words is ${pct(Math.abs(diff), 0)} ${diff < 0 ? "under" : "over"} the ${num(targetWords)}-word target.`,
        );
    }

    return {
      words: allWords,
      sentences: prose.length,
      paragraphs: paragraphs.length,
      readingMinutes: Math.max(1, Math.ceil(allWords / READING_WPM)),
      fleschReadingEase: ease,
      fleschKincaidGrade: round(score.grade, 1),
      band: easeBand(ease),
      avgSentenceWords: round(prose.length ? proseWords / prose.length : 0, 1),
      longSentenceShare: round(longShare, 3),
      passiveShare: round(passiveShare, 3),
      longSentences: [...long]
        .sort((a, b) => b.n - a.n)
        .slice(0, 5)
        .map((x) => ({ words: x.n, excerpt: x.s.slice(0, 100) })),
      passiveSentences: passive.slice(0, 5).map((s) => s.slice(0, 100)),
      longParagraphs,
      headings: doc.headings.map((h, i) => ({ ...h, wordsBelow: doc.sections[i + 1]?.words ?? 0 })),
      targetWords: targetWords ?? null,
      findings,
    };
  },
  render: (o) =>
    [
      "## Readability check",
      "",
      table(
        ["Measure", "Value"],
        [
          ["Words", `${num(o.words)}${o.targetWords ? ` (target ${num(o.targetWords)})` : ""}`],
          ["Reading time", `${o.readingMinutes} min`],
          ["Flesch reading ease", `${o.fleschReadingEase} (${o.band})`],
          ["Flesch–Kincaid grade", o.fleschKincaidGrade],
          ["Sentences / average length", `${o.sentences} / ${o.avgSentenceWords} words`],
          [`Sentences over ${LONG_SENTENCE_WORDS} words`, pct(o.longSentenceShare)],
          ["Passive voice", pct(o.passiveShare)],
          ["Paragraphs", o.paragraphs],
        ],
      ),
      "",
      "### Findings",
      findingList(o.findings, "Reads well: no issues found."),
      ...(o.headings.length
        ? [
            "",
            "### Outline",
            ...o.headings.map((h) => `${"  ".repeat(Math.max(0, h.level - 1))}- H${h.level} ${esc(h.text, 80)} (${h.wordsBelow} words)`),
          ]
        : []),
    ].join("\n"),
});
