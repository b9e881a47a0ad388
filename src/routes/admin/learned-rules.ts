import { Hono } from "hono";
import { jsonBody, queryOf } from "../../http/validate";
import { learnedRule, listLearnedRules } from "../../learning/learned-rules";
import { revokeForPerson } from "../../learning/revoke";
import { type LearnedRule, type LearnedRulePage, LearnedRuleQuery, RevokeLearnedRule } from "../../schemas/learning";
import type { AppEnv } from "../../types";

/** Operators review and revoke what agents learned from feedback, with its provenance. */
export const adminLearnedRuleRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json((await listLearnedRules(c.env.DB, queryOf(c, LearnedRuleQuery))) satisfies LearnedRulePage))
  .get("/:id", async (c) => c.json((await learnedRule(c.env.DB, c.req.param("id"))) satisfies LearnedRule))
  .post("/:id/revoke", async (c) => {
    const { reason } = await jsonBody(c, RevokeLearnedRule);
    return c.json((await revokeForPerson(c.env, c.req.param("id"), "operator", reason)) satisfies LearnedRule);
  });
