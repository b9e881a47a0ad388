import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import { spawnAgent } from "../../agents/spawn";
import { database } from "../../db/client";
import { agentInstances } from "../../db/schema";
import { jsonBody, queryOf } from "../../http/validate";
import { AgentInstance } from "../../schemas/agent-views";
import { LifecycleState, SpawnRequest } from "../../schemas/lifecycle";
import type { AppEnv } from "../../types";

export const ListQuery = z.object({
  state: LifecycleState.optional(),
  definition: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});

export const AgentInstancePage = z.object({ items: z.array(AgentInstance), nextCursor: z.string().nullable() });

/** Operator lifecycle: spawn, list, pause, resume, retire. */
export const adminAgentRoutes = new Hono<AppEnv>()
  .post("/", async (c) => c.json(await spawnAgent(c.env, await jsonBody(c, SpawnRequest)), 201))
  .get("/", async (c) => {
    const q = queryOf(c, ListQuery);
    const filters: SQL[] = [];
    if (q.state) filters.push(eq(agentInstances.state, q.state));
    if (q.definition) filters.push(eq(agentInstances.definitionSlug, q.definition));
    if (q.cursor) filters.push(gt(agentInstances.id, q.cursor));
    const rows = await database(c.env.DB)
      .select()
      .from(agentInstances)
      .where(and(...filters))
      .orderBy(asc(agentInstances.id))
      .limit(q.limit + 1);
    const items = rows.slice(0, q.limit);
    return c.json({ items, nextCursor: rows.length > q.limit ? (items[items.length - 1]?.id ?? null) : null });
  })
  .post("/:id/pause", async (c) => c.json(unwrap(await (await existingAgent(c.env, c.req.param("id"))).pause())))
  .post("/:id/resume", async (c) => c.json(unwrap(await (await existingAgent(c.env, c.req.param("id"))).resume())))
  .post("/:id/retire", async (c) => c.json(unwrap(await (await existingAgent(c.env, c.req.param("id"))).retire())));
