import type { Candidate } from "./balancer";

// A customer's hired agents in one role, with their state and the work they have open (queued
// tasks and handoffs awaiting their ack); a trial that ran out of time or of tasks (handoffs it
// was sent count as tasks) is not on it. Another customer's agents never are.
const ROSTER = `SELECT h.id AS hireId, h.instance_id AS instanceId, a.state AS state,
    (SELECT COUNT(*) FROM tasks t WHERE t.hire_id = h.id AND t.status = 'queued')
    + (SELECT COUNT(*) FROM agent_messages m WHERE m.to_instance = h.instance_id AND m.status = 'sent') AS open
  FROM hires h
  JOIN agent_definitions d ON d.slug = h.slug
  JOIN agent_instances a ON a.id = h.instance_id
  WHERE h.customer_id = ? AND d.role = ? AND h.status = 'active' AND (h.ends_at IS NULL OR h.ends_at > ?)
    AND (h.task_limit IS NULL OR (SELECT COUNT(*) FROM tasks t WHERE t.hire_id = h.id)
      + (SELECT COUNT(*) FROM agent_messages m WHERE m.to_instance = h.instance_id AND m.type IN ('handoff', 'request')) < h.task_limit)`;

export interface RosterEntry extends Candidate {
  /** The agent's lifecycle state: only `active` ones are given work. */
  state: string;
}

/** The customer's hired agents in `role`, with their state and open work. */
export async function rosterOf(d1: D1Database, customerId: string, role: string, now: number): Promise<RosterEntry[]> {
  const { results } = await d1.prepare(ROSTER).bind(customerId, role, now).all<RosterEntry>();
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
