/**
 * A zod issue path as people write it: `["events", 0, "type"]` → `events[0].type`; the empty
 * path (the value itself was wrong) reads as `whole`.
 */
export function fieldPath(path: readonly PropertyKey[], whole = "body"): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : out ? `.${String(part)}` : String(part);
  return out || whole;
}
