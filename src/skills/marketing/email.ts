import { z } from "zod";
import { defineSkill } from "../skill";
import { esc, findingList, table } from "./lib/format";
import { words } from "./lib/text";

// Lengths in characters. Mobile inboxes show 30–40 characters of a subject and desktop ~60;
// most well-performing subject lines are 30–50. A preheader shows 40–130 characters.
const SUBJECT = { tooShort: 10, ideal: 50, cut: 60 };
const PREVIEW = { min: 40, max: 130 };

// Phrases spam filters and wary readers punish. High-risk ones are classic filter triggers;
// low-risk ones are ordinary promotional words that only hurt in numbers.
const HIGH_RISK = [
  "$$$",
  "100% free",
  "act now",
  "as seen on",
  "cash bonus",
  "click here",
  "congratulations",
  "dear friend",
  "double your",
  "earn money",
  "guaranteed",
  "make money",
  "miracle",
  "no credit check",
  "once in a lifetime",
  "risk-free",
  "risk free",
  "this is not spam",
  "this isn't spam",
  "winner",
  "you have won",
  "you won",
  "you've won",
];
const LOW_RISK = [
  "buy now",
  "cheap",
  "deal",
  "discount",
  "free",
  "hurry",
  "last chance",
  "limited time",
  "lowest price",
  "order now",
  "urgent",
];
// Capitalised abbreviations that are not shouting.
const ACRONYMS = new Set([
  "SEO",
  "CEO",
  "CTO",
  "CFO",
  "CRM",
  "API",
  "FAQ",
  "PDF",
  "ROI",
  "KPI",
  "USA",
  "NYC",
  "HTML",
  "HTTP",
  "SAAS",
  "B2B",
  "B2C",
  "GDPR",
  "ASAP",
  "RSVP",
  "LIVE",
  "NEW",
]);
// Merge tags of the common platforms: {{first_name}}, *|FNAME|*, %%FirstName%%, {$name}, [FirstName].
const TOKEN = /\{\{\s*[\w.| "'-]+\s*\}\}|\*\|[\w:-]+\|\*|%%[\w-]+%%|\{\$[\w-]+\}|\[[A-Z][A-Za-z_]*Name\]/g;
const BROKEN_TOKEN = /\{\{|\}\}|\*\||\|\*|%%/;
const BOILERPLATE = /view (this email )?in (your )?browser|view this email|trouble viewing|unsubscribe/i;
const EMOJI = /\p{Extended_Pictographic}/gu;

const severity = z.enum(["error", "warning", "info"]);
const result = z.object({
  subject: z.string(),
  previewText: z.string().nullable(),
  characters: z.number().int(),
  words: z.number().int(),
  score: z.number().int().min(0).max(100),
  grade: z.enum(["strong", "good", "needs work", "poor"]),
  personalised: z.boolean(),
  findings: z.array(z.object({ severity, code: z.string(), message: z.string(), penalty: z.number().int() })),
});
type Result = z.input<typeof result>;

function lint(subject: string, previewText: string | undefined): Result {
  const findings: Result["findings"] = [];
  const add = (sev: z.infer<typeof severity>, code: string, message: string, penalty: number) =>
    findings.push({ severity: sev, code, message, penalty });
  const chars = [...subject].length;
  const lower = subject.toLowerCase();
  const withoutTokens = subject.replace(TOKEN, "");
  const personalised = withoutTokens !== subject;

  if (chars < SUBJECT.tooShort) add("warning", "too-short", `${chars} characters says too little to earn the open.`, 10);
  else if (chars > SUBJECT.cut)
    add("warning", "too-long", `${chars} characters: phones cut it after ~40 and desktops after ~${SUBJECT.cut}.`, 15);
  else if (chars > SUBJECT.ideal) add("info", "long", `${chars} characters: put the key words in the first 40; phones cut the rest.`, 5);
  if (/^\s*(re|fwd?)\s*:/i.test(subject))
    add("error", "fake-reply", "A fake RE:/FW: prefix misleads readers (and breaks CAN-SPAM's honest-subject rule).", 20);
  if (BROKEN_TOKEN.test(withoutTokens)) add("error", "broken-token", "A merge tag is broken: subscribers would see the raw code.", 20);
  const high = HIGH_RISK.filter((p) => lower.includes(p));
  const low = LOW_RISK.filter((p) => new RegExp(`(^|[^a-z])${p}([^a-z]|$)`).test(lower) && !high.some((h) => h.includes(p)));
  if (high.length)
    add("warning", "spam-words", `Spam-filter triggers: ${high.map((p) => `"${esc(p)}"`).join(", ")}.`, Math.min(30, 15 * high.length));
  if (low.length)
    add(
      "info",
      "promo-words",
      `Promotional words that add up with filters: ${low.map((p) => `"${esc(p)}"`).join(", ")}.`,
      Math.min(10, 5 * low.length),
    );
  const shouting = words(withoutTokens).filter(
    (w) => w.length >= 3 && /\p{Lu}/u.test(w) && w === w.toUpperCase() && !ACRONYMS.has(w.toUpperCase()),
  );
  if (shouting.length)
    add(
      "warning",
      "all-caps",
      `ALL-CAPS words read as shouting and trip filters: ${shouting.map((w) => esc(w)).join(", ")}.`,
      Math.min(20, 10 * shouting.length),
    );
  const bangs = (subject.match(/!/g) ?? []).length;
  if (bangs > 1 || /[!?]{2,}/.test(subject)) add("warning", "punctuation", "Repeated ! or ? looks like spam; use one at most.", 10);
  else if (bangs === 1) add("info", "exclamation", "An exclamation mark rarely adds more than it costs in trust.", 2);
  if (/\$\d|\d+\s*%\s*off/i.test(subject) && !high.length)
    add("info", "price", "Prices and % off work for promotions but mark the email as one (Gmail's Promotions tab).", 0);
  const emoji = (subject.match(EMOJI) ?? []).length;
  if (emoji > 2) add("info", "emoji", `${emoji} emoji: they render differently across clients; one is plenty.`, 5);
  if (personalised) add("info", "personalised", "Personalised with a merge tag: make sure it has a fallback for missing names.", 0);

  const preview = previewText?.trim();
  if (!preview)
    add("warning", "no-preview", 'No preview text: the inbox shows the email\'s first line instead (often "View in browser").', 10);
  else {
    const pChars = [...preview].length;
    if (BOILERPLATE.test(preview))
      add("warning", "preview-boilerplate", "The preview text is boilerplate; use it to extend the subject.", 10);
    if (preview.toLowerCase().startsWith(lower.trim()) || lower.includes(preview.toLowerCase()))
      add("warning", "preview-repeats", "The preview text repeats the subject; add new information instead.", 5);
    if (pChars < PREVIEW.min)
      add("info", "preview-short", `Preview text of ${pChars} characters leaves room: ${PREVIEW.min}–${PREVIEW.max} fills the line.`, 3);
    else if (pChars > PREVIEW.max) add("info", "preview-long", `Preview text of ${pChars} characters will be cut at ~${PREVIEW.max}.`, 0);
  }
  const score = Math.max(0, 100 - findings.reduce((a, f) => a + f.penalty, 0));
  return {
    subject,
    previewText: preview ?? null,
    characters: chars,
    words: words(withoutTokens).length + (subject.match(TOKEN) ?? []).length,
    score,
    // An error (a fake reply, a broken merge tag) needs fixing whatever the rest scores.
    grade:
      score >= 50 && findings.some((f) => f.severity === "error")
        ? "needs work"
        : score >= 85
          ? "strong"
          : score >= 70
            ? "good"
            : score >= 50
              ? "needs work"
              : "poor",
    personalised,
    findings,
  };
}

const subjectLine = z.object({
  subject: z.string().trim().min(1, "the subject line is empty").max(300),
  previewText: z.string().max(500).optional(),
});

/** Lints email subject lines (and their preview text) for length, spam triggers, caps, punctuation and merge tags, with a 0–100 score each. */
export const subjectLint = defineSkill({
  name: "email.subject-lint",
  title: "Email subject-line lint: length, spam words, caps, punctuation, merge tags and preview text, scored 0–100",
  // One subject (`{ subject, previewText }`) or up to 20 variants to compare (`{ subjects: [...] }`).
  input: z
    .object({
      subject: subjectLine.shape.subject.optional(),
      previewText: subjectLine.shape.previewText,
      subjects: z.array(subjectLine).min(1, "give at least one subject line").max(20).optional(),
    })
    .refine((i) => (i.subject === undefined) !== (i.subjects === undefined), {
      message: "give subject (one line) or subjects (variants), not both or neither",
      path: ["subject"],
    }),
  output: z.object({ results: z.array(result), best: z.number().int().nullable() }),
  run: ({ subject, previewText, subjects }) => {
    const lines = subjects ?? (subject === undefined ? [] : [{ subject, previewText }]);
    const results = lines.map((s) => lint(s.subject, s.previewText));
    const best = results.length > 1 ? results.reduce((b, r, i) => (r.score > (results[b]?.score ?? -1) ? i : b), 0) : null;
    return { results, best };
  },
  render: ({ results, best }) =>
    [
      "## Subject-line check",
      "",
      table(
        ["#", "Subject", "Chars", "Score"],
        results.map((r, i) => [i + 1, esc(r.subject, 80), r.characters, `${r.score} (${r.grade})${i === best ? " ★ best" : ""}`]),
      ),
      ...results.flatMap((r, i) => [
        "",
        `### ${i + 1}. ${esc(r.subject, 80)}`,
        r.previewText ? `Preview: ${esc(r.previewText, 140)}` : "Preview: _none_",
        "",
        findingList(r.findings, "Clean: no issues found."),
      ]),
    ].join("\n"),
});
