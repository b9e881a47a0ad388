import type { ChangedFile, GithubEventPayload } from "../../../src/schemas/github";
import { DEFAULT_VISION_RULES, type VisionRulesInput } from "../../../src/schemas/vision";
import type { VisionReport } from "../../../src/skills/vision/report";
import { SkillRegistry } from "../../../src/skills/registry";
import { visionSkills } from "../../../src/skills/vision";
import type { Publication } from "../../../src/schemas/decision";

export const registry = new SkillRegistry(visionSkills);

type PayloadInput = Omit<GithubEventPayload, "visionRules" | "push"> & {
  visionRules: VisionRulesInput;
  push?: Omit<NonNullable<GithubEventPayload["push"]>, "commits"> & {
    commits: { id: string; message: string; added?: string[]; modified?: string[]; removed?: string[] }[];
  };
};

/** Runs a skill as an agent's rule would (through the registry) and returns its parts, failing the test on a refusal. */
export function run(name: string, input: unknown): { report: VisionReport; md: string; publications: Publication[] } {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return { report: outcome.output as VisionReport, md: outcome.deliverable, publications: outcome.publications };
}

/** An added file as GitHub's pull request files endpoint lists it: the patch is the whole file. */
export function addedFile(path: string, lines: readonly string[]): ChangedFile {
  return {
    path,
    status: "added",
    additions: lines.length,
    deletions: 0,
    patch: `@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join("\n")}`,
  };
}

export const RULES: VisionRulesInput = {
  forbiddenPatterns: [
    ...(DEFAULT_VISION_RULES.forbiddenPatterns ?? []),
    { id: "console-log", pattern: "console\\.log\\(", message: "remove debugging output before merging", paths: ["src/**/*.{ts,tsx}"] },
  ],
  forbiddenTerms: ["lorem ipsum", "whitelist"],
  requiredFiles: ["README.md", "LICENSE"],
  naming: [
    {
      id: "kebab-case-components",
      paths: "src/components/**",
      pattern: "^[a-z0-9]+(-[a-z0-9]+)*\\.tsx$",
      message: "component files are kebab-case",
    },
  ],
  brand: { banned: ["cheap"], preferred: [{ use: "sign in", insteadOf: ["login", "log in"] }] },
  fileSize: { maxFileBytes: 2_000, maxChangedLines: 500 },
};

const HEAD = "6dcb09b5b57875f334f61aebed695e2e4193db5e";

/** Pull request #42 as the webhook route keeps it. */
export const PR: NonNullable<GithubEventPayload["pullRequest"]> = {
  number: 42,
  title: "Billing settings page",
  body: "Adds the billing page.",
  headSha: HEAD,
  baseSha: "9049f1265b7d61be4a8904a9a27120d2064dab3b",
  url: "https://github.com/acme/web/pull/42",
};

/** The push's own fields, without commits. */
export const PUSH = {
  ref: "refs/heads/main",
  before: "9049f1265b7d61be4a8904a9a27120d2064dab3b",
  after: HEAD,
  compareUrl: "https://github.com/acme/web/compare/9049f1265b7d...6dcb09b5b578",
  truncated: false,
};

/** A `github.pull_request.*` payload as the webhook route slims it, with the files the enricher read. */
export function pullRequest(files: ChangedFile[] | undefined, extra: Partial<PayloadInput> = {}): PayloadInput {
  return {
    repository: "acme/web",
    repositoryId: "rep_acmeweb",
    delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
    defaultBranch: "main",
    githubEvent: "pull_request",
    action: "opened",
    sender: "octocat",
    pullRequest: PR,
    visionRules: RULES,
    ...(files ? { change: { source: "pull_request_files", complete: true, files } } : {}),
    ...extra,
  };
}

/** A `github.push` payload to `main`, the default branch; `files` is the compare the enricher read, when it could. */
export function push(
  commits: NonNullable<PayloadInput["push"]>["commits"],
  files?: ChangedFile[],
  extra: Partial<PayloadInput> = {},
): PayloadInput {
  return {
    repository: "acme/web",
    repositoryId: "rep_acmeweb",
    delivery: "9a3b1c2d-cc78-11e3-81ab-4c9367dc0958",
    defaultBranch: "main",
    githubEvent: "push",
    sender: "octocat",
    push: { ...PUSH, commits },
    visionRules: RULES,
    ...(files ? { change: { source: "compare", complete: true, files } } : {}),
    ...extra,
  };
}
