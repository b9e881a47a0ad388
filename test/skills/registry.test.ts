import { describe, expect, it } from "vitest";
import { workSituation } from "./situation";
import { z } from "zod";
import { DecisionEngine, RulesTier } from "../../src/decisions/engine";
import { Rule } from "../../src/schemas/identity";
import { SkillRegistry } from "../../src/skills/registry";
import { defineSkill } from "../../src/skills/skill";

const wordCount = defineSkill({
  name: "test.word-count",
  title: "Count the words of a draft",
  input: z.object({ text: z.string().min(1), limit: z.number().int().positive().default(100) }),
  output: z.object({ words: z.number().int(), over: z.boolean() }),
  run: ({ text, limit }) => {
    const words = text.split(/\s+/).filter(Boolean).length;
    return { words, over: words > limit };
  },
  render: ({ words, over }) => `**${words} words**${over ? " (over the limit)" : ""}`,
});
const broken = defineSkill({
  name: "test.broken",
  title: "Always fails",
  input: z.object({}),
  output: z.object({ n: z.number().int() }),
  run: () => ({ n: 1.5 }),
  render: ({ n }) => String(n),
});

const registry = new SkillRegistry([wordCount, broken]);

describe("SkillRegistry", () => {
  it("runs a skill: input defaults applied, output checked, deliverable rendered", () => {
    expect(registry.run("test.word-count", { text: "ship the dark mode today" })).toEqual({
      ok: true,
      output: { words: 5, over: false },
      deliverable: "**5 words**",
      // A skill without publish() publishes nothing.
      publications: [],
    });
    expect(registry.list()).toEqual([
      { name: "test.word-count", title: "Count the words of a draft" },
      { name: "test.broken", title: "Always fails" },
    ]);
  });

  it("answers bad input, an unknown skill and a failing one with typed errors, never a throw", () => {
    expect(registry.run("test.word-count", { text: "" })).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "text" },
    });
    expect(registry.run("test.word-count", "just a string")).toMatchObject({
      ok: false,
      error: { code: "skill_input_invalid", field: "input" },
    });
    expect(registry.run("test.nope", {})).toMatchObject({ ok: false, error: { code: "skill_unknown" } });
    expect(registry.run("test.broken", {})).toMatchObject({ ok: false, error: { code: "skill_failed" } });
  });

  it("refuses two skills with one name", () => {
    expect(() => new SkillRegistry([wordCount, wordCount])).toThrow(/two skills are named test.word-count/);
  });
});

describe("a rule that runs a skill", () => {
  const rules = [
    { id: "count", when: { type: "task.assigned" }, then: { action: "act", reason: "word count", skill: "test.word-count" } },
  ].map((r) => Rule.parse(r));
  const engine = new DecisionEngine([new RulesTier(rules, registry)]);

  it("delivers the skill's rendered output, deciding synchronously", () => {
    const answer = engine.decide(workSituation({ text: "one two three", limit: 2 }), { decisionId: "d1" });
    expect(answer).toMatchObject({ tier: "rules", action: "act", ruleId: "count", output: "**3 words** (over the limit)" });
  });

  it("escalates with the skill's error code and field when the input is bad", () => {
    const answer = engine.decide(workSituation({ limit: 2 }), { decisionId: "d2" });
    expect(answer).toMatchObject({ tier: "rules", action: "escalate", ruleId: "count" });
    expect(answer instanceof Promise ? "" : answer.reason).toMatch(/^skill_input_invalid: test.word-count: text: /);
  });

  it("only on an act rule, named like area.skill-name", () => {
    const firstIssue = (then: object) => Rule.safeParse({ id: "x", when: {}, then: { reason: "r", ...then } }).error?.issues[0];
    expect(firstIssue({ action: "ignore", skill: "test.word-count" })).toMatchObject({ path: ["then", "skill"] });
    expect(firstIssue({ action: "act", skill: "NoDots" })).toMatchObject({ path: ["then", "skill"] });
  });
});
