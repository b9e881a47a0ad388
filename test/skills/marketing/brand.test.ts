import { describe, expect, it } from "vitest";
import { vocabularyCheck } from "../../../src/skills/marketing/brand";
import { toneCheck } from "../../../src/skills/marketing/brand-tone";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([vocabularyCheck, toneCheck]);

function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown>, md: outcome.deliverable };
}

const COPY = `Welcome to Waooaw! Login to your dashboard to hire cheap AI agents.
Our agents leverage best-in-class synergies. LOGIN today, or log-in later from your e-mail.
We built Waooaw with Javascript and love it.`;

const RULES = {
  preferred: [
    { use: "sign in", insteadOf: ["login", "log in", "log-in"] },
    { use: "email", insteadOf: ["e-mail"] },
  ],
  banned: [
    { term: "cheap", replacement: "affordable", reason: "sounds low-quality" },
    { term: "synergies", reason: "jargon" },
  ],
  spellings: ["WAOOAW", "JavaScript"],
};

describe("brand.vocabulary-check", () => {
  it("finds banned words, non-preferred terms and misspelt names with positions, and corrects the text", () => {
    const { output, md } = ok("brand.vocabulary-check", { text: COPY, ...RULES });
    const findings = output.findings as { type: string; found: string; suggestion: string | null; line: number; column: number }[];
    expect(findings.map((f) => [f.line, f.column, f.type, f.found, f.suggestion])).toEqual([
      [1, 12, "spelling", "Waooaw", "WAOOAW"],
      [1, 20, "preferred", "Login", "Sign in"],
      [1, 52, "banned", "cheap", "affordable"],
      [2, 35, "banned", "synergies", null],
      [2, 46, "preferred", "LOGIN", "SIGN IN"],
      [2, 62, "preferred", "log-in", "sign in"],
      [2, 85, "preferred", "e-mail", "email"],
      [3, 10, "spelling", "Waooaw", "WAOOAW"],
      [3, 22, "spelling", "Javascript", "JavaScript"],
    ]);
    expect(output.counts).toEqual({ banned: 2, preferred: 4, spelling: 3 });
    expect(output.correctedText).toBe(`Welcome to WAOOAW! Sign in to your dashboard to hire affordable AI agents.
Our agents leverage best-in-class synergies. SIGN IN today, or sign in later from your email.
We built WAOOAW with JavaScript and love it.`);
    expect(md).toContain("## Brand vocabulary: 9 issues in 33 words");
    expect(md).toContain(
      "| 1:52 | cheap (banned) | affordable | …gin to your dashboard to hire **cheap** AI agents. Our agents leverag… |",
    );
    expect(md).toContain("| 2:35 | synergies (banned) | _rewrite_: jargon |");
  });

  it("matches whole words only, across line breaks, and leaves correct text alone", () => {
    const { output, md } = ok("brand.vocabulary-check", {
      text: "Our logins are safe. Please log\nin with JavaScript and WAOOAW. Cheapest? Never.",
      ...RULES,
    });
    expect((output.findings as { found: string }[]).map((f) => f.found)).toEqual(["log\nin"]);
    expect(output.correctedText).toBe("Our logins are safe. Please sign in with JavaScript and WAOOAW. Cheapest? Never.");
    const clean = ok("brand.vocabulary-check", { text: "Sign in with your email.", ...RULES });
    expect(clean.md).toContain("On brand: no issues found.");
    expect(md).toContain("1 issue in");
  });

  it("keeps a long list of findings readable, and corrects them all", () => {
    const { output, md } = ok("brand.vocabulary-check", {
      text: "Cheap tools. ".repeat(300),
      banned: [{ term: "cheap", replacement: "affordable" }],
    });
    expect((output.findings as unknown[]).length).toBe(200);
    expect(output).toMatchObject({ moreFindings: 100, counts: { banned: 300 }, issuesPer1000Words: 500 });
    expect(output.correctedText).toBe("Affordable tools. ".repeat(300).trim());
    expect(md).toContain("## Brand vocabulary: 300 issues in 600 words");
    expect(md).toContain("_…and 250 more; the corrected text fixes them all._");
  });

  it("rejects bad input with the field", () => {
    const run = (input: object) => registry.run("brand.vocabulary-check", input);
    const many = Array.from({ length: 60 }, (_, i) => ({
      use: `term ${i}`,
      insteadOf: Array.from({ length: 10 }, (_, j) => `old ${i} ${j}`),
    }));
    expect(run({ text: COPY, preferred: many })).toMatchObject({
      ok: false,
      error: { field: "preferred", message: "preferred: at most 500 terms in all" },
    });
    expect(run({ text: COPY })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "preferred" } });
    expect(run({ ...RULES })).toMatchObject({ ok: false, error: { field: "text" } });
    expect(run({ text: COPY, preferred: [{ use: "sign in", insteadOf: [] }] })).toMatchObject({
      ok: false,
      error: { field: "preferred[0].insteadOf" },
    });
    expect(run({ text: COPY, banned: [{ term: "" }] })).toMatchObject({ ok: false, error: { field: "banned[0].term" } });
    expect(run({ text: "x".repeat(100_001), spellings: ["X"] })).toMatchObject({ ok: false, error: { field: "text" } });
    expect(run({ text: COPY, spellings: "WAOOAW" })).toMatchObject({ ok: false, error: { field: "spellings" } });
  });
});

describe("brand.tone-check", () => {
  it("measures copy against declared traits and shows the evidence for what fails", () => {
    const { output, md } = ok("brand.tone-check", {
      text: COPY,
      traits: { exclamations: "avoid", emoji: "avoid", jargon: ["leverage", "best-in-class", "synergy", "synergies"], minReadingEase: 60 },
    });
    expect(output).toMatchObject({
      score: 67,
      sentences: 5,
      avgSentenceWords: 6.6,
      exclamationShare: 0.2,
      secondPersonShare: 0.5,
      emoji: 0,
    });
    const checks = output.checks as { trait: string; passed: boolean; actual: string; evidence: string[] }[];
    expect(checks.map((c) => [c.trait, c.passed])).toEqual([
      ["Sentence length", true],
      ["Exclamations", false],
      ["Who it addresses", true],
      ["Emoji", true],
      ["Jargon", false],
      ["Reading ease", true],
    ]);
    expect(checks[4]?.evidence).toEqual([
      '"leverage" at line 2, column 12',
      '"best-in-class" at line 2, column 21',
      '"synergies" at line 2, column 35',
    ]);
    expect(md).toContain("## Tone of voice: 67% on brief");
    expect(md).toContain("| Exclamations | none | 1 of 5 sentences | ✖ |");
  });

  it("checks contractions, who the copy talks about, long sentences and emoji", () => {
    const corporate =
      "We are proud to announce that our company has completed the integration of our platform with the leading enterprise systems that our customers rely on every day. " +
      "We do not compromise on quality. We will continue to invest in our people 🚀.";
    const { output } = ok("brand.tone-check", { text: corporate, traits: { contractions: "use", emoji: "avoid", maxSentenceWords: 12 } });
    const checks = output.checks as { trait: string; passed: boolean; actual: string; evidence: string[] }[];
    expect(checks.map((c) => [c.trait, c.passed, c.actual])).toEqual([
      ["Sentence length", false, "13.7 words"],
      ["Exclamations", true, "0 of 3 sentences"],
      ["Who it addresses", false, "you ×0, we/I ×7"],
      ["Contractions", false, "0 contracted, 3 long forms"],
      ["Emoji", false, "1"],
    ]);
    expect(checks[3]?.evidence).toEqual(['"We are"', '"do not"', '"We will"']);
    expect(checks[0]?.evidence[0]).toMatch(/^27 words: "We are proud to announce/);
    const friendly = ok("brand.tone-check", {
      text: "You're in. We've set up your workspace, so you can start now. Don't wait.",
      traits: { contractions: "use" },
    });
    expect(friendly.output).toMatchObject({ score: 100, contractionShare: 1, secondPersonShare: 0.75 });
  });

  it("rejects bad input with the field", () => {
    const run = (input: object) => registry.run("brand.tone-check", input);
    expect(run({})).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "text" } });
    expect(run({ text: "Hi.", traits: { exclamations: "never" } })).toMatchObject({ ok: false, error: { field: "traits.exclamations" } });
    expect(run({ text: "Hi.", traits: { maxSentenceWords: 2 } })).toMatchObject({ ok: false, error: { field: "traits.maxSentenceWords" } });
    expect(run({ text: "Hi.", traits: { jargon: ["x"] } })).toMatchObject({ ok: false, error: { field: "traits.jargon[0]" } });
    expect(run({ text: "Hi. ".repeat(30_000) })).toMatchObject({
      ok: false,
      error: { field: "text", message: "text: the text is over 100,000 characters" },
    });
    expect(run({ text: 42 })).toMatchObject({ ok: false, error: { field: "text" } });
  });
});
