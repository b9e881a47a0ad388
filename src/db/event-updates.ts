import { and, inArray, sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { chunkForParams } from "./chunk";
import { jsonChunks } from "./json-rows";
import type { Database } from "./client";
import { events } from "./schema";

type EventChanges = Partial<Omit<typeof events.$inferInsert, "id">>;

// D1 binds at most 100 parameters per statement; leave room for the SET values.
const IDS_PER_STATEMENT = 80;

/**
 * UPDATE statements applying the same change to many events. Ids travel as one JSON parameter,
 * so a whole batch is one statement within D1's 100-parameter limit. `onlyIf` guards the
 * change (e.g. never move a delivered event back to queued).
 */
export function updateEventsStatements(db: Database, ids: readonly string[], changes: EventChanges, onlyIf?: SQL) {
  return jsonChunks(ids).map((json) =>
    db.update(events).set(changes).where(and(inArray(events.id, sql`(SELECT value FROM json_each(${json}))`), onlyIf)),
  );
}

/** Applies the same change to many events in one transaction. */
export async function updateEvents(db: Database, ids: readonly string[], changes: EventChanges, onlyIf?: SQL): Promise<void> {
  const [first, ...rest] = updateEventsStatements(db, ids, changes, onlyIf);
  if (first) await db.batch([first, ...rest]);
}

/** Reads rows of many events, chunked within D1's limits. */
export async function selectEvents(db: Database, ids: readonly string[]) {
  const chunks = chunkForParams(ids, 1, IDS_PER_STATEMENT);
  const rows = await Promise.all(chunks.map((chunk) => db.select().from(events).where(inArray(events.id, chunk))));
  return rows.flat();
}
