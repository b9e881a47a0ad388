import type { Event } from "../schemas/event";
import { ANY_CUSTOMER } from "../schemas/identity";
import { candidatePatterns, globMatch } from "./patterns";

/**
 * Finds the agents whose subscriptions match each event by querying the D1 subscription index,
 * never by asking the agents: an agent that does not match is never instantiated.
 *
 * Each distinct (type, subject, customer) in a batch costs one indexed query; all of them go
 * to D1 in one round trip. The UNION ALL arms are exact-match combinations of the
 * (pattern, customer, subject) index, so none of them scans. Tenants are isolated: an event
 * with a customer matches subscriptions for that customer or for any customer (`*`); an event
 * without one matches subscriptions without a customer or for any customer.
 */
const ANY = `'${ANY_CUSTOMER}'`;

function matchSql(patterns: number, hasCustomer: boolean): string {
  const inList = Array.from({ length: patterns }, () => "?").join(", ");
  const customers = hasCustomer ? ["customer_id = ?", `customer_id = ${ANY}`] : ["customer_id IS NULL", `customer_id = ${ANY}`];
  const subjects = ["subject_exact = ?", "subject_exact IS NULL"];
  return customers
    .flatMap((customer) => subjects.map((subject) => `SELECT instance_id, subject_glob FROM subscriptions WHERE event_pattern IN (${inList}) AND ${customer} AND ${subject}`))
    .join(" UNION ALL ");
}

interface Key {
  type: string;
  subject: string;
  customerId: string | undefined;
}

function keyOf(event: Event): string {
  return JSON.stringify([event.type, event.subject, event.customerId ?? null]);
}

/** Bindings in the order {@link matchSql} places its placeholders. */
function bindingsFor(key: Key): unknown[] {
  const p = candidatePatterns(key.type);
  const own = key.customerId === undefined ? [] : [key.customerId];
  return [...p, ...own, key.subject, ...p, ...own, ...p, key.subject, ...p];
}

/** Map from event id to the ids of the agent instances to wake, in a stable order. */
export async function findSubscribers(db: D1Database, events: readonly Event[]): Promise<Map<string, string[]>> {
  const keys = new Map<string, Key>();
  for (const e of events) keys.set(keyOf(e), { type: e.type, subject: e.subject, customerId: e.customerId });
  const keyList = [...keys.entries()];
  const statements = keyList.map(([, key]) =>
    db.prepare(matchSql(candidatePatterns(key.type).length, key.customerId !== undefined)).bind(...bindingsFor(key)),
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
