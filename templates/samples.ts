import type { AgentDefinitionInput } from "../src/schemas/identity";
import { allSkills } from "../src/skills/catalogue";
import { SkillRegistry } from "../src/skills/registry";
import { SKILL_EXAMPLES } from "./examples";

/** A sample output's body is at most this long (`Listing.sampleOutputs`). */
export const SAMPLE_MAX_CHARS = 4_000;

/** At most this many samples per template: its first skills, in rule order. */
export const SAMPLES_PER_TEMPLATE = 2;

/** A deliverable cut at a line break to fit a sample, marked as cut. */
export function trimSample(body: string): string {
  if (body.length <= SAMPLE_MAX_CHARS) return body;
  const cut = body.lastIndexOf("\n", SAMPLE_MAX_CHARS - 2);
  return `${body.slice(0, cut > 0 ? cut : SAMPLE_MAX_CHARS - 2)}\n…`;
}

/** The kind each skill rule that acts answers, with its skill, in rule order (rules that hand work on are tested with the organisation). */
export function skillRules(definition: AgentDefinitionInput): { ruleId: string; kind: string; skill: string }[] {
  const found: { ruleId: string; kind: string; skill: string }[] = [];
  for (const rule of definition.specialization.rules ?? []) {
    const skill = rule.then.skill;
    const kind = rule.when.conditions?.find((c) => c.path === "payload.inputs.kind" && c.op === "eq")?.value;
    if (skill && rule.then.action === "act" && typeof kind === "string") found.push({ ruleId: rule.id, kind, skill });
  }
  return found;
}

/**
 * The skills a definition's `act` rules run, in rule order, whatever brings the work: a task's
 * kind, or an event (WowVision's pull request and push checks read the event's payload).
 */
export function actingSkills(definition: AgentDefinitionInput): string[] {
  const skills = (definition.specialization.rules ?? []).flatMap((r) => (r.then.action === "act" && r.then.skill ? [r.then.skill] : []));
  return [...new Set(skills)];
}

const registry = new SkillRegistry(allSkills);

/**
 * A template's sample outputs: its first skills run on their realistic inputs
 * (templates/examples.ts), so what the profile page shows is what the agent delivers.
 */
export function sampleOutputsFor(definition: AgentDefinitionInput): { title: string; body: string }[] {
  const skills = actingSkills(definition).slice(0, SAMPLES_PER_TEMPLATE);
  return skills.map((skill) => {
    const example = SKILL_EXAMPLES[skill];
    if (!example) throw new Error(`no example input for ${skill} in templates/examples.ts`);
    const outcome = registry.run(skill, example.input);
    if (!outcome.ok) throw new Error(`${skill} refused its example input: ${outcome.error.message}`);
    return { title: example.title, body: trimSample(outcome.deliverable) };
  });
}
