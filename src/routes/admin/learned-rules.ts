import { type Context, Hono } from "hono";
import { audit } from "../../http/audit";
import { jsonBody, queryOf } from "../../http/validate";
import { learnedRule, listLearnedRules } from "../../learning/learned-rules";
import { revokeForPerson } from "../../learning/revoke";
import { type LearnedRule, type LearnedRulePage, LearnedRuleQuery, RevokeLearnedRule } from "../../schemas/learning";
import type { AppEnv } from "../../types";

/** A learned rule's revocation (by an operator or the customer it decides for), in the audit log. */
export async function auditRevoke(c: Context<AppEnv>, rule: LearnedRule): Promise<void> {
  await audit(c, {
    action: "learned_rule.revoke",
    target: { type: "learned_rule", id: rule.id },
    customerId: rule.customerId,
    after: { status: rule.status, reason: rule.revokeReason ?? null },
  });
}

/** Operators review and revoke what agents learned from feedback, with its provenance. */
export const adminLearnedRuleRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json((await listLearnedRules(c.env.DB, queryOf(c, LearnedRuleQuery))) satisfies LearnedRulePage))
  .get("/:id", async (c) => c.json((await learnedRule(c.env.DB, c.req.param("id"))) satisfies LearnedRule))
  .post("/:id/revoke", async (c) => {
    const { reason } = await jsonBody(c, RevokeLearnedRule);
    const revoked = await revokeForPerson(c.env, c.req.param("id"), "operator", reason);
    await auditRevoke(c, revoked);
    return c.json(revoked satisfies LearnedRule);
  });
