/**
 * Path globs as vision rules write them: `*` and `?` within one path segment, `**` across
 * segments (`docs/**`, `src/**\/*.ts`, `**\/.env`), `{a,b}` for alternatives; everything else is
 * literal. Small enough to keep here rather than pull a matcher library into every agent's bundle
 * for five operators.
 *
 * ```ts
 * globMatcher("src/**\/*.ts")("src/a/b.ts"); // true
 * globMatcher("*.md")("docs/a.md"); // false: `*` stays in one segment
 * ```
 */
export function globMatcher(glob: string): (path: string) => boolean {
  const re = new RegExp(`^${globSource(glob)}$`, "u");
  return (path) => re.test(path);
}

/** One matcher for several globs: a path matches when any does; no globs matches every path. */
export function anyGlob(globs: readonly string[] | undefined): (path: string) => boolean {
  if (!globs?.length) return () => true;
  const matchers = globs.map(globMatcher);
  return (path) => matchers.some((m) => m(path));
}

// Characters a regular expression would read as syntax (escaping anything else is an error in `u` mode).
const SYNTAX = /[.*+?^${}()|[\]\\/]/;

function globSource(glob: string): string {
  // Unbalanced braces are taken literally rather than failing the whole rule set.
  const alternatives = balanced(glob);
  let out = "";
  let depth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] ?? "";
    if (c === "*" && glob[i + 1] === "*") {
      const segmentStart = i === 0 || glob[i - 1] === "/";
      const next = glob[i + 2];
      if (segmentStart && next === "/") {
        // `**/`: any number of whole directories, none included.
        out += "(?:[^/]*/)*";
        i += 2;
      } else if (segmentStart && next === undefined) {
        out += ".*";
        i += 1;
      } else {
        // `a**b` is two stars in one segment, as in git.
        out += "[^/]*";
        i += 1;
      }
    } else if (c === "*") out += "[^/]*";
    else if (c === "?") out += "[^/]";
    else if (alternatives && c === "{") {
      depth++;
      out += "(?:";
    } else if (alternatives && c === "}") {
      depth--;
      out += ")";
    } else if (alternatives && c === "," && depth > 0) out += "|";
    else out += SYNTAX.test(c) ? `\\${c}` : c;
  }
  return out;
}

function balanced(glob: string): boolean {
  let depth = 0;
  for (const c of glob) {
    if (c === "{") depth++;
    else if (c === "}" && --depth < 0) return false;
  }
  return depth === 0;
}
