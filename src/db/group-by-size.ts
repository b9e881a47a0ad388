/**
 * Greedy grouping under a size budget (and optionally a count): keeps order, starts a new group
 * when the next item would overflow. An item larger than the budget gets a group of its own.
 */
export function groupBySize<T>(items: readonly T[], sizeOf: (item: T) => number, maxBytes: number, maxCount = Infinity): T[][] {
  const groups: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const item of items) {
    const size = sizeOf(item);
    if (current.length > 0 && (current.length >= maxCount || bytes + size > maxBytes)) {
      groups.push(current);
      current = [];
      bytes = 0;
    }
    current.push(item);
    bytes += size;
  }
  if (current.length) groups.push(current);
  return groups;
}
