import { z } from "zod";
import { defineSkill } from "../skill";
import { cell, round, stem, topicStems, words } from "./lib/text";

/**
 * `techsupport.match-known-issue`: before anyone debugs, check the ticket against the known
 * issues. Each issue's signature (title and keywords) and its symptoms are reduced to topic
 * stems, and the ticket's coverage of each is weighted by BM25's inverse document frequency
 * over the list (a word every issue shares, "error", counts little; one only this issue has,
 * "504", counts a lot). The confidence is the signature's coverage, with the symptoms filling
 * up to half of what the signature leaves uncovered. Unlike a raw BM25 score it is an absolute
 * 0–1 figure, so one threshold decides "known issue" whatever the list.
 */

const knownIssue = z.object({
  id: z.string().trim().min(1).max(60),
  title: z.string().trim().min(1).max(200),
  symptoms: z.string().trim().max(2_000).default(""),
  keywords: z.array(z.string().trim().min(1).max(60)).max(20).default([]),
  workaround: z.string().trim().max(2_000).optional(),
  status: z.enum(["open", "monitoring", "fixed"]).default("open"),
  /** For a fixed issue: the release with the fix. */
  fixedIn: z.string().trim().max(40).optional(),
});

const input = z
  .object({
    subject: z.string().trim().max(500).optional(),
    taskTitle: z.string().trim().max(500).optional(),
    text: z.string().trim().min(1, "the ticket has no text").max(20_000),
    knownIssues: z.array(knownIssue).min(1, "send the known issues to match against").max(1_000),
    /** How many candidates to list. */
    top: z.number().int().min(1).max(10).default(3),
  })
  .superRefine((v, ctx) => {
    const ids = new Set<string>();
    v.knownIssues.forEach((k, i) => {
      if (ids.has(k.id)) ctx.addIssue({ code: "custom", message: `"${k.id}" is listed twice`, path: ["knownIssues", i, "id"] });
      ids.add(k.id);
    });
  });

/** At this confidence the ticket describes the issue: link it and send the workaround. */
const KNOWN_FROM = 0.6;
/** Above this, a candidate worth confirming with the customer. */
const POSSIBLE_FROM = 0.3;
/**
 * The signature (title, keywords) names the issue; the symptoms only support it, so a ticket
 * that matches the symptoms alone is at most a possible match (0.5).
 */
const SYMPTOM_FILL = 0.5;
/** One shared word is never more than a possible match ("login" alone names a dozen issues). */
const SINGLE_TERM_CAP = 0.45;
/** A runner-up this close to the best makes the match ambiguous. */
const AMBIGUOUS_WITHIN = 0.1;

const candidate = z.object({ id: z.string(), title: z.string(), confidence: z.number().min(0).max(1), matchedTerms: z.array(z.string()) });
const output = z.object({
  verdict: z.enum(["known-issue", "possible-match", "no-known-issue"]),
  best: candidate
    .extend({ status: z.enum(["open", "monitoring", "fixed"]), workaround: z.string().nullable(), fixedIn: z.string().nullable() })
    .nullable(),
  ambiguous: z.boolean(),
  candidates: z.array(candidate),
  advice: z.string(),
});
type Output = z.input<typeof output>;

function run(v: z.output<typeof input>): Output {
  const ticketText = `${v.subject ?? v.taskTitle ?? ""}\n${v.text}`;
  const ticket = topicStems(ticketText);
  // The customer's own word for each stem, to show what matched.
  const said = new Map<string, string>();
  for (const w of words(ticketText)) if (!said.has(stem(w))) said.set(stem(w), w);

  const issues = v.knownIssues.map((k) => {
    const signature = topicStems(`${k.title} ${k.keywords.join(" ")}`);
    const symptoms = new Set([...topicStems(k.symptoms)].filter((s) => !signature.has(s)));
    return { issue: k, signature, symptoms };
  });
  const df = new Map<string, number>();
  for (const { signature, symptoms } of issues) for (const s of [...signature, ...symptoms]) df.set(s, (df.get(s) ?? 0) + 1);
  const n = issues.length;
  const idf = (s: string) => Math.log(1 + (n - (df.get(s) ?? 0) + 0.5) / ((df.get(s) ?? 0) + 0.5));
  const coverage = (terms: Set<string>) => {
    let all = 0;
    let hit = 0;
    const matched: string[] = [];
    for (const s of terms) {
      all += idf(s);
      if (ticket.has(s)) {
        hit += idf(s);
        matched.push(s);
      }
    }
    return { share: all === 0 ? 0 : hit / all, weight: hit, matched };
  };

  const scored = issues
    .map(({ issue, signature, symptoms }) => {
      const sig = coverage(signature);
      const sym = coverage(symptoms);
      let confidence = sig.share + (1 - sig.share) * SYMPTOM_FILL * sym.share;
      if (sig.matched.length + sym.matched.length < 2) confidence = Math.min(confidence, SINGLE_TERM_CAP);
      const matchedTerms = [...sig.matched, ...sym.matched].map((s) => said.get(s) ?? s);
      return { issue, confidence: round(confidence, 2), evidence: sig.weight + sym.weight, matchedTerms };
    })
    .filter((c) => c.matchedTerms.length > 0)
    .sort((a, b) => b.confidence - a.confidence || b.evidence - a.evidence || a.issue.id.localeCompare(b.issue.id));

  const top = scored[0];
  const verdict =
    !top || top.confidence < POSSIBLE_FROM ? "no-known-issue" : top.confidence >= KNOWN_FROM ? "known-issue" : "possible-match";
  const second = scored[1];
  const ambiguous =
    verdict !== "no-known-issue" &&
    second !== undefined &&
    second.confidence >= POSSIBLE_FROM &&
    top !== undefined &&
    top.confidence - second.confidence < AMBIGUOUS_WITHIN;
  const best =
    verdict === "no-known-issue" || !top
      ? null
      : {
          id: top.issue.id,
          title: top.issue.title,
          confidence: top.confidence,
          matchedTerms: top.matchedTerms,
          status: top.issue.status,
          workaround: top.issue.workaround ?? null,
          fixedIn: top.issue.fixedIn ?? null,
        };

  let advice = "No known issue matches: treat it as new (reproduce it, then file it).";
  if (best && ambiguous)
    advice = `Two known issues fit about as well (${best.id}, ${second?.issue.id}): ask the customer which symptoms they see before linking.`;
  else if (best && verdict === "possible-match")
    advice = `Possibly ${best.id}: confirm the symptoms with the customer before linking the ticket.`;
  else if (best?.status === "fixed")
    advice = `${best.id} is marked fixed${best.fixedIn ? ` in ${best.fixedIn}` : ""}: check the customer's version; if they have the fix, reopen it as a regression.`;
  else if (best)
    advice = `Link the ticket to ${best.id}${best.workaround ? " and send the workaround" : ""}; tell the customer the fix is tracked${best.status === "monitoring" ? " (a fix is out and being monitored)" : ""}.`;

  return {
    verdict,
    best,
    ambiguous,
    candidates: scored
      .slice(0, v.top)
      .map((c) => ({ id: c.issue.id, title: c.issue.title, confidence: c.confidence, matchedTerms: c.matchedTerms })),
    advice,
  };
}

function render(o: z.output<typeof output>): string {
  const head = o.best
    ? [
        `## ${o.verdict === "known-issue" ? "Known issue" : "Possible known issue"}: ${o.best.id} (confidence ${o.best.confidence.toFixed(2)})`,
        "",
        `**${o.best.title}** · status: ${o.best.status}${o.best.fixedIn ? ` (fixed in ${o.best.fixedIn})` : ""}`,
        `Matched on: ${o.best.matchedTerms.join(", ")}`,
        "",
        `**Next step:** ${o.advice}`,
        ...(o.best.workaround ? ["", "### Workaround", o.best.workaround] : []),
      ]
    : ["## No known issue matches", "", `**Next step:** ${o.advice}`];
  const table = o.candidates.length
    ? ["", "### Closest candidates", "| Issue | Confidence | Matched on |", "| --- | ---: | --- |"].concat(
        o.candidates.map((c) => `| ${cell(c.id)}: ${cell(c.title)} | ${c.confidence.toFixed(2)} | ${cell(c.matchedTerms.join(", "))} |`),
      )
    : [];
  return [...head, ...table].join("\n");
}

export const matchKnownIssue = defineSkill({
  name: "techsupport.match-known-issue",
  title: "Match a ticket against the known issues: best match, confidence, workaround or 'no known issue'",
  input,
  output,
  run,
  render,
});
