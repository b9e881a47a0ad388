/**
 * Time-ordered, collision-resistant ids: `evt_<ms base36><16 hex random>`. Sorting by id sorts
 * by creation time, which keeps lists and cursors cheap.
 */
export function newId(prefix: string): string {
  const random = crypto.getRandomValues(new Uint8Array(8));
  let hex = "";
  for (const b of random) hex += b.toString(16).padStart(2, "0");
  return `${prefix}_${Date.now().toString(36).padStart(9, "0")}${hex}`;
}
