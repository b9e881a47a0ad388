import { z } from "zod";
import { defineSkill } from "../skill";
import { bullets, cell } from "./lib/format";
import { type OpenStage, openStage } from "./lib/stages";

/**
 * `enablement.handle-objections`: the playbook answer to objections a rep heard: what kind of
 * objection each is (by the phrases buyers use), and how to work it with LAER (listen,
 * acknowledge, explore, respond), the questions to ask, the proof to use and what not to say,
 * adjusted to the deal's stage.
 */

export const categories = [
  "price",
  "budget",
  "timing",
  "authority",
  "status-quo",
  "competitor",
  "trust",
  "security",
  "integration",
  "brush-off",
] as const;
export type Category = (typeof categories)[number] | "unclassified";

// Phrases that mark each kind; a match on more of them is a surer reading. Order breaks ties:
// "no budget" is a budget objection before it is a price one.
const signals: Record<(typeof categories)[number], RegExp[]> = {
  budget: [/\bno budget\b/, /\bbudget(s)? (is |are )?(frozen|cut|spent|gone)\b/, /\bnot budgeted\b/, /\bfunding\b/, /\bfreeze\b/],
  price: [
    /\btoo (expensive|pricey|much)\b/,
    /\bprice[sd]?\b/,
    /\bpricing\b/,
    /\bcost(s|ly)?\b/,
    /\bcheaper\b/,
    /\bdiscount\b/,
    /\bafford\b/,
  ],
  timing: [
    /\bnot now\b/,
    /\bnext (quarter|year|month)\b/,
    /\bbad time\b/,
    /\btiming\b/,
    /\blater\b/,
    /\brevisit\b/,
    /\btoo busy\b/,
    /\bq[1-4]\b/,
  ],
  authority: [
    /\bmy (boss|manager|cfo|ceo|vp)\b/,
    /\bnot my (decision|call)\b/,
    /\brun it by\b/,
    /\bcheck with\b/,
    /\bsign[- ]?off\b/,
    /\bapproval\b/,
    /\bcommittee\b/,
  ],
  "status-quo": [
    /\b(we'?re|we are) (fine|good|happy)\b/,
    /\bhappy with\b/,
    /\bdon'?t need\b/,
    /\bnot a priority\b/,
    /\bworks (fine|well)\b/,
    /\bspreadsheets?\b/,
    /\bin[- ]house\b/,
  ],
  competitor: [
    /\balready (use|using|have|work with)\b/,
    /\bcontract with\b/,
    /\blocked in\b/,
    /\bcompetitor\b/,
    /\bswitch(ing)?\b/,
    /\bincumbent\b/,
  ],
  trust: [/\bnever heard\b/, /\btoo small\b/, /\bstart-?up\b/, /\brisk(y)?\b/, /\breferences?\b/, /\btrack record\b/, /\bproven\b/],
  security: [
    /\bsecurity\b/,
    /\bgdpr\b/,
    /\bsoc ?2\b/,
    /\bcomplian(ce|t)\b/,
    /\bprivacy\b/,
    /\bhipaa\b/,
    /\biso ?27001\b/,
    /\bdata residency\b/,
  ],
  integration: [
    /\bintegrat(e|ion|es)\b/,
    /\bapi\b/,
    /\bimplement(ation)?\b/,
    /\bmigrat(e|ion)\b/,
    /\bit team\b/,
    /\bcomplex\b/,
    /\bresources\b/,
  ],
  "brush-off": [/\bsend me\b/, /\be-?mail me\b/, /\bnot interested\b/, /\bsome info(rmation)?\b/, /\bcall me back\b/],
};
const order: (typeof categories)[number][] = [
  "budget",
  "price",
  "security",
  "integration",
  "competitor",
  "authority",
  "timing",
  "trust",
  "status-quo",
  "brush-off",
];

type Play = { label: string; acknowledge: string; explore: string[]; respond: string; proof: string; avoid: string };
const plays: Record<Category, Play> = {
  price: {
    label: "Price",
    acknowledge: "It is a real investment, and you should be sure it pays back.",
    explore: ["Compared with what: another offer, the budget, or doing nothing?", "What would it need to return for the price to be easy?"],
    respond: "Move from price to value: restate the metric they agreed and its cost today, then compare on total cost of ownership.",
    proof: "An ROI case or a customer's payback period in their industry.",
    avoid: "Offering a discount before they have said what it would change.",
  },
  budget: {
    label: "Budget",
    acknowledge: "Understood: nothing was set aside for this.",
    explore: ["When is the next budget cycle, and who owns it?", "If the case were clear, where has money been found before mid-year?"],
    respond:
      "Build the business case with the champion so it can compete for money: cost of the problem versus cost of the fix, and a phased start.",
    proof: "A business-case template and a customer who funded a phased start.",
    avoid: "Treating no budget as no: it is usually no case yet.",
  },
  timing: {
    label: "Timing",
    acknowledge: "Fair: there is a lot on your plate this quarter.",
    explore: ["What is taking priority, and when does it land?", "What does waiting cost each month?"],
    respond: "Quantify the cost of delay and tie a start date to an event they care about; if it really is later, agree a dated follow-up.",
    proof: "The monthly cost of the problem from their own numbers.",
    avoid: "Pushing for a close the buyer has no reason to make now.",
  },
  authority: {
    label: "Authority",
    acknowledge: "Makes sense that they should weigh in.",
    explore: ["How will they judge it, and what will they ask you?", "Could we meet them together, so you are not left to sell it alone?"],
    respond: "Arm the champion (one-page summary, the numbers) and ask to meet the decision-maker with them.",
    proof: "A one-page executive summary in the decision-maker's terms.",
    avoid: "Going around the contact to their boss without them.",
  },
  "status-quo": {
    label: "No need / status quo",
    acknowledge: "Good to hear things work today.",
    explore: ["What does the current way cost in time or errors each month?", "What would have to change for this to matter?"],
    respond: "Make the hidden cost of the status quo visible with a peer's before-and-after; leave a question they will want answered.",
    proof: "A peer company's before-and-after on the same process.",
    avoid: "Arguing: a prospect talked out of their own view digs in.",
  },
  competitor: {
    label: "Competitor / incumbent",
    acknowledge: "They are a serious option, and many of our customers looked at them too.",
    explore: ["What do you like most about them, and what would you change?", "When does the contract renew, and who will review it?"],
    respond: "Do not attack them; ask about the gaps where we win, and offer a side-by-side on the criteria that matter to them.",
    proof: "A customer who switched from them, with the reason.",
    avoid: "Criticising the competitor; it defends their choice.",
  },
  trust: {
    label: "Trust / risk",
    acknowledge: "Reasonable: you are betting part of your operation on a vendor.",
    explore: ["What would you need to see to be comfortable?", "What went wrong with vendors before?"],
    respond: "Reduce the risk: references in their industry, a scoped pilot with success criteria, and contract protections.",
    proof: "Two reference customers of their size and a pilot plan.",
    avoid: "Overpromising to close the gap.",
  },
  security: {
    label: "Security / compliance",
    acknowledge: "Right to check: your data and your auditors depend on it.",
    explore: ["Which standards and questionnaire does your security team use?", "Who runs the review, and how long does it take?"],
    respond:
      "Bring the security documentation early (SOC 2 / ISO 27001 report, DPA, sub-processors) and offer a call with our security lead.",
    proof: "The security pack and a customer in a regulated industry.",
    avoid: "Answering compliance questions from memory; send the documents.",
  },
  integration: {
    label: "Integration / implementation",
    acknowledge: "Fair: a tool that does not fit your stack creates work.",
    explore: ["Which systems must it connect to, and who owns them?", "What did your last implementation cost in people and weeks?"],
    respond: "Show the integration for their systems, the implementation plan with its owners and weeks, and what we do for them.",
    proof: "A reference architecture and a customer's implementation timeline.",
    avoid: "Saying it is easy without the plan to show it.",
  },
  "brush-off": {
    label: "Brush-off",
    acknowledge: "Happy to.",
    explore: [
      "So I send what is useful: what is your biggest challenge with this today?",
      "If it is relevant, are you open to fifteen minutes next week?",
    ],
    respond: "Earn one more question before sending anything; then send one relevant item and a dated follow-up.",
    proof: "One short piece matched to their answer, not the brochure.",
    avoid: "Sending the full deck and waiting.",
  },
  unclassified: {
    label: "Unclassified",
    acknowledge: "Thank you for being direct about it.",
    explore: ["Can you tell me more about what is behind that?", "If that were solved, would anything else stop us?"],
    respond: "Isolate the real objection first, then answer that one with evidence.",
    proof: "Whatever evidence fits the real objection once isolated.",
    avoid: "Answering before you understand the concern.",
  },
};

const stageNotes: Partial<Record<Category, Partial<Record<OpenStage, string>>>> = {
  price: {
    prospecting: "Price this early is usually a deflection: go back to the problem before any number.",
    discovery: "Price this early is usually a deflection: go back to the problem before any number.",
    negotiation: "Trade, don't cave: any concession in return for term, volume, a signing date or a case study.",
  },
  authority: { negotiation: "Late in the deal this is a warning: confirm the signer and the approval steps now." },
  timing: { negotiation: "Late in the deal this often hides a new objection: ask what changed." },
};

/** A competitor's name as a phrase to spot in an objection. */
export function namePattern(name: string): RegExp {
  return new RegExp(`\\b${name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\b`);
}

/** The kind of objection a sentence is, with the phrases that said so. */
export function classifyObjection(
  text: string,
  extra: Partial<Record<Category, RegExp[]>> = {},
): { category: Category; matched: string[] } {
  const lower = text.toLowerCase();
  let best: { category: Category; matched: string[] } = { category: "unclassified", matched: [] };
  for (const c of order) {
    const matched = [...signals[c], ...(extra[c] ?? [])].flatMap((re) => re.exec(lower)?.[0] ?? []);
    if (matched.length > best.matched.length) best = { category: c, matched };
  }
  return best;
}

export function playFor(category: Category, stage?: OpenStage): Play & { stageNote?: string } {
  const note = stage ? stageNotes[category]?.[stage] : undefined;
  return note ? { ...plays[category], stageNote: note } : plays[category];
}

const input = z.object({
  objections: z.array(z.string().trim().min(1).max(500)).min(1).max(20),
  stage: openStage.optional(),
  competitors: z.array(z.string().trim().min(1).max(100)).max(10).default([]).describe("names to recognise as competitor objections"),
});
const output = z.object({
  stage: openStage.nullable(),
  answers: z.array(
    z.object({
      objection: z.string(),
      category: z.enum([...categories, "unclassified"]),
      label: z.string(),
      confidence: z.enum(["high", "medium", "low"]),
      matched: z.array(z.string()),
      acknowledge: z.string(),
      explore: z.array(z.string()),
      respond: z.string(),
      proof: z.string(),
      avoid: z.string(),
      stageNote: z.string().optional(),
    }),
  ),
});

export const handleObjections = defineSkill({
  name: "enablement.handle-objections",
  title: "Look up how to handle sales objections: the kind of each, LAER talk track, questions, proof and what not to say",
  input,
  output,
  run: ({ objections, stage, competitors }) => {
    const extra = { competitor: competitors.map(namePattern) };
    return {
      stage: stage ?? null,
      answers: objections.map((objection) => {
        const { category, matched } = classifyObjection(objection, extra);
        // Two phrases agreeing is a sure reading; one is likely; none means ask before answering.
        const confidence: "high" | "medium" | "low" = matched.length >= 2 ? "high" : matched.length === 1 ? "medium" : "low";
        return { objection, category, matched, confidence, ...playFor(category, stage) };
      }),
    };
  },
  render: (o) =>
    [
      `## Objection handling${o.stage ? ` (${o.stage} stage)` : ""}`,
      ...o.answers.map((a, i) =>
        [
          `### ${i + 1}. "${cell(a.objection)}": ${a.label} (${a.confidence} confidence)`,
          `**Acknowledge:** ${a.acknowledge}`,
          `**Explore:**\n${bullets(a.explore)}`,
          `**Respond:** ${a.respond}`,
          `**Proof:** ${a.proof}`,
          `**Avoid:** ${a.avoid}`,
          ...(a.stageNote ? [`**At this stage:** ${a.stageNote}`] : []),
        ].join("\n\n"),
      ),
    ].join("\n\n"),
});
