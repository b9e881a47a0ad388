/** The templates behind content.brief-builder: outlines per format, questions, titles and CTAs per goal. */

export const FORMATS = ["blog-post", "how-to-guide", "listicle", "case-study", "landing-page"] as const;
export type Format = (typeof FORMATS)[number];
export type Goal = "awareness" | "consideration" | "conversion";

// Typical lengths that rank and get read for each format (industry surveys of top-ranking pages).
export const DEFAULT_WORDS: Record<Format, number> = {
  "blog-post": 1500,
  "how-to-guide": 2000,
  listicle: 1200,
  "case-study": 1000,
  "landing-page": 600,
};

export const LISTICLE_ITEMS = 7;
/**
 * A section template: `{kw}`, `{Kw}`, `{audience}`, `{topic}`, `{cta}` are filled in, and `{is}`,
 * `{does}`, `{it}`, `{s}` agree with the keyword ("What are onboarding emails?"); `body` sections
 * carry the secondary keywords.
 */
export interface Template {
  heading: string | null;
  purpose: string;
  weight: number;
  body?: boolean;
  faq?: boolean;
}

const FAQ: Template = {
  heading: "Frequently asked questions",
  purpose: "Answer each question in 40–60 words, the question as an H3.",
  weight: 0.1,
  faq: true,
};
export const TEMPLATES: Record<Format, Template[]> = {
  "blog-post": [
    {
      heading: null,
      purpose: "Open with the problem {audience} face and promise what they will learn; “{kw}” in the first 100 words.",
      weight: 0.1,
    },
    {
      heading: "What {is} {kw}?",
      purpose: "A plain 2–3 sentence definition (the snippet answer), then the detail.",
      weight: 0.15,
      body: true,
    },
    {
      heading: "Why {kw} matter{s} for {audience}",
      purpose: "The stakes in costs, risks or gains, with one sourced number.",
      weight: 0.15,
      body: true,
    },
    {
      heading: "How to get started with {kw}",
      purpose: "Concrete steps or a framework, one H3 per step, with an example.",
      weight: 0.25,
      body: true,
    },
    { heading: "Common mistakes to avoid", purpose: "3–5 mistakes, each with its fix.", weight: 0.15, body: true },
    FAQ,
    { heading: "Conclusion", purpose: "Recap the three key points; close with the call to action: {cta}.", weight: 0.1 },
  ],
  "how-to-guide": [
    {
      heading: null,
      purpose: "The outcome, who it is for ({audience}), time and difficulty; “{kw}” in the first 100 words.",
      weight: 0.08,
    },
    { heading: "What you need before you start", purpose: "Prerequisites: tools, access, data.", weight: 0.1 },
    {
      heading: "Step by step: {topic}",
      purpose: "Numbered steps, one action each (H3 per step), with a screenshot or example.",
      weight: 0.45,
      body: true,
    },
    { heading: "Troubleshooting", purpose: "The problems people hit most and how to fix each.", weight: 0.15, body: true },
    { ...FAQ, weight: 0.12 },
    { heading: "Next steps", purpose: "What to do once it works; the call to action: {cta}.", weight: 0.1 },
  ],
  listicle: [
    {
      heading: null,
      purpose: "Why this list matters to {audience}; how the items were chosen; “{kw}” in the first 100 words.",
      weight: 0.1,
    },
    ...Array.from({ length: LISTICLE_ITEMS }, (_, i) => ({
      heading: `${i + 1}. [item ${i + 1}]`,
      purpose: "Name it, why it works, one example, how to apply it.",
      weight: 0.1,
      body: true,
    })),
    { heading: "How to choose where to start", purpose: "Which items suit which situation.", weight: 0.1 },
    { heading: "Conclusion", purpose: "One-line recap; the call to action: {cta}.", weight: 0.1 },
  ],
  "case-study": [
    { heading: "At a glance", purpose: "Customer, challenge and result in three bullets, with the headline number.", weight: 0.1 },
    { heading: "About the customer", purpose: "Who they are, size, market: why {audience} will relate.", weight: 0.1 },
    { heading: "The challenge", purpose: "The problem in the customer's words, and what it cost them.", weight: 0.2, body: true },
    { heading: "The solution", purpose: "What was done and how {kw} was used; the timeline.", weight: 0.25, body: true },
    { heading: "The results", purpose: "Before/after numbers and a customer quote.", weight: 0.25, body: true },
    { heading: "What's next", purpose: "Plans ahead; the call to action: {cta}.", weight: 0.1 },
  ],
  "landing-page": [
    { heading: "{Kw} for {audience}", purpose: "H1 with “{kw}”, a one-line benefit subhead, the main button: {cta}.", weight: 0.1 },
    { heading: "The problem", purpose: "The pain {audience} feel today, in their words.", weight: 0.15 },
    { heading: "Benefits", purpose: "Three outcomes (not features), one H3 each.", weight: 0.25, body: true },
    { heading: "How it works", purpose: "Three simple steps.", weight: 0.15, body: true },
    { heading: "What customers say", purpose: "Two testimonials with names and numbers; customer logos.", weight: 0.1 },
    { ...FAQ, weight: 0.15, purpose: "Handle the objections: price, time, risk, switching." },
    { heading: "Get started", purpose: "Repeat the offer and the button: {cta}.", weight: 0.1 },
  ],
};

export const GOAL_QUESTIONS: Record<Goal, string[]> = {
  awareness: ["What {is} {kw}?", "Why {does} {kw} matter for {audience}?", "How {does} {kw} work?"],
  consideration: ["What are the options for {kw}?", "How do you choose the right {kw} approach?", "What does {kw} cost?"],
  conversion: [
    "What do I need to get started with {kw}?",
    "How long does {kw} take to show results?",
    "What results can {audience} expect?",
  ],
};
export const GOAL_CTA: Record<Goal, string> = {
  awareness: "subscribe for more guides like this",
  consideration: "download the comparison checklist",
  conversion: "book a demo or start a free trial",
};
export const GOAL_META: Record<Goal, string> = {
  awareness: "Learn what {kw} {is}, why {it} matter{s} for {audience} and how to get started.",
  consideration: "Compare your {kw} options: what to look for, what it costs and how to choose.",
  conversion: "See how {kw} work{s} for {audience}, what results to expect and how to start today.",
};
export const TITLES: Record<Format, string[]> = {
  "blog-post": ["{Kw}: what {audience} need to know", "How to get started with {kw}", "{Kw} explained: a practical guide"],
  "how-to-guide": ["How to {topic}: a step-by-step guide", "{Kw}: a step-by-step guide", "{Kw} made simple"],
  listicle: [`${LISTICLE_ITEMS} {kw} tips for {audience}`, `${LISTICLE_ITEMS} ways to get more from {kw}`, `The {kw} checklist`],
  "case-study": ["Case study: {topic}", "{Kw} in practice: {topic}", "How {kw} delivered results: {topic}"],
  "landing-page": ["{Kw} for {audience}", "{Kw} that work{s}", "Get started with {kw}"],
};

export const CHECKLIST = [
  "Primary keyword in the title, H1, URL and first 100 words",
  "One H1; H2s for sections, H3s inside them, no skipped levels",
  "Every image has descriptive alt text",
  "2–3 internal links to related pages and 1–2 to credible sources",
  "Meta description 70–160 characters with the keyword and a reason to click",
  "Call to action above the fold (landing pages) or at the end",
];
