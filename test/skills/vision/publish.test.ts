import { describe, expect, it } from "vitest";
import { addedFile, PR, pullRequest, push, run } from "./fixtures";

const SECRET_FILE = addedFile("config/prod.env", [
  "DB_HOST=db.internal",
  "-----BEGIN RSA PRIVATE KEY-----",
  "MIIEpAIBAAKCAQEA3Tz2mr7SZiAMfQyuvBjM",
]);

describe("vision.check-change publications", () => {
  it("files an issue per distinct violation, titled for a maintainer, with the rule, where it was found and how to fix it", () => {
    const { publications } = run("vision.check-change", pullRequest([SECRET_FILE]));
    const [issue] = publications;
    expect(issue).toEqual({
      kind: "issue",
      key: "vision:forbidden-pattern:private-key:config/prod.env",
      title: "WowVision: private key added in config/prod.env",
      body: expect.any(String),
      target: { repository: "acme/web" },
      subject: "config/prod.env",
    });
    expect(issue?.body).toContain("[pull request \\#42 of acme/web](https://github.com/acme/web/pull/42) at commit `6dcb09b`");
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
      pullRequest([addedFile("docs/a.txt", ["lorem ipsum", "ok", "Lorem Ipsum again"])], {
        pullRequest: { ...PR, title: "Lorem ipsum page", body: "More lorem ipsum." },
      }),
    );
    const issues = publications.filter((p) => p.kind === "issue");
    expect(issues.map((p) => [p.key, p.subject, p.title])).toEqual([
      ["vision:forbidden-term:lorem-ipsum:docs/a.txt", "docs/a.txt", 'WowVision: forbidden term "lorem ipsum" in docs/a.txt'],
      ["vision:forbidden-term:lorem-ipsum:-", undefined, `WowVision: forbidden term "lorem ipsum" in the pull request's title`],
    ]);
    expect(issues[0]?.body).toMatch(/docs\/a\.txt:1.*\n.*docs\/a\.txt:3/);
  });

  it("keeps the same keys when the same violations are found again, on a later push to the pull request", () => {
    const first = run("vision.check-change", pullRequest([SECRET_FILE]));
    const again = run(
      "vision.check-change",
      pullRequest([SECRET_FILE], { pullRequest: { ...PR, headSha: "7ecb09b5b57875f334f61aebed695e2e4193db5f" } }),
    );
    expect(again.publications.map((p) => p.key)).toEqual(first.publications.map((p) => p.key));
    expect(first.publications.map((p) => p.key)).toEqual([
      "vision:forbidden-pattern:private-key:config/prod.env",
      "wowvision-review:pr:42",
    ]);
  });

  it("writes one review per pull request, also with no violations, resolving what it covered", () => {
    const { publications } = run(
      "vision.check-change",
      pullRequest([
        addedFile("src/billing/plan.ts", ["export const plan = 1;"]),
        { path: "config/prod.env", status: "removed", additions: 0, deletions: 3 },
        {
          path: "src/components/plan-card.tsx",
          previousPath: "src/components/PlanCard.tsx",
          status: "renamed",
          additions: 0,
          deletions: 0,
        },
        {
          path: "src/aws.ts",
          status: "modified",
          additions: 1,
          deletions: 1,
          patch:
            '@@ -1,2 +1,2 @@\n export const region = "eu";\n-export const key = "AKIAIOSFODNN7EXAMPLE";\n+export const key = process.env.AWS_KEY;',
        },
        { path: "src/app.ts", status: "modified", additions: 1, deletions: 0, patch: "@@ -1 +1,2 @@\n a\n+b" },
      ]),
    );
    expect(publications).toEqual([
      {
        kind: "review",
        key: "wowvision-review:pr:42",
        title: "WowVision: no violations in pull request #42 of acme/web",
        body: expect.stringContaining("## WowVision: no violations in pull request #42 of acme/web"),
        target: { repository: "acme/web", number: 42 },
        // Added in full, removed, renamed away, and a file whose diff deletes the offending line;
        // not src/app.ts, whose other lines were not read.
        resolves: {
          keyPrefix: "vision:",
          subjects: ["config/prod.env", "src/aws.ts", "src/billing/plan.ts", "src/components/PlanCard.tsx"],
        },
      },
    ]);
  });

  it("writes a document for a push, keyed by the commit it checked", () => {
    const { publications } = run("vision.check-change", push([{ id: "1a2b3c4d5e6f", message: "Config" }], [SECRET_FILE]));
    expect(publications.map((p) => [p.kind, p.key, p.target])).toEqual([
      ["issue", "vision:forbidden-pattern:private-key:config/prod.env", { repository: "acme/web" }],
      ["document", "wowvision-check:6dcb09b5b57875f334f61aebed695e2e4193db5e", { repository: "acme/web" }],
    ]);
    expect(publications[1]?.resolves).toEqual({ keyPrefix: "vision:", subjects: ["config/prod.env"] });
  });

  it("files at most 100 issues and leaves the paths of the others out of what it resolves", () => {
    const files = Array.from({ length: 120 }, (_, i) => addedFile(`docs/p${String(i).padStart(3, "0")}.txt`, ["lorem ipsum"]));
    const { publications } = run("vision.check-change", pullRequest(files));
    expect(publications.filter((p) => p.kind === "issue")).toHaveLength(100);
    const review = publications.at(-1);
    expect(review?.kind).toBe("review");
    expect(review?.resolves?.subjects).toHaveLength(100);
    expect(review?.resolves?.subjects).not.toContain("docs/p100.txt");
    expect(review?.body).toContain("_20 more distinct violations were not filed as issues (at most 100 per check)._");
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

  it("keeps a very long path within what a publication carries, and never resolves it", () => {
    const long = `docs/${"deep/".repeat(120)}page.txt`;
    const { publications } = run(
      "vision.check-change",
      pullRequest([addedFile(long, ["lorem ipsum"]), addedFile("docs/ok.txt", ["fine"])]),
    );
    expect(publications[0]?.subject).toBe(long.slice(0, 500));
    expect(publications[1]?.resolves?.subjects).toEqual(["docs/ok.txt"]);
  });
});
