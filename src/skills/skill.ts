import type { z } from "zod";
import type { Publication, PublicationInput } from "../schemas/decision";

/**
 * A deterministic skill: a pure, synchronous function with a zod schema for what it takes and
 * what it gives, that does a piece of a specialist's job without a model (audit a page, score a
 * lead, classify a ticket). A rule invokes one by name (`then.skill`); its rendered output is the
 * decision's deliverable. Skills must not do I/O or read the clock: the same input always gives
 * the same output, so the agent records the decision without yielding.
 */
export interface Skill<In extends z.ZodType = z.ZodType, Out extends z.ZodType = z.ZodType> {
  /** `area.verb-noun`, unique across the platform: `seo.on-page-audit`. */
  name: string;
  /** For people: what the skill does, in a line. */
  title: string;
  input: In;
  output: Out;
  run(input: z.output<In>): z.input<Out>;
  /** The deliverable a customer reads (Markdown), made from the output. */
  render(output: z.output<Out>): string;
  /**
   * What the result should publish where the customer works (an issue per violation, a review
   * comment), beyond the deliverable. Pure like `run`.
   */
  publish?(output: z.output<Out>): PublicationInput[];
}

/**
 * Declares a skill with its types checked against its schemas.
 *
 * ```ts
 * export const wordCount = defineSkill({
 *   name: "content.word-count",
 *   title: "Count the words of a draft",
 *   input: z.object({ text: z.string().min(1) }),
 *   output: z.object({ words: z.number().int() }),
 *   run: ({ text }) => ({ words: text.split(/\s+/).filter(Boolean).length }),
 *   render: ({ words }) => `${words} words`,
 * });
 * ```
 */
export function defineSkill<In extends z.ZodType, Out extends z.ZodType>(skill: Skill<In, Out>): Skill<In, Out> {
  return skill;
}

/** Why a skill produced nothing: its input was not what it takes, or it failed on it. */
export interface SkillError {
  code: "skill_unknown" | "skill_input_invalid" | "skill_failed";
  message: string;
  /** The offending input field, as a path (`rows[2].spend`), when there is one. */
  field?: string;
}

export type SkillOutcome =
  | { ok: true; output: unknown; deliverable: string; publications: Publication[] }
  | { ok: false; error: SkillError };

/** What a rule needs to run a skill by name (the platform's `SkillRegistry`, src/skills/registry.ts). */
export interface SkillRunner {
  run(name: string, input: unknown): SkillOutcome;
  /** The skill itself, so a model can be offered it as a tool (its schema, its title). */
  get?(name: string): Skill | undefined;
}
