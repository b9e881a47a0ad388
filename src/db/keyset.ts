/** One page of a keyset-paginated list, and the cursor of the next (null on the last page). */
export interface Page<Item, Cursor> {
  items: Item[];
  nextCursor: Cursor | null;
}

/**
 * The page a keyset query returns when it fetched one row more than `limit` (`LIMIT limit + 1`):
 * the extra row is not shown, it only says that there is a next page, which starts after the
 * last row shown (`cursorOf(last)`). `toItem` turns the rows shown into what the caller answers.
 *
 * ```ts
 * const rows = await db.select().from(tasks).where(lt(tasks.id, cursor)).orderBy(desc(tasks.id)).limit(limit + 1);
 * return keysetPage(rows, limit, (last) => last.id, taskView);
 * ```
 */
export function keysetPage<Row, Cursor>(rows: readonly Row[], limit: number, cursorOf: (last: Row) => Cursor): Page<Row, Cursor>;
export function keysetPage<Row, Cursor, Item>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (last: Row) => Cursor,
  toItem: (row: Row) => Item,
): Page<Item, Cursor>;
export function keysetPage<Row, Cursor, Item>(
  rows: readonly Row[],
  limit: number,
  cursorOf: (last: Row) => Cursor,
  toItem?: (row: Row) => Item,
): Page<Row | Item, Cursor> {
  const shown = rows.slice(0, limit);
  const last = shown[shown.length - 1];
  return { items: toItem ? shown.map(toItem) : shown, nextCursor: rows.length > limit && last !== undefined ? cursorOf(last) : null };
}
