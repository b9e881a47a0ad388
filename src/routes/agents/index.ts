import { Hono } from "hono";
import { z } from "zod";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import { operatorAuth } from "../../http/auth";
import { queryOf } from "../../http/validate";
import type { AppEnv } from "../../types";

const DecisionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().positive().optional(),
});

/** Agent instances: state, context and decisions, read from the agent itself. */
export const agentRoutes = new Hono<AppEnv>()
  .use(operatorAuth)
  .get("/:id", async (c) => {
    const agent = await existingAgent(c.env, c.req.param("id"));
    return c.json(unwrap(await agent.snapshot()));
  })
  .get("/:id/decisions/summary", async (c) => {
    const agent = await existingAgent(c.env, c.req.param("id"));
    return c.json(unwrap(await agent.decisionSummary()));
  })
  .get("/:id/decisions", async (c) => {
    const { limit, cursor } = queryOf(c, DecisionsQuery);
    const agent = await existingAgent(c.env, c.req.param("id"));
    return c.json(unwrap(await agent.listDecisions(limit, cursor)));
  });
