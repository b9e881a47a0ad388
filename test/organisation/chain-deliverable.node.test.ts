import { describe, expect, it } from "vitest";
import { FieldCipher } from "../../src/crypto/field-cipher";
import { type ChainSoFar, chainText } from "../../src/organisation/chain-deliverable";

const chains = (parts: [task: string, role: string, text: string][], roles: Record<string, string> = {}): ChainSoFar => {
  const byTask = new Map<string, { role: string; text: string }[]>();
  for (const [task, role, text] of parts) byTask.set(task, [...(byTask.get(task) ?? []), { role, text }]);
  return { cipher: new FieldCipher(null), parts: byTask, roles: new Map(Object.entries(roles)) };
};

describe("a chain's deliverable", () => {
  it("lists every deliverable in order under its role, then the last one under the deciding agent's role", () => {
    const c = chains(
      [
        ["t1", "sdr", "scored"],
        ["t1", "seo", "audited"],
        ["t2", "other", "not mine"],
      ],
      { agt_ae: "account-executive" },
    );
    expect(chainText(c, { taskId: "t1", role: null, instanceId: "agt_ae", deliverable: "plan" })).toBe(
      "### sdr\n\nscored\n\n### seo\n\naudited\n\n### account-executive\n\nplan",
    );
    expect(chainText(c, { taskId: "t1", role: "coordinator", deliverable: "x" })).toMatch(/### coordinator\n\nx$/);
    expect(chainText(c, { taskId: "t1", role: null, instanceId: "agt_gone", deliverable: "x" })).toMatch(/### agent\n\nx$/);
  });

  it("is the chain so far without a last deliverable, and null with none at all", () => {
    const c = chains([["t1", "sdr", "scored"]]);
    expect(chainText(c, { taskId: "t1", role: null, deliverable: null })).toBe("### sdr\n\nscored");
    expect(chainText(c, { taskId: "t9", role: null, deliverable: null })).toBeNull();
    expect(chainText(c, { taskId: "t9", role: "sdr", deliverable: "" })).toBe("### sdr\n\n");
  });
});
