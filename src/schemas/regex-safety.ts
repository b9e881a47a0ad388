import { type AST, RegExpParser } from "@eslint-community/regexpp";

/** The most unbounded repetitions (`*`, `+`, `{n,}`, or a bound past {@link OPEN_AT}) one pattern may hold. */
export const MAX_UNBOUNDED = 4;
/** A repetition allowed more than this many times counts as unbounded: `\s{0,1000}` costs what `\s*` does. */
const OPEN_AT = 100;

/**
 * What the save-time check refuses in a vision pattern, for people: patterns run on lines
 * anyone can add (a pull request on a public repository), so a shape whose matching time can
 * explode is refused before it ever runs.
 */
export const SAFE_REGEX_RULE =
  "no backreferences; no repetition of something that itself repeats without bound or holds alternatives (`(a+)+`, `(.*a){12}`, `(a|b)*`) unless each repetition starts with a character the inner ones cannot match (`(-[a-z0-9]+)*`); no two unbounded repetitions in a row that can match the same characters (`\\s*\\s*`, `.*a.*b`); at most 4 unbounded repetitions in all";

type Node = AST.Alternative | AST.Element | AST.CharacterClassElement;

const parser = new RegExpParser({ ecmaVersion: 2025 });

/**
 * Why `source` (compiled with the `u` flag) could backtrack catastrophically, or null when its
 * shape is safe. Parsed with ESLint's regexpp; a pattern that does not parse is the caller's
 * other check (it must compile). Conservative: some harmless patterns are refused too, and the
 * message says how to write them instead (bounded repetition, a separator).
 *
 * @example unsafeRegex("(a+)+$") // "`(a+)+` repeats something that itself repeats: …"
 */
export function unsafeRegex(source: string): string | null {
  let pattern: AST.Pattern;
  try {
    pattern = parser.parsePattern(source, 0, source.length, { unicode: true });
  } catch {
    return null;
  }
  const problems: string[] = [];
  let unbounded = 0;
  const visit = (node: Node): void => {
    if (node.type === "Backreference") problems.push(`\`${node.raw}\` is a backreference, which can take exponential time`);
    if (node.type === "Quantifier") {
      if (isOpen(node)) unbounded++;
      if (node.max > 1 && ambiguousBody(node.element))
        problems.push(
          `\`${node.raw}\` repeats something that itself repeats or holds alternatives, which can take exponential time: bound the inner repetition or start each repetition with a separator it cannot match`,
        );
    }
    if (node.type === "Alternative") adjacentRepetitions(node.elements, problems);
    for (const child of children(node)) visit(child);
  };
  for (const alternative of pattern.alternatives) visit(alternative);
  if (unbounded > MAX_UNBOUNDED)
    problems.push(`${unbounded} unbounded repetitions (at most ${MAX_UNBOUNDED}): bound some, like \`{0,20}\``);
  return problems[0] ?? null;
}

function children(node: Node): Node[] {
  switch (node.type) {
    case "Alternative":
      return node.elements;
    case "Group":
    case "CapturingGroup":
      return node.alternatives;
    case "Assertion":
      return node.kind === "lookahead" || node.kind === "lookbehind" ? node.alternatives : [];
    case "Quantifier":
      return [node.element];
    default:
      return [];
  }
}

const isOpen = (q: AST.Quantifier) => q.max > OPEN_AT;
const isVariable = (q: AST.Quantifier) => q.min !== q.max;

/** Every descendant of `node`, itself included. */
function descendants(node: Node): Node[] {
  return [node, ...children(node).flatMap(descendants)];
}

/**
 * Whether repeating `body` is ambiguous: it holds alternatives, or a repetition of variable
 * length, and the text of one repetition could also be split differently across two. A body
 * whose every repetition starts with a character none of its inner repetitions can match
 * (`-[a-z0-9]+`) is not: the separator says where each one begins.
 */
function ambiguousBody(body: Node): boolean {
  const inside = descendants(body);
  if (inside.some((n) => (n.type === "Group" || n.type === "CapturingGroup" || n.type === "Assertion") && children(n).length > 1))
    return true;
  const inner = inside.filter((n): n is AST.Quantifier => n.type === "Quantifier" && isVariable(n));
  if (!inner.length) return false;
  const start = firstSet(body);
  if (!start) return true;
  return inner.some((q) => {
    const set = charSet(q.element);
    return !set || !disjoint(set, start);
  });
}

/**
 * In one sequence, an unbounded repetition after another must begin with a character the
 * earlier one cannot match (`\s*=\s*` is fine, `\s*\s*` and `.*a.*` are not): otherwise every
 * way of sharing the text between them is tried, for each starting position.
 */
function adjacentRepetitions(elements: readonly AST.Element[], problems: string[]): void {
  let open: { raw: string; set: CharSet | null } | null = null;
  for (const element of elements) {
    if (element.type === "Quantifier" && isOpen(element)) {
      if (open) {
        const start = firstSet(element.element);
        if (!open.set || !start || !disjoint(open.set, start))
          problems.push(
            `\`${open.raw}\` and \`${element.raw}\` can match the same characters one after the other, which can take polynomial time: separate them with a character the first cannot match, or bound one`,
          );
      }
      open = { raw: element.raw, set: charSet(element.element) };
      continue;
    }
    // A character every match needs, which the open repetition cannot match, ends its reach.
    const mandatory = element.type !== "Assertion" && !(element.type === "Quantifier" && element.min === 0);
    const start = mandatory ? firstSet(element) : null;
    if (open?.set && start && disjoint(open.set, start)) open = null;
  }
}

/** A set of characters: a regex testing one character, and the code points its source names (literals, range ends). */
interface CharSet {
  test: RegExp;
  named: readonly number[];
}

/** The characters a one-character element matches. */
function charSet(node: Node): CharSet | null {
  if (node.type !== "Character" && node.type !== "CharacterClass" && node.type !== "CharacterSet") return null;
  const named =
    node.type === "Character"
      ? [node.value]
      : node.type === "CharacterClass"
        ? node.elements.flatMap((e) =>
            e.type === "Character" ? [e.value] : e.type === "CharacterClassRange" ? [e.min.value, e.max.value] : [],
          )
        : [];
  try {
    return { test: new RegExp(`^(?:${node.raw})$`, "u"), named };
  } catch {
    return null;
  }
}

/** The characters every match of `node` starts with, when that is one known set. */
function firstSet(node: Node): CharSet | null {
  switch (node.type) {
    case "Character":
    case "CharacterClass":
    case "CharacterSet":
      return charSet(node);
    case "Quantifier":
      return node.min >= 1 ? firstSet(node.element) : null;
    case "Group":
    case "CapturingGroup": {
      const [only, ...more] = node.alternatives;
      return only && !more.length ? firstSet(only) : null;
    }
    case "Alternative": {
      const [first] = node.elements;
      return first ? firstSet(first) : null;
    }
    default:
      return null;
  }
}

// Characters tried when comparing two sets, besides those either names: all of the first 2,048
// code points (ASCII, Latin, Greek, Cyrillic…), a spread over the rest of the Basic Multilingual
// Plane but surrogates, and a few beyond. Two classes of ranges that overlap share a range end,
// so the named code points find any overlap of ranges; the spread finds those of escapes like \p{…}.
let samples: number[] | undefined;
function sampleCodePoints(): number[] {
  if (samples) return samples;
  samples = [];
  for (let c = 0; c < 0x800; c++) samples.push(c);
  for (let c = 0x800; c <= 0xffff; c += 7) if (c < 0xd800 || c > 0xdfff) samples.push(c);
  samples.push(0x10000, 0x1f600, 0x20000, 0xe0001, 0x10fffd);
  return samples;
}

/** Whether no character matches both sets. */
function disjoint(a: CharSet, b: CharSet): boolean {
  const both = (c: number) => {
    const ch = String.fromCodePoint(c);
    return a.test.test(ch) && b.test.test(ch);
  };
  return !a.named.some(both) && !b.named.some(both) && !sampleCodePoints().some(both);
}
