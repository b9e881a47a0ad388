import { budgetStub, customerBudgetScope, type BudgetScope } from "../../budgets/budget-gate";
import { BudgetLimits } from "../../budgets/budget-schemas";
import { engineSettings } from "../../config/settings";
import { errorText } from "../../errors";
import { providerBreaker } from "../../resilience/breaker-client";
import { Provider } from "../../schemas/operator-views";
import { METRICS } from "./catalogue";
import type { Series } from "./series";

/** Budgets shown: the busiest agents and customers (by spend over the last day), so a scrape stays cheap. */
export const BUDGETS_SHOWN = 20;
const DAY_MS = 86_400_000;
const BREAKER_STATES = ["closed", "half_open", "open"] as const;

/**
 * Gauges are read when scraped, not counted: the DLQ's depth from D1, each provider's breaker
 * state from its Durable Object, and the busiest budgets' usage. A source that fails is left out
 * of this scrape (and logged) rather than failing the scrape.
 */
export async function scrapeGauges(env: Env): Promise<Series[]> {
  const parts = await Promise.all([dlqDepth(env), breakerStates(env), budgetUsage(env)].map((p) => p.catch(logged)));
  return parts.flat();
}

function logged(error: unknown): Series[] {
  console.warn("metrics: a gauge could not be read", errorText(error));
  return [];
}

async function dlqDepth(env: Env): Promise<Series[]> {
  const row = await env.DB.prepare("SELECT COUNT(*) AS n FROM dead_letters WHERE replayed_at IS NULL").first<{ n: number }>();
  return [{ name: METRICS.dlqDepth.name, labels: [], value: row?.n ?? 0 }];
}

async function breakerStates(env: Env): Promise<Series[]> {
  const all = await Promise.all(
    Provider.options.map(async (provider) => {
      const { phase } = await providerBreaker(env, provider).status();
      return BREAKER_STATES.map((state) => ({
        name: METRICS.breakerState.name,
        labels: [provider, state],
        value: phase === state ? 1 : 0,
      }));
    }),
  );
  return all.flat();
}

interface BusyRow {
  kind: "agent" | "customer";
  id: string;
  budget: string | null;
}

async function budgetUsage(env: Env): Promise<Series[]> {
  const since = Date.now() - DAY_MS;
  const { results } = await env.DB.prepare(
    `SELECT * FROM (
       SELECT 'agent' AS kind, d.instance_id AS id, json_extract(def.definition, '$.defaults.budget') AS budget
       FROM decisions d LEFT JOIN agent_instances i ON i.id = d.instance_id LEFT JOIN agent_definitions def ON def.slug = i.definition_slug
       WHERE d.decided_at >= ?1 GROUP BY d.instance_id ORDER BY SUM(d.cost_usd) DESC, COUNT(*) DESC LIMIT ?2)
     UNION ALL SELECT * FROM (
       SELECT 'customer' AS kind, i.customer_id AS id, NULL AS budget
       FROM decisions d JOIN agent_instances i ON i.id = d.instance_id
       WHERE d.decided_at >= ?1 AND i.customer_id IS NOT NULL GROUP BY i.customer_id ORDER BY SUM(d.cost_usd) DESC, COUNT(*) DESC LIMIT ?2)`,
  )
    .bind(since, BUDGETS_SHOWN)
    .all<BusyRow>();
  const settings = engineSettings(env);
  const scopes = results.flatMap((r): BudgetScope[] => {
    if (r.kind === "customer") return [customerBudgetScope(r.id, settings)];
    const limits = BudgetLimits.safeParse(r.budget ? JSON.parse(r.budget) : null);
    return limits.success ? [{ kind: "agent", id: r.id, defaults: limits.data }] : [];
  });
  const usages = await Promise.all(scopes.map(async (scope) => ({ scope, usage: await budgetStub(env, scope).usage(scope.defaults) })));
  return usages.flatMap(({ scope, usage }) =>
    usage.windows
      // A limit of 0 allows nothing: there is no ratio to show.
      .filter((w) => w.limit > 0)
      .map((w) => ({ name: METRICS.budgetUsage.name, labels: [scope.kind, scope.id, w.window], value: (w.used + w.reserved) / w.limit })),
  );
}
