import { Hono } from "hono";
import { NotFoundError } from "../../errors";
import { operatorAuth } from "../../http/auth";
import { bearerApiKey } from "../../http/customer-auth";
import { cachedCatalogueRead } from "../../http/edge-cache";
import { markDeprecated } from "../../http/deprecation";
import { queryOf } from "../../http/validate";
import { searchCatalogue } from "../../marketplace/catalogue-search";
import { agentProfile } from "../../marketplace/profile";
import { CatalogueQuery } from "../../schemas/marketplace";
import type { AppEnv } from "../../types";
import { instanceDecisionSummary, instanceDecisions, instanceSnapshot } from "../admin/agents";

/**
 * `/v1/agents`: the public catalogue (search and profiles by slug, cached at the edge).
 *
 * Deprecated, kept answering as documented until the next minor version: for operators, agent
 * instances by id and their decisions, now at /v1/admin/agents/{id}. A path that names no listed
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
      if (!(error instanceof NotFoundError && auth && !bearerApiKey(auth))) throw error;
      await operatorAuth(c, async () => {});
      markDeprecated(c, `/v1/admin/agents/${encodeURIComponent(ref)}`);
      return instanceSnapshot(c, ref);
    }
  })
  .use("/:id/decisions/*", operatorAuth)
  .use("/:id/decisions", operatorAuth)
  .get("/:id/decisions/summary", (c) => {
    const id = c.req.param("id");
    markDeprecated(c, `/v1/admin/agents/${encodeURIComponent(id)}/decisions/summary`);
    return instanceDecisionSummary(c, id);
  })
  .get("/:id/decisions", (c) => {
    const id = c.req.param("id");
    markDeprecated(c, `/v1/admin/agents/${encodeURIComponent(id)}/decisions`);
    return instanceDecisions(c, id);
  });
