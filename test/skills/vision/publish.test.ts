import { describe, expect, it } from "vitest";
import type { ChangedFile } from "../../../src/schemas/github";
import { addedFile, PR, PUSH, pullRequest, push, run } from "./fixtures";

const SECRET_FILE = addedFile("config/prod.env", [
  "DB_HOST=db.internal",
  "-----BEGIN RSA PRIVATE KEY-----",
  "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM",
]);
const COMMIT = { id: "1a2b3c4d5e6f", message: "Config" };
/** A push of `files` to the default branch, `main`. */
const toMain = (files: ChangedFile[]) => push([COMMIT], files);

/** What the fix of several violations looks like: added in full, removed, renamed away, a diff deleting the offending line. */
const FIXES: ChangedFile[] = [
  addedFile("src/billing/plan.ts", ["export const plan = 1;"]),
  { path: "config/prod.env", status: "removed", additions: 0, deletions: 3 },
  { path: "src/components/plan-card.tsx", previousPath: "src/components/PlanCard.tsx", status: "renamed", additions: 0, deletions: 0 },
  {
    path: "src/aws.ts",
    status: "modified",
    additions: 1,
    deletions: 1,
    patch:
      '@@ -1,2 +1,2 @@\n export const region = "eu";\n-export const key = "AKIAIOSFODNN7EXAMPLE";\n+export const key = process.env.AWS_KEY;',
  },
  { path: "src/app.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+b" },
];

describe("vision.check-change publications on a push to the default branch", () => {
  it("files an issue per distinct violation, titled for a maintainer, with the rule, where it was found and how to fix it", () => {
    const { publications } = run("vision.check-change", toMain([SECRET_FILE]));
    const [issue] = publications;
    expect(issue).toEqual({
      kind: "issue",
      key: "vision:forbidden-pattern:private-key:config/prod.env",
      title: "WowVision: private key added in config/prod.env",
      body: expect.any(String),
      target: { repository: "acme/web" },
      subject: "config/prod.env",
    });
    expect(issue?.body).toMatch(
      /\*\*WowVision Prime\*\* found this checking \[the push to main of acme\/web .*\]\(https:\/\/github\.com\/acme\/web\/compare\/.* at commit `6dcb09b`/,
    );
    expect(issue?.body).toContain("**Rule:** forbidden-pattern · private-key: a private key must never be committed");
    expect(issue?.body).toContain(
      "[config/prod.env:2](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/config/prod.env#L2)",
    );
    expect(issue?.body).toContain("revoke and rotate it");
    // The key material on the next line is not a finding and never reaches the issue.
    expect(issue?.body).not.toContain("MIIEpAIBAAKCAQEA");
  });

  it("gives one issue to a violation found on several lines, and none a subject when it is not in a file", () => {
    const { publications } = run(
      "vision.check-change",
      push([{ id: "1a2b3c4d5e6f", message: "Lorem ipsum page" }], [addedFile("docs/a.txt", ["lorem ipsum", "ok", "Lorem Ipsum again"])]),
    );
    const issues = publications.filter((p) => p.kind === "issue");
    expect(issues.map((p) => [p.key, p.subject, p.title])).toEqual([
      ["vision:forbidden-term:lorem-ipsum:docs/a.txt", "docs/a.txt", 'WowVision: forbidden term "lorem ipsum" in docs/a.txt'],
      ["vision:forbidden-term:lorem-ipsum:-", undefined, `WowVision: forbidden term "lorem ipsum" in commit 1a2b3c4's message`],
    ]);
    expect(issues[0]?.body).toMatch(/docs\/a\.txt:1.*\n.*docs\/a\.txt:3/);
  });

  it("keeps the same keys when the same violations are found again by a later push", () => {
    const first = run("vision.check-change", toMain([SECRET_FILE]));
    const again = run("vision.check-change", push([COMMIT], [SECRET_FILE], { push: { ...PUSH, after: "7ecb09b5b5", commits: [COMMIT] } }));
    expect(first.publications.map((p) => p.key)).toEqual([
      "vision:forbidden-pattern:private-key:config/prod.env",
      "wowvision-check:6dcb09b5b57875f334f61aebed695e2e4193db5e",
    ]);
    expect(again.publications.filter((p) => p.kind === "issue").map((p) => p.key)).toEqual([
      "vision:forbidden-pattern:private-key:config/prod.env",
    ]);
  });

  it("writes a document keyed by the commit it checked, also with no violations, resolving what it covered", () => {
    const { publications } = run("vision.check-change", toMain(FIXES));
    expect(publications).toEqual([
      {
        kind: "document",
        key: "wowvision-check:6dcb09b5b57875f334f61aebed695e2e4193db5e",
        title: "WowVision: no violations in the push to main of acme/web (6dcb09b)",
        body: expect.stringContaining("## WowVision: no violations in the push to main of acme/web (6dcb09b)"),
        target: { repository: "acme/web" },
        // Added in full, removed, renamed away, and a file whose diff deletes the offending line;
        // not src/app.ts, whose other lines were not read.
        resolves: {
          keyPrefix: "vision:",
          subjects: ["config/prod.env", "src/aws.ts", "src/billing/plan.ts", "src/components/PlanCard.tsx"],
        },
      },
    ]);
  });

  it("files at most 100 issues and leaves the paths of the others out of what it resolves", () => {
    const files = Array.from({ length: 120 }, (_, i) => addedFile(`docs/p${String(i).padStart(3, "0")}.txt`, ["lorem ipsum"]));
    const { publications } = run("vision.check-change", toMain(files));
    expect(publications.filter((p) => p.kind === "issue")).toHaveLength(100);
    const document = publications.at(-1);
    expect(document?.kind).toBe("document");
    expect(document?.resolves?.subjects).toHaveLength(100);
    expect(document?.resolves?.subjects).not.toContain("docs/p100.txt");
    expect(document?.body).toContain("_20 more distinct violations were not filed as issues (at most 100 per check)._");
  });

  it("keeps a very long path within what a publication carries, and never resolves it", () => {
    const long = `docs/${"deep/".repeat(120)}page.txt`;
    const { publications } = run("vision.check-change", toMain([addedFile(long, ["lorem ipsum"]), addedFile("docs/ok.txt", ["fine"])]));
    expect(publications[0]?.subject).toBe(long.slice(0, 500));
    expect(publications[1]?.resolves?.subjects).toEqual(["docs/ok.txt"]);
  });
});

describe("vision.check-change publications off the default branch", () => {
  it("gives a pull request only its one review, listing every finding, filing and closing nothing", () => {
    const { publications } = run("vision.check-change", pullRequest([SECRET_FILE, addedFile("docs/a.txt", ["lorem ipsum"])]));
    expect(publications).toEqual([
      {
        kind: "review",
        key: "wowvision-review:pr:42",
        title: "WowVision: 2 violations in pull request #42 of acme/web",
        body: expect.stringContaining("config/prod.env:2"),
        target: { repository: "acme/web", number: 42 },
      },
    ]);
    expect(publications[0]?.body).toContain("docs/a.txt:1");
    // The same pull request pushed again keeps the one review's key, so its comment is updated.
    const again = run("vision.check-change", pullRequest(FIXES, { pullRequest: { ...PR, headSha: "7ecb09b5b5" } }));
    expect(again.publications).toEqual([expect.objectContaining({ kind: "review", key: "wowvision-review:pr:42" })]);
    expect(again.publications[0]?.resolves).toBeUndefined();
  });

  it("gives a push to another branch only its document: no issues, nothing resolved", () => {
    const feature = { ...PUSH, ref: "refs/heads/feature/billing", commits: [COMMIT] };
    for (const payload of [
      push([COMMIT], [SECRET_FILE, ...FIXES], { push: feature }),
      // A tag named like the default branch is not the branch.
      push([COMMIT], [SECRET_FILE], { push: { ...feature, ref: "refs/tags/main" } }),
      // A stored event from before the default branch was recorded: nothing is filed rather than filed wrongly.
      push([COMMIT], [SECRET_FILE], { defaultBranch: undefined }),
    ]) {
      const { publications } = run("vision.check-change", payload);
      expect(publications).toEqual([
        expect.objectContaining({ kind: "document", key: "wowvision-check:6dcb09b5b57875f334f61aebed695e2e4193db5e" }),
      ]);
      expect(publications[0]?.body).toContain("config/prod.env:2");
      expect(publications[0]?.resolves).toBeUndefined();
    }
  });

  it("publishes nothing for an issue's text: WowVision reports on changes", () => {
    const { report, publications } = run("vision.check-change", {
      ...pullRequest(undefined),
      githubEvent: "issues",
      action: "opened",
      pullRequest: undefined,
      issue: { number: 7, title: "Whitelist our IP", body: null, url: "https://github.com/acme/web/issues/7" },
    });
    expect(report.violations.map((v) => [v.ruleId, v.location])).toEqual([["whitelist", "the issue's title"]]);
    expect(publications).toEqual([]);
  });
});
