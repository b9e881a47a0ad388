import { Hono, type Context } from "hono";
import { z } from "zod";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import { NotFoundError } from "../../errors";
import { operatorAuth } from "../../http/auth";
import { bearerApiKey } from "../../http/customer-auth";
import { cachedCatalogueRead } from "../../http/edge-cache";
import { queryOf } from "../../http/validate";
import { searchCatalogue } from "../../marketplace/catalogue-search";
import { agentProfile } from "../../marketplace/profile";
import { CatalogueQuery } from "../../schemas/marketplace";
import type { AppEnv } from "../../types";

export const DecisionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().positive().optional(),
});

/** An agent instance's snapshot, for operators (instance ids: `agt_…`, `demo-…`, `agent-hir_…`). */
async function instanceSnapshot(c: Context<AppEnv>, id: string): Promise<Response> {
  await operatorAuth(c, async () => {});
  const agent = await existingAgent(c.env, id);
  return c.json(unwrap(await agent.snapshot()));
}

/**
 * `/v1/agents`: the public catalogue (search and profiles by slug, cached at the edge) and,
 * for operators, agent instances by id with their decisions. A path that names no listed
 * agent falls through to the instance of that id when the caller is an operator.
 */
export const agentRoutes = new Hono<AppEnv>()
  .get("/", async (c) => {
    const query = queryOf(c, CatalogueQuery);
    return cachedCatalogueRead(c, () => searchCatalogue(c.env.DB, query));
  })
  .get("/:ref", async (c) => {
    const ref = c.req.param("ref");
    try {
      return await cachedCatalogueRead(c, () => agentProfile(c.env, ref));
    } catch (error) {
      // Only an operator token may read instances; a customer key simply gets the 404.
      const auth = c.req.header("authorization");
      if (error instanceof NotFoundError && auth && !bearerApiKey(auth)) return instanceSnapshot(c, ref);
      throw error;
    }
  })
  .use("/:id/decisions/*", operatorAuth)
  .use("/:id/decisions", operatorAuth)
  .get("/:id/decisions/summary", async (c) => {
    const agent = await existingAgent(c.env, c.req.param("id"));
    return c.json(unwrap(await agent.decisionSummary()));
  })
  .get("/:id/decisions", async (c) => {
    const { limit, cursor } = queryOf(c, DecisionsQuery);
    const agent = await existingAgent(c.env, c.req.param("id"));
    return c.json(unwrap(await agent.listDecisions(limit, cursor)));
  });
