import { describe, expect, it } from "vitest";
import { workSituation } from "../situation";
import { DecisionEngine, RulesTier } from "../../../src/decisions/engine";
import { Rule } from "../../../src/schemas/identity";
import { allSkills } from "../../../src/skills/catalogue";
import { SkillRegistry } from "../../../src/skills/registry";
import { salesSkills } from "../../../src/skills/sales";

describe("the sales skills", () => {
  it("are named area.verb-noun within the sales specialists' areas, at least two each", () => {
    const names = salesSkills.map((s) => s.name);
    for (const name of names) expect(name).toMatch(/^(sdr|ae|enablement|crm|leadgen)\.[a-z]+(-[a-z]+)+$/);
    for (const area of ["sdr", "ae", "enablement", "crm", "leadgen"]) {
      expect(names.filter((n) => n.startsWith(`${area}.`)).length).toBeGreaterThanOrEqual(2);
    }
    // The platform's registry refuses two skills with one name.
    expect(() => new SkillRegistry(allSkills)).not.toThrow();
  });

  it("run from an agent's rule on a task's inputs, the task kind ignored", () => {
    const rules = [
      {
        id: "score-leads",
        when: { type: "task.assigned", conditions: [{ path: "payload.inputs.kind", op: "eq", value: "lead-score" }] },
        then: { action: "act", reason: "score the lead against the ICP", skill: "sdr.score-lead" },
      },
    ].map((r) => Rule.parse(r));
    const engine = new DecisionEngine([new RulesTier(rules, new SkillRegistry(salesSkills))]);
    const inputs = {
      kind: "lead-score",
      lead: { company: "Nordwind", authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 50_000 },
    };
    expect(engine.decide(workSituation(inputs), { decisionId: "d1" })).toMatchObject({
      tier: "rules",
      action: "act",
      ruleId: "score-leads",
      output: expect.stringContaining("## Lead score: Nordwind: 100/100 (SQL)"),
    });
    const bad = engine.decide(workSituation({ kind: "lead-score", lead: { company: "" } }), { decisionId: "d2" });
    expect(bad).toMatchObject({ tier: "rules", action: "escalate" });
    expect(bad instanceof Promise ? "" : bad.reason).toMatch(/^skill_input_invalid: sdr.score-lead: lead.company: /);
  });
});
