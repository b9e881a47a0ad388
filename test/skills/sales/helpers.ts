import { expect } from "vitest";
import type { z } from "zod";
import type { SkillRegistry } from "../../../src/skills/registry";
import type { Skill } from "../../../src/skills/skill";

/** Runs a skill through the registry, expects success, and gives its output typed. */
export function ok<In extends z.ZodType, Out extends z.ZodType>(
  registry: SkillRegistry,
  skill: Skill<In, Out>,
  input: unknown,
): { output: z.output<Out>; deliverable: string } {
  const outcome = registry.run(skill.name, input);
  if (!outcome.ok) expect.fail(`${outcome.error.code}: ${outcome.error.message}`);
  return { output: outcome.output as z.output<Out>, deliverable: outcome.deliverable };
}

/** Runs a skill expected to reject its input; gives the error's field. */
export function invalidField(registry: SkillRegistry, name: string, input: unknown): string | undefined {
  const outcome = registry.run(name, input);
  if (outcome.ok) expect.fail(`${name} accepted the input`);
  expect(outcome.error.code).toBe("skill_input_invalid");
  return outcome.error.field;
}
