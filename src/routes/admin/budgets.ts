import { Hono } from "hono";
import { z } from "zod";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import type { AgentSnapshot } from "../../agents/agent-types";
import { budgetStub, customerBudgetScope, type BudgetScope } from "../../budgets/budget-gate";
import { BUDGET_WINDOWS, BudgetLimits } from "../../budgets/budget-schemas";
import { engineSettings } from "../../config/settings";
import { jsonBody, parseWith } from "../../http/validate";
import { CustomerId } from "../../schemas/event";
import type { AppEnv } from "../../types";

export const Kind = z.enum(["agents", "customers"]);

/** A budget's limits (the override, or the defaults it falls back to) and its usage per window. */
export const BudgetView = z
  .object({
    scope: z.enum(["agent", "customer"]),
    id: z.string(),
    limits: BudgetLimits,
    /** True when an operator override is set (PUT); false: the defaults apply. */
    overridden: z.boolean(),
    windows: z.array(
      z.object({
        window: z.enum(BUDGET_WINDOWS),
        /** The calendar period: `2026-11-25`, `2026-11`, or the minute `2026-11-25T10:31`. UTC. */
        period: z.string(),
        used: z.number(),
        reserved: z.number(),
        limit: z.number(),
      }),
    ),
  })
  .meta({ id: "BudgetView" });

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
