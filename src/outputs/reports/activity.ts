import { DecisionTierName } from "../../schemas/decision";

/** What one hired agent did in a report's window. */
export interface AgentActivity {
  hireId: string;
  slug: string;
  name: string;
  instanceId: string;
  tasks: { done: number; failed: number; open: number };
  decisions: Record<DecisionTierName, number>;
  spendUsd: number;
  handoffs: { sent: number; received: number };
}

/**
 * Violations on one repository in the window, counted from the issue outputs agents wrote then
 * (not from threads, which only remember their first opening and their state now): `found`, the
 * violations reported open (found, or found again) at least once; `fixed`, those reported closed
 * at least once. One violation is one thread key, counted once per column however often it was
 * reported, so one fixed and found again the same day is in both.
 */
export interface RepositoryActivity {
  repository: string;
  found: number;
  fixed: number;
}

/** One customer's day, as the report tells it. */
export interface CustomerActivity {
  customerId: string;
  agents: AgentActivity[];
  repositories: RepositoryActivity[];
}

/** The window a report covers: [since, until) in epoch ms. */
export interface Window {
  since: number;
  until: number;
}

// Hires that were active at some point of the window.
const HIRES = `SELECT h.id, h.customer_id AS c, h.slug, h.instance_id AS i, COALESCE(d.display_name, h.slug) AS name
  FROM hires h LEFT JOIN agent_definitions d ON d.slug = h.slug
  WHERE h.customer_id IN (SELECT value FROM json_each(?1)) AND h.started_at < ?3 AND (h.ended_at IS NULL OR h.ended_at >= ?2)
  ORDER BY h.customer_id, h.started_at, h.id`;

// Finished in the window (done, or ended without a deliverable), or still open now.
const TASKS = `SELECT hire_id AS h,
    SUM(status = 'done' AND finished_at >= ?2 AND finished_at < ?3) AS done,
    SUM(status IN ('failed', 'needs_human', 'needs_hire', 'declined') AND finished_at >= ?2 AND finished_at < ?3) AS failed,
    SUM(status IN ('queued', 'delegated')) AS open
  FROM tasks WHERE hire_id IN (SELECT value FROM json_each(?1)) GROUP BY hire_id`;

const DECISIONS = `SELECT instance_id AS i, tier, COUNT(*) AS n, SUM(cost_usd) AS cost FROM decisions
  WHERE decided_at >= ?2 AND decided_at < ?3 AND instance_id IN (SELECT value FROM json_each(?1)) GROUP BY 1, 2`;

const HANDOFFS = `SELECT from_instance AS i, to_instance AS r FROM agent_messages
  WHERE type IN ('handoff', 'request') AND created_at >= ?2 AND created_at < ?3 AND customer_id IN (SELECT value FROM json_each(?1))`;

// Issue outputs about a repository written in the window: each violation (key) once per state.
const VIOLATIONS = `SELECT customer_id AS c, lower(target->>'repository') AS repository,
    COUNT(DISTINCT CASE WHEN state = 'open' THEN key END) AS found, COUNT(DISTINCT CASE WHEN state = 'closed' THEN key END) AS fixed
  FROM outputs WHERE customer_id IN (SELECT value FROM json_each(?1)) AND kind = 'issue' AND target->>'repository' IS NOT NULL
    AND created_at >= ?2 AND created_at < ?3
  GROUP BY 1, 2 ORDER BY 1, 2`;

const noTiers = (): Record<DecisionTierName, number> => ({ rules: 0, learned: 0, cache: 0, semantic: 0, llm: 0, fallback: 0 });

/**
 * What the customers (`customers`, their ids as a JSON array, as `jsonChunks` makes them) hired
 * agents did in the window: a handful of grouped queries for all of them at once, not one per
 * agent. Customers without a hire active in the window are left out.
 */
export async function activityOf(d1: D1Database, customers: string, window: Window): Promise<CustomerActivity[]> {
  const { since, until } = window;
  const { results: hires } = await d1
    .prepare(HIRES)
    .bind(customers, since, until)
    .all<{ id: string; c: string; slug: string; i: string; name: string }>();
  if (hires.length === 0) return [];
  const [tasks, decisions, handoffs, violations] = await d1.batch<Record<string, unknown>>([
    d1.prepare(TASKS).bind(JSON.stringify(hires.map((h) => h.id)), since, until),
    d1.prepare(DECISIONS).bind(JSON.stringify(hires.map((h) => h.i)), since, until),
    d1.prepare(HANDOFFS).bind(customers, since, until),
    d1.prepare(VIOLATIONS).bind(customers, since, until),
  ]);
  const agents = new Map<string, AgentActivity>();
  const byInstance = new Map<string, AgentActivity>();
  for (const h of hires) {
    const agent: AgentActivity = {
      hireId: h.id,
      slug: h.slug,
      name: h.name,
      instanceId: h.i,
      tasks: { done: 0, failed: 0, open: 0 },
      decisions: noTiers(),
      spendUsd: 0,
      handoffs: { sent: 0, received: 0 },
    };
    agents.set(h.id, agent);
    byInstance.set(h.i, agent);
  }
  for (const row of tasks?.results ?? []) {
    const agent = agents.get(String(row["h"]));
    if (agent) agent.tasks = { done: Number(row["done"] ?? 0), failed: Number(row["failed"] ?? 0), open: Number(row["open"] ?? 0) };
  }
  for (const row of decisions?.results ?? []) {
    const agent = byInstance.get(String(row["i"]));
    const tier = DecisionTierName.safeParse(row["tier"]);
    if (!agent || !tier.success) continue;
    agent.decisions[tier.data] += Number(row["n"] ?? 0);
    agent.spendUsd += Number(row["cost"] ?? 0);
  }
  for (const row of handoffs?.results ?? []) {
    const from = byInstance.get(String(row["i"]));
    if (from) from.handoffs.sent++;
    const to = byInstance.get(String(row["r"]));
    if (to) to.handoffs.received++;
  }
  const repositories = new Map<string, RepositoryActivity[]>();
  for (const row of violations?.results ?? []) {
    const list = repositories.get(String(row["c"])) ?? [];
    list.push({ repository: String(row["repository"]), found: Number(row["found"] ?? 0), fixed: Number(row["fixed"] ?? 0) });
    repositories.set(String(row["c"]), list);
  }
  const out = new Map<string, CustomerActivity>();
  for (const h of hires) {
    const entry = out.get(h.c) ?? { customerId: h.c, agents: [], repositories: repositories.get(h.c) ?? [] };
    const agent = agents.get(h.id);
    if (agent) entry.agents.push(agent);
    out.set(h.c, entry);
  }
  return [...out.values()];
}
