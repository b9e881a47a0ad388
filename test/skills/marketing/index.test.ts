import { describe, expect, it } from "vitest";
import { workSituation } from "../situation";
import { DecisionEngine, RulesTier } from "../../../src/decisions/engine";
import { Rule } from "../../../src/schemas/identity";
import { marketingSkills } from "../../../src/skills/marketing";
import { SkillRegistry } from "../../../src/skills/registry";

const AREAS = ["content", "social", "seo", "email", "ppc", "brand", "influencer"];

describe("the marketing skills", () => {
  it("are named area.verb-noun inside the marketing areas, uniquely, each with a title", () => {
    const registry = new SkillRegistry(marketingSkills);
    const names = registry.list().map((s) => s.name);
    for (const name of names) {
      expect(name).toMatch(/^[a-z]+\.[a-z]+(-[a-z]+)+$/);
      expect(AREAS).toContain(name.split(".")[0]);
    }
    expect(registry.list().every((s) => s.title.length > 10)).toBe(true);
  });

  it("answers a non-object input with skill_input_invalid, never a throw", () => {
    const registry = new SkillRegistry(marketingSkills);
    for (const { name } of registry.list()) {
      for (const input of [null, "text", 42, []]) {
        expect(registry.run(name, input)).toMatchObject({ ok: false, error: { code: "skill_input_invalid" } });
      }
    }
  });
});

describe("a marketing agent's rule that runs a skill", () => {
  const registry = new SkillRegistry(marketingSkills);
  const rule = Rule.parse({
    id: "seo-audit",
    when: { type: "task.assigned", conditions: [{ path: "payload.inputs.kind", op: "eq", value: "seo-audit" }] },
    then: { action: "act", reason: "on-page SEO audit requested", skill: "seo.on-page-audit" },
  });
  const engine = new DecisionEngine([new RulesTier([rule], registry)]);

  it("delivers the audit from the task's inputs, ignoring their kind", () => {
    const page = "<title>CRM software for small teams</title><h1>CRM software</h1><p>Pick CRM software that your team will use.</p>";
    const answer = engine.decide(workSituation({ kind: "seo-audit", content: page, keyword: "CRM software" }), { decisionId: "d1" });
    expect(answer).toMatchObject({
      tier: "rules",
      action: "act",
      ruleId: "seo-audit",
      output: expect.stringMatching(/^## On-page SEO audit: \d+\/100 for "CRM software"/),
    });
  });

  it("escalates with the field when the customer left the keyword out", () => {
    const answer = engine.decide(workSituation({ kind: "seo-audit", content: "<h1>Hi</h1>" }), { decisionId: "d2" });
    expect(answer).toMatchObject({ action: "escalate", ruleId: "seo-audit" });
    expect(answer instanceof Promise ? "" : answer.reason).toMatch(/^skill_input_invalid: seo.on-page-audit: keyword: /);
  });
});
