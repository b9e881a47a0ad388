/** How many events one statement batch erases: bounded, so a large account never holds D1 long. */
export const ERASE_EVENT_BATCH = 200;

/**
 * Erases a customer's events with the wake log and dead letters of those events, in batches of
 * {@link ERASE_EVENT_BATCH} walked in rowid order (one pass over the table, however many there
 * are). Answers rows deleted per table.
 */
export async function eraseCustomerEvents(d1: D1Database, customerId: string): Promise<Record<string, number>> {
  const counts = { events: 0, wake_log: 0, dead_letters: 0 };
  let after = 0;
  for (;;) {
    const { results } = await d1
      .prepare(`SELECT rowid AS r, id FROM events WHERE customer_id = ? AND rowid > ? ORDER BY rowid LIMIT ?`)
      .bind(customerId, after, ERASE_EVENT_BATCH)
      .all<{ r: number; id: string }>();
    const last = results[results.length - 1];
    if (!last) return counts;
    const ids = JSON.stringify(results.map((e) => e.id));
    const [wakes, dead, events] = await d1.batch([
      d1.prepare(`DELETE FROM wake_log WHERE event_id IN (SELECT value FROM json_each(?))`).bind(ids),
      d1.prepare(`DELETE FROM dead_letters WHERE event_id IN (SELECT value FROM json_each(?))`).bind(ids),
      d1.prepare(`DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))`).bind(ids),
    ]);
    counts.wake_log += wakes?.meta.changes ?? 0;
    counts.dead_letters += dead?.meta.changes ?? 0;
    counts.events += events?.meta.changes ?? 0;
    after = last.r;
  }
}
