import { describe, expect, it } from "vitest";
import { collect } from "../../src/customer-data/collect";

/** A keyset listing over 0..n-1, newest (highest) first. */
function listing(n: number) {
  const all = Array.from({ length: n }, (_, i) => n - 1 - i);
  return async (limit: number, cursor: string | undefined) => {
    const start = cursor === undefined ? 0 : all.indexOf(Number(cursor)) + 1;
    const items = all.slice(start, start + limit);
    const last = items[items.length - 1];
    return { items, nextCursor: start + limit < n && last !== undefined ? String(last) : null };
  };
}

describe("bounded export collections", () => {
  it("reads every page up to the limit and says when there was more", async () => {
    expect(await collect(listing(7), 10, 3)).toEqual({ items: [6, 5, 4, 3, 2, 1, 0], truncated: false });
    expect(await collect(listing(10), 10, 3)).toEqual({ items: [9, 8, 7, 6, 5, 4, 3, 2, 1, 0], truncated: false });
    const cut = await collect(listing(25), 10, 3);
    expect(cut.items).toEqual([24, 23, 22, 21, 20, 19, 18, 17, 16, 15]);
    expect(cut.truncated).toBe(true);
  });
});
