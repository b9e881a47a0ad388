import { describe, expect, it } from "vitest";
import { subjectLint } from "../../../src/skills/marketing/email";
import { abTestPlan, samplePerVariant } from "../../../src/skills/marketing/email-ab-test";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([subjectLint, abTestPlan]);

function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown>, md: outcome.deliverable };
}

type Lint = {
  subject: string;
  score: number;
  grade: string;
  characters: number;
  personalised: boolean;
  findings: { code: string; message: string }[];
};

describe("email.subject-lint", () => {
  it("scores variants and picks the best: length, spam words, caps, punctuation, emoji, preview text", () => {
    const { output, md } = ok("email.subject-lint", {
      kind: "subject-lint",
      subjects: [
        {
          subject: "{{first_name}}, your March analytics report is ready",
          previewText: "Three numbers that moved this month, and what to do next.",
        },
        { subject: "FREE SHIPPING!!! Act now — 50% off everything 🎉🎉🎉", previewText: "View this email in your browser" },
        { subject: "RE: quick question" },
        { subject: "Hi {{ first_name }", previewText: "Hi" },
      ],
    });
    const [report, promo, fake, broken] = output.results as Lint[];
    expect(output.best).toBe(0);
    expect(report).toMatchObject({ score: 95, grade: "strong", characters: 52, words: 7, personalised: true });
    expect(report?.findings.map((f) => f.code)).toEqual(["long", "personalised"]);
    expect(promo).toMatchObject({ score: 32, grade: "poor", characters: 49 });
    expect(promo?.findings.map((f) => f.code)).toEqual([
      "spam-words",
      "promo-words",
      "all-caps",
      "punctuation",
      "emoji",
      "preview-boilerplate",
      "preview-short",
    ]);
    expect(promo?.findings[2]?.message).toBe("ALL-CAPS words read as shouting and trip filters: FREE, SHIPPING.");
    // An error caps the grade whatever the score.
    expect(fake).toMatchObject({ score: 70, grade: "needs work" });
    expect(fake?.findings.map((f) => f.code)).toEqual(["fake-reply", "no-preview"]);
    expect(broken?.findings.map((f) => f.code)).toEqual(["broken-token", "preview-repeats", "preview-short"]);
    expect(md).toContain("| 1 | \\{\\{first\\_name\\}\\}, your March analytics report is ready | 52 | 95 (strong) ★ best |");
    expect(md).toContain('- ⚠ **warning**: Spam-filter triggers: "act now".');
  });

  it("takes one subject line on its own; acronyms are not shouting and 'ideal' is not 'deal'", () => {
    const { output, md } = ok("email.subject-lint", {
      subject: "The ideal CRM setup for B2B teams",
      previewText: "A 20-minute checklist our customers use to get their pipeline clean.",
    });
    expect(output).toMatchObject({ best: null, results: [{ score: 100, grade: "strong", findings: [] }] });
    expect(md).toContain("Clean: no issues found.");
  });

  it("rejects bad input with the field", () => {
    const run = (input: unknown) => registry.run("email.subject-lint", input);
    expect(run({})).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "subject" } });
    expect(run({ subject: "   " })).toMatchObject({
      ok: false,
      error: { field: "subject", message: "subject: the subject line is empty" },
    });
    expect(run({ subjects: [] })).toMatchObject({ ok: false, error: { field: "subjects" } });
    expect(run({ subjects: [{ subject: 7 }] })).toMatchObject({ ok: false, error: { field: "subjects[0].subject" } });
    expect(run({ subjects: Array.from({ length: 21 }, () => ({ subject: "Hello" })) })).toMatchObject({
      ok: false,
      error: { field: "subjects" },
    });
  });
});

describe("email.ab-test-plan", () => {
  it("sizes a two-variant open-rate test by the two-proportion formula", () => {
    // 20% → 22%, 95% confidence, 80% power: the textbook example gives 6,510 per group.
    expect(samplePerVariant(0.2, 0.22, 0.05, 0.8)).toBe(6510);
    expect(samplePerVariant(0.1, 0.15, 0.05, 0.9)).toBe(918);
    const { output, md } = ok("email.ab-test-plan", {
      baselineRate: 0.2,
      minimumDetectableEffect: 0.1,
      listSize: 50_000,
      sendAt: "2026-12-03T09:00:00+01:00",
    });
    expect(output).toMatchObject({
      plan: "test-then-winner",
      targetRate: 0.22,
      samplePerVariant: 6510,
      testTotal: 13_020,
      winnerSend: 36_980,
      alphaPerComparison: 0.05,
      schedule: [
        { at: "2026-12-03T09:00:00+01:00", action: "Send the test: 6,510 random recipients per variant (13,020 in all)." },
        { at: "2026-12-03T13:00:00+01:00", action: "Compare open rates and pick the winner." },
        { at: "2026-12-03T13:00:00+01:00", action: "Send the winner to the remaining 36,980." },
      ],
    });
    expect(md).toContain("| Sample per variant | 6,510 |");
    expect(md).toContain("| Baseline → target | 20% → 22% (+10% relative) |");
  });

  it("corrects for several variants, keeps a holdout, and says when the list is too small", () => {
    const three = ok("email.ab-test-plan", {
      metric: "click",
      baselineRate: 0.2,
      minimumDetectableEffect: 0.1,
      variants: 3,
      listSize: 20_000,
      holdoutShare: 0.1,
      sendAt: "2026-12-03T09:00:00Z",
    });
    expect(three.output).toMatchObject({
      alphaPerComparison: 0.025,
      samplePerVariant: 7884,
      holdout: 2000,
      plan: "underpowered",
      detectableLift: 0.115,
    });
    expect((three.output.schedule as { at: string }[]).map((s) => s.at)).toEqual(["2026-12-03T09:00:00Z", "2026-12-04T09:00:00Z"]);
    expect(three.md).toContain("it can detect a lift of 11.5% or more");
    expect(three.md).toContain("The holdout of 2,000 gets nothing from this campaign");

    // The test needs 13,020 of 20,000: the winner send would be smaller than the test, so split it all.
    const split = ok("email.ab-test-plan", {
      baselineRate: 0.2,
      minimumDetectableEffect: 0.02,
      effectType: "absolute",
      listSize: 20_000,
      sendAt: "2026-12-03T09:00:00Z",
      waitHours: 2,
    });
    expect(split.output).toMatchObject({
      plan: "full-split",
      winnerSend: 0,
      schedule: [{ action: "Split the list: 10,000 per variant, all at once." }, { at: "2026-12-03T11:00:00Z" }],
    });
  });

  it("rejects bad input with the field", () => {
    const base = { baselineRate: 0.2, minimumDetectableEffect: 0.1, listSize: 50_000, sendAt: "2026-12-03T09:00:00Z" };
    const run = (patch: object) => registry.run("email.ab-test-plan", { ...base, ...patch });
    expect(run({ baselineRate: 22 })).toMatchObject({
      ok: false,
      error: { field: "baselineRate", message: expect.stringMatching(/22% is 0.22/) },
    });
    expect(run({ baselineRate: 0.6, minimumDetectableEffect: 0.8 })).toMatchObject({
      ok: false,
      error: { field: "minimumDetectableEffect" },
    });
    expect(run({ sendAt: "tomorrow 9am" })).toMatchObject({ ok: false, error: { field: "sendAt" } });
    expect(run({ sendAt: "2026-12-03T09:00:00" })).toMatchObject({ ok: false, error: { field: "sendAt" } });
    expect(run({ variants: 8 })).toMatchObject({ ok: false, error: { field: "variants" } });
    expect(run({ listSize: undefined })).toMatchObject({ ok: false, error: { field: "listSize" } });
    expect(run({ listSize: 1e9 })).toMatchObject({ ok: false, error: { field: "listSize" } });
    expect(run({ confidence: "95%" })).toMatchObject({ ok: false, error: { field: "confidence" } });
  });
});
