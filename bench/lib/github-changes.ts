/**
 * Load G's pull requests: a few realistic changed files per repository, as GitHub's pull request
 * files endpoint lists them (unified-diff patches), and the same files' contents for the floor's
 * vision-check task. Three shapes, by customer index: a committed private key and a banned brand
 * word in the docs (2 violations), a banned word in the docs (1), and a clean change (0). Each
 * has a banned word in a code comment too, which is not a violation: brand words apply to prose.
 */
import { createHash } from "node:crypto";
import { DEFAULT_VISION_RULES } from "../../src/schemas/vision";
import type { WireFile } from "../../test/servers/github-server";

/** What every bench repository is checked against (`visionRules` when it is connected). */
export const BENCH_VISION_RULES = {
  ...DEFAULT_VISION_RULES,
  brand: { banned: ["cheap", "synergy"], preferred: [{ use: "sign in", insteadOf: ["login"] }] },
};

export interface PullRequestChange {
  /** As the pull request files endpoint lists them. */
  files: WireFile[];
  /** The files after the change, for the floor's `vision.check-files` task. */
  contents: { path: string; content: string }[];
  /** The violations WowVision must file, one issue each: `vision:<kind>:<rule>:<path>`. */
  violations: string[];
}

/** A file's patch from its lines: `+` added, `-` removed, ` ` context. */
function file(filename: string, status: WireFile["status"], lines: string[], start = 1): WireFile {
  const additions = lines.filter((l) => l.startsWith("+")).length;
  const deletions = lines.filter((l) => l.startsWith("-")).length;
  const context = lines.length - additions - deletions;
  const oldCount = context + deletions;
  const header = status === "added" ? `@@ -0,0 +1,${additions} @@` : `@@ -${start},${oldCount} +${start},${context + additions} @@`;
  return { filename, status, additions, deletions, patch: [header, ...lines].join("\n") };
}

/** The file after the change: its context and added lines. */
function after(f: WireFile): { path: string; content: string } {
  const lines = (f.patch ?? "").split("\n").slice(1);
  return {
    path: f.filename,
    content: `${lines
      .filter((l) => !l.startsWith("-"))
      .map((l) => l.slice(1))
      .join("\n")}\n`,
  };
}

/** 64 base64-looking characters, stable per seed: the body of a fake key. */
function keyLine(seed: string, n: number): string {
  return createHash("sha512").update(`${seed}:${n}`).digest("base64").slice(0, 64);
}

/** A hex commit sha, stable per seed. */
export function sha(seed: string): string {
  return createHash("sha1").update(seed).digest("hex");
}

export function pullRequestChange(i: number): PullRequestChange {
  const shape = i % 3;
  const code = file(
    "src/billing/plan.ts",
    "modified",
    [
      " export function monthlyPrice(plan: Plan): number {",
      "-  return plan.base;",
      "+  // cheap path first: most plans have no seats",
      `+  if (plan.seats === 0) return plan.base;`,
      `+  return plan.base + plan.seats * ${10 + (i % 7)};`,
      " }",
    ],
    12,
  );
  const readme = file("README.md", "modified", [
    ` # Acme site ${i}`,
    "-Old notes.",
    `+The marketing site of Acme ${i}: plans, docs and sign-up.`,
    "+See docs/ for how to run it.",
  ]);
  if (shape === 0) {
    const pem = file("deploy/keys/staging.pem", "added", [
      "+-----BEGIN RSA PRIVATE KEY-----",
      ...Array.from({ length: 4 }, (_, n) => `+${keyLine(`acme-${i}`, n)}`),
      "+-----END RSA PRIVATE KEY-----",
    ]);
    const pricing = file(
      "docs/pricing.md",
      "modified",
      [" ## Plans", "-Starter is billed monthly.", "+Our cheap Starter plan is billed monthly.", "+Teams add seats at any time."],
      4,
    );
    const files = [code, pem, pricing, readme];
    return {
      files,
      contents: files.map(after),
      violations: ["vision:forbidden-pattern:private-key:deploy/keys/staging.pem", "vision:brand-banned:cheap:docs/pricing.md"],
    };
  }
  if (shape === 1) {
    const intro = file("docs/intro.md", "modified", [
      " # Welcome",
      "-This site is new.",
      `+Acme ${i} brings synergy to your billing.`,
      "+Sign in with your work email.",
    ]);
    const files = [code, intro];
    return { files, contents: files.map(after), violations: ["vision:brand-banned:synergy:docs/intro.md"] };
  }
  const files = [code, readme];
  return { files, contents: files.map(after), violations: [] };
}
