import { errorText } from "../errors";
import { Publication } from "../schemas/decision";
import { fieldPath } from "../schemas/field-path";
import { z } from "zod";
import type { Rule } from "../schemas/identity";
import type { Skill, SkillOutcome, SkillRunner } from "./skill";

const Publications = z.array(Publication).max(200);

/**
 * The skills agents can use, by name. Running one validates its input, runs it, checks its
 * output against its own schema and renders the deliverable; anything wrong comes back as a
 * typed {@link SkillError}, never as a throw, so a bad input fails the task visibly and never
 * the wake.
 */
export class SkillRegistry implements SkillRunner {
  private readonly byName = new Map<string, Skill>();

  constructor(skills: readonly Skill[]) {
    for (const skill of skills) {
      if (this.byName.has(skill.name)) throw new Error(`two skills are named ${skill.name}`);
      this.byName.set(skill.name, skill);
    }
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  get(name: string): Skill | undefined {
    return this.byName.get(name);
  }

  /**
   * The first rule that names a skill this registry does not have, with the field that names it
   * (`specialization.rules[2].then.skill`), so publishing such a definition can be refused.
   */
  unknownSkillIn(rules: readonly Rule[]): { skill: string; field: string } | undefined {
    for (const [i, rule] of rules.entries()) {
      const { skill } = rule.then;
      if (skill && !this.byName.has(skill)) return { skill, field: `specialization.rules[${i}].then.skill` };
    }
    return undefined;
  }

  /** Every skill's name and title, for people (and for the model, as tools). */
  list(): { name: string; title: string }[] {
    return [...this.byName.values()].map(({ name, title }) => ({ name, title }));
  }

  run(name: string, input: unknown): SkillOutcome {
    const skill = this.byName.get(name);
    if (!skill) return { ok: false, error: { code: "skill_unknown", message: `no skill named ${name}` } };
    const parsed = skill.input.safeParse(input);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = fieldPath(issue?.path ?? [], "input");
      return { ok: false, error: { code: "skill_input_invalid", message: `${field}: ${issue?.message ?? "invalid"}`, field } };
    }
    try {
      const output = skill.output.parse(skill.run(parsed.data));
      const publications = Publications.parse(skill.publish?.(output) ?? []);
      return { ok: true, output, deliverable: skill.render(output), publications };
    } catch (error) {
      return { ok: false, error: { code: "skill_failed", message: errorText(error) } };
    }
  }
}
