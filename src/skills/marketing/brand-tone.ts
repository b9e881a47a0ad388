import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, pct, round, table } from "./lib/format";
import { termFinder } from "./lib/terms";
import { flesch, sentences, syllables, tokens, words } from "./lib/text";

const YOU = new Set(["you", "your", "yours", "yourself", "yourselves", "you're", "you've", "you'll", "you'd"]);
const WE = new Set(["we", "our", "ours", "us", "ourselves", "we're", "we've", "we'll", "we'd", "i", "me", "my", "i'm", "i've"]);
const CONTRACTION = /^[\p{L}]+(n't|'re|'ve|'ll|'m|'d)$|^(it|that|there|here|what|let|he|she|who)'s$/u;
// The long forms a contraction would shorten: "do not", "we are", "it is", "you will"...
const EXPANDABLE =
  /\b(do|does|did|is|are|was|were|have|has|had|could|should|would|can|will) not\b|\bcannot\b|\b(we|you|they) (are|have|will|would)\b|\b(it|that|there|here|what) is\b|\bI (am|have|will)\b|\blet us\b/gi;
const EMOJI = /\p{Extended_Pictographic}/gu;

const check = z.object({ trait: z.string(), expected: z.string(), actual: z.string(), passed: z.boolean(), evidence: z.array(z.string()) });

/** Measures a text against a brand's declared tone of voice: sentence length, exclamations, who it addresses, contractions, emoji, jargon, reading ease. */
export const toneCheck = defineSkill({
  name: "brand.tone-check",
  title: "Tone-of-voice check against declared traits: sentence length, exclamations, you vs we, contractions, emoji, jargon, reading ease",
  input: z.object({
    text: z.string().trim().min(1, "the text is empty").max(100_000, "the text is over 100,000 characters"),
    traits: z
      .object({
        // Average words per sentence; 20 is the plain-English ceiling most style guides set.
        maxSentenceWords: z.number().int().min(5).max(60).default(20),
        // "sparingly": at most one sentence in ten ends with "!".
        exclamations: z.enum(["avoid", "sparingly", "allowed"]).default("sparingly"),
        // "you": speak to the reader at least as much as about yourselves; "we": the other way.
        address: z.enum(["you", "we", "any"]).default("you"),
        contractions: z.enum(["use", "avoid", "any"]).default("any"),
        emoji: z.enum(["avoid", "allowed"]).default("allowed"),
        jargon: z.array(z.string().trim().min(2).max(80)).max(200).default([]),
        minReadingEase: z.number().min(0).max(100).optional(),
      })
      .default({ maxSentenceWords: 20, exclamations: "sparingly", address: "you", contractions: "any", emoji: "allowed", jargon: [] }),
  }),
  output: z.object({
    score: z.number().int().min(0).max(100),
    sentences: z.number().int(),
    avgSentenceWords: z.number(),
    exclamationShare: z.number(),
    secondPersonShare: z.number().nullable(),
    contractionShare: z.number().nullable(),
    emoji: z.number().int(),
    fleschReadingEase: z.number(),
    checks: z.array(check),
  }),
  run: ({ text, traits }) => {
    const blocks = text.split(/\n\s*\n|\n(?=\s*[-*•]\s)/);
    const ss = blocks.flatMap((b) => sentences(b));
    const lengths = ss.map((s) => words(s).length);
    const wordCount = lengths.reduce((a, b) => a + b, 0);
    const avg = ss.length ? wordCount / ss.length : 0;
    const bangs = ss.filter((s) => /!["'”’)]*$/.test(s));
    const toks = tokens(text);
    const you = toks.filter((t) => YOU.has(t)).length;
    const we = toks.filter((t) => WE.has(t)).length;
    const youShare = you + we ? you / (you + we) : null;
    const contractions = toks.filter((t) => CONTRACTION.test(t));
    const expandable = text.match(EXPANDABLE) ?? [];
    const contractionShare =
      contractions.length + expandable.length ? contractions.length / (contractions.length + expandable.length) : null;
    const emoji = (text.match(EMOJI) ?? []).length;
    const ease = flesch(
      wordCount,
      ss.length,
      ss.flatMap((s) => words(s)).reduce((a, w) => a + syllables(w), 0),
    ).ease;
    const longest = ss
      .map((s, i) => ({ s, n: lengths[i] ?? 0 }))
      .sort((a, b) => b.n - a.n)
      .slice(0, 3)
      .map((x) => `${x.n} words: "${esc(x.s, 80)}"`);

    const checks: z.input<typeof check>[] = [];
    const push = (trait: string, expected: string, actual: string, passed: boolean, evidence: string[] = []) =>
      checks.push({ trait, expected, actual, passed, evidence: passed ? [] : evidence });
    push(
      "Sentence length",
      `≤ ${traits.maxSentenceWords} words on average`,
      `${round(avg, 1)} words`,
      avg <= traits.maxSentenceWords,
      longest,
    );
    if (traits.exclamations !== "allowed") {
      const limit = traits.exclamations === "avoid" ? 0 : 0.1;
      const share = ss.length ? bangs.length / ss.length : 0;
      push(
        "Exclamations",
        traits.exclamations === "avoid" ? "none" : "at most 1 sentence in 10",
        `${bangs.length} of ${ss.length} sentences`,
        share <= limit,
        bangs.slice(0, 3).map((s) => `"${esc(s, 80)}"`),
      );
    }
    if (traits.address !== "any" && youShare !== null) {
      const passed = traits.address === "you" ? you >= we : we >= you;
      push(
        "Who it addresses",
        traits.address === "you" ? "the reader (you) at least as often as us (we)" : "us (we) at least as often as the reader",
        `you ×${you}, we/I ×${we}`,
        passed,
      );
    }
    if (traits.contractions === "use" && contractionShare !== null)
      push(
        "Contractions",
        "mostly contracted (don't, we're)",
        `${contractions.length} contracted, ${expandable.length} long forms`,
        contractionShare >= 0.5,
        expandable.slice(0, 5).map((e) => `"${esc(e)}"`),
      );
    if (traits.contractions === "avoid")
      push(
        "Contractions",
        "none (do not, we are)",
        `${contractions.length} contracted`,
        contractions.length === 0,
        contractions.slice(0, 5).map((c) => `"${esc(c)}"`),
      );
    if (traits.emoji === "avoid") push("Emoji", "none", `${emoji}`, emoji === 0);
    if (traits.jargon.length) {
      const find = termFinder(text);
      const hits = traits.jargon.flatMap((j) => find(j)).sort((a, b) => a.index - b.index);
      push(
        "Jargon",
        "none of the listed terms",
        `${hits.length} found`,
        hits.length === 0,
        hits.slice(0, 10).map((h) => `"${esc(h.found)}" at line ${h.line}, column ${h.column}`),
      );
    }
    if (traits.minReadingEase !== undefined)
      push("Reading ease", `Flesch ≥ ${traits.minReadingEase}`, `${round(ease, 1)}`, ease >= traits.minReadingEase, longest);

    return {
      score: Math.round((100 * checks.filter((c) => c.passed).length) / checks.length),
      sentences: ss.length,
      avgSentenceWords: round(avg, 1),
      exclamationShare: round(ss.length ? bangs.length / ss.length : 0, 3),
      secondPersonShare: youShare === null ? null : round(youShare, 3),
      contractionShare: contractionShare === null ? null : round(contractionShare, 3),
      emoji,
      fleschReadingEase: round(ease, 1),
      checks,
    };
  },
  render: (o) =>
    [
      `## Tone of voice: ${o.score}% on brief`,
      "",
      table(
        ["Trait", "Brief", "This text", ""],
        o.checks.map((c) => [c.trait, esc(c.expected), esc(c.actual), c.passed ? "✔" : "✖"]),
      ),
      `\nSentences: ${o.sentences} · you-share: ${o.secondPersonShare === null ? "–" : pct(o.secondPersonShare, 0)} · Flesch: ${o.fleschReadingEase}`,
      ...o.checks.filter((c) => !c.passed && c.evidence.length).flatMap((c) => ["", `### ${c.trait}`, ...c.evidence.map((e) => `- ${e}`)]),
    ].join("\n"),
});
