import { describe, expect, it } from "vitest";
import { RACI } from "../../src/organisation/raci";
import { AgentDefinition } from "../../src/schemas/identity";
import { SPECIALIST_ROLES, TEMPLATES } from "../../templates/index";

const templates = TEMPLATES.map((t) => AgentDefinition.parse(t));

/** The `inputs.kind` values a role's template works on. */
function kindsOf(role: string): string[] {
  return templates
    .filter((t) => t.specialization.role === role)
    .flatMap((t) =>
      t.specialization.rules.flatMap((r) => r.when.conditions.filter((c) => c.path === "payload.inputs.kind").map((c) => String(c.value))),
    );
}

describe("the RACI matrices and the templates agree", () => {
  it("name only the specialists' roles, each in its own CoE", () => {
    for (const matrix of Object.values(RACI)) {
      const roles = SPECIALIST_ROLES[matrix.coe] as readonly string[];
      for (const [type, row] of Object.entries(matrix.tasks)) {
        expect(roles, `${matrix.coe} ${type}`).toContain(row.responsible);
        for (const role of [row.accountable, ...row.consulted, ...row.informed]) expect(roles, `${matrix.coe} ${type}`).toContain(role);
      }
    }
  });

  it("give each task type a kind its Responsible role's template works on", () => {
    for (const matrix of Object.values(RACI)) {
      for (const [type, row] of Object.entries(matrix.tasks)) expect(kindsOf(row.responsible), `${matrix.coe} ${type}`).toContain(row.kind);
    }
  });

  it("the demo catalogue's handoffs go to roles it has, with kinds they take", () => {
    for (const t of templates) {
      for (const rule of t.specialization.rules) {
        if (rule.then.action !== "delegate" || !rule.then.handoff?.kind || !rule.then.delegateTo) continue;
        expect(kindsOf(rule.then.delegateTo), `${t.slug} ${rule.id}`).toContain(rule.then.handoff.kind);
      }
    }
  });
});
