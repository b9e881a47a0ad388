import { readdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { SPECIALIST_SLUGS as SPECIALISTS } from "../specialists";
import { AgentDefinition } from "../../src/schemas/identity";
import { SPECIALIST_ROLES, TEMPLATES } from "../../templates/index";
import { actingSkills, skillRules } from "../../templates/samples";
import { describeTemplate, registry } from "./helpers";

const definitions = TEMPLATES.map((t) => AgentDefinition.parse(t));

for (const template of TEMPLATES) describeTemplate(template);

describe("the templates together", () => {
  it("are every JSON file in templates/, each slug once", () => {
    const files = readdirSync(path.join(import.meta.dirname, "../../templates")).filter((f) => f.endsWith(".json"));
    expect(definitions.map((d) => `${d.slug}.json`).sort()).toEqual(files.sort());
    expect(new Set(definitions.map((d) => d.slug)).size).toBe(definitions.length);
  });

  it("have a specialist for each of the 15 roles, exactly one each, with two skills or more", () => {
    const specialists = SPECIALISTS.map((slug) => definitions.find((d) => d.slug === slug));
    const roles = Object.values(SPECIALIST_ROLES).flat();
    expect(roles).toHaveLength(15);
    expect(specialists.map((d) => d?.specialization.role).sort()).toEqual([...roles].sort());
    for (const d of specialists) {
      if (!d) return expect.fail("a specialist's template is missing");
      expect(SPECIALIST_ROLES[d.specialization.coe] as readonly string[]).toContain(d.specialization.role);
      expect(actingSkills(d).length, d.slug).toBeGreaterThanOrEqual(2);
    }
  });

  it("put every skill of the platform to work", () => {
    const used = new Set(definitions.flatMap((d) => actingSkills(d)));
    expect(registry.list().filter((s) => !used.has(s.name))).toEqual([]);
  });

  it("name different work with different kinds, and never deliver it as a copy of one another", () => {
    const skillOfKind = new Map<string, string>();
    for (const d of definitions) {
      for (const { kind, skill } of skillRules(d)) {
        expect(kind).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
        expect(skillOfKind.get(kind) ?? skill, `kind ${kind}`).toBe(skill);
        skillOfKind.set(kind, skill);
      }
    }
    const specialists = definitions.filter((d) => SPECIALISTS.includes(d.slug));
    for (const field of [(d: AgentDefinition) => d.personality.displayName, (d: AgentDefinition) => d.personality.tagline]) {
      expect(new Set(specialists.map(field)).size).toBe(specialists.length);
    }
    expect(new Set(specialists.map((d) => d.listing?.description)).size).toBe(specialists.length);
  });

  it("wake the demo agents on their own subjects only: a customer's work reaches its agent by the hire's subscription", () => {
    const subjects = definitions.flatMap((d) =>
      d.specialization.subscriptions.filter((s) => s.event === "task.assigned").map((s) => s.subject),
    );
    expect(subjects.every((s) => s !== undefined)).toBe(true);
    expect(new Set(subjects).size).toBe(subjects.length);
  });
});
