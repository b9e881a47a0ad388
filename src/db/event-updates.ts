import { and, inArray, sql, type SQL } from "drizzle-orm";
import { jsonChunks } from "./json-rows";
import type { Database } from "./client";
import { events } from "./schema";

type EventChanges = Partial<Omit<typeof events.$inferInsert, "id">>;

/**
 * UPDATE statements applying the same change to many events. Ids travel as one JSON parameter,
 * so a whole batch is one statement within D1's 100-parameter limit. `onlyIf` guards the
 * change (e.g. never move a delivered event back to queued).
 */
export function updateEventsStatements(db: Database, ids: readonly string[], changes: EventChanges, onlyIf?: SQL) {
  return jsonChunks(ids).map((json) =>
    db
      .update(events)
      .set(changes)
      .where(and(inArray(events.id, sql`(SELECT value FROM json_each(${json}))`), onlyIf)),
  );
}

/** Applies the same change to many events in one transaction. */
export async function updateEvents(db: Database, ids: readonly string[], changes: EventChanges, onlyIf?: SQL): Promise<void> {
  const [first, ...rest] = updateEventsStatements(db, ids, changes, onlyIf);
  if (first) await db.batch([first, ...rest]);
}

/** Reads rows of many events; ids travel as JSON like the updates'. */
export async function selectEvents(db: Database, ids: readonly string[]) {
  const rows = await Promise.all(
    jsonChunks(ids).map((json) =>
      db
        .select()
        .from(events)
        .where(inArray(events.id, sql`(SELECT value FROM json_each(${json}))`)),
    ),
  );
  return rows.flat();
}
