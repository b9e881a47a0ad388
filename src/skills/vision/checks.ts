import type { ChangedFile } from "../../schemas/github";
import type { VisionRules } from "../../schemas/vision";
import { num, plural } from "../marketing/lib/format";
import type { AddedLine } from "./diff";
import { globMatcher } from "./glob";
import { type LineChecks, type LineHit, lineChecks, slug } from "./matchers";
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

/** A file a change touched, with what could be read of it. */
export interface FileChange {
  path: string;
  previousPath?: string;
  status: ChangedFile["status"];
  additions: number;
  deletions: number;
  /** The lines it adds; absent when they could not be read (then `unread` says why). */
  added?: AddedLine[];
  /** The lines it deletes (a fix deletes the offending line). */
  deleted?: string[];
  /** The added lines are the whole file: an added file's patch, a file given directly. */
  whole: boolean;
  /** Why the lines are absent: "GitHub gives no diff for binary or very large files". */
  unread?: string;
  /** The file's size when known exactly (a file given directly); otherwise worked out from a whole patch. */
  bytes?: number;
}

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
export const isProse = (path: string) => PROSE.test(path);

/**
 * Runs every vision check on a change (or on files given directly), deterministically: the
 * line checks on added lines and texts, required files on what is removed or renamed away,
 * naming on what is added or renamed, sizes on what GitHub counts. What could not be examined
 * is listed, with the reason, instead of passing silently.
 */
export function runChecks(input: CheckInput): Findings {
  const { rules } = input;
  const checks = lineChecks(rules);
  const namingRules = rules.naming.map((r) => ({ ...r, applies: globMatcher(r.paths), re: new RegExp(r.pattern, "u") }));
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
    if (input.change) requiredFiles(rules, file, found);
    naming(namingRules, file, found);
    if (file.status === "removed") covered.add(path);
    if (file.status === "renamed" && file.previousPath) covered.add(file.previousPath);
    changedLines(rules, file, found);
    if (file.status === "removed") continue;
    if (!file.added) {
      const reason = file.unread ?? "its lines could not be read";
      unread.set(reason, [...(unread.get(reason) ?? []), path]);
      continue;
    }
    // Cheap enough to hold even for a file past the budget.
    fileBytes(rules, file, found);
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

const AROUND = 40;

/** The match with a little of its line around it; for a pattern (a key, a token), anything that looks like a secret masked. */
export function excerpt(text: string, hit: Pick<LineHit, "index" | "found" | "secret">): string {
  const start = Math.max(0, hit.index - AROUND);
  const end = Math.min(text.length, hit.index + hit.found.length + AROUND);
  const piece = `${start > 0 ? "…" : ""}${text.slice(start, end)}${end < text.length ? "…" : ""}`.replace(/\s+/g, " ").trim();
  return hit.secret ? maskSecrets(piece) : piece;
}

// A run of token characters with a digit in it (keys, tokens, hashes), or a long one: a secret's
// shape. Words like PRIVATE or AWS_ACCESS_KEY_ID stay readable, so the excerpt still says what it is.
const SECRET_LIKE = /[A-Za-z0-9+/_-]{20,}|(?=[A-Za-z+/_-]*\d)[A-Za-z0-9+/_-]{8,}/g;

/** Keeps the first four characters of each secret-like run: enough to recognise it, never enough to use it. */
export function maskSecrets(text: string): string {
  return text.replace(SECRET_LIKE, (run) => `${run.slice(0, 4)}${"•".repeat(8)}`);
}

function deletesAViolation(checks: LineChecks, path: string, deleted: readonly string[], prose: boolean): boolean {
  return deleted.some((text) => checks.scan(path, text.slice(0, LIMITS.lineChars), prose).length > 0);
}

function requiredFiles(rules: VisionRules, file: FileChange, found: Collector): void {
  const gone = file.status === "removed" ? file.path : file.status === "renamed" ? file.previousPath : undefined;
  if (!gone || !rules.requiredFiles.includes(gone)) return;
  const how = file.status === "removed" ? "was removed" : `was renamed to ${file.path}`;
  found.add({
    kind: "required-file",
    ruleId: slug(gone),
    path: gone,
    line: null,
    term: null,
    location: gone,
    excerpt: file.status === "removed" ? gone : `${gone} → ${file.path}`,
    message: `${gone} is a required file and ${how}`,
  });
}

type NamingRule = VisionRules["naming"][number] & { applies: (path: string) => boolean; re: RegExp };

function naming(rules: readonly NamingRule[], file: FileChange, found: Collector): void {
  if (file.status !== "added" && file.status !== "renamed" && file.status !== "copied") return;
  const name = file.path.slice(file.path.lastIndexOf("/") + 1);
  for (const rule of rules) {
    if (!rule.applies(file.path) || rule.re.test(name)) continue;
    found.add({
      kind: "naming",
      ruleId: rule.id,
      path: file.path,
      line: null,
      term: null,
      location: file.path,
      excerpt: name,
      message: rule.message,
    });
  }
}

function changedLines(rules: VisionRules, file: FileChange, found: Collector): void {
  const max = rules.fileSize.maxChangedLines;
  const changed = file.additions + file.deletions;
  if (!max || changed <= max) return;
  found.add({
    kind: "file-size",
    ruleId: "max-changed-lines",
    path: file.path,
    line: null,
    term: null,
    location: file.path,
    excerpt: `+${num(file.additions)} −${num(file.deletions)}`,
    message: `${num(changed)} changed lines, over the limit of ${num(max)}`,
  });
}

function fileBytes(rules: VisionRules, file: FileChange, found: Collector): void {
  const max = rules.fileSize.maxFileBytes;
  if (!max || !file.whole || !file.added) return;
  const bytes = file.bytes ?? file.added.reduce((n, l) => n + utf8Length(l.text) + 1, 0);
  if (bytes <= max) return;
  found.add({
    kind: "file-size",
    ruleId: "max-file-bytes",
    path: file.path,
    line: null,
    term: null,
    location: file.path,
    excerpt: `${num(bytes)} bytes`,
    message: `${num(bytes)} bytes, over the limit of ${num(max)}`,
  });
}

/** UTF-8 length without an encoder: sizes are in bytes, as git counts them. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
