import { Hono } from "hono";
import { queryOf } from "../../http/validate";
import { type CostReport, CostsQuery } from "../../schemas/operator-views";
import type { AppEnv } from "../../types";

// An agent whose instance or definition row is gone still counts, under `-`.
const GROUP_COLUMN = { agent: "d.instance_id", coe: "COALESCE(def.coe, '-')", customer: "COALESCE(i.customer_id, '-')" } as const;

/** Spend and tier mix from the decisions rolled up to D1, per agent, CoE or customer. */
export const adminCostRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const q = queryOf(c, CostsQuery);
  const now = new Date();
  const since = q.since ?? Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const key = GROUP_COLUMN[q.groupBy];
  const { results } = await c.env.DB.prepare(
    `SELECT ${key} AS key, COUNT(*) AS decisions,
       SUM(d.tier = 'rules') AS rules, SUM(d.tier = 'learned') AS learned, SUM(d.tier = 'cache') AS cache,
       SUM(d.tier = 'semantic') AS semantic, SUM(d.tier = 'llm') AS llm, SUM(d.tier = 'fallback') AS fallback,
       SUM(d.input_tokens) AS inputTokens, SUM(d.output_tokens) AS outputTokens, SUM(d.cost_usd) AS costUsd
     FROM decisions d
     LEFT JOIN agent_instances i ON i.id = d.instance_id
     LEFT JOIN agent_definitions def ON def.slug = i.definition_slug
     WHERE d.decided_at >= ?
     GROUP BY key ORDER BY costUsd DESC, decisions DESC LIMIT ?`,
  )
    .bind(since, q.limit)
    .all<CostReport["items"][number]>();
  return c.json({ groupBy: q.groupBy, since, items: results } satisfies CostReport);
});
