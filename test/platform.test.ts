import { describe, expect, it } from "vitest";
import { skills } from "../src/platform";

// The skills' own tests run in Node (the `skills` project); here the platform's registry runs
// the skills that lean on a library (an HTML parser, a Markdown renderer, a syllable counter, a
// stemmer, phone-number metadata) inside workerd, where agents run them.

const AREAS = {
  vision: ["vision"],
  marketing: ["content", "social", "seo", "email", "ppc", "brand", "influencer"],
  sales: ["sdr", "ae", "enablement", "crm", "leadgen"],
  support: ["success", "techsupport"],
};

function deliverable(name: string, input: unknown): string {
  const outcome = skills.run(name, input);
  if (!outcome.ok) throw new Error(`${name}: ${outcome.error.code}: ${outcome.error.message}`);
  return outcome.deliverable;
}

describe("the platform's skills", () => {
  it("cover every specialist of the three Centres of Excellence and WowVision, two or more each", () => {
    const names = skills.list().map((s) => s.name);
    for (const area of Object.values(AREAS).flat()) {
      expect(names.filter((n) => n.startsWith(`${area}.`)).length, area).toBeGreaterThanOrEqual(2);
    }
  });

  it("run their libraries inside workerd", () => {
    const page = `<html><head><title>Onboarding emails that cut SaaS churn | Acme</title></head>
      <body><h1>Onboarding emails</h1><p>A sequence of onboarding emails brings trial users back.</p><img src="a.png"></body></html>`;
    expect(deliverable("seo.on-page-audit", { content: page, keyword: "onboarding emails" })).toMatch(/\d+\/100/);
    expect(
      deliverable("seo.on-page-audit", { content: "# Onboarding emails\n\nSend the welcome email at once.", keyword: "onboarding emails" }),
    ).toMatch(/\d+\/100/);
    expect(
      deliverable("content.readability-check", {
        text: "The quick brown fox jumps over the lazy dog. It was not amused by the dog at all.",
      }),
    ).toMatch(/Flesch/i);
    expect(
      deliverable("crm.dedupe-contacts", {
        defaultCountry: "GB",
        contacts: [
          { name: "ada lovelace", email: "Ada@Example.com", phone: "020 7946 0958", company: "Analytical Engines Ltd" },
          { name: "Ada Lovelace", email: "ada@example.com", phone: "+44 20 7946 0958", company: "Analytical Engines" },
        ],
      }),
    ).toContain("+442079460958");
    expect(
      deliverable("techsupport.match-known-issue", {
        text: "Exports keep crashing when the report is large",
        knownIssues: [{ id: "KI-7", title: "Large export crashes", keywords: ["export", "crash"], workaround: "Export by quarter" }],
      }),
    ).toContain("KI-7");
  });

  it("run WowVision's checks inside workerd, with the review they publish", () => {
    const outcome = skills.run("vision.check-change", {
      repository: "acme/web",
      repositoryId: "rep_acmeweb",
      delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
      githubEvent: "pull_request",
      pullRequest: {
        number: 42,
        title: "Docs",
        body: null,
        headSha: "6dcb09b5b578",
        baseSha: "9049f1265b7d",
        url: "https://github.com/acme/web/pull/42",
      },
      visionRules: { forbiddenTerms: ["lorem ipsum"], brand: { preferred: [{ use: "sign in", insteadOf: ["login"] }] } },
      change: {
        source: "pull_request_files",
        complete: true,
        files: [
          {
            path: "docs/ß-guide.md",
            status: "added",
            additions: 2,
            deletions: 0,
            patch: "@@ -0,0 +1,2 @@\n+Login to start.\n+LOREM IPSUM",
          },
        ],
      },
    });
    if (!outcome.ok) throw new Error(outcome.error.message);
    expect(outcome.deliverable).toContain("## WowVision: 2 violations in pull request #42 of acme/web");
    // A pull request gets its one review listing both; issues are filed for the default branch only.
    expect(outcome.publications.map((p) => p.key)).toEqual(["wowvision-review:pr:42"]);
    expect(outcome.publications[0]?.body).toContain("docs/ß-guide.md");
  });
});
