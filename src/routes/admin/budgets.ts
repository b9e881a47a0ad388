import { type Context, Hono } from "hono";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import type { AgentSnapshot } from "../../agents/agent-types";
import { budgetStub, customerBudgetScope, type BudgetScope } from "../../budgets/budget-gate";
import { BudgetLimits } from "../../budgets/budget-schemas";
import { engineSettings } from "../../config/settings";
import { audit } from "../../http/audit";
import { jsonBody, parseWith } from "../../http/validate";
import { CustomerId } from "../../schemas/event";
import { BudgetKind, type BudgetView } from "../../schemas/operator-views";
import type { AppEnv } from "../../types";

/** The budget a path names, with the limits it falls back to when no override is set. */
async function scopeOf(env: Env, kindParam: string, idParam: string): Promise<BudgetScope> {
  const kind = parseWith(BudgetKind, kindParam, "kind");
  if (kind === "customers") return customerBudgetScope(parseWith(CustomerId, idParam, "id"), engineSettings(env));
  const snapshot = unwrap<AgentSnapshot>(await (await existingAgent(env, idParam)).snapshot());
  return { kind: "agent", id: snapshot.id, defaults: snapshot.defaults.budget };
}

/** The budget as it stands: its limits and usage per window. */
async function budgetView(env: Env, scope: BudgetScope): Promise<BudgetView> {
  return { scope: scope.kind, id: scope.id, ...(await budgetStub(env, scope).usage(scope.defaults)) };
}

/** The part of a budget an override changes, for the audit log. */
const limitsOf = (view: BudgetView) => ({ limits: view.limits, overridden: view.overridden });

/** Sets (or, with `null`, clears) an override, audited with the limits before and after. */
async function override(c: Context<AppEnv>, limits: BudgetLimits | null): Promise<Response> {
  const scope = await scopeOf(c.env, c.req.param("kind") ?? "", c.req.param("id") ?? "");
  const before = await budgetView(c.env, scope);
  await budgetStub(c.env, scope).setLimits(limits);
  const after = await budgetView(c.env, scope);
  await audit(c, {
    action: limits ? "budget.override" : "budget.override.clear",
    target: { type: `budget.${scope.kind}`, id: scope.id },
    customerId: scope.kind === "customer" ? scope.id : null,
    before: limitsOf(before),
    after: limitsOf(after),
  });
  return c.json(after);
}

/** Budgets of agents and customers: usage per window, and operator overrides of the limits. */
export const adminBudgetRoutes = new Hono<AppEnv>()
  .get("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    return c.json(await budgetView(c.env, scope));
  })
  .put("/:kind/:id", async (c) => override(c, await jsonBody(c, BudgetLimits)))
  .delete("/:kind/:id", (c) => override(c, null));
