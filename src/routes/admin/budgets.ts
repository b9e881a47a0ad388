import { Hono } from "hono";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import type { AgentSnapshot } from "../../agents/agent-types";
import { budgetStub, customerBudgetScope, type BudgetScope } from "../../budgets/budget-gate";
import { BudgetLimits } from "../../budgets/budget-schemas";
import { engineSettings } from "../../config/settings";
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

/** Budgets of agents and customers: usage per window, and operator overrides of the limits. */
export const adminBudgetRoutes = new Hono<AppEnv>()
  .get("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    return c.json(await budgetView(c.env, scope));
  })
  .put("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    await budgetStub(c.env, scope).setLimits(await jsonBody(c, BudgetLimits));
    return c.json(await budgetView(c.env, scope));
  })
  .delete("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    await budgetStub(c.env, scope).setLimits(null);
    return c.json(await budgetView(c.env, scope));
  });
