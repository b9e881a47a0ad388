import type { VisionRules } from "../../schemas/vision";
import { num, plural } from "../marketing/lib/format";
import { excerpt } from "./excerpt";
import { changedLines, type FileChange, fileBytes, naming, namingRules, requiredFiles } from "./files";
import { type LineChecks, type LineHit, lineChecks } from "./matchers";
import type { Violation, VisionReport } from "./report";

/** Guards against pathological input (a minified bundle, a vendored tree, a huge diff). */
export const LIMITS = {
  /** Files examined per check: GitHub lists at most 3,000 per pull request. */
  files: 3_000,
  /** Characters of one line examined: minified lines go on for megabytes. */
  lineChars: 1_000,
  /** Characters examined in all, lines and texts: past this, files are left unexamined and said so. */
  totalChars: 2_000_000,
  /** Violations listed. */
  violations: 200,
  /** Violations listed per rule and file, so one noisy file does not crowd out the rest. */
  perRuleAndPath: 20,
} as const;

/** Text that is not in a file but is part of the change: a commit message, the pull request's title. */
export interface TextPiece {
  /** `commit 1a2b3c4's message`. */
  location: string;
  text: string;
}

export interface CheckInput {
  rules: VisionRules;
  files: readonly FileChange[];
  texts: readonly TextPiece[];
  /** Whether the files are a change (required files can be removed) or files given as they are. */
  change: boolean;
  /** What is already known not to be checked, and why (the enricher's note). */
  notChecked: readonly string[];
}

type Findings = Omit<VisionReport, "scope">;

/** Files read as prose, where brand vocabulary applies (code says `login` for good reasons). */
const PROSE = /\.(md|mdx|markdown|txt|rst|adoc|html?)$/i;
const isProse = (path: string) => PROSE.test(path);

/**
 * Runs every vision check on a change (or on files given directly), deterministically: the
 * line checks on added lines and texts, required files on what is removed or renamed away,
 * naming on what is added or renamed, sizes on what GitHub counts. What could not be examined
 * is listed, with the reason, instead of passing silently.
 */
export function runChecks(input: CheckInput): Findings {
  const { rules } = input;
  const checks = lineChecks(rules);
  const compiledNaming = namingRules(rules);
  const found = new Collector();
  const notChecked = [...input.notChecked];
  const covered = new Set<string>();
  const unread = new Map<string, string[]>();
  const files = input.files.slice(0, LIMITS.files);
  if (input.files.length > files.length) {
    notChecked.push(`${plural(input.files.length - files.length, "more file")}: at most ${num(LIMITS.files)} files are checked at once`);
  }
  let budget: number = LIMITS.totalChars;
  let clipped = 0;
  let lines = 0;
  let filesExamined = 0;
  const overBudget: string[] = [];

  /** Scans lines, within the budget; false when the budget ran out first. */
  const scanLines = (
    path: string | null,
    list: readonly { line: number | null; text: string }[],
    prose: boolean,
    onHit: (h: LineHit, line: number | null, text: string) => void,
  ) => {
    const cost = list.reduce((n, l) => n + Math.min(l.text.length, LIMITS.lineChars) + 1, 0);
    if (cost > budget) return false;
    budget -= cost;
    for (const { line, text } of list) {
      const examined = text.length > LIMITS.lineChars ? text.slice(0, LIMITS.lineChars) : text;
      if (examined !== text) clipped++;
      for (const hit of checks.scan(path, examined, prose)) onHit(hit, line, examined);
    }
    return true;
  };

  for (const file of files) {
    const { path } = file;
    filesExamined++;
    const report = (v: Violation) => found.add(v);
    if (input.change) requiredFiles(rules, file, report);
    naming(compiledNaming, file, report);
    if (file.status === "removed") covered.add(path);
    if (file.status === "renamed" && file.previousPath) covered.add(file.previousPath);
    changedLines(rules, file, report);
    if (file.status === "removed") continue;
    if (!file.added) {
      const reason = file.unread ?? "its lines could not be read";
      unread.set(reason, [...(unread.get(reason) ?? []), path]);
      continue;
    }
    // Cheap enough to hold even for a file past the budget.
    fileBytes(rules, file, report);
    const prose = isProse(path);
    const ok = scanLines(path, file.added, prose, (hit, line, text) => found.add(lineViolation(hit, path, line, `${path}:${line}`, text)));
    if (!ok) {
      overBudget.push(path);
      continue;
    }
    lines += file.added.length;
    if (file.whole) covered.add(path);
    else if (file.deleted?.length) {
      // A fix deletes the offending line: then the path's earlier violations may be gone (see VisionReport.coveredPaths).
      const cost = file.deleted.reduce((n, l) => n + Math.min(l.length, LIMITS.lineChars) + 1, 0);
      if (cost > budget) continue;
      budget -= cost;
      if (deletesAViolation(checks, path, file.deleted, prose)) covered.add(path);
    }
  }

  for (const piece of input.texts) {
    const pieceLines = piece.text.split("\n").map((text, i) => ({ line: i + 1, text }));
    const many = pieceLines.length > 1;
    const ok = scanLines(null, pieceLines, false, (hit, line, text) =>
      found.add(lineViolation(hit, null, many ? line : null, many ? `${piece.location}, line ${line}` : piece.location, text)),
    );
    if (!ok) overBudget.push(piece.location);
  }

  for (const [reason, paths] of unread)
    notChecked.push(`the added lines (patterns, terms, brand words, sizes) of ${listOf(paths)}: ${reason}`);
  if (overBudget.length) {
    notChecked.push(`${listOf(overBudget)}: the check stops after ${num(LIMITS.totalChars)} characters, to keep its cost bounded`);
  }
  if (clipped) {
    notChecked.push(
      `past the first ${num(LIMITS.lineChars)} characters of ${plural(clipped, "long line")} (minified or generated content)`,
    );
  }
  if (!input.change && rules.requiredFiles.length) {
    notChecked.push("required files: these files were given as they are, not as a change, so none was removed");
  }
  return {
    violations: found.listed,
    moreViolations: found.more,
    coveredPaths: [...covered].filter((p) => !found.unlistedPaths.has(p)).sort(),
    examined: { files: filesExamined, lines, texts: input.texts.length, rules: checks.rules + ruleCount(rules) },
    notChecked,
  };
}

/** Keeps the first violations, within the caps, and counts the rest. */
class Collector {
  readonly listed: Violation[] = [];
  more = 0;
  /** Paths with violations past the caps: the report cannot say those were fixed. */
  readonly unlistedPaths = new Set<string>();
  private readonly perKey = new Map<string, number>();

  add(v: Violation): void {
    const key = `${v.kind}:${v.ruleId}:${v.path ?? "-"}`;
    const n = (this.perKey.get(key) ?? 0) + 1;
    this.perKey.set(key, n);
    if (this.listed.length >= LIMITS.violations || n > LIMITS.perRuleAndPath) {
      this.more++;
      if (v.path) this.unlistedPaths.add(v.path);
    } else this.listed.push(v);
  }
}

/** `a`, `a and b`, `a, b and 3 more`. */
function listOf(items: readonly string[], shown = 5): string {
  const named = items.slice(0, shown);
  const rest = items.length - named.length;
  if (rest > 0) return `${named.join(", ")} and ${rest} more`;
  return named.length > 1 ? `${named.slice(0, -1).join(", ")} and ${named[named.length - 1]}` : (named[0] ?? "");
}

/** The checks that are not line rules: required files, naming rules, size limits. */
function ruleCount(rules: VisionRules): number {
  const sizes = (rules.fileSize.maxFileBytes ? 1 : 0) + (rules.fileSize.maxChangedLines ? 1 : 0);
  return rules.requiredFiles.length + rules.naming.length + sizes;
}

function lineViolation(hit: LineHit, path: string | null, line: number | null, location: string, text: string): Violation {
  return { kind: hit.kind, ruleId: hit.ruleId, path, line, location, term: hit.term, excerpt: excerpt(text, hit), message: hit.message };
}

function deletesAViolation(checks: LineChecks, path: string, deleted: readonly string[], prose: boolean): boolean {
  return deleted.some((text) => checks.scan(path, text.slice(0, LIMITS.lineChars), prose).length > 0);
}
