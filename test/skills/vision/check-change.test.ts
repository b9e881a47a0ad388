import { describe, expect, it } from "vitest";
import { addedFile, PR, PUSH, pullRequest, push, RULES, registry, run } from "./fixtures";

const AWS_KEY = "AKIAIOSFODNN7EXAMPLE";

describe("vision.check-change on a pull request", () => {
  it("finds a secret on the line the hunk header gives, in the new file, and never shows it whole", () => {
    // Two hunks: deleted lines do not count in the new file, context lines do.
    const patch = [
      "@@ -3,4 +3,5 @@ export const config = {",
      '   region: "eu-west-1",',
      '-  bucket: "old",',
      '+  bucket: "billing",',
      `+  accessKeyId: "${AWS_KEY}",`,
      "   retries: 3,",
      "@@ -20,3 +21,4 @@ export function client() {",
      "   return new S3({",
      "+    // -----BEGIN RSA PRIVATE KEY----- (pasted by mistake)",
      "   });",
      " }",
    ].join("\n");
    const { report, md } = run(
      "vision.check-change",
      pullRequest([{ path: "src/aws/config.ts", status: "modified", additions: 3, deletions: 1, patch }]),
    );
    expect(report.violations.map((v) => [v.kind, v.ruleId, v.location, v.line])).toEqual([
      ["forbidden-pattern", "aws-access-key", "src/aws/config.ts:5", 5],
      ["forbidden-pattern", "private-key", "src/aws/config.ts:22", 22],
    ]);
    const [key] = report.violations;
    expect(key?.excerpt).toBe('accessKeyId: "AKIA••••••••",');
    expect(md).not.toContain(AWS_KEY);
    expect(md).toContain(
      "| forbidden-pattern · aws-access-key | [src/aws/config.ts:5](https://github.com/acme/web/blob/6dcb09b5b57875f334f61aebed695e2e4193db5e/src/aws/config.ts#L5) |",
    );
  });

  it("checks the lines a change adds, not those it deletes or keeps as context", () => {
    const patch = [
      "@@ -1,3 +1,3 @@",
      ` const a = "${AWS_KEY}";`,
      `-const b = "${AWS_KEY}";`,
      '+const b = "from the environment";',
      " const c = 1;",
    ].join("\n");
    const { report } = run(
      "vision.check-change",
      pullRequest([{ path: "src/keys.ts", status: "modified", additions: 1, deletions: 1, patch }]),
    );
    expect(report.violations).toEqual([]);
  });

  it("applies a pattern limited to some paths only to files its globs match", () => {
    const log = ["console.log(plan);"];
    const { report } = run(
      "vision.check-change",
      pullRequest([
        addedFile("src/billing/plan.ts", log),
        addedFile("src/components/deep/nested/card.tsx", log),
        addedFile("scripts/seed.ts", log),
        addedFile("src/billing/plan.js", log),
      ]),
    );
    expect(report.violations.filter((v) => v.ruleId === "console-log").map((v) => v.path)).toEqual([
      "src/billing/plan.ts",
      "src/components/deep/nested/card.tsx",
    ]);
  });

  it("finds forbidden terms as whole words in any case, in added lines and in the pull request's title and body", () => {
    const { report } = run(
      "vision.check-change",
      pullRequest(
        [addedFile("src/fixtures.ts", ['export const text = "LOREM IPSUM dolor";', "const whitelisted = true;", "// Lorem\tIpsum"])],
        {
          pullRequest: {
            ...PR,
            title: "Lorem ipsum for the billing page",
            body: "Fills the page.\nAlso adds the IP Whitelist.",
          },
        },
      ),
    );
    expect(report.violations.map((v) => [v.ruleId, v.location, v.path, v.line])).toEqual([
      ["lorem-ipsum", "src/fixtures.ts:1", "src/fixtures.ts", 1],
      ["lorem-ipsum", "src/fixtures.ts:3", "src/fixtures.ts", 3],
      ["lorem-ipsum", "the pull request's title", null, null],
      ["whitelist", "the pull request's body, line 2", null, 2],
    ]);
  });

  it("holds prose to the brand vocabulary, banned and preferred words, and leaves code alone", () => {
    const { report } = run(
      "vision.check-change",
      pullRequest([
        addedFile("docs/billing.md", ["# Billing", "", "Log in to change your plan.", "Our Cheap plan is billed monthly. Login first."]),
        addedFile("src/login.ts", ["export function login(cheap: boolean) {}"]),
      ]),
    );
    expect(report.violations.map((v) => [v.kind, v.ruleId, v.line, v.message])).toEqual([
      ["brand-preferred", "log-in", 3, 'use "sign in" instead of "log in"'],
      ["brand-banned", "cheap", 4, '"cheap" is banned by the brand vocabulary'],
      ["brand-preferred", "login", 4, 'use "sign in" instead of "login"'],
    ]);
  });

  it("reports a required file removed or renamed away, and not one that is only changed", () => {
    const { report } = run(
      "vision.check-change",
      pullRequest([
        { path: "README.md", status: "removed", additions: 0, deletions: 40, patch: "@@ -1,2 +0,0 @@\n-# Acme web\n-Read me." },
        { path: "LICENSE.txt", previousPath: "LICENSE", status: "renamed", additions: 0, deletions: 0 },
        { path: "docs/README.md", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n # Docs\n+More." },
      ]),
    );
    expect(report.violations.map((v) => [v.kind, v.ruleId, v.path, v.message])).toEqual([
      ["required-file", "readme-md", "README.md", "README.md is a required file and was removed"],
      ["required-file", "license", "LICENSE", "LICENSE is a required file and was renamed to LICENSE.txt"],
    ]);
    // A pure rename changes no line: nothing is missing from the check.
    expect(report.notChecked).toEqual([]);
  });

  it("holds added and renamed files under a naming rule's glob to its pattern, and leaves others alone", () => {
    const { report } = run(
      "vision.check-change",
      pullRequest([
        addedFile("src/components/BillingForm.tsx", ["export {};"]),
        addedFile("src/components/billing/plan-card.tsx", ["export {};"]),
        { path: "src/components/UserCard.tsx", previousPath: "src/user-card.tsx", status: "renamed", additions: 0, deletions: 0 },
        { path: "src/components/OldName.tsx", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+b" },
        addedFile("src/lib/Util.ts", ["export {};"]),
      ]),
    );
    expect(report.violations.map((v) => [v.kind, v.path, v.excerpt])).toEqual([
      ["naming", "src/components/BillingForm.tsx", "BillingForm.tsx"],
      ["naming", "src/components/UserCard.tsx", "UserCard.tsx"],
    ]);
  });

  it("limits an added file's bytes (its patch is the whole file) and any file's changed lines", () => {
    // 40 lines of 60 bytes with "é" (two bytes in UTF-8): 40 × (61 + 1) = 2,480 bytes, over 2,000.
    const big = Array.from({ length: 40 }, () => `${"a".repeat(59)}é`);
    const { report } = run(
      "vision.check-change",
      pullRequest([
        addedFile("data/rates.csv", big),
        addedFile("data/small.csv", big.slice(0, 10)),
        { path: "src/generated.ts", status: "modified", additions: 400, deletions: 200 },
        { path: "public/hero.png", status: "added", additions: 0, deletions: 0 },
      ]),
    );
    expect(report.violations.map((v) => [v.ruleId, v.path, v.message])).toEqual([
      ["max-file-bytes", "data/rates.csv", "2,480 bytes, over the limit of 2,000"],
      ["max-changed-lines", "src/generated.ts", "600 changed lines, over the limit of 500"],
    ]);
    expect(report.notChecked).toEqual([
      "the added lines (patterns, terms, brand words, sizes) of src/generated.ts and public/hero.png: GitHub gives no diff for binary files or very large ones",
    ]);
  });

  it("with no files read, checks the title and body and says the files were not checked", () => {
    const { report, md } = run("vision.check-change", pullRequest(undefined, { pullRequest: { ...PR, title: "Whitelist the office IP" } }));
    expect(report.violations.map((v) => [v.ruleId, v.location])).toEqual([["whitelist", "the pull request's title"]]);
    expect(report.notChecked).toEqual([
      "the pull request's files: they were not read before the check, so only its title and body were checked",
    ]);
    expect(md).toContain("### Not checked\n- the pull request's files: they were not read before the check");
    expect(report.coveredPaths).toEqual([]);
  });
});

describe("vision.check-change on a push", () => {
  it("checks the compare's files and every commit message", () => {
    const { report, md } = run(
      "vision.check-change",
      push(
        [
          { id: "1a2b3c4d5e6f7a8b9c0d", message: "Add the payments config" },
          { id: "2b3c4d5e6f7a8b9c0d1e", message: "Remove the whitelist\n\nlorem ipsum in the body too" },
        ],
        [addedFile("config/payments.env", ["REGION=eu-west-1", `AWS_ACCESS_KEY_ID=${AWS_KEY}`])],
      ),
    );
    expect(report.violations.map((v) => [v.ruleId, v.location])).toEqual([
      ["aws-access-key", "config/payments.env:2"],
      ["whitelist", "commit 2b3c4d5's message, line 1"],
      ["lorem-ipsum", "commit 2b3c4d5's message, line 3"],
    ]);
    expect(md.split("\n")[0]).toBe("## WowVision: 3 violations in the push to main of acme/web (6dcb09b)");
    expect(md).toContain("Checked 1 file, 2 added lines and 2 commit messages against");
  });

  it("with only the webhook's lists, checks paths and messages and says what was not checked and why", () => {
    const { report, md } = run(
      "vision.check-change",
      push([
        {
          id: "1a2b3c4d5e6f",
          message: "Move things around",
          added: ["src/components/UserCard.tsx", "tmp/scratch.txt"],
          removed: ["README.md"],
        },
        { id: "2b3c4d5e6f7a", message: "Lorem ipsum cleanup", modified: ["src/app.ts"], removed: ["tmp/scratch.txt"] },
      ]),
    );
    // Net over the push: tmp/scratch.txt came and went, so it was never there.
    expect(report.violations.map((v) => [v.kind, v.path ?? v.location])).toEqual([
      ["naming", "src/components/UserCard.tsx"],
      ["required-file", "README.md"],
      ["forbidden-term", "commit 2b3c4d5's message"],
    ]);
    expect(report.notChecked).toEqual([
      "the added lines (patterns, terms, brand words, sizes) of src/components/UserCard.tsx and src/app.ts: only the webhook's lists of paths were available, not the diff",
    ]);
    expect(md).toContain("some of the change could not be checked (below)");
    // Only the removed path's state is known: the others' content was not read.
    expect(report.coveredPaths).toEqual(["README.md"]);
  });

  it("carries the enricher's note when the change set is incomplete, and says when the webhook lists only some commits", () => {
    const { report } = run(
      "vision.check-change",
      push(
        [{ id: "1a2b3c4d5e6f", message: "Big import", added: ["data/a.csv"] }],
        [{ path: "data/a.csv", status: "added", additions: 10, deletions: 0 }],
        {
          change: {
            source: "webhook",
            complete: false,
            files: [{ path: "data/a.csv", status: "added", additions: 0, deletions: 0 }],
            note: "the compare could not be read: GitHub answered 404 (the before commit was force-pushed away)",
          },
        },
      ),
    );
    expect(report.notChecked[0]).toBe("the compare could not be read: GitHub answered 404 (the before commit was force-pushed away)");
    expect(report.notChecked[1]).toBe(
      "the added lines (patterns, terms, brand words, sizes) of data/a.csv: only the webhook's lists of paths were available, not the diff",
    );

    const truncated = run(
      "vision.check-change",
      push([{ id: "1a2b3c4", message: "one" }], [], { push: { ...PUSH, commits: [{ id: "1a2b3c4", message: "one" }], truncated: true } }),
    );
    expect(truncated.report.notChecked).toContain("the messages of the commits past the first 1: the webhook lists no more");
  });
});

describe("vision.check-change on pathological input", () => {
  it("examines only the start of a very long line, and says so", () => {
    const minified = `${"x".repeat(5_000)} lorem ipsum`;
    const { report } = run("vision.check-change", pullRequest([addedFile("public/app.min.js", [minified, "lorem ipsum"])]));
    expect(report.violations.filter((v) => v.kind === "forbidden-term").map((v) => v.line)).toEqual([2]);
    expect(report.notChecked).toEqual(["past the first 1,000 characters of 1 long line (minified or generated content)"]);
    expect(report.violations.every((v) => v.excerpt.length < 200)).toBe(true);
  });

  it("lists at most 20 findings per rule and file and 200 in all, counting the rest, and then claims no fix for those files", () => {
    const lines = Array.from({ length: 60 }, (_, i) => `lorem ipsum ${i}`);
    const files = Array.from({ length: 15 }, (_, i) => addedFile(`docs/page-${i}.txt`, lines));
    const { report, md, publications } = run("vision.check-change", push([], files));
    expect(report.violations).toHaveLength(200);
    expect(report.moreViolations).toBe(15 * 60 - 200);
    expect(report.violations.filter((v) => v.path === "docs/page-0.txt")).toHaveLength(20);
    expect(md).toContain("_…and 800 more not listed._");
    expect(report.coveredPaths).toEqual([]);
    expect(publications.filter((p) => p.kind === "issue")).toHaveLength(10);
  });

  it("stops examining after its character budget and names the files it left", () => {
    const line = "a".repeat(999);
    const huge = Array.from({ length: 1_500 }, () => line);
    const files = [addedFile("a.txt", huge), addedFile("b.txt", huge), addedFile("c.txt", ["lorem ipsum"])];
    const started = performance.now();
    const { report } = run("vision.check-change", pullRequest(files));
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(report.violations.filter((v) => v.kind === "forbidden-term").map((v) => v.path)).toEqual(["c.txt"]);
    // Sizes come from GitHub's counts and the patch length, so they hold even past the budget.
    expect(report.violations.filter((v) => v.kind === "file-size").map((v) => [v.ruleId, v.path])).toEqual([
      ["max-changed-lines", "a.txt"],
      ["max-file-bytes", "a.txt"],
      ["max-changed-lines", "b.txt"],
      ["max-file-bytes", "b.txt"],
    ]);
    expect(report.notChecked).toEqual(["b.txt: the check stops after 2,000,000 characters, to keep its cost bounded"]);
    expect(report.coveredPaths).toEqual(["a.txt", "c.txt"]);
  });

  it("checks at most 3,000 files and counts the rest", () => {
    const files = Array.from({ length: 3_005 }, (_, i) => addedFile(`docs/f${i}.txt`, ["ok"]));
    const { report } = run("vision.check-change", pullRequest(files));
    expect(report.examined.files).toBe(3_000);
    expect(report.notChecked).toContain("5 more files: at most 3,000 files are checked at once");
  });
});

describe("vision.check-change input", () => {
  it("refuses a payload without a repository, naming the field", () => {
    const { repository: _, ...rest } = pullRequest([]);
    expect(registry.run("vision.check-change", rest)).toEqual({
      ok: false,
      error: { code: "skill_input_invalid", message: expect.stringMatching(/^repository: /), field: "repository" },
    });
  });

  it("refuses a pattern that is not a regular expression, naming the rule", () => {
    const payload = pullRequest([], { visionRules: { ...RULES, forbiddenPatterns: [{ id: "broken", pattern: "([a-z", message: "x" }] } });
    expect(registry.run("vision.check-change", payload)).toEqual({
      ok: false,
      error: {
        code: "skill_input_invalid",
        message: "visionRules.forbiddenPatterns[0].pattern: not a valid regular expression",
        field: "visionRules.forbiddenPatterns[0].pattern",
      },
    });
  });
});
