import type { Event } from "../schemas/event";
import { ANY_CUSTOMER } from "../schemas/identity";
import { appendTo } from "../multimap";
import { candidatePatterns, globMatch } from "./patterns";

export interface SubscriptionRow {
  instance_id: string;
  event_pattern: string;
  customer_id: string | null;
  subject_exact: string | null;
  subject_glob: string | null;
}

/**
 * One indexed query for a whole batch. Arrays travel as JSON (json_each), so the statement has
 * three parameters however many events, customers and subjects the batch holds (D1 binds at
 * most 100). CROSS JOIN pins the join order: the planner cannot size json_each and would
 * otherwise scan every subscription; this way each arm is an index search on
 * (pattern, customer) per pattern and customer in the batch.
 */
const COLUMNS = "s.instance_id, s.event_pattern, s.customer_id, s.subject_exact, s.subject_glob";
const SUBJECT = "(s.subject_exact IS NULL OR s.subject_exact IN (SELECT value FROM json_each(?3)))";
const OWN_CUSTOMER = `SELECT ${COLUMNS} FROM json_each(?1) AS p CROSS JOIN json_each(?2) AS c CROSS JOIN subscriptions AS s
  WHERE s.event_pattern = p.value AND s.customer_id = c.value AND ${SUBJECT}`;
const ANY = `SELECT ${COLUMNS} FROM json_each(?1) AS p CROSS JOIN subscriptions AS s
  WHERE s.event_pattern = p.value AND s.customer_id = '${ANY_CUSTOMER}' AND ${SUBJECT}`;
const NO_CUSTOMER = `SELECT ${COLUMNS} FROM json_each(?1) AS p CROSS JOIN subscriptions AS s
  WHERE s.event_pattern = p.value AND s.customer_id IS NULL AND ${SUBJECT}`;

function lookupSql(anyWithoutCustomer: boolean): string {
  return [OWN_CUSTOMER, ANY, ...(anyWithoutCustomer ? [NO_CUSTOMER] : [])].join(" UNION ALL ");
}

/**
 * Whether a subscription row matches an event. Tenants are isolated: an event with a customer
 * matches subscriptions for that customer or for any customer (`*`); an event without one
 * matches subscriptions without a customer or for any customer.
 */
function rowMatches(row: SubscriptionRow, event: Event): boolean {
  const customerOk = row.customer_id === ANY_CUSTOMER || row.customer_id === (event.customerId ?? null);
  if (!customerOk) return false;
  if (row.subject_exact !== null && row.subject_exact !== event.subject) return false;
  return row.subject_glob === null || globMatch(row.subject_glob, event.subject);
}

/** A subscription lookup for some events: the statement to run, and how to read its rows. */
export interface SubscriberLookup {
  /** null when there is nothing to look up (no events). */
  statement: D1PreparedStatement | null;
  /** Per event id, the instance ids to wake, each once, in a stable order. */
  match(rows: readonly SubscriptionRow[]): Map<string, string[]>;
}

/**
 * One indexed query for the subscribers of many events, as a statement so a caller can run it
 * inside a D1 batch with its own writes (ingest records events and resolves their subscribers
 * in one round trip).
 */
export function subscriberLookup(db: D1Database, events: readonly Event[]): SubscriberLookup {
  const match = (rows: readonly SubscriptionRow[]) => {
    const byPattern = new Map<string, SubscriptionRow[]>();
    for (const row of rows) appendTo(byPattern, row.event_pattern, row);
    const found = new Map<string, string[]>();
    for (const event of events) {
      const ids = new Set<string>();
      for (const pattern of candidatePatterns(event.type)) {
        for (const row of byPattern.get(pattern) ?? []) if (rowMatches(row, event)) ids.add(row.instance_id);
      }
      found.set(event.id, [...ids].sort());
    }
    return found;
  };
  if (events.length === 0) return { statement: null, match };
  const patterns = new Set(events.flatMap((e) => candidatePatterns(e.type)));
  const customers = new Set(events.flatMap((e) => (e.customerId ? [e.customerId] : [])));
  const subjects = new Set(events.map((e) => e.subject));
  const statement = db
    .prepare(lookupSql(events.some((e) => !e.customerId)))
    .bind(JSON.stringify([...patterns]), JSON.stringify([...customers]), JSON.stringify([...subjects]));
  return { statement, match };
}

/**
 * Finds the agents whose subscriptions match each event by querying the D1 subscription index,
 * never by asking the agents: an agent that does not match is never instantiated.
 * Returns, per event id, the instance ids to wake, each once, in a stable order.
 */
export async function findSubscribers(db: D1Database, events: readonly Event[]): Promise<Map<string, string[]>> {
  const lookup = subscriberLookup(db, events);
  if (!lookup.statement) return lookup.match([]);
  const { results } = await lookup.statement.all<SubscriptionRow>();
  return lookup.match(results);
}
