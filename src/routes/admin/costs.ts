import { Hono } from "hono";
import { z } from "zod";
import { queryOf } from "../../http/validate";
import type { AppEnv } from "../../types";

export const CostsQuery = z.object({
  groupBy: z.enum(["agent", "coe", "customer"]).default("agent"),
  /** Epoch ms; defaults to the start of the current UTC month. */
  since: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Spend per group, largest first. `key` is the agent id, the CoE or the customer (`-`: none). */
export const CostReport = z.object({
  groupBy: z.enum(["agent", "coe", "customer"]),
  since: z.number().int(),
  items: z.array(
    z.object({
      key: z.string(),
      decisions: z.number().int(),
      rules: z.number().int(),
      cache: z.number().int(),
      llm: z.number().int(),
      fallback: z.number().int(),
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      costUsd: z.number(),
    }),
  ),
});

const GROUP_COLUMN = { agent: "d.instance_id", coe: "def.coe", customer: "COALESCE(i.customer_id, '-')" } as const;

/** Spend and tier mix from the decisions rolled up to D1, per agent, CoE or customer. */
export const adminCostRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const q = queryOf(c, CostsQuery);
  const now = new Date();
  const since = q.since ?? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const key = GROUP_COLUMN[q.groupBy];
  const { results } = await c.env.DB.prepare(
    `SELECT ${key} AS key, COUNT(*) AS decisions,
       SUM(d.tier = 'rules') AS rules, SUM(d.tier = 'cache') AS cache, SUM(d.tier = 'llm') AS llm, SUM(d.tier = 'fallback') AS fallback,
       SUM(d.input_tokens) AS inputTokens, SUM(d.output_tokens) AS outputTokens, SUM(d.cost_usd) AS costUsd
     FROM decisions d
     LEFT JOIN agent_instances i ON i.id = d.instance_id
     LEFT JOIN agent_definitions def ON def.slug = i.definition_slug
     WHERE d.decided_at >= ?
     GROUP BY key ORDER BY costUsd DESC, decisions DESC LIMIT ?`,
  )
    .bind(since, q.limit)
    .all();
  return c.json({ groupBy: q.groupBy, since, items: results });
});
