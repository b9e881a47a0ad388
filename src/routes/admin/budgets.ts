import { Hono } from "hono";
import { z } from "zod";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import type { AgentSnapshot } from "../../agents/agent-types";
import { budgetStub, customerBudgetScope, type BudgetScope } from "../../budgets/budget-gate";
import { BudgetLimits } from "../../budgets/budget-schemas";
import { engineSettings } from "../../config/settings";
import { jsonBody, parseWith } from "../../http/validate";
import { CustomerId } from "../../schemas/event";
import type { AppEnv } from "../../types";

const Kind = z.enum(["agents", "customers"]);

/** The budget a path names, with the limits it falls back to when no override is set. */
async function scopeOf(env: Env, kindParam: string, idParam: string): Promise<BudgetScope> {
  const kind = parseWith(Kind, kindParam, "kind");
  if (kind === "customers") return customerBudgetScope(parseWith(CustomerId, idParam, "id"), engineSettings(env));
  const snapshot = unwrap<AgentSnapshot>(await (await existingAgent(env, idParam)).snapshot());
  return { kind: "agent", id: snapshot.id, defaults: snapshot.defaults.budget };
}

/** Budgets of agents and customers: usage per window, and operator overrides of the limits. */
export const adminBudgetRoutes = new Hono<AppEnv>()
  .get("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    return c.json({ scope: scope.kind, id: scope.id, ...(await budgetStub(c.env, scope).usage(scope.defaults)) });
  })
  .put("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    const limits = await jsonBody(c, BudgetLimits);
    const stub = budgetStub(c.env, scope);
    await stub.setLimits(limits);
    return c.json({ scope: scope.kind, id: scope.id, ...(await stub.usage(scope.defaults)) });
  })
  .delete("/:kind/:id", async (c) => {
    const scope = await scopeOf(c.env, c.req.param("kind"), c.req.param("id"));
    const stub = budgetStub(c.env, scope);
    await stub.setLimits(null);
    return c.json({ scope: scope.kind, id: scope.id, ...(await stub.usage(scope.defaults)) });
  });
