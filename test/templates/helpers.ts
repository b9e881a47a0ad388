import { describe, expect, it } from "vitest";
import { RulesTier } from "../../src/decisions/engine";
import { AgentDefinition } from "../../src/schemas/identity";
import { allSkills } from "../../src/skills/catalogue";
import { SkillRegistry } from "../../src/skills/registry";
import { SKILL_EXAMPLES } from "../../templates/examples";
import { SPECIALIST_ROLES } from "../../templates/index";
import { sampleOutputsFor, skillRules } from "../../templates/samples";
import { workSituation } from "../skills/situation";

export { workSituation };

export const registry = new SkillRegistry(allSkills);

/**
 * The checks every template passes (test/templates/<slug>.test.ts calls this for its own): it is
 * a valid definition for a specialist role of its CoE, its rules name skills that exist, each
 * skill rule does the work for its `kind` on a realistic input, whether a customer's task or a
 * colleague's handoff brings it, and escalates with `skill_input_invalid` on input the skill
 * cannot use; its sample outputs are what its skills deliver.
 */
export function describeTemplate(raw: unknown): void {
  const parsed = AgentDefinition.safeParse(raw);
  const name = parsed.success ? parsed.data.slug : "a template";
  describe(`template ${name}`, () => {
    it("is a valid agent definition for a specialist role of its Centre of Excellence", () => {
      expect(parsed.error?.issues ?? []).toEqual([]);
      const { coe, role } = parsed.data?.specialization ?? {};
      expect(SPECIALIST_ROLES[coe ?? "marketing"] as readonly string[]).toContain(role);
    });

    it("names only skills the platform has", () => {
      expect(registry.unknownSkillIn(parsed.data?.specialization.rules ?? [])).toBeUndefined();
    });

    it("does the work of every kind it takes, from a task or a handoff, and refuses unusable input", () => {
      if (!parsed.data) return expect.fail("invalid template");
      expectItsKindsWork(parsed.data);
    });

    it("shows what its skills deliver as its sample outputs", () => {
      const definition = parsed.data;
      if (!definition?.listing) return;
      expect(definition.listing.sampleOutputs, "run npx tsx scripts/sample-outputs.ts").toEqual(sampleOutputsFor(definition));
    });
  });
}

/** Each skill rule of the definition acts on a realistic input for its kind and escalates on a bad one. */
export function expectItsKindsWork(definition: AgentDefinition): void {
  const rules = skillRules(definition);
  expect(rules.length, definition.slug).toBeGreaterThan(0);
  const tier = new RulesTier(definition.specialization.rules, registry);
  for (const { ruleId, kind, skill } of rules) {
    const example = SKILL_EXAMPLES[skill];
    if (!example) throw new Error(`no example input for ${skill} in templates/examples.ts`);
    for (const type of ["task.assigned", "handoff.requested"] as const) {
      const answer = tier.decide(workSituation({ kind, ...example.input }, type));
      expect(answer, `${kind} (${type})`).toMatchObject({ action: "act", ruleId });
      expect(answer?.output, `${kind} (${type})`).toMatch(/^#{1,3} \S/);
    }
    const bad = tier.decide(workSituation({ kind, ...example.invalid }));
    expect(bad, kind).toMatchObject({ action: "escalate", ruleId });
    expect(bad?.reason, kind).toMatch(new RegExp(`^skill_input_invalid: ${skill.replace(".", "\\.")}: `));
  }
}
