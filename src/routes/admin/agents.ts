import { and, asc, eq, gt, type SQL } from "drizzle-orm";
import { type Context, Hono } from "hono";
import { existingAgent, unwrap } from "../../agents/agent-ref";
import type { Result } from "../../agents/result";
import { spawnAgent } from "../../agents/spawn";
import { database } from "../../db/client";
import { keysetPage } from "../../db/keyset";
import { agentInstances } from "../../db/schema";
import { audit } from "../../http/audit";
import { jsonBody, queryOf } from "../../http/validate";
import {
  type AgentInstancePage,
  AgentListQuery,
  type AgentSnapshot,
  type DecisionPage,
  DecisionsQuery,
  type DecisionSummary,
} from "../../schemas/agent-views";
import { RetireRequest, SpawnRequest } from "../../schemas/lifecycle";
import { ImportMemories, MemorySearchQuery, type MemorySearchResult } from "../../schemas/memory-views";
import type { AppEnv } from "../../types";

// The reads of one agent instance, shared with their deprecated paths under /v1/agents/{id}.

/** `GET …/{id}`: the instance's identity, state, counters and context. */
export async function instanceSnapshot(c: Context<AppEnv>, id: string): Promise<Response> {
  return c.json(unwrap(await (await existingAgent(c.env, id)).snapshot()) satisfies AgentSnapshot);
}

/** `GET …/{id}/decisions`: its decisions, newest first. */
export async function instanceDecisions(c: Context<AppEnv>, id: string): Promise<Response> {
  const { limit, cursor } = queryOf(c, DecisionsQuery);
  return c.json(unwrap(await (await existingAgent(c.env, id)).listDecisions(limit, cursor)) satisfies DecisionPage);
}

/** `GET …/{id}/decisions/summary`: tier mix, cache hit rate, tokens, cost, escalations. */
export async function instanceDecisionSummary(c: Context<AppEnv>, id: string): Promise<Response> {
  return c.json(unwrap(await (await existingAgent(c.env, id)).decisionSummary()) satisfies DecisionSummary);
}

/** An operator's lifecycle change of one instance, audited with its state before and after. */
async function transition(
  c: Context<AppEnv>,
  action: "pause" | "resume" | "retire",
  change: (agent: Awaited<ReturnType<typeof existingAgent>>) => Promise<Result<AgentSnapshot>>,
): Promise<Response> {
  const id = c.req.param("id") ?? "";
  const agent = await existingAgent(c.env, id);
  const before = unwrap<AgentSnapshot>(await agent.snapshot());
  const after = unwrap<AgentSnapshot>(await change(agent));
  await audit(c, {
    action: `agent.${action}`,
    target: { type: "agent", id },
    customerId: after.customerId,
    before: { state: before.state },
    after: { state: after.state },
  });
  return c.json(after satisfies AgentSnapshot);
}

/** Operator lifecycle and reads: spawn, list, read one, its decisions, pause, resume, retire. */
export const adminAgentRoutes = new Hono<AppEnv>()
  .post("/", async (c) => {
    const spawned = await spawnAgent(c.env, await jsonBody(c, SpawnRequest));
    const after = { definition: spawned.definition, state: spawned.state, customerId: spawned.customerId };
    await audit(c, { action: "agent.spawn", target: { type: "agent", id: spawned.id }, customerId: spawned.customerId, after });
    return c.json(spawned satisfies AgentSnapshot, 201);
  })
  .get("/", async (c) => {
    const q = queryOf(c, AgentListQuery);
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
    return c.json(keysetPage(rows, q.limit, (last) => last.id) satisfies AgentInstancePage);
  })
  .get("/:id", (c) => instanceSnapshot(c, c.req.param("id")))
  .get("/:id/decisions", (c) => instanceDecisions(c, c.req.param("id")))
  .get("/:id/decisions/summary", (c) => instanceDecisionSummary(c, c.req.param("id")))
  .post("/:id/pause", (c) => transition(c, "pause", (agent) => agent.pause()))
  .post("/:id/resume", (c) => transition(c, "resume", (agent) => agent.resume()))
  .post("/:id/retire", async (c) => {
    const { drainSeconds } = await jsonBody(c, RetireRequest, { optional: true });
    return transition(c, "retire", (agent) => agent.retire(drainSeconds === undefined ? {} : { drainSeconds }));
  })
  .post("/:id/memories", async (c) => {
    const { memories } = await jsonBody(c, ImportMemories);
    const imported = unwrap(await (await existingAgent(c.env, c.req.param("id"))).importMemories(memories));
    await audit(c, {
      action: "agent.memories.import",
      target: { type: "agent", id: c.req.param("id") },
      after: { count: memories.length },
    });
    return c.json(imported, 201);
  })
  .get("/:id/memories/search", async (c) => {
    const q = queryOf(c, MemorySearchQuery);
    const found = unwrap(await (await existingAgent(c.env, c.req.param("id"))).searchMemories(q.customerId ?? null, q.q, q.topK));
    return c.json(found satisfies MemorySearchResult);
  });
