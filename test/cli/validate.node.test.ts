import { describe, expect, it } from "vitest";
import { CliError } from "../../packages/cli/src/errors";
import { validated } from "../../packages/cli/src/validate";
import { DEMO_TEMPLATES } from "../../src/marketplace/demo-catalogue";
import { AgentDefinition } from "../../src/schemas/identity";

function problems(value: unknown): { message: string; details: readonly string[] } {
  try {
    validated(AgentDefinition, value, "def.json");
  } catch (error) {
    if (error instanceof CliError) return { message: error.message, details: error.details };
    throw error;
  }
  throw new Error("expected the definition to be refused");
}

describe("checking a definition before it is published", () => {
  it("accepts what the platform accepts, with its defaults applied", () => {
    const template = DEMO_TEMPLATES[0];
    expect(validated(AgentDefinition, template, "def.json")).toMatchObject({ slug: template?.slug, version: expect.any(Number) });
  });

  it("names every problem by its field path, with the schema's own message", () => {
    const template = structuredClone(DEMO_TEMPLATES[0]) as Record<string, unknown> & { specialization: Record<string, unknown> };
    const broken = { ...template, slug: "Not A Slug", specialization: { ...template.specialization, subscriptions: [{ event: 42 }] } };
    const { message, details } = problems(broken);
    expect(message).toMatch(/^def\.json is not valid \(\d+ problems?\):$/);
    expect(details).toContain("slug: lowercase words joined by -");
    expect(details.some((d) => d.startsWith("specialization.subscriptions[0].event: "))).toBe(true);
  });

  it("says when the whole document is wrong", () => {
    expect(problems([]).details).toEqual([expect.stringMatching(/^\(the whole document\): /)]);
  });
});
