import type Anthropic from "@anthropic-ai/sdk";
import { z } from "zod";
import type { Rule } from "../../schemas/identity";
import type { Skill, SkillOutcome, SkillRunner } from "../../skills/skill";

/** Anthropic tool names allow `[a-zA-Z0-9_-]{1,64}`: `seo.on-page-audit` → `skill__seo__on-page-audit`. */
export const toolNameOf = (skill: string) => `skill__${skill.replaceAll(".", "__")}`.slice(0, 64);

const schemas = new WeakMap<Skill, Anthropic.Tool["input_schema"] | null>();

/** A skill's input as a tool's JSON Schema, once per skill; null when zod cannot express it. */
function inputSchemaOf(skill: Skill): Anthropic.Tool["input_schema"] | null {
  if (!schemas.has(skill)) {
    try {
      schemas.set(
        skill,
        z.toJSONSchema(skill.input, { target: "draft-2020-12", io: "input", unrepresentable: "any" }) as Anthropic.Tool["input_schema"],
      );
    } catch {
      schemas.set(skill, null);
    }
  }
  return schemas.get(skill) ?? null;
}

/** The skills an agent's model may call: the ones its own rules run, as Messages API tools. */
export interface SkillToolbox {
  tools: Anthropic.Tool[];
  /** Runs the skill a tool name stands for; undefined when the name is no skill of this agent. */
  run(toolName: string, input: unknown): SkillOutcome | undefined;
}

export function skillToolbox(rules: readonly Rule[], skills: SkillRunner): SkillToolbox | undefined {
  const byTool = new Map<string, string>();
  const tools: Anthropic.Tool[] = [];
  for (const name of new Set(rules.flatMap((r) => (r.then.skill ? [r.then.skill] : [])))) {
    const skill = skills.get?.(name);
    const schema = skill && inputSchemaOf(skill);
    if (!skill || !schema) continue;
    const toolName = toolNameOf(name);
    byTool.set(toolName, name);
    tools.push({
      name: toolName,
      description: `${skill.title}. Deterministic, no cost: call it to do this part of the work exactly, then use its Markdown result in your decision's output.`,
      input_schema: schema,
    });
  }
  if (tools.length === 0) return undefined;
  return {
    tools,
    run(toolName, input) {
      const name = byTool.get(toolName);
      return name === undefined ? undefined : skills.run(name, input);
    },
  };
}
