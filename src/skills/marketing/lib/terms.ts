/**
 * Finding terms in prose the way an editor reads them: whole words, any case, any run of spaces
 * (a line break inside "sign in" still counts), and a hyphen, a space or nothing between parts
 * ("e-mail", "e mail", "email"; "WordPress", "Word Press") when `looseJoins` is on.
 */

export interface TermHit {
  index: number;
  found: string;
  line: number;
  column: number;
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** The pieces of a term: split at spaces and hyphens, and at camel-case joins when `looseJoins`. */
function parts(term: string, looseJoins: boolean): string[] {
  const split = term.trim().split(/[\s-]+/);
  return looseJoins ? split.flatMap((p) => p.split(/(?<=\p{Ll})(?=\p{Lu})/u)) : split;
}

export function termPattern(term: string, looseJoins = false): RegExp {
  const joined = parts(term, looseJoins)
    .map(escapeRegExp)
    .join(looseJoins ? "[\\s-]?" : "[\\s-]+");
  return new RegExp(`(?<![\\p{L}\\p{N}])${joined}(?![\\p{L}\\p{N}])`, "giu");
}

/** Line and column (1-based; columns in UTF-16 units, as editors count them) of each index. */
export function positions(text: string): (index: number) => { line: number; column: number } {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return (index) => {
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] ?? 0) <= index) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: index - (starts[lo] ?? 0) + 1 };
  };
}

/**
 * A finder over one text: positions are worked out once, and a term that does not occur anywhere
 * in the text even loosely (most of a long rule list, usually) is skipped without a regex scan.
 */
export function termFinder(text: string): (term: string, looseJoins?: boolean) => TermHit[] {
  const at = positions(text);
  const flat = text.toLowerCase().replace(/[\s-]+/g, " ");
  return (term, looseJoins = false) => {
    const pieces = parts(term, looseJoins).map((p) => p.toLowerCase());
    if (!flat.includes(pieces.join(" ")) && !(looseJoins && flat.includes(pieces.join("")))) return [];
    return [...text.matchAll(termPattern(term, looseJoins))].map((m) => ({ index: m.index ?? 0, found: m[0], ...at(m.index ?? 0) }));
  };
}

export function findTerm(text: string, term: string, looseJoins = false): TermHit[] {
  return termFinder(text)(term, looseJoins);
}

/** A replacement in the case of the text it replaces: "Login" → "Sign in", "LOGIN" → "SIGN IN". */
export function matchCase(found: string, replacement: string): string {
  if (found.length > 1 && found === found.toUpperCase() && found !== found.toLowerCase()) return replacement.toUpperCase();
  const first = found.charAt(0);
  if (first !== first.toLowerCase()) return replacement.charAt(0).toUpperCase() + replacement.slice(1);
  return replacement;
}

/** The words around a hit, for people: `…to **login** to your…`. */
export function around(text: string, index: number, length: number, width = 30): { before: string; after: string } {
  const before = text.slice(Math.max(0, index - width), index).replace(/\s+/g, " ");
  const after = text.slice(index + length, index + length + width).replace(/\s+/g, " ");
  return { before: (index > width ? "…" : "") + before, after: after + (index + length + width < text.length ? "…" : "") };
}
