import { describe, expect, it } from "vitest";
import { onPageAudit } from "../../../src/skills/marketing/seo";
import { keywordCannibalisation } from "../../../src/skills/marketing/seo-cannibalisation";
import { SkillRegistry } from "../../../src/skills/registry";

const registry = new SkillRegistry([onPageAudit, keywordCannibalisation]);

type Finding = { severity: string; code: string; message: string; fix?: string };
function ok(name: string, input: unknown) {
  const outcome = registry.run(name, input);
  if (!outcome.ok) throw new Error(`${name} failed: ${outcome.error.message}`);
  return { output: outcome.output as Record<string, unknown> & { findings: Finding[] }, md: outcome.deliverable };
}

const PAGE = `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Onboarding Emails That Cut SaaS Churn | Acme</title>
  <meta name="description" content="Seven onboarding emails that turn sign-ups into active users, with templates and send times.">
  <link rel="canonical" href="https://acme.example/blog/onboarding-emails">
  <script>window.dataLayer = [{ page: "onboarding emails onboarding emails" }];</script>
  <style>h1 { color: red }</style>
</head>
<body>
  <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>
  <article>
    <h1>Onboarding emails that cut churn</h1>
    <p>Most SaaS products lose half their trial users in the first week. A good sequence of onboarding emails brings them back to the one action that makes the product click.</p>
    <img src="/img/sequence.png" alt="A seven-email onboarding sequence">
    <img src="/img/chart.png">
    <h2>Why onboarding matters</h2>
    <p>Users who reach their first success in the first session stay three times longer. Read our <a href="https://acme.example/blog/activation">activation guide</a> or the <a href="https://www.reallygoodemails.com/" rel="nofollow">email gallery</a>.</p>
    <h4>Timing &amp; cadence</h4>
    <p>Send the welcome email at once, then space the rest by behaviour, not by the calendar. <a href="https://acme.example/pricing"><img src="/img/cta.png" alt=""></a></p>
  </article>
</body>
</html>`;

describe("seo.on-page-audit", () => {
  it("audits a real-looking HTML page: the score, the checks behind it, and the fixes", () => {
    const { output, md } = ok("seo.on-page-audit", {
      content: PAGE,
      keyword: "onboarding email",
      url: "https://acme.example/blog/saas-onboarding",
    });
    expect(output).toMatchObject({
      score: 75,
      format: "html",
      indexable: true,
      title: { text: "Onboarding Emails That Cut SaaS Churn | Acme", length: 44 },
      metaDescription: { length: 92 },
      h1: ["Onboarding emails that cut churn"],
      words: 80,
      // Script and style text is not read; "emails" matches "email".
      keywordOccurrences: 2,
      images: { total: 3, missingAlt: 2 },
      links: { internal: 4, external: 1, nofollow: 1, emptyText: 1 },
    });
    expect(output.checks).toContainEqual({ id: "image-alt", label: "Image alt text", points: 3, max: 10 });
    expect(output.checks).toContainEqual({ id: "word-count", label: "At least 300 words", points: 2, max: 10 });
    expect(output.findings.map((f) => f.code)).toEqual([
      "heading-order",
      "keyword-url",
      "image-alt",
      "word-count",
      "canonical",
      "link-text",
    ]);
    expect(output.findings[0]?.message).toBe('"Timing & cadence" is an H4 that skips a level.');
    expect(output.findings[2]?.message).toBe("2 of 3 images have no alt text.");
    expect(md).toContain('## On-page SEO audit: 75/100 for "onboarding email"');
    expect(md).toContain("| Keyword in URL | ✖ 0/5 |");
    expect(md).toContain("**Title** (44 chars): Onboarding Emails That Cut SaaS Churn \\| Acme");
  });

  it("reads Markdown with front matter, and skips the URL check without a URL", () => {
    const words = "Send one email per step of the journey and measure activation instead of opens. ".repeat(25);
    const markdown = `---\ntitle: "Onboarding emails: a field guide for SaaS teams"\ndescription: Which onboarding emails to send, when, and how to measure them, with seven templates.\n---\n# Onboarding emails\n\nOnboarding emails decide whether trials convert. ${words}\n\n![Funnel chart](/funnel.png)\n\nSee [our activation guide](/blog/activation).`;
    const { output } = ok("seo.on-page-audit", { content: markdown, keyword: "onboarding emails" });
    expect(output).toMatchObject({ format: "markdown", score: 100, title: { length: 47 }, images: { total: 1, missingAlt: 0 } });
    expect((output.checks as { id: string }[]).map((c) => c.id)).not.toContain("keyword-url");
    expect(output.findings.map((f) => f.code)).toEqual(["external-links"]);
  });

  it("flags noindex, a missing title and meta, two H1s and keyword stuffing", () => {
    const html = `<meta name="robots" content="NOINDEX, follow"><h1>CRM</h1><h1>CRM software</h1><p>${"CRM software. ".repeat(20)}</p>`;
    const { output, md } = ok("seo.on-page-audit", { content: html, keyword: "CRM software", minWords: 50 });
    expect(output.indexable).toBe(false);
    expect(output.findings.map((f) => [f.severity, f.code])).toEqual([
      ["error", "noindex"],
      ["error", "title"],
      ["error", "meta-description"],
      ["error", "h1"],
      ["error", "keyword-title"],
      ["warning", "internal-links"],
      ["warning", "word-count"],
      ["warning", "keyword-density"],
      ["info", "external-links"],
    ]);
    expect(output.findings[3]?.message).toBe("The page has 2 H1 headings.");
    expect(md).toContain("This page is set to noindex");
    // The title and meta description fields of a CMS fill in for a page without a head.
    const withFields = ok("seo.on-page-audit", {
      content: html,
      keyword: "CRM software",
      title: "CRM software for small teams: a buyer's guide",
    });
    expect(withFields.output.title).toEqual({ text: "CRM software for small teams: a buyer's guide", length: 45 });
  });

  it("rejects bad input with the field", () => {
    const run = (input: object) => registry.run("seo.on-page-audit", input);
    expect(run({ content: PAGE })).toMatchObject({ ok: false, error: { code: "skill_input_invalid", field: "keyword" } });
    expect(run({ content: "", keyword: "crm" })).toMatchObject({
      ok: false,
      error: { field: "content", message: "content: the page is empty" },
    });
    expect(run({ content: "x".repeat(200_001), keyword: "crm" })).toMatchObject({ ok: false, error: { field: "content" } });
    expect(run({ content: PAGE, keyword: "crm", url: "ftp://acme.example/x" })).toMatchObject({
      ok: false,
      error: { field: "url", message: "url: url must be an http(s) address" },
    });
    expect(run({ content: PAGE, keyword: "crm", format: "pdf" })).toMatchObject({ ok: false, error: { field: "format" } });
  });
});

describe("seo.keyword-cannibalisation", () => {
  const guide =
    "Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, " +
    "shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. " +
    "Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut " +
    "any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. ";
  const pages = [
    {
      url: "https://acme.example/blog/onboarding-emails",
      content: `<title>Onboarding emails: the complete guide</title><h1>Onboarding emails</h1><p>${guide.repeat(4)}</p>`,
      targetKeyword: "onboarding emails",
    },
    {
      url: "https://acme.example/blog/onboarding-email-examples",
      content: `<title>10 onboarding email examples</title><h1>Onboarding email examples</h1><p>${guide.repeat(4)} Here are ten examples.</p>`,
    },
    {
      url: "https://acme.example/blog/welcome-email-tips",
      content: "# Welcome email tips\n\nA welcome email is your first chance to show value. Onboarding emails come after it.",
      format: "markdown",
      targetKeyword: "welcome email",
    },
    {
      url: "https://acme.example/features/automation",
      content: "<title>Email automation for onboarding emails</title><h1>Email automation</h1><p>Automate your newsletters and more.</p>",
    },
  ];

  it("finds the pages competing for a keyword, keeps the strongest, and merges or retargets the rest", () => {
    const { output, md } = ok("seo.keyword-cannibalisation", { pages, keywords: ["churn reduction"] });
    const [churn, onboarding, welcome] = output.keywords as {
      keyword: string;
      status: string;
      primary: string | null;
      pages: { url: string; prominence: number }[];
      actions: { url: string | null; action: string; similarity: number | null }[];
    }[];
    expect(output.summary).toEqual({ keywords: 3, cannibalised: 1, unclaimed: 1 });
    expect(churn).toMatchObject({
      keyword: "churn reduction",
      status: "unclaimed",
      primary: null,
      actions: [{ action: "create", url: null }],
    });
    expect(onboarding).toMatchObject({ status: "cannibalised", primary: "https://acme.example/blog/onboarding-emails" });
    expect(onboarding?.pages.map((p) => p.prominence)).toEqual([12, 9, 1, 3]);
    expect(onboarding?.actions).toEqual([
      expect.objectContaining({ url: "https://acme.example/blog/onboarding-emails", action: "keep" }),
      expect.objectContaining({ url: "https://acme.example/blog/onboarding-email-examples", action: "consolidate", similarity: 0.91 }),
      expect.objectContaining({ url: "https://acme.example/features/automation", action: "differentiate", similarity: 0 }),
    ]);
    // The Markdown page has no title tag: its H1 stands in.
    expect(welcome).toMatchObject({ keyword: "welcome email", status: "ok", primary: "https://acme.example/blog/welcome-email-tips" });
    expect(output.issues).toEqual([]);
    expect(md).toContain("3 keywords checked: **1 cannibalised**, 1 unclaimed.");
    expect(md).toContain("- **consolidate** https://acme.example/blog/onboarding-email-examples (similarity 0.91)");
  });

  it("suggests claiming an unclaimed keyword on the page that mentions it most, and flags stuffing", () => {
    const stuffed = `<title>Drip campaigns</title><h1>Drip</h1><p>${"Drip campaign tips for a better drip campaign. ".repeat(25)}</p>`;
    const { output } = ok("seo.keyword-cannibalisation", {
      pages: [...pages.slice(0, 2), { url: "https://acme.example/drip", content: stuffed, targetKeyword: "drip campaign" }],
      keywords: ["welcome email"],
    });
    const welcome = (output.keywords as { keyword: string; actions: { action: string; url: string | null }[] }[])[0];
    expect(welcome?.actions).toEqual([expect.objectContaining({ action: "claim", url: "https://acme.example/blog/onboarding-emails" })]);
    expect(output.issues).toEqual([
      { severity: "warning", url: "https://acme.example/drip", message: '"drip campaign" is 24.9% of the words: over-optimised.' },
    ]);
  });

  it("rejects bad input with the field", () => {
    const run = (input: object) => registry.run("seo.keyword-cannibalisation", input);
    expect(run({ pages: pages.slice(0, 1) })).toMatchObject({
      ok: false,
      error: { field: "pages", message: "pages: give at least two pages" },
    });
    expect(run({ pages: pages.map(({ targetKeyword: _t, ...p }) => p) })).toMatchObject({ ok: false, error: { field: "keywords" } });
    expect(run({ pages: [pages[0], { ...pages[1], url: pages[0]?.url }] })).toMatchObject({ ok: false, error: { field: "pages" } });
    expect(run({ pages: [pages[0], { ...pages[1], url: "not a url" }] })).toMatchObject({ ok: false, error: { field: "pages[1].url" } });
    expect(run({ pages: [pages[0], { ...pages[1], content: 42 }] })).toMatchObject({ ok: false, error: { field: "pages[1].content" } });
    expect(run({ pages, keywords: Array.from({ length: 21 }, (_, i) => `keyword ${i}`) })).toMatchObject({
      ok: false,
      error: { field: "keywords" },
    });
    const big = "word ".repeat(19_999);
    expect(
      run({ pages: Array.from({ length: 11 }, (_, i) => ({ url: `https://a.example/${i}`, content: big, targetKeyword: "word" })) }),
    ).toMatchObject({
      ok: false,
      error: { field: "pages", message: "pages: the pages add up to over 1,000,000 characters" },
    });
    expect(run({ pages: [pages[0], { ...pages[1], content: "x".repeat(100_001) }] })).toMatchObject({
      ok: false,
      error: { field: "pages[1].content" },
    });
  });
});
