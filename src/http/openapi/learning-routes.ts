import { HireLearnedRuleQuery, LearnedRule, LearnedRulePage, LearnedRuleQuery, RevokeLearnedRule } from "../../schemas/learning";
import { describeRoute } from "./registry";

// Learned rules (src/routes/admin/learned-rules.ts, src/routes/hires/learned-rules.ts).

const RULE_404 = "No learned rule with this id (for a customer: none of this hire's)";
const AT_ONCE =
  "Takes effect at once: after the revocation is stored, up to 100 agents of the rule's scope (its definition, for its customer) drop it and the cached answers it was learned from; any others within `LEARNED_RULES_REFRESH_SECONDS`. The situation must then earn a rule again with new good ratings. Revoking a revoked rule changes nothing.";

describeRoute({
  method: "get",
  path: "/v1/admin/learned-rules",
  operationId: "adminListLearnedRules",
  summary: "Rules agents learned from rated model decisions",
  description:
    "A situation the model decided the same way at least `LEARN_MIN_EVIDENCE` times (distinct events), every rating good and none bad, becomes a rule that decides it with no model call (tier `learned`). Oldest first; `nextCursor` goes in `?cursor=`.",
  tags: ["learning"],
  auth: "operator",
  query: LearnedRuleQuery,
  responses: { 200: { description: "A page of learned rules, with provenance", schema: LearnedRulePage } },
});

describeRoute({
  method: "get",
  path: "/v1/admin/learned-rules/{id}",
  operationId: "adminGetLearnedRule",
  summary: "A learned rule and its provenance",
  tags: ["learning"],
  auth: "operator",
  responses: { 200: { description: "The rule", schema: LearnedRule } },
  errors: { 404: RULE_404 },
});

describeRoute({
  method: "post",
  path: "/v1/admin/learned-rules/{id}/revoke",
  operationId: "adminRevokeLearnedRule",
  summary: "Revoke a learned rule",
  description: AT_ONCE,
  tags: ["learning"],
  auth: "operator",
  body: RevokeLearnedRule,
  example: { reason: "Escalates refund requests it should answer" },
  responses: { 200: { description: "The revoked rule", schema: LearnedRule } },
  errors: { 404: RULE_404 },
});

describeRoute({
  method: "get",
  path: "/v1/hires/{id}/learned-rules",
  operationId: "listLearnedRules",
  summary: "What your hired agent learned from your ratings",
  description: "Rules of this hire's agent, for you only; each names the rated decisions it was learned from.",
  tags: ["learning"],
  auth: "customer",
  query: HireLearnedRuleQuery,
  responses: { 200: { description: "A page of learned rules", schema: LearnedRulePage } },
  errors: { 404: "No such hire, or not yours (indistinguishable)" },
});

describeRoute({
  method: "post",
  path: "/v1/hires/{id}/learned-rules/{ruleId}/revoke",
  operationId: "revokeLearnedRule",
  summary: "Revoke a rule your hired agent learned",
  description: AT_ONCE,
  tags: ["learning"],
  auth: "customer",
  body: RevokeLearnedRule,
  example: { reason: "Our pricing changed; ask me again" },
  responses: { 200: { description: "The revoked rule", schema: LearnedRule } },
  errors: { 404: "No such hire or rule, or not yours (indistinguishable)" },
});
