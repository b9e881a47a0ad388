import type { z } from "zod";
import type { Skill } from "../../src/skills/skill";
import { SKILL_EXAMPLES } from "../../templates/examples";

/**
 * The realistic input templates/examples.ts keeps for a skill, typed as the skill takes it: one
 * fixture serves the skill's tests, the template tests and the listings' sample outputs.
 */
export function exampleOf<S extends Skill>(skill: S): z.input<S["input"]> {
  const found = SKILL_EXAMPLES[skill.name];
  if (!found) throw new Error(`no example for ${skill.name} in templates/examples.ts`);
  // The template tests run every example through its skill, so it is the skill's input.
  return structuredClone(found.input) as z.input<S["input"]>;
}
