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

const globCache = new Map<string, RegExp>();

/** Glob match where `*` is any run of characters and `?` one character. */
export function globMatch(glob: string, value: string): boolean {
  let re = globCache.get(glob);
  if (!re) {
    const body = glob.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".");
    re = new RegExp(`^${body}$`, "s");
    if (globCache.size > 1000) globCache.clear();
    globCache.set(glob, re);
  }
  return re.test(value);
}
