import { describe, expect, it } from "vitest";
import { chooseVariant } from "../../../src/decisions/context/variants";
import { AgentDefaults, PromptVariant } from "../../../src/schemas/identity";

const variants = [
  PromptVariant.parse({ id: "short", weight: 3, instructions: "Answer in one sentence." }),
  PromptVariant.parse({ id: "warm", weight: 1, instructions: "Be warm." }),
];

describe("prompt variants (A/B tests)", () => {
  it("asks an event with the same variant every time: a redelivery is not a new draw", () => {
    for (let i = 0; i < 50; i++) expect(chooseVariant(variants, `evt_${i}`)).toBe(chooseVariant(variants, `evt_${i}`));
  });

  it("shares events out by weight over many ids", () => {
    const counts = { short: 0, warm: 0 };
    for (let i = 0; i < 10_000; i++) counts[chooseVariant(variants, `evt_${i}`)?.id as keyof typeof counts]++;
    expect(counts.short / 10_000).toBeGreaterThan(0.72);
    expect(counts.short / 10_000).toBeLessThan(0.78);
    expect(counts.short + counts.warm).toBe(10_000);
  });

  it("has no variant when the definition declares none", () => {
    expect(chooseVariant(undefined, "evt_1")).toBeUndefined();
  });

  it("validates a definition's variants: at most 4, unique ids, names the field", () => {
    const five = Array.from({ length: 5 }, (_, i) => ({ id: `v${i}`, instructions: "x" }));
    expect(AgentDefaults.safeParse({ promptVariants: five }).error?.issues[0]?.path).toEqual(["promptVariants"]);
    const twice = AgentDefaults.safeParse({ promptVariants: [{ id: "a" }, { id: "a" }] });
    expect(twice.error?.issues[0]).toMatchObject({ path: ["promptVariants"], message: "variant ids must be unique" });
    expect(AgentDefaults.safeParse({ promptVariants: [{ id: "bad id!" }] }).error?.issues[0]?.path).toEqual(["promptVariants", 0, "id"]);
    expect(AgentDefaults.parse({ promptVariants: [{ id: "a" }] }).promptVariants).toEqual([{ id: "a", weight: 1, instructions: "" }]);
  });
});
