import { z } from "zod";
import { defineSkill } from "../skill";
import { type CompiledLexicon, compileLexicon, findPhrases, negated, round, stems } from "./lib/text";
import { CATEGORIES, type Category, CHURN, IMPACT, LEXICONS, QUEUES, SENTIMENT, URGENCY } from "./techsupport-lexicons";

/**
 * `techsupport.classify-ticket`: first-line triage. Weighted keyword lexicons (matched on
 * stems, so "crashed" and "crashes" count alike) give the category; a fixed ladder of rules
 * gives P1–P4 and names the rule that set it; a support-tuned lexicon with negation gives the
 * sentiment and the churn signals. It takes a task's inputs or a `customer.message` payload.
 */

const input = z.object({
  subject: z.string().trim().max(500).optional(),
  /** A `customer.message` payload names its task instead of a subject. */
  taskTitle: z.string().trim().max(500).optional(),
  text: z.string().trim().min(1, "the ticket has no text").max(20_000),
  customerTier: z.enum(["enterprise", "business", "standard", "free"]).optional(),
  affectedUsers: z.number().int().min(1).max(10_000_000).optional(),
});

const category = z.enum([...CATEGORIES, "general"]);
const output = z.object({
  category,
  confidence: z.number().min(0).max(1),
  scores: z.array(z.object({ category, score: z.number() })),
  evidence: z.array(z.string()),
  priority: z.enum(["P1", "P2", "P3", "P4"]),
  priorityRule: z.object({ id: z.string(), reason: z.string() }),
  queue: z.string(),
  sentiment: z.object({ label: z.enum(["angry", "frustrated", "neutral", "positive"]), score: z.number(), cues: z.array(z.string()) }),
  flags: z.array(z.string()),
});
type Output = z.input<typeof output>;

const compiled = new Map(CATEGORIES.map((c) => [c, compileLexicon(LEXICONS[c])]));
const urgency = compileLexicon(URGENCY);
const impact = compileLexicon(IMPACT);
const churn = compileLexicon(CHURN);
const sentimentLexicon = compileLexicon(SENTIMENT);

/** The subject is the customer's own summary: its words count double. */
const SUBJECT_WEIGHT = 2;
/** A phrase counts at most twice: one word typed five times is still one signal. */
const MAX_REPEATS = 2;
/** Six points (two strong cues) is full-strength evidence for a category. */
const FULL_EVIDENCE = 6;
/**
 * A lexicon's score over the subject (double weight) and the body. With `skipNegated`, a cue
 * right after a negation does not count ("it's not urgent", "we don't want to cancel").
 */
function score(tokens: readonly string[], subject: readonly string[], lexicon: CompiledLexicon, skipNegated = false) {
  const count = new Map<string, number>();
  let total = 0;
  for (const [part, weight] of [
    [subject, SUBJECT_WEIGHT],
    [tokens, 1],
  ] as const) {
    for (const hit of findPhrases(part, lexicon)) {
      if (skipNegated && negated(part, hit.at)) continue;
      const seen = count.get(hit.phrase) ?? 0;
      if (seen >= MAX_REPEATS) continue;
      count.set(hit.phrase, seen + 1);
      total += hit.weight * weight;
    }
  }
  return { total, phrases: [...count.keys()] };
}

/** Sentiment: lexicon weights, flipped after a negation ("not happy"), plus agitation. */
function sentimentOf(text: string) {
  const tokens = stems(text);
  const cues: string[] = [];
  let value = 0;
  for (const hit of findPhrases(tokens, sentimentLexicon)) {
    const flip = negated(tokens, hit.at);
    value += flip ? -hit.weight : hit.weight;
    cues.push(flip ? `not ${hit.phrase}` : hit.phrase);
  }
  // Shouting and stacked exclamation marks are agitation whatever the words.
  // Three capitalised words in a row is a shouted sentence; lone acronyms (HTTP, API, SSO) are not.
  if (/\b[A-Z]{2,}\b[^a-z\n]{1,4}\b[A-Z]{2,}\b[^a-z\n]{1,4}\b[A-Z]{2,}\b/.test(text)) {
    value -= 2;
    cues.push("ALL CAPS");
  }
  if (/!{2,}/.test(text)) {
    value -= 1;
    cues.push("!!");
  }
  // Two strong frustration words make a customer angry; one mild one, frustrated.
  const label: Output["sentiment"]["label"] = value <= -4 ? "angry" : value <= -1 ? "frustrated" : value >= 2 ? "positive" : "neutral";
  return { label, score: value, cues: [...new Set(cues)] };
}

type Rung = { id: string; priority: Output["priority"]; reason: string };

function run(v: z.output<typeof input>): Output {
  const tokens = stems(v.text);
  const subject = stems(v.subject ?? v.taskTitle ?? "");
  const results = CATEGORIES.map((c) => ({ category: c, ...score(tokens, subject, compiled.get(c) as CompiledLexicon) }));
  // Highest score wins; a tie goes to the category listed first (the costlier one to miss).
  const best = results.reduce((a, b) => (b.total > a.total ? b : a));
  const all = results.reduce((n, r) => n + r.total, 0);
  const cat: Category | "general" = best.total > 0 ? best.category : "general";
  const has = (lexicon: CompiledLexicon) => score(tokens, subject, lexicon, true).phrases;
  const urgent = has(urgency);
  const wide = has(impact);
  const churnCues = has(churn);
  const users = v.affectedUsers ?? 0;
  const sentiment = sentimentOf(`${v.subject ?? v.taskTitle ?? ""}\n${v.text}`);

  // The priority ladder: first matching rung wins.
  const ladder: [boolean, Rung][] = [
    // One strong cue (breach, phishing, "unauthorised access") is enough to treat it as an incident.
    [
      cat === "security" && best.total >= 3,
      { id: "security-incident", priority: "P1", reason: "possible security incident: P1 until ruled out" },
    ],
    [cat === "security", { id: "security-question", priority: "P3", reason: "a security question for the security team to confirm" }],
    [cat === "outage" && (wide.length > 0 || users >= 50), { id: "outage-wide", priority: "P1", reason: "service down for many users" }],
    [cat === "outage", { id: "outage-partial", priority: "P2", reason: "service unavailable for some users" }],
    [
      (cat === "bug" || cat === "account-access") && (urgent.length > 0 || users >= 10),
      { id: "work-blocked", priority: "P2", reason: "a defect is blocking work (urgent wording or 10+ users affected)" },
    ],
    [
      cat === "billing" && best.phrases.some((p) => /twice|double|overcharg|wrong amount/.test(p)),
      { id: "money-taken", priority: "P2", reason: "the customer was charged wrongly" },
    ],
    [
      churnCues.length > 0 && sentiment.label === "angry",
      { id: "churn-threat", priority: "P2", reason: "an angry customer talks of leaving: a lead answers today" },
    ],
    [
      v.customerTier === "enterprise" && (cat === "bug" || cat === "account-access" || cat === "billing"),
      { id: "enterprise-defect", priority: "P2", reason: "an enterprise customer's defect or account problem" },
    ],
    [
      cat === "bug" || cat === "account-access" || cat === "billing",
      { id: "defect", priority: "P3", reason: "a defect or account problem with limited impact" },
    ],
    [true, { id: "question", priority: "P4", reason: "a question, request or general enquiry: no loss of service" }],
  ];
  const rung = (ladder.find(([when]) => when) as [boolean, Rung])[1];

  const flags = [
    ...(churnCues.length ? [`churn risk (${churnCues.join(", ")})`] : []),
    ...(urgent.length ? [`urgent wording (${urgent.join(", ")})`] : []),
    ...(wide.length ? [`wide impact (${wide.join(", ")})`] : []),
    ...(users > 0 ? [`${users} users affected`] : []),
  ];
  return {
    category: cat,
    confidence: all === 0 ? 0 : round((best.total / all) * Math.min(1, best.total / FULL_EVIDENCE), 2),
    scores: results.filter((r) => r.total > 0).map((r) => ({ category: r.category, score: r.total })),
    evidence: best.total > 0 ? best.phrases : [],
    priority: rung.priority,
    priorityRule: { id: rung.id, reason: rung.reason },
    queue: QUEUES[cat],
    sentiment,
    flags,
  };
}

function render(o: z.output<typeof output>): string {
  const quote = (xs: string[]) => xs.map((x) => `"${x}"`).join(", ");
  return [
    `## Ticket triage: ${o.priority}, ${o.category}`,
    "",
    `- **Category:** ${o.category} (confidence ${o.confidence.toFixed(2)})${o.evidence.length ? `, from ${quote(o.evidence)}` : ""}`,
    `- **Priority:** ${o.priority}, rule \`${o.priorityRule.id}\`: ${o.priorityRule.reason}`,
    `- **Route to:** ${o.queue}`,
    `- **Sentiment:** ${o.sentiment.label} (${o.sentiment.score})${o.sentiment.cues.length ? `: ${quote(o.sentiment.cues)}` : ""}`,
    ...(o.flags.length ? [`- **Flags:** ${o.flags.join("; ")}`] : []),
  ].join("\n");
}

export const classifyTicket = defineSkill({
  name: "techsupport.classify-ticket",
  title: "Triage a support ticket: category, P1–P4 priority with the rule that set it, sentiment and churn signals",
  input,
  output,
  run,
  render,
});
