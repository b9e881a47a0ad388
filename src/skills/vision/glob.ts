import { globMatch } from "../../wake/patterns";

/** Alternatives one glob may expand to (`{a,b}{c,d}` is four): past this, the rest are dropped. */
const MAX_ALTERNATIVES = 64;

/**
 * Path globs as vision rules write them: `*` and `?` within one path segment, `**` for any
 * number of whole segments (`docs/**`, `src/**\/*.ts`, `**\/.env`), `{a,b}` for alternatives.
 * Matched segment by segment, without regular expressions, so a hostile glob (`*a*a*a*a*b`)
 * costs at most glob × path steps per segment pair instead of backtracking exponentially; small
 * enough to keep here rather than pull a matcher library into every agent's bundle.
 *
 * ```ts
 * globMatcher("src/**\/*.{ts,tsx}")("src/a/b.tsx"); // true
 * globMatcher("*.md")("docs/a.md"); // false: `*` stays in one segment
 * ```
 */
export function globMatcher(glob: string): (path: string) => boolean {
  const alternatives = expandBraces(glob).map((g) => g.split("/"));
  return (path) => {
    const segments = path.split("/");
    return alternatives.some((pattern) => matchSegments(pattern, segments));
  };
}

/** One matcher for several globs: a path matches when any does; no globs matches every path. */
export function anyGlob(globs: readonly string[] | undefined): (path: string) => boolean {
  if (!globs?.length) return () => true;
  const matchers = globs.map(globMatcher);
  return (path) => matchers.some((m) => m(path));
}

/** `**` takes zero or more segments; memoised over (pattern index, path index), so linear in their product. */
function matchSegments(pattern: readonly string[], path: readonly string[]): boolean {
  const memo = new Map<number, boolean>();
  const at = (p: number, s: number): boolean => {
    const key = p * (path.length + 1) + s;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (p === pattern.length) result = s === path.length;
    else if (pattern[p] === "**") result = at(p + 1, s) || (s < path.length && at(p, s + 1));
    else result = s < path.length && globMatch(pattern[p] ?? "", path[s] ?? "") && at(p + 1, s + 1);
    memo.set(key, result);
    return result;
  };
  return at(0, 0);
}

/** `a/{b,c}/*.{ts,tsx}` → its four alternatives; unbalanced braces are literal. */
export function expandBraces(glob: string): string[] {
  const open = glob.indexOf("{");
  if (open < 0) return [glob];
  // The first `{` whose group closes: its options, split at top-level commas.
  let depth = 0;
  const commas: number[] = [];
  for (let i = open; i < glob.length; i++) {
    const c = glob[i];
    if (c === "{") depth++;
    else if (c === "," && depth === 1) commas.push(i);
    else if (c === "}" && --depth === 0) {
      const cuts = [open, ...commas, i];
      const options = cuts.slice(0, -1).map((from, k) => glob.slice(from + 1, cuts[k + 1]));
      const rest = expandBraces(glob.slice(i + 1));
      const out: string[] = [];
      for (const option of options) {
        for (const head of expandBraces(glob.slice(0, open) + option)) {
          for (const tail of rest) {
            if (out.length < MAX_ALTERNATIVES) out.push(head + tail);
          }
        }
      }
      return out;
    }
  }
  return [glob];
}
