import { z } from "zod";
import { defineSkill } from "../skill";
import { type CompiledLexicon, compileLexicon, findPhrases, stems } from "./lib/text";
import { type Area, AREAS, PLAYBOOKS } from "./techsupport-playbooks";

/**
 * `techsupport.troubleshooting-checklist`: the playbook for a product area as a checklist for
 * this ticket: steps whose cues appear in the customer's description move to the top, steps
 * already tried go to the end, an out-of-date app version adds "update first"; then what to
 * collect and when to escalate. The area is inferred from the symptoms when not given.
 */

const lexicon = (cues: readonly string[]) => compileLexicon(cues.map((phrase) => ({ phrase, weight: 1 })));
const areaLexicons = AREAS.map((a) => [a, lexicon(PLAYBOOKS[a].cues)] as const);
const stepLexicons = new Map(AREAS.flatMap((a) => PLAYBOOKS[a].steps.map((s) => [s, lexicon(s.cues)] as const)));

/** Distinct cues of a lexicon found in stems. */
const cuesIn = (tokens: readonly string[], lex: CompiledLexicon) => [...new Set(findPhrases(tokens, lex).map((h) => h.phrase))];

/** The area whose cues the symptoms mention most (ties: playbook order), if any. */
function inferArea(symptoms: string): Area | undefined {
  const tokens = stems(symptoms);
  let best: { area: Area; hits: number } | undefined;
  for (const [area, lex] of areaLexicons) {
    const hits = cuesIn(tokens, lex).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { area, hits };
  }
  return best?.area;
}

const input = z
  .object({
    productArea: z.enum(AREAS).optional(),
    /** The customer's description of the problem (a ticket's text will do). */
    symptoms: z.string().trim().max(5_000).default(""),
    appVersion: z.string().trim().max(40).optional(),
    latestVersion: z.string().trim().max(40).optional(),
    /** Ids of playbook steps already done (`reset`, `spam`); unknown ids are ignored. */
    stepsTried: z.array(z.string().trim().min(1).max(40)).max(30).default([]),
  })
  .superRefine((v, ctx) => {
    if (!v.productArea && !inferArea(v.symptoms))
      ctx.addIssue({
        code: "custom",
        message: `name the product area (${AREAS.join(", ")}): the symptoms do not point to one`,
        path: ["productArea"],
      });
  });

const output = z.object({
  area: z.enum(AREAS),
  title: z.string(),
  inferred: z.boolean(),
  steps: z.array(
    z.object({
      id: z.string(),
      who: z.enum(["customer", "agent"]),
      action: z.string(),
      why: z.string(),
      matchedCues: z.array(z.string()),
      done: z.boolean(),
    }),
  ),
  collect: z.array(z.string()),
  escalateWhen: z.array(z.string()),
});
type Output = z.input<typeof output>;

function run(v: z.output<typeof input>): Output {
  const area = v.productArea ?? (inferArea(v.symptoms) as Area);
  const book = PLAYBOOKS[area];
  const tokens = stems(v.symptoms);
  const tried = new Set(v.stepsTried.map((s) => s.toLowerCase()));
  const steps = book.steps.map((s, order) => ({
    id: s.id,
    who: s.who,
    action: s.action,
    why: s.why,
    matchedCues: cuesIn(tokens, stepLexicons.get(s) as CompiledLexicon),
    done: tried.has(s.id),
    order,
  }));
  if (v.appVersion && v.latestVersion && v.appVersion !== v.latestVersion && !tried.has("update"))
    steps.unshift({
      id: "update",
      who: "customer",
      action: `Update from version ${v.appVersion} to ${v.latestVersion}.`,
      why: "the problem may be fixed already, and engineering will ask for the latest version first",
      matchedCues: [],
      done: false,
      order: -1,
    });
  // Open steps first, "update first" before all; then those the symptoms point at; then playbook order.
  const rank = (s: (typeof steps)[number]) => (s.done ? 2 : s.order < 0 ? 0 : 1);
  steps.sort((a, b) => rank(a) - rank(b) || b.matchedCues.length - a.matchedCues.length || a.order - b.order);
  return {
    area,
    title: book.title,
    inferred: !v.productArea,
    steps: steps.map(({ order: _order, ...s }) => s),
    collect: book.collect,
    escalateWhen: book.escalateWhen,
  };
}

function render(o: z.output<typeof output>): string {
  const who = (s: { who: string }) => (s.who === "customer" ? "Ask the customer" : "Check");
  const line = (s: z.output<typeof output>["steps"][number], i: number) => {
    if (s.done) return `${i + 1}. ~~${s.action}~~ (already tried)`;
    const star = s.matchedCues.length ? `★ ` : "";
    const because = s.matchedCues.length ? ` (you mentioned ${s.matchedCues.map((c) => `"${c}"`).join(", ")})` : "";
    return `${i + 1}. ${star}**${who(s)}:** ${s.action} _Why: ${s.why}._${because}`;
  };
  return [
    `## Troubleshooting: ${o.title}${o.inferred ? " (area inferred from the symptoms)" : ""}`,
    "",
    ...(o.steps.some((s) => s.matchedCues.length && !s.done) ? ["Start with the ★ steps: they match the symptoms.", ""] : []),
    ...o.steps.map(line),
    "",
    "### Collect before escalating",
    ...o.collect.map((c) => `- ${c}`),
    "",
    "### Escalate when",
    ...o.escalateWhen.map((e) => `- ${e}`),
  ].join("\n");
}

export const troubleshootingChecklist = defineSkill({
  name: "techsupport.troubleshooting-checklist",
  title: "Build a troubleshooting checklist for a product area, ordered by the ticket's symptoms",
  input,
  output,
  run,
  render,
});
