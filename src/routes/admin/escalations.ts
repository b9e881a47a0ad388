import { Hono } from "hono";
import { queryOf } from "../../http/validate";
import { listEscalations } from "../../organisation/chain";
import { ListQuery } from "../../schemas/marketplace";
import type { AppEnv } from "../../types";

/** Chains the organisation handed to a person, newest first. */
export const adminEscalationRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { limit, cursor } = queryOf(c, ListQuery.omit({ active: true }));
  return c.json(await listEscalations(c.env, limit, cursor));
});
