import { Hono } from "hono";
import { ValidationError } from "../../errors";
import { eq } from "drizzle-orm";
import { database } from "../../db/client";
import { agentDefinitions } from "../../db/schema";
import { audit } from "../../http/audit";
import { jsonBody } from "../../http/validate";
import { seedDemoCatalogue } from "../../marketplace/demo-catalogue";
import { publishDefinition } from "../../marketplace/listings";
import { skills } from "../../platform";
import { AgentDefinition } from "../../schemas/identity";
import type { AppEnv } from "../../types";

/** Operator publishing of definitions, and the demo catalogue seed. */
export const adminDefinitionRoutes = new Hono<AppEnv>()
  .post("/definitions", async (c) => {
    const definition = await jsonBody(c, AgentDefinition);
    // A rule naming a skill the platform does not have would escalate every time it matched.
    const unknown = skills.unknownSkillIn(definition.specialization.rules);
    if (unknown) throw new ValidationError(`${unknown.field}: no skill named ${unknown.skill}`, unknown.field, [], "unknown_skill");
    const previous = await database(c.env.DB)
      .select({ version: agentDefinitions.version })
      .from(agentDefinitions)
      .where(eq(agentDefinitions.slug, definition.slug))
      .get();
    await publishDefinition(c.env.DB, definition);
    await audit(c, {
      action: "definition.publish",
      target: { type: "definition", id: definition.slug },
      before: previous ? { version: previous.version } : null,
      after: { version: definition.version, listed: definition.listing !== undefined },
    });
    return c.json(definition satisfies AgentDefinition, 201);
  })
  .post("/seed", async (c) => {
    const seeded = await seedDemoCatalogue(c.env);
    await audit(c, { action: "catalogue.seed", target: { type: "catalogue", id: "demo" }, after: seeded });
    return c.json(seeded);
  });
