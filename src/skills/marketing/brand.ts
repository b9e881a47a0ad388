import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, escPiece, plural, round, table } from "./lib/format";
import { around, matchCase, type TermHit, termFinder } from "./lib/terms";
import { words } from "./lib/text";

const term = z.string().trim().min(1).max(80);
const MAX_TERMS = 500;
const MAX_FINDINGS = 200; // past this, the text needs a rewrite more than a list

const hit = z.object({
  type: z.enum(["banned", "preferred", "spelling"]),
  found: z.string(),
  suggestion: z.string().nullable(),
  reason: z.string().nullable(),
  index: z.number().int(),
  line: z.number().int(),
  column: z.number().int(),
  before: z.string(),
  after: z.string(),
});
type Hit = z.input<typeof hit>;

/** Checks a text against a brand's vocabulary: banned words, preferred terms and required spellings, with positions and replacements. */
export const vocabularyCheck = defineSkill({
  name: "brand.vocabulary-check",
  title: "Brand vocabulary check: banned words, preferred terms and required spellings, with positions, replacements and a corrected text",
  input: z
    .object({
      text: z.string().trim().min(1, "the text is empty").max(100_000, "the text is over 100,000 characters"),
      // `{ use: "sign in", insteadOf: ["login", "log-in"] }`
      preferred: z
        .array(z.object({ use: term, insteadOf: z.array(term).min(1).max(10) }))
        .max(100)
        .default([]),
      // `{ term: "cheap", replacement: "affordable", reason: "sounds low-quality" }`
      banned: z
        .array(z.object({ term, replacement: term.optional(), reason: z.string().trim().max(200).optional() }))
        .max(200)
        .default([]),
      // The one right way to write a name: `WAOOAW`, `JavaScript`, `e-commerce`.
      spellings: z.array(term).max(100).default([]),
    })
    .refine((i) => i.preferred.length + i.banned.length + i.spellings.length > 0, {
      message: "give at least one rule: preferred, banned or spellings",
      path: ["preferred"],
    })
    // Each term is a scan of the text: 500 keeps a 100,000-character check well under a second.
    .refine((i) => i.preferred.reduce((n, p) => n + p.insteadOf.length, 0) + i.banned.length + i.spellings.length <= MAX_TERMS, {
      message: `at most ${MAX_TERMS} terms in all`,
      path: ["preferred"],
    }),
  output: z.object({
    words: z.number().int(),
    findings: z.array(hit),
    moreFindings: z.number().int(),
    counts: z.object({ banned: z.number().int(), preferred: z.number().int(), spelling: z.number().int() }),
    issuesPer1000Words: z.number(),
    correctedText: z.string(),
  }),
  run: ({ text, preferred, banned, spellings }) => {
    const find = termFinder(text);
    type Raw = Omit<Hit, "before" | "after">;
    const hits: Raw[] = [];
    const add = (type: Hit["type"], h: TermHit, suggestion: string | null, reason: string | null) =>
      hits.push({ type, found: h.found, suggestion, reason, index: h.index, line: h.line, column: h.column });
    for (const b of banned)
      for (const h of find(b.term)) add("banned", h, b.replacement ? matchCase(h.found, b.replacement) : null, b.reason ?? null);
    for (const p of preferred)
      for (const variant of p.insteadOf) for (const h of find(variant)) add("preferred", h, matchCase(h.found, p.use), `say "${p.use}"`);
    for (const s of spellings) for (const h of find(s, true)) if (h.found !== s) add("spelling", h, s, `written "${s}"`);

    // One finding per stretch of text: the first rule to claim it (banned, then preferred, then spelling).
    const findings: Raw[] = [];
    for (const h of [...hits].sort((a, b) => a.index - b.index)) {
      const prev = findings[findings.length - 1];
      if (prev && h.index < prev.index + prev.found.length) continue;
      findings.push(h);
    }
    let corrected = "";
    let from = 0;
    for (const f of findings) {
      if (f.suggestion === null) continue;
      corrected += text.slice(from, f.index) + f.suggestion;
      from = f.index + f.found.length;
    }
    corrected += text.slice(from);
    const wordCount = words(text).length;
    const count = (t: Hit["type"]) => findings.filter((f) => f.type === t).length;
    return {
      words: wordCount,
      findings: findings.slice(0, MAX_FINDINGS).map((f) => ({ ...f, ...around(text, f.index, f.found.length) })),
      moreFindings: Math.max(0, findings.length - MAX_FINDINGS),
      counts: { banned: count("banned"), preferred: count("preferred"), spelling: count("spelling") },
      issuesPer1000Words: round((1000 * findings.length) / Math.max(1, wordCount), 1),
      correctedText: corrected,
    };
  },
  render: (o) =>
    [
      `## Brand vocabulary: ${plural(o.findings.length + o.moreFindings, "issue")} in ${plural(o.words, "word")}`,
      "",
      `${o.counts.banned} banned · ${o.counts.preferred} non-preferred · ${o.counts.spelling} misspelt names (${o.issuesPer1000Words} per 1,000 words)`,
      ...(o.findings.length
        ? [
            "",
            table(
              ["Where", "Found", "Use instead", "In context"],
              o.findings
                .slice(0, 50)
                .map((f) => [
                  `${f.line}:${f.column}`,
                  `${esc(f.found, 60)} (${f.type})`,
                  f.suggestion ? esc(f.suggestion, 60) : `_rewrite_${f.reason ? `: ${esc(f.reason, 80)}` : ""}`,
                  `${escPiece(f.before)}**${escPiece(f.found)}**${escPiece(f.after)}`,
                ]),
            ),
          ]
        : ["", "On brand: no issues found."]),
      ...(o.findings.length + o.moreFindings > 50
        ? ["", `_…and ${o.findings.length + o.moreFindings - 50} more; the corrected text fixes them all._`]
        : []),
    ].join("\n"),
});
