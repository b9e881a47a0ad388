import type { Event } from "../schemas/event";
import { candidatePatterns, globMatch } from "./patterns";

/**
 * Finds the agents whose subscriptions match each event by querying the D1 subscription index,
 * never by asking the agents: an agent that does not match is never instantiated.
 *
 * Each distinct (type, subject, customer) in a batch costs one indexed query; all of them go
 * to D1 in one round trip. The four UNION ALL arms are the four exact-match combinations of
 * the (pattern, customer, subject) index, so none of them scans.
 */
const MATCH_SQL = (patterns: number) => {
  const inList = Array.from({ length: patterns }, () => "?").join(", ");
  const arm = (customer: string, subject: string) =>
    `SELECT instance_id, subject_glob FROM subscriptions WHERE event_pattern IN (${inList}) AND ${customer} AND ${subject}`;
  return [
    arm("customer_id = ?", "subject_exact = ?"),
    arm("customer_id = ?", "subject_exact IS NULL"),
    arm("customer_id IS NULL", "subject_exact = ?"),
    arm("customer_id IS NULL", "subject_exact IS NULL"),
  ].join(" UNION ALL ");
};

interface Key {
  type: string;
  subject: string;
  customerId: string;
}

function keyOf(event: Event): string {
  return JSON.stringify([event.type, event.subject, event.customerId ?? ""]);
}

function bindingsFor(key: Key): unknown[] {
  const p = candidatePatterns(key.type);
  // Events without a customer never match customer-scoped subscriptions: bind an impossible id.
  const customer = key.customerId || "\u0000";
  return [...p, customer, key.subject, ...p, customer, ...p, key.subject, ...p];
}

/** Map from event id to the ids of the agent instances to wake, in a stable order. */
export async function findSubscribers(db: D1Database, events: readonly Event[]): Promise<Map<string, string[]>> {
  const keys = new Map<string, Key>();
  for (const e of events) keys.set(keyOf(e), { type: e.type, subject: e.subject, customerId: e.customerId ?? "" });
  const keyList = [...keys.entries()];
  const statements = keyList.map(([, key]) =>
    db.prepare(MATCH_SQL(candidatePatterns(key.type).length)).bind(...bindingsFor(key)),
  );
  const results = statements.length ? await db.batch<{ instance_id: string; subject_glob: string | null }>(statements) : [];
  const byKey = new Map<string, string[]>();
  keyList.forEach(([k, key], i) => {
    const rows = results[i]?.results ?? [];
    const ids = new Set<string>();
    for (const row of rows) {
      if (row.subject_glob === null || globMatch(row.subject_glob, key.subject)) ids.add(row.instance_id);
    }
    byKey.set(k, [...ids].sort());
  });
  return new Map(events.map((e) => [e.id, byKey.get(keyOf(e)) ?? []]));
}
