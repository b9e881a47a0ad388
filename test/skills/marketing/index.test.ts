import { describe, expect, it } from "vitest";
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
