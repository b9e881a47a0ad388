import type { VisionRules } from "../../schemas/vision";
import { termPattern } from "../marketing/lib/terms";
import { anyGlob } from "./glob";
import type { ViolationKind } from "./report";

/** A rule matched on one line of text. */
export interface LineHit {
  kind: ViolationKind;
  ruleId: string;
  message: string;
  index: number;
  found: string;
  /** The rule's word as written, for terms and brand words. */
  term: string | null;
  /** Pattern matches are usually secrets: shown masked, never whole. */
  secret: boolean;
}

interface TermRule {
  kind: ViolationKind;
  term: string;
  ruleId: string;
  message: string;
  pattern: RegExp;
}

/** A rule's id made from a word or a path: `Lorem Ipsum` → `lorem-ipsum`, `README.md` → `readme-md`. */
export function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return s || "term";
}

const tokens = (text: string) =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/**
 * Whole-word, case-insensitive terms, indexed by their first word: a line is only scanned for
 * the terms one of its words starts, so two hundred banned words cost one pass over the line,
 * not two hundred.
 */
class TermIndex {
  private readonly byFirst = new Map<string, TermRule[]>();
  private readonly always: TermRule[] = [];

  add(term: string, rule: Omit<TermRule, "pattern" | "term">): void {
    const entry = { ...rule, term, pattern: termPattern(term) };
    const first = tokens(term)[0];
    if (first === undefined) this.always.push(entry);
    else this.byFirst.set(first, [...(this.byFirst.get(first) ?? []), entry]);
  }

  get size(): number {
    return this.always.length + [...this.byFirst.values()].reduce((n, rules) => n + rules.length, 0);
  }

  find(text: string, hits: LineHit[]): void {
    if (this.byFirst.size === 0 && this.always.length === 0) return;
    const candidates = new Set(this.always);
    for (const token of new Set(tokens(text))) for (const rule of this.byFirst.get(token) ?? []) candidates.add(rule);
    for (const rule of candidates) {
      rule.pattern.lastIndex = 0;
      for (const m of text.matchAll(rule.pattern)) {
        hits.push({
          kind: rule.kind,
          ruleId: rule.ruleId,
          message: rule.message,
          index: m.index,
          found: m[0],
          term: rule.term,
          secret: false,
        });
      }
    }
  }
}

/** The line checks of a rule set: forbidden patterns (per path), forbidden terms, brand words (prose only). */
export interface LineChecks {
  /** How many line rules there are (for the report). */
  readonly rules: number;
  /** The rules a line of `path` (null: text outside files) breaks; `prose` turns brand words on. */
  scan(path: string | null, text: string, prose: boolean): LineHit[];
}

/** Builds the line checks once per run: regexes compiled, globs turned into matchers, terms indexed. */
export function lineChecks(rules: VisionRules): LineChecks {
  const patterns = rules.forbiddenPatterns.map((p) => ({
    id: p.id,
    message: p.message,
    re: new RegExp(p.pattern, "u"),
    applies: anyGlob(p.paths),
  }));
  const terms = new TermIndex();
  for (const term of rules.forbiddenTerms) {
    terms.add(term, { kind: "forbidden-term", ruleId: slug(term), message: `"${term}" is a forbidden term` });
  }
  const brand = new TermIndex();
  for (const word of rules.brand.banned) {
    brand.add(word, { kind: "brand-banned", ruleId: slug(word), message: `"${word}" is banned by the brand vocabulary` });
  }
  for (const { use, insteadOf } of rules.brand.preferred) {
    for (const word of insteadOf) {
      brand.add(word, { kind: "brand-preferred", ruleId: slug(word), message: `use "${use}" instead of "${word}"` });
    }
  }
  // The patterns that apply to the file being scanned: its lines come one after another, so
  // the globs are matched once per file, not once per line.
  let forPath: { path: string | null; patterns: typeof patterns } = { path: null, patterns: [] };
  const applicable = (path: string | null) => {
    // Patterns are about what files add (secrets, leftovers), not about commit messages.
    if (path === null) return [];
    if (forPath.path !== path) forPath = { path, patterns: patterns.filter((p) => p.applies(path)) };
    return forPath.patterns;
  };
  return {
    rules: patterns.length + terms.size + brand.size,
    scan(path, text, prose) {
      const hits: LineHit[] = [];
      for (const p of applicable(path)) {
        const m = p.re.exec(text);
        if (m)
          hits.push({ kind: "forbidden-pattern", ruleId: p.id, message: p.message, index: m.index, found: m[0], term: null, secret: true });
      }
      terms.find(text, hits);
      if (prose) brand.find(text, hits);
      return hits;
    },
  };
}
