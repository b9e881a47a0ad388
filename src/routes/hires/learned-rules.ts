import { Hono } from "hono";
import { jsonBody, queryOf } from "../../http/validate";
import { auditRevoke } from "../admin/learned-rules";
import { listLearnedRules } from "../../learning/learned-rules";
import { revokeForPerson } from "../../learning/revoke";
import { ownHire } from "../../marketplace/hires";
import { HireLearnedRuleQuery, type LearnedRule, type LearnedRulePage, RevokeLearnedRule } from "../../schemas/learning";
import type { AppEnv } from "../../types";

/**
 * A customer's view of what their hired agent learned from their feedback: only rules of that
 * hire's definition for that customer (another customer's rule answers 404, like a missing one).
 * Mounted under /v1/hires, behind its customer authentication.
 */
export const hireLearnedRuleRoutes = new Hono<AppEnv>()
  .get("/:id/learned-rules", async (c) => {
    const hire = await ownHire(c.env, c.get("customerId"), c.req.param("id"));
    const q = queryOf(c, HireLearnedRuleQuery);
    return c.json((await listLearnedRules(c.env.DB, q, { customerId: hire.customerId, definition: hire.slug })) satisfies LearnedRulePage);
  })
  .post("/:id/learned-rules/:ruleId/revoke", async (c) => {
    const hire = await ownHire(c.env, c.get("customerId"), c.req.param("id"));
    const { reason } = await jsonBody(c, RevokeLearnedRule);
    const owner = { customerId: hire.customerId, definition: hire.slug };
    const revoked = await revokeForPerson(c.env, c.req.param("ruleId"), "customer", reason, owner);
    await auditRevoke(c, revoked);
    return c.json(revoked satisfies LearnedRule);
  });
