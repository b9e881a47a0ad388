import { Hono } from "hono";
import { seedDemoCatalogue } from "../../marketplace/demo-catalogue";
import { publishDefinition } from "../../marketplace/listings";
import { jsonBody } from "../../http/validate";
import { AgentDefinition } from "../../schemas/identity";
import type { AppEnv } from "../../types";

/** Operator publishing of definitions, and the demo catalogue seed. */
export const adminDefinitionRoutes = new Hono<AppEnv>()
  .post("/definitions", async (c) => {
    const definition = await jsonBody(c, AgentDefinition);
    await publishDefinition(c.env.DB, definition);
    return c.json(definition, 201);
  })
  .post("/seed", async (c) => c.json(await seedDemoCatalogue(c.env)));
