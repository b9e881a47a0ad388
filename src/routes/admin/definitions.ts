import { Hono } from "hono";
import { ValidationError } from "../../errors";
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
    await publishDefinition(c.env.DB, definition);
    return c.json(definition satisfies AgentDefinition, 201);
  })
  .post("/seed", async (c) => c.json(await seedDemoCatalogue(c.env)));
