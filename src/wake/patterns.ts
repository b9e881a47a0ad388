/**
 * Matching of event-type patterns and subject globs. The subscription index stores patterns
 * as written; {@link candidatePatterns} lists every pattern that could match a type, so a lookup
 * is an indexed `IN (…)` query instead of a scan over every agent.
 */

/** `github.pull_request.opened` → [it, `github.pull_request.*`, `github.*`, `*`]. */
export function candidatePatterns(type: string): string[] {
  const parts = type.split(".");
  const out = [type];
  for (let i = parts.length - 1; i >= 1; i--) out.push(`${parts.slice(0, i).join(".")}.*`);
  out.push("*");
  return out;
}

export function matchesEventPattern(pattern: string, type: string): boolean {
  return candidatePatterns(type).includes(pattern);
}

export function hasWildcard(glob: string): boolean {
  return glob.includes("*") || glob.includes("?");
}

/**
 * Glob match where `*` is any run of characters and `?` one character. Greedy two-pointer
 * matching with a single backtrack point: O(pattern × value) at worst, never exponential, so
 * a hostile subject or subscription cannot stall the consumer (a regex could).
 */
export function globMatch(glob: string, value: string): boolean {
  let g = 0;
  let v = 0;
  let star = -1;
  let mark = 0;
  while (v < value.length) {
    if (g < glob.length && (glob[g] === "?" || glob[g] === value[v])) {
      g++;
      v++;
    } else if (g < glob.length && glob[g] === "*") {
      star = g++;
      mark = v;
    } else if (star !== -1) {
      g = star + 1;
      v = ++mark;
    } else {
      return false;
    }
  }
  while (glob[g] === "*") g++;
  return g === glob.length;
}
