import type { Candidate } from "./balancer";

// A customer's agents in one role that can take work now: hired (not a trial that ran out),
// active (not paused or retired), with the work they have open (queued tasks and handoffs
// awaiting their ack). Another customer's agents are never candidates.
const ROSTER = `SELECT h.id AS hireId, h.instance_id AS instanceId,
    (SELECT COUNT(*) FROM tasks t WHERE t.hire_id = h.id AND t.status = 'queued')
    + (SELECT COUNT(*) FROM agent_messages m WHERE m.to_instance = h.instance_id AND m.status = 'sent') AS open
  FROM hires h
  JOIN agent_definitions d ON d.slug = h.slug
  JOIN agent_instances a ON a.id = h.instance_id
  WHERE h.customer_id = ? AND d.role = ? AND h.status = 'active' AND a.state = 'active' AND (h.ends_at IS NULL OR h.ends_at > ?)`;

/** The customer's agents in `role` that can take work, with their open work. */
export async function rosterOf(d1: D1Database, customerId: string, role: string, now: number): Promise<Candidate[]> {
  const { results } = await d1.prepare(ROSTER).bind(customerId, role, now).all<Candidate>();
  return results;
}

/** The listed agent a customer would hire for a role: the most trusted one. */
export async function listingForRole(d1: D1Database, role: string): Promise<string | null> {
  const row = await d1
    .prepare(`SELECT slug FROM listings WHERE role = ? AND listed = 1 ORDER BY trust_score DESC, slug LIMIT 1`)
    .bind(role)
    .first<{ slug: string }>();
  return row?.slug ?? null;
}
