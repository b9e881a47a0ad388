/** One page of a keyset listing: its items and the cursor of the next (null at the end). */
export interface PageOf<T> {
  items: T[];
  nextCursor: string | null;
}

/**
 * Reads pages through a listing function until `limit` items or the end: `truncated` says
 * whether there were more. Pages are at most `pageSize` (the listings' own maximum).
 */
export async function collect<T>(
  page: (limit: number, cursor: string | undefined) => Promise<PageOf<T>>,
  limit: number,
  pageSize = 100,
): Promise<{ items: T[]; truncated: boolean }> {
  const items: T[] = [];
  let cursor: string | undefined;
  for (;;) {
    const got = await page(Math.min(pageSize, limit - items.length + 1), cursor);
    items.push(...got.items);
    if (items.length > limit) return { items: items.slice(0, limit), truncated: true };
    if (!got.nextCursor) return { items, truncated: false };
    cursor = got.nextCursor;
  }
}
