// Realistic inputs for every skill, by name: what a customer's task would carry (without its
// `kind`), taken from the skills' own tests. The templates' sample outputs are these run through
// the skills (scripts/sample-outputs.ts); the template tests run every rule on them, and on
// `invalid`, an input the skill refuses with skill_input_invalid. Used by tests and scripts only:
// the Worker never imports this file.

import { DEFAULT_VISION_RULES } from "../src/schemas/vision";

export interface SkillExample {
  /** The title of the sample output made from this input. */
  title: string;
  input: Record<string, unknown>;
  invalid: Record<string, unknown>;
}

/** An example whose refused input is its realistic one with fields dropped (`without`) or replaced (`with`). */
function refusedWhen(
  example: Omit<SkillExample, "invalid">,
  change: { without?: readonly string[]; with?: Record<string, unknown> },
): SkillExample {
  const kept = Object.entries(example.input).filter(([key]) => !change.without?.includes(key));
  return { ...example, invalid: { ...Object.fromEntries(kept), ...change.with } };
}

export const SKILL_EXAMPLES: Record<string, SkillExample> = {
  "vision.check-change": refusedWhen(
    {
      title: "Pull request review: a billing settings page",
      input: {
        repository: "acme/web",
        repositoryId: "rep_acmeweb",
        delivery: "72d3162e-cc78-11e3-81ab-4c9367dc0958",
        defaultBranch: "main",
        githubEvent: "pull_request",
        action: "opened",
        sender: "octocat",
        pullRequest: {
          number: 42,
          title: "Billing settings page",
          body: "Adds the billing settings page and its docs.\nAlso moves LICENSE to LICENSE.txt and adds our IP whitelist for the payment provider.",
          headSha: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
          baseSha: "9049f1265b7d61be4a8904a9a27120d2064dab3b",
          url: "https://github.com/acme/web/pull/42",
        },
        visionRules: {
          forbiddenPatterns: [
            ...(DEFAULT_VISION_RULES.forbiddenPatterns ?? []),
            {
              id: "console-log",
              pattern: "console\\.log\\(",
              message: "remove debugging output before merging",
              paths: ["src/**/*.{ts,tsx}"],
            },
          ],
          forbiddenTerms: ["lorem ipsum", "whitelist", "blacklist"],
          requiredFiles: ["README.md", "LICENSE"],
          naming: [
            {
              id: "kebab-case-components",
              paths: "src/components/**",
              pattern: "^[a-z0-9]+(-[a-z0-9]+)*\\.tsx$",
              message: "component files are named in kebab-case: billing-form.tsx",
            },
          ],
          brand: { banned: ["cheap"], preferred: [{ use: "sign in", insteadOf: ["login", "log in"] }] },
          fileSize: { maxFileBytes: 500_000, maxChangedLines: 800 },
        },
        change: {
          source: "pull_request_files",
          complete: true,
          files: [
            {
              path: "src/components/BillingForm.tsx",
              status: "added",
              additions: 6,
              deletions: 0,
              patch:
                '@@ -0,0 +1,6 @@\n+import { usePlan } from "../billing/use-plan";\n+\n+export function BillingForm() {\n+  const plan = usePlan();\n+  console.log("plan", plan);\n+  return <form>{plan.name}</form>;\n+}',
            },
            {
              path: "config/payments.env",
              status: "added",
              additions: 2,
              deletions: 0,
              patch: "@@ -0,0 +1,2 @@\n+PAYMENTS_REGION=eu-west-1\n+AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE",
            },
            {
              path: "docs/billing.md",
              status: "modified",
              additions: 2,
              deletions: 1,
              patch:
                "@@ -1,4 +1,5 @@\n # Billing\n \n-Billing is managed by your account owner.\n+Login to change your plan or your card.\n+Our cheap Starter plan is billed monthly.\n \n ## Invoices",
            },
            { path: "LICENSE.txt", previousPath: "LICENSE", status: "renamed", additions: 0, deletions: 0 },
            { path: "public/billing-hero.png", status: "added", additions: 0, deletions: 0 },
          ],
        },
      },
    },
    { without: ["visionRules"] },
  ),
  "vision.check-files": refusedWhen(
    {
      title: "Vision check: a docs page and a config file",
      input: {
        files: [
          {
            path: "docs/getting-started.md",
            content:
              "# Getting started\n\nLogin with your work email. Lorem ipsum: screenshots follow.\n\nAsk your admin to add you to the whitelist.\n",
          },
          { path: "config/dev.env", content: "API_URL=http://localhost:8787\nAWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n" },
        ],
        visionRules: {
          forbiddenPatterns: [
            { id: "aws-access-key", pattern: "\\bAKIA[0-9A-Z]{16}\\b", message: "an AWS access key id must never be committed" },
          ],
          forbiddenTerms: ["lorem ipsum", "whitelist"],
          brand: { preferred: [{ use: "sign in", insteadOf: ["login", "log in"] }] },
        },
      },
    },
    { with: { files: [] } },
  ),
  "content.readability-check": {
    title: "Readability check: an onboarding-emails blog draft",
    input: {
      text: "# How to cut churn with onboarding emails\n\nMost SaaS companies lose customers in the first thirty days. The reason is simple: new users never reach the moment where the product clicks.\n\n## Why onboarding emails work\n\nAn onboarding email is sent when a user signs up. It is read by more people than any other email you send, and open rates are typically around fifty percent, which is more than double what a newsletter sees, as several vendors reported in their annual benchmarks, e.g. Mailchimp and Customer.io.\n\n#### One task per email\n\nKeep each email short. Give one task. Link to one page.\n",
      targetWords: 800,
    },
    invalid: { text: "   " },
  },
  "content.brief-builder": {
    title: "Content brief: onboarding emails for SaaS founders",
    input: {
      topic: "reducing SaaS churn with onboarding emails",
      audience: "SaaS founders",
      primaryKeyword: "onboarding emails",
      secondaryKeywords: ["churn rate", "welcome email", "activation", "drip campaign"],
      questions: ["How many onboarding emails should I send?", "what are onboarding emails"],
    },
    invalid: {
      topic: "reducing SaaS churn with onboarding emails",
      primaryKeyword: "onboarding emails",
      secondaryKeywords: ["churn rate", "welcome email", "activation", "drip campaign"],
      questions: ["How many onboarding emails should I send?", "what are onboarding emails"],
    },
  },
  "content.editorial-calendar": refusedWhen(
    {
      title: "Editorial calendar: December and January",
      input: {
        start: "2026-12-01",
        skipDates: ["2026-12-24", "2026-12-25", "2026-12-31", "2027-01-01"],
        pieces: [
          { title: "2027 trends report", format: "guide", owner: "Priya", priority: 1 },
          { title: "Holiday gift guide", format: "listicle", owner: "Sam", dueBy: "2026-12-15" },
          { title: "Customer story: Acme", format: "case-study", ready: true },
          { title: "Year in review", owner: "Priya", dueBy: "2026-12-30" },
          { title: "Onboarding emails guide", format: "how-to-guide", priority: 2 },
          { title: "Q4 results recap", dueBy: "2026-12-05" },
        ],
      },
    },
    { without: ["skipDates"], with: { start: "1 Dec" } },
  ),
  "social.post-check": {
    title: "Post check: a dark-mode launch across networks",
    input: {
      posts: [
        {
          id: "launch-x",
          platform: "x",
          text: "We just shipped dark mode for the dashboard! Your eyes will thank you at 2am. Try it now: https://acme.example/blog/dark-mode-is-here-and-it-is-great #darkmode #product #saas #launch. It took us six months, four redesigns and one very patient design team, and we think it was worth every late night of it. Tell us what you think.",
        },
        {
          id: "launch-ig",
          platform: "instagram",
          text: "Dark mode is here 🌙 Swipe to see it in action. Read more at https://acme.example/dark-mode #darkmode #ui #ux #design #saas #productdesign #DarkMode",
          mediaCount: 3,
          altText: false,
        },
        {
          id: "launch-li",
          platform: "linkedin",
          text: "Dark mode is live.\n\nWe heard you: 41% of you work after 8pm. Here is what we changed and why: https://acme.example/blog/dark-mode #ProductUpdate @jane_doe (mail us at team@acme.example)",
        },
        { id: "teaser", platform: "tiktok", text: "watch this", mediaCount: 0 },
      ],
    },
    invalid: { platform: "myspace", text: "hi" },
  },
  "social.posting-schedule": refusedWhen(
    {
      title: "Posting schedule: launch week",
      input: {
        start: "2026-12-01T10:30:00+01:00",
        days: 7,
        posts: [
          { id: "dark-mode-launch", platforms: ["linkedin", "x", "instagram"], priority: 1 },
          { id: "customer-story", platforms: ["linkedin", "facebook"] },
          { id: "tips-thread", platforms: ["x", "threads"] },
          { id: "webinar-invite", platforms: ["linkedin"], notBefore: "2026-12-03" },
          { id: "year-review", platforms: ["linkedin", "tiktok"], priority: 5 },
        ],
        skipDates: ["2026-12-04"],
      },
    },
    { without: ["days", "skipDates"], with: { start: "next monday" } },
  ),
  "seo.on-page-audit": refusedWhen(
    {
      title: "On-page SEO audit: the onboarding-emails guide",
      input: {
        content:
          '<!doctype html>\n<html lang="en">\n<head>\n  <meta charset="utf-8">\n  <title>Onboarding Emails That Cut SaaS Churn | Acme</title>\n  <meta name="description" content="Seven onboarding emails that turn sign-ups into active users, with templates and send times.">\n  <link rel="canonical" href="https://acme.example/blog/onboarding-emails">\n  <script>window.dataLayer = [{ page: "onboarding emails onboarding emails" }];</script>\n  <style>h1 { color: red }</style>\n</head>\n<body>\n  <nav><a href="/">Home</a> <a href="/blog">Blog</a></nav>\n  <article>\n    <h1>Onboarding emails that cut churn</h1>\n    <p>Most SaaS products lose half their trial users in the first week. A good sequence of onboarding emails brings them back to the one action that makes the product click.</p>\n    <img src="/img/sequence.png" alt="A seven-email onboarding sequence">\n    <img src="/img/chart.png">\n    <h2>Why onboarding matters</h2>\n    <p>Users who reach their first success in the first session stay three times longer. Read our <a href="https://acme.example/blog/activation">activation guide</a> or the <a href="https://www.reallygoodemails.com/" rel="nofollow">email gallery</a>.</p>\n    <h4>Timing &amp; cadence</h4>\n    <p>Send the welcome email at once, then space the rest by behaviour, not by the calendar. <a href="https://acme.example/pricing"><img src="/img/cta.png" alt=""></a></p>\n  </article>\n</body>\n</html>',
        keyword: "onboarding email",
        url: "https://acme.example/blog/saas-onboarding",
      },
    },
    { without: ["keyword", "url"] },
  ),
  "seo.keyword-cannibalisation": {
    title: "Keyword cannibalisation: three blog posts",
    input: {
      pages: [
        {
          url: "https://acme.example/blog/onboarding-emails",
          content:
            "<title>Onboarding emails: the complete guide</title><h1>Onboarding emails</h1><p>Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. </p>",
          targetKeyword: "onboarding emails",
        },
        {
          url: "https://acme.example/blog/onboarding-email-examples",
          content:
            "<title>10 onboarding email examples</title><h1>Onboarding email examples</h1><p>Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users.  Here are ten examples.</p>",
        },
        {
          url: "https://acme.example/blog/welcome-email-tips",
          content: "# Welcome email tips\n\nA welcome email is your first chance to show value. Onboarding emails come after it.",
          format: "markdown",
          targetKeyword: "welcome email",
        },
        {
          url: "https://acme.example/features/automation",
          content:
            "<title>Email automation for onboarding emails</title><h1>Email automation</h1><p>Automate your newsletters and more.</p>",
        },
      ],
      keywords: ["churn reduction"],
    },
    invalid: {
      pages: [
        {
          url: "https://acme.example/blog/onboarding-emails",
          content:
            "<title>Onboarding emails: the complete guide</title><h1>Onboarding emails</h1><p>Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. Onboarding emails are the first messages a new user receives after signing up. A good onboarding email sequence welcomes the user, shows one key action and follows up on behaviour. Send the welcome email at once, a tips email on day two and a check-in on day five. Keep every message short, with one call to action and a clear reason to come back. Measure activation rather than opens, and cut any step that does not move users toward their first success. Test subject lines, but test the timing first: it moves more users. </p>",
          targetKeyword: "onboarding emails",
        },
      ],
    },
  },
  "email.subject-lint": {
    title: "Subject-line check: four variants",
    input: {
      subjects: [
        {
          subject: "{{first_name}}, your March analytics report is ready",
          previewText: "Three numbers that moved this month, and what to do next.",
        },
        { subject: "FREE SHIPPING!!! Act now — 50% off everything 🎉🎉🎉", previewText: "View this email in your browser" },
        { subject: "RE: quick question" },
        { subject: "Hi {{ first_name }", previewText: "Hi" },
      ],
    },
    invalid: {},
  },
  "email.ab-test-plan": {
    title: "A/B test plan: a 50,000-contact send",
    input: { baselineRate: 0.2, minimumDetectableEffect: 0.1, listSize: 50000, sendAt: "2026-12-03T09:00:00+01:00" },
    invalid: { baselineRate: 22, minimumDetectableEffect: 0.1, listSize: 50000, sendAt: "2026-12-03T09:00:00Z" },
  },
  "ppc.campaign-metrics": {
    title: "Campaign metrics: search and display",
    input: {
      csv: 'Campaign,Day,Impr.,Clicks,Cost (USD),Conversions,Conv. value\nBrand search,2026-11-01,"12,000",960,480.00,48,"4,800.00"\nBrand search,2026-11-02,11000,900,450.00,45,4500\nGeneric search,2026-11-01,40000,800,1600.00,20,2400\nGeneric search,2026-11-02,38000,760,1520.00,18,2100\nDisplay retargeting,2026-11-01,90000,180,540.00,0,0\nDisplay retargeting,2026-11-02,85000,170,510.00,0,0\nNew test,2026-11-02,3000,40,60,1,90',
      targets: { cpa: 40, roas: 3, ctrPercent: 1 },
    },
    invalid: {
      csv: 'Campaign,Day,Impr.,Clicks,Cost (USD),Conversions,Conv. value\nBrand search,2026-11-01,"12,000",99999,480.00,48,"4,800.00"\nBrand search,2026-11-02,11000,900,450.00,45,4500\nGeneric search,2026-11-01,40000,800,1600.00,20,2400\nGeneric search,2026-11-02,38000,760,1520.00,18,2100\nDisplay retargeting,2026-11-01,90000,180,540.00,0,0\nDisplay retargeting,2026-11-02,85000,170,510.00,0,0\nNew test,2026-11-02,3000,40,60,1,90',
    },
  },
  "ppc.budget-pacing": {
    title: "Budget pacing: mid-November",
    input: {
      monthlyBudget: 24000,
      now: "2026-11-15T14:00:00-05:00",
      csv: 'Day,Campaign,Cost (USD)\r\n2026-11-01,Brand search,"310.00"\r\n2026-11-01,Generic search,400\r\n2026-11-02,Brand search,"310.00"\r\n2026-11-02,Generic search,400\r\n2026-11-03,Brand search,"310.00"\r\n2026-11-03,Generic search,400\r\n2026-11-04,Brand search,"310.00"\r\n2026-11-04,Generic search,400\r\n2026-11-05,Brand search,"310.00"\r\n2026-11-05,Generic search,400\r\n2026-11-07,Brand search,"310.00"\r\n2026-11-07,Generic search,400\r\n2026-11-08,Brand search,"310.00"\r\n2026-11-08,Generic search,520\r\n2026-11-09,Brand search,"2,020.00"\r\n2026-11-09,Generic search,520\r\n2026-11-10,Brand search,"310.00"\r\n2026-11-10,Generic search,520\r\n2026-11-11,Brand search,"310.00"\r\n2026-11-11,Generic search,520\r\n2026-11-12,Brand search,"310.00"\r\n2026-11-12,Generic search,520\r\n2026-11-13,Brand search,"310.00"\r\n2026-11-13,Generic search,520\r\n2026-11-14,Brand search,"310.00"\r\n2026-11-14,Generic search,520\r\n2026-11-15,Brand search,95.50\r\n2026-10-31,Brand search,300',
    },
    invalid: { monthlyBudget: 1000, now: "2026-11-15T14:00:00Z", rows: [] },
  },
  "brand.vocabulary-check": refusedWhen(
    {
      title: "Vocabulary check: a welcome message",
      input: {
        text: "Welcome to Waooaw! Login to your dashboard to hire cheap AI agents.\nOur agents leverage best-in-class synergies. LOGIN today, or log-in later from your e-mail.\nWe built Waooaw with Javascript and love it.",
        preferred: [
          { use: "sign in", insteadOf: ["login", "log in", "log-in"] },
          { use: "email", insteadOf: ["e-mail"] },
        ],
        banned: [
          { term: "cheap", replacement: "affordable", reason: "sounds low-quality" },
          { term: "synergies", reason: "jargon" },
        ],
        spellings: ["WAOOAW", "JavaScript"],
      },
    },
    { without: ["preferred", "banned", "spellings"] },
  ),
  "brand.tone-check": {
    title: "Tone check: a welcome message",
    input: {
      text: "Welcome to Waooaw! Login to your dashboard to hire cheap AI agents.\nOur agents leverage best-in-class synergies. LOGIN today, or log-in later from your e-mail.\nWe built Waooaw with Javascript and love it.",
      traits: { exclamations: "avoid", emoji: "avoid", jargon: ["leverage", "best-in-class", "synergy", "synergies"], minReadingEase: 60 },
    },
    invalid: {},
  },
  "influencer.engagement-audit": {
    title: "Engagement audit: four creators",
    input: {
      creators: [
        {
          handle: "@hikewithmaya",
          platform: "instagram",
          followers: 42000,
          following: 610,
          posts: [
            { likes: 1210, comments: 48 },
            { likes: 980, comments: 35 },
            { likes: 1430, comments: 61 },
            { likes: 1105, comments: 40 },
            { likes: 1320, comments: 52 },
            { likes: 890, comments: 31 },
          ],
        },
        {
          handle: "@luxe.life.daily",
          platform: "instagram",
          followers: 850000,
          following: 7400,
          posts: [
            { likes: 900, comments: 2 },
            { likes: 1100, comments: 1 },
            { likes: 760, comments: 0 },
            { likes: 1300, comments: 3 },
            { likes: 980, comments: 1 },
          ],
        },
        {
          handle: "@trailrunner_tom",
          platform: "tiktok",
          followers: 12500,
          following: 9800,
          posts: [
            { likes: 300, comments: 12, shares: 10, views: 300 },
            { likes: 9800, comments: 410, shares: 600, views: 220000 },
            { likes: 250, comments: 9, shares: 4, views: 250 },
            { likes: 310, comments: 14, shares: 6, views: 400 },
            { likes: 280, comments: 11, shares: 5, views: 390 },
          ],
        },
        {
          handle: "@newbie",
          platform: "youtube",
          followers: 800,
          posts: [
            { likes: 40, comments: 6 },
            { likes: 35, comments: 4 },
          ],
        },
      ],
    },
    invalid: { creators: [] },
  },
  "influencer.fit-ranking": refusedWhen(
    {
      title: "Creator shortlist: an outdoor-gear campaign",
      input: {
        brief: {
          keywords: ["hiking", "trail running", "outdoor gear"],
          countries: ["GB", "IE"],
          ageRanges: ["25-34", "35-44"],
          platforms: ["instagram", "tiktok"],
          budgetPerPost: 800,
          totalBudget: 2000,
          currency: "GBP",
        },
        creators: [
          {
            handle: "@hikewithmaya",
            platform: "instagram",
            followers: 42000,
            engagementRate: 0.029,
            pricePerPost: 650,
            topics: ["hiking", "wild camping", "outdoor gear reviews"],
            audience: { countries: { GB: 0.58, IE: 0.07, US: 0.12 }, ages: { "25-34": 0.41, "35-44": 0.22, "18-24": 0.2 } },
          },
          {
            handle: "@trailrunner_tom",
            platform: "tiktok",
            followers: 12500,
            engagementRate: 0.061,
            pricePerPost: 300,
            topics: ["trail running", "ultramarathons"],
            bio: "Running up hills so you don't have to. Hiking on rest days.",
            audience: { countries: { GB: 0.35, US: 0.3 }, ages: { "18-24": 0.45, "25-34": 0.35 } },
          },
          {
            handle: "@citystyle",
            platform: "instagram",
            followers: 95000,
            engagementRate: 0.018,
            pricePerPost: 950,
            topics: ["fashion", "streetwear"],
            audience: { countries: { GB: 0.7 }, ages: { "18-24": 0.6 } },
          },
          {
            handle: "@gearguy",
            platform: "youtube",
            followers: 310000,
            engagementRate: 0.02,
            pricePerPost: 4000,
            topics: ["outdoor gear"],
          },
          { handle: "@mountainmeg", platform: "instagram", followers: 7800, engagementRate: 0.052, topics: ["hiking", "trail running"] },
        ],
      },
    },
    { without: ["brief"] },
  ),
  "sdr.score-lead": {
    title: "Lead score: Nordwind Logistik",
    input: {
      lead: {
        company: "Nordwind Logistik GmbH",
        title: "VP Operations",
        industry: "Freight Logistics",
        employees: 850,
        region: "Germany",
        budget: 60000,
        need: "high",
        timelineMonths: 4,
      },
      icp: {
        industries: ["Logistics", "Manufacturing"],
        excludedIndustries: ["Gambling"],
        employees: { min: 200, max: 5000 },
        regions: ["EMEA", "North America"],
        minBudget: 40000,
      },
      currency: "EUR",
    },
    invalid: {
      icp: {
        industries: ["Logistics", "Manufacturing"],
        excludedIndustries: ["Gambling"],
        employees: { min: 200, max: 5000 },
        regions: ["EMEA", "North America"],
        minBudget: 40000,
      },
    },
  },
  "sdr.plan-sequence": {
    title: "Outreach sequence: a manager in Berlin",
    input: { start: "2026-12-03T08:02:00Z", timezone: "Europe/Berlin", persona: { role: "manager" }, holidays: ["2026-12-08"] },
    invalid: { start: "next tuesday", timezone: "Europe/Berlin", persona: { role: "manager" } },
  },
  "ae.review-deal": refusedWhen(
    {
      title: "Deal review: Globex, 400 seats",
      input: {
        now: "2026-12-01T09:00:00Z",
        deal: {
          name: "Globex: 400 seats",
          stage: "proposal",
          amount: 120000,
          closeDate: "2026-12-18",
          createdAt: "2026-06-15",
          lastActivityAt: "2026-11-10T15:00:00Z",
          stakeholders: [
            { name: "Dana Lee", role: "champion", sentiment: "positive", lastContactAt: "2026-11-03" },
            { name: "Sam Ortiz", role: "technical-evaluator", sentiment: "negative" },
          ],
          meddicc: { identifiedPain: true, metrics: true, decisionCriteria: true },
        },
      },
    },
    { without: ["now"] },
  ),
  "ae.plan-close": {
    title: "Close plan: Globex by 18 December",
    input: { now: "2026-11-02T10:00:00Z", deal: "Globex", closeDate: "2026-12-18", holidays: ["2026-11-26", "2026-11-27", "2026-12-25"] },
    invalid: { now: "2026-11-02T10:00:00Z", deal: "", closeDate: "2026-12-18" },
  },
  "ae.forecast-pipeline": {
    title: "Pipeline forecast: Q4",
    input: {
      now: "2026-11-15T09:00:00Z",
      period: { start: "2026-10-01", end: "2026-12-31" },
      quota: 500000,
      deals: [
        { name: "Initech", owner: "Ana", stage: "closed-won", amount: 150000, closeDate: "2026-10-20" },
        { name: "Globex", owner: "Ana", stage: "negotiation", amount: 120000, closeDate: "2026-12-18" },
        { name: "Umbrella", owner: "Ben", stage: "proposal", amount: 90000, closeDate: "2026-12-10" },
        { name: "Hooli", owner: "Ben", stage: "demo", amount: 200000, closeDate: "2026-12-20" },
        { name: "Vandelay", owner: "Ben", stage: "discovery", amount: 50000, closeDate: "2026-11-01" },
        { name: "Stark", owner: "Ana", stage: "prospecting", amount: 80000, closeDate: "2027-02-15" },
        { name: "Wayne", owner: "Ana", stage: "closed-lost", amount: 70000, closeDate: "2026-11-02" },
        { name: "Oscorp", owner: "Ben", stage: "proposal", amount: 40000, closeDate: "2026-09-30" },
      ],
    },
    invalid: { now: "2026-11-15T09:00:00Z", period: { start: "2026-10-01", end: "2026-12-31" }, deals: [] },
  },
  "enablement.build-battlecard": refusedWhen(
    {
      title: "Battlecard: Waooaw CRM vs RivalSoft",
      input: {
        us: {
          name: "Waooaw CRM",
          price: { amount: 600, per: "year" },
          features: [
            { name: "Email sequences", support: "full", importance: "critical" },
            { name: "Salesforce sync", support: "full", importance: "high" },
            { name: "AI call notes", support: "roadmap" },
            { name: "SSO / SAML", support: "full", importance: "high" },
            { name: "Mobile app", support: "partial", importance: "low" },
            { name: "Territory management", support: "full" },
          ],
        },
        competitor: {
          name: "RivalSoft",
          price: { amount: 45, per: "month" },
          features: [
            { name: "Email sequences", support: "partial" },
            { name: "salesforce sync", support: "roadmap" },
            { name: "AI call notes", support: "full", importance: "high" },
            { name: "SSO/SAML", support: "full" },
            { name: "Mobile app", support: "full" },
            { name: "Dialer", support: "full" },
          ],
        },
        seats: 50,
        objections: [
          { objection: "RivalSoft is cheaper" },
          { objection: "You don't have AI call notes" },
          { objection: "We need SSO / SAML" },
          { objection: "Security review will take months", response: "Send the security pack on day one." },
        ],
      },
    },
    { with: { us: { name: "Waooaw CRM", price: { amount: 600, per: "year" }, features: [] } } },
  ),
  "enablement.handle-objections": {
    title: "Objection handling: a negotiation call",
    input: {
      stage: "negotiation",
      competitors: ["RivalSoft"],
      objections: [
        "It's too expensive, can you do a discount?",
        "We already use RivalSoft and our contract runs to March",
        "Just send me some information",
        "There's no budget, it's frozen until next year",
        "I need to run it by my CFO",
        "Hmm, I'm not sure",
      ],
    },
    invalid: { objections: [] },
  },
  "crm.dedupe-contacts": {
    title: "Duplicate contacts: a UK import",
    input: {
      defaultCountry: "GB",
      contacts: [
        {
          id: "c1",
          firstName: "JANE",
          lastName: "o'neil",
          email: " Jane.ONeil@Acme.co.uk ",
          phone: "020 7946 0958",
          company: "Acme Ltd.",
          title: "Head of Sales",
          updatedAt: "2026-03-01",
        },
        {
          id: "c2",
          name: "Jane O'Neil",
          email: "jane.oneil@acme.co.uk",
          company: "ACME LIMITED",
          title: "VP Sales",
          updatedAt: "2026-09-01",
        },
        { id: "c3", firstName: "Tom", lastName: "Baker", email: "info@acme.co.uk", phone: "+44 20 7946 0000", company: "Acme" },
        { id: "c4", firstName: "Sue", lastName: "Lee", email: "info@acme.co.uk", phone: "+44 20 7946 0000", company: "Acme" },
        { id: "c5", firstName: "Tom", lastName: "Baker", phone: "02079460000", title: "CFO" },
        { id: "c6", name: "Müller, Hans", email: "hans@mueller.de", phone: "030 901820", country: "DE", company: "Müller GmbH & Co. KG" },
        { id: "c7", firstName: "hans", lastName: "müller", email: "h.mueller@gmial.com", phone: "12", company: "Mueller" },
        { id: "c8", firstName: "Hans", lastName: "Müller", company: "müller gmbh", email: "" },
      ],
    },
    invalid: { defaultCountry: "GB", contacts: [] },
  },
  "crm.hygiene-report": refusedWhen(
    {
      title: "CRM hygiene report",
      input: {
        now: "2026-12-01T00:00:00Z",
        defaultCountry: "US",
        contacts: [
          {
            id: "a1",
            firstName: "Ana",
            lastName: "Silva",
            email: "ana@initech.com",
            phone: "(415) 555-2671",
            company: "Initech",
            title: "CTO",
            lastActivityAt: "2026-11-20",
          },
          {
            id: "a2",
            firstName: "bob",
            lastName: "stone",
            email: "bob@initech",
            company: "Initech Inc.",
            title: "CFO",
            updatedAt: "2025-01-10",
          },
          {
            id: "a3",
            firstName: "Cara",
            lastName: "Diaz",
            email: "sales@globex.com",
            phone: "555-12",
            company: "Globex",
            updatedAt: "2026-10-01",
          },
          { id: "a4", firstName: "Dev", lastName: "Rao", email: "dev.rao@gmail.com", title: "Founder" },
          {
            id: "a5",
            firstName: "Ana",
            lastName: "Silva",
            email: "ANA@initech.com",
            company: "Initech",
            title: "CTO",
            updatedAt: "2026-06-01T10:00:00Z",
          },
        ],
      },
    },
    { without: ["now"] },
  ),
  "leadgen.filter-leads": {
    title: "Lead list: filtered against the ICP",
    input: {
      csv: 'First Name,Last Name,Job Title,Company,Work Email,Industry,Company Size,Country,Website\r\nAna,Silva,VP of Sales,Initech,ana@initech.com,Computer Software,201-500,Germany,initech.com\r\nBob,Stone,"Vice President, Sales",Globex,bob@globex.io,Software,"1,000+",United Kingdom,https://www.globex.io/\r\nCara,Diaz,Sales Intern,Initech,cara@initech.com,Computer Software,201-500,Germany,initech.com\r\nDev,Rao,Head of Sales,Hooli,dev@hooli,Software,51-200,USA,hooli.com\r\nEve,Park,VP Sales,Umbrella,eve@umbrella.com,Pharmaceuticals,5000+,France,umbrella.com\r\nFay,Chen,Senior Director Sales,Stark,fay@stark.com,Software,11-50,Canada,stark.com\r\nAna,Silva,VP Sales,Initech,ANA@initech.com,Computer Software,201-500,DE,initech.com\r\nGus,Moe,VP Sales,Vandelay,gus@gmail.com,Software,500,Brazil,vandelay.com\r\nHal,Ito,Sr. Sales Director,Initech,hal@initech.com,Software,201-500,Austria,initech.com\r\nIvy,Roe,VP Sales,Acme,,Software,300,Spain,acme.com\r\nbroken,row',
      icp: {
        industries: ["Software"],
        employees: { min: 100, max: 2000 },
        regions: ["EMEA", "NA"],
        titleKeywords: ["VP Sales", "Head of Sales", "Sales Director"],
        excludeTitleKeywords: ["intern"],
      },
    },
    invalid: {},
  },
  "leadgen.plan-funnel": {
    title: "Funnel plan: a $600k revenue goal",
    input: {
      revenueGoal: 600000,
      averageDealSize: 24000,
      conversionRates: { leadToMql: 0.1, mqlToSql: 0.4, opportunityToWon: 0.2 },
      inPipeline: { opportunities: 20, sqls: 10 },
    },
    invalid: { averageDealSize: 24000 },
  },
  "success.health-score": refusedWhen(
    {
      title: "Account health: Acme Logistics",
      input: {
        account: "Acme Logistics",
        now: "2026-12-02T09:00:00Z",
        purchasedSeats: 50,
        renewalDate: "2027-01-31",
        keyFeatures: ["Dashboards", "Reports", "Alerts", "API", "SSO"],
        npsResponses: [9, 10, 7, 6, 3, 8, 9, 5],
        rows: [
          { date: "2026-10-07", logins: 80, activeSeats: 24, featuresUsed: ["Dashboards", "Reports"] },
          { date: "2026-10-14", logins: 80, activeSeats: 24, featuresUsed: ["Dashboards", "Reports"] },
          { date: "2026-10-21", logins: 80, activeSeats: 24, featuresUsed: ["Dashboards", "Reports"] },
          { date: "2026-10-28", logins: 80, activeSeats: 24, featuresUsed: ["Dashboards", "Reports"] },
          {
            date: "2026-11-04",
            logins: 60,
            activeSeats: 22,
            featuresUsed: ["Dashboards", "Reports"],
            ticketsOpened: 2,
            ticketsEscalated: 0,
          },
          { date: "2026-11-11", logins: 55, activeSeats: 21, featuresUsed: ["dashboards"], ticketsOpened: 1, ticketsEscalated: 0 },
          {
            date: "2026-11-18",
            logins: 50,
            activeSeats: 20,
            featuresUsed: ["Dashboards", "Reports"],
            ticketsOpened: 3,
            ticketsEscalated: 1,
          },
          { date: "2026-11-25", logins: 45, activeSeats: 19, featuresUsed: ["dashboards"], ticketsOpened: 0, ticketsEscalated: 0 },
          {
            date: "2026-12-02",
            logins: 40,
            activeSeats: 18,
            featuresUsed: ["Dashboards", "Reports"],
            ticketsOpened: 2,
            ticketsEscalated: 0,
          },
        ],
      },
    },
    { without: ["now"] },
  ),
  "success.qbr-summary": {
    title: "QBR summary: Northwind Health, Q3",
    input: {
      account: "Northwind Health",
      previousQuarter: "Q2 2026",
      currentQuarter: "Q3 2026",
      metrics: [
        { name: "Weekly active users", previous: 410, current: 520, target: 500 },
        { name: "Automated workflows", previous: 35, current: 36 },
        { name: "Support tickets", previous: 64, current: 81, higherIsBetter: false },
        { name: "Avg handle time", previous: 6.5, current: 5, unit: "hours", higherIsBetter: false, target: 4 },
        { name: "Self-service rate", previous: 42, current: 48, unit: "percent", target: 60 },
        { name: "Cost savings", previous: 120000, current: 151500, unit: "currency" },
      ],
      goals: [
        { goal: "Roll out to the claims team", status: "done" },
        { goal: "Connect the EHR integration", status: "at-risk" },
      ],
    },
    invalid: {
      account: "Northwind Health",
      previousQuarter: "Q2 2026",
      currentQuarter: "Q3 2026",
      metrics: [],
      goals: [
        { goal: "Roll out to the claims team", status: "done" },
        { goal: "Connect the EHR integration", status: "at-risk" },
      ],
    },
  },
  "success.onboarding-progress": {
    title: "Onboarding progress: Globex",
    input: {
      account: "Globex",
      now: "2026-12-02T10:00:00Z",
      goLiveDate: "2026-12-15",
      milestones: [
        { name: "Kickoff call", due: "2026-11-02", completedOn: "2026-11-02", owner: "vendor" },
        { name: "SSO configured", due: "2026-11-16", completedOn: "2026-11-20", owner: "customer" },
        { name: "Data import", due: "2026-11-25", owner: "customer", dependsOn: ["SSO configured"] },
        { name: "Admin training", due: "2026-12-04", owner: "vendor", dependsOn: ["Data import"] },
        { name: "Workflow templates", due: "2026-12-08", owner: "vendor" },
        { name: "Go-live sign-off", due: "2026-12-15", owner: "customer", dependsOn: ["Admin training", "Workflow templates"] },
        { name: "Mobile app rollout", due: "2027-01-10", required: false },
      ],
    },
    invalid: { account: "Globex", now: "2026-12-02T10:00:00Z", goLiveDate: "2026-12-15", milestones: [] },
  },
  "techsupport.classify-ticket": {
    title: "Ticket triage: an outage report",
    input: {
      subject: "URGENT: app is down for all our users",
      text: "Since 09:10 UTC the dashboard returns 503 Service Unavailable for everyone in our company. Nobody can work. This is the third time this month, absolutely unacceptable!!",
    },
    invalid: { subject: "Help" },
  },
  "techsupport.match-known-issue": refusedWhen(
    {
      title: "Known-issue match: a failing CSV export",
      input: {
        knownIssues: [
          {
            id: "KI-101",
            title: "CSV export times out for large reports",
            keywords: ["export", "csv", "504"],
            symptoms:
              "Exporting a report with more than 50,000 rows to CSV spins for about a minute and then fails with 504 Gateway Timeout.",
            workaround: "Filter the report to under 50,000 rows, or schedule the export to be emailed (Reports > Schedule).",
            status: "open",
          },
          {
            id: "KI-102",
            title: "SSO login loop with Okta",
            keywords: ["sso", "okta", "saml", "redirect"],
            symptoms: "After signing in with Okta the browser redirects back to the login page endlessly.",
            workaround: "Clear the SAML session cookie or sign in from a private window.",
            status: "monitoring",
          },
          {
            id: "KI-103",
            title: "Invoice PDF shows VAT twice",
            keywords: ["invoice", "vat", "pdf"],
            symptoms: "The downloaded invoice PDF lists the VAT line twice; the charged amount is correct.",
            status: "fixed",
            fixedIn: "4.12",
          },
          {
            id: "KI-104",
            title: "Slack notifications delayed",
            keywords: ["slack", "notification", "delay"],
            symptoms: "Alerts reach Slack 10 to 30 minutes late during peak hours.",
            workaround: "Use email alerts for time-critical rules.",
          },
          {
            id: "KI-105",
            title: "Dashboard widgets blank in Safari",
            keywords: ["safari", "dashboard", "widget", "blank"],
            symptoms: "Charts render blank on Safari 17 on macOS.",
          },
        ],
        subject: "Export keeps failing",
        text: "Hi, when I try to export our quarterly report to CSV it spins and then shows a 504 gateway timeout error.",
      },
    },
    { without: ["subject", "text"] },
  ),
  "techsupport.sla-timers": refusedWhen(
    {
      title: "SLA timers: the open queue",
      input: {
        now: "2026-12-02T10:00:00Z",
        businessHours: { utcOffset: "+05:30", start: "09:00", end: "18:00", holidays: ["2026-12-25"] },
        policy: {
          P1: { firstResponseMinutes: 30, resolutionMinutes: 240 },
          P2: { firstResponseMinutes: 60, resolutionMinutes: 480, clock: "business" },
          P3: { firstResponseMinutes: 240, resolutionMinutes: 1440, clock: "business" },
          P4: { firstResponseMinutes: 480, resolutionMinutes: 4320, clock: "business" },
        },
        tickets: [
          { id: "T-101", priority: "P1", createdAt: "2026-12-02T09:00:00Z", firstRespondedAt: "2026-12-02T09:20:00Z" },
          { id: "T-102", priority: "P1", createdAt: "2026-12-02T06:30:00Z", firstRespondedAt: "2026-12-02T07:10:00Z" },
          { id: "T-103", priority: "P2", createdAt: "2026-12-01T11:30:00Z" },
          {
            id: "T-104",
            priority: "P3",
            createdAt: "2026-11-27T04:30:00Z",
            firstRespondedAt: "2026-11-27T06:00:00Z",
            resolvedAt: "2026-12-01T05:30:00Z",
          },
          { id: "T-105", priority: "P4", createdAt: "2026-11-20T05:30:00Z", firstRespondedAt: "2026-11-20T12:00:00Z", pausedMinutes: 1080 },
          {
            id: "T-106",
            priority: "P2",
            createdAt: "2026-11-30T04:30:00Z",
            firstRespondedAt: "2026-11-30T04:45:00Z",
            resolvedAt: "2026-12-01T09:30:00Z",
          },
        ],
      },
    },
    { with: { now: "yesterday" } },
  ),
  "techsupport.troubleshooting-checklist": {
    title: "Troubleshooting checklist: an SSO redirect loop",
    input: { symptoms: "Since Monday our users get stuck in a redirect loop when they sign in with Okta SSO.", stepsTried: ["reset"] },
    invalid: {},
  },
};
