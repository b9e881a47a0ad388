import { Hono } from "hono";
import { listDefinitions } from "../../agents/definitions";
import { database } from "../../db/client";
import type { DefinitionList } from "../../schemas/agent-views";
import type { AppEnv } from "../../types";

/** The public catalogue of agent definitions: personas and what each can do. */
export const definitionRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const items = (await listDefinitions(database(c.env.DB))).map((d) => ({
    slug: d.slug,
    version: d.version,
    personality: d.personality,
    coe: d.specialization.coe,
    role: d.specialization.role,
    capabilities: d.specialization.capabilities,
    subscriptions: d.specialization.subscriptions,
  }));
  return c.json({ items } satisfies DefinitionList);
});
