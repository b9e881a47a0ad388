import type { ChangedFile } from "../../schemas/github";
import type { VisionRules } from "../../schemas/vision";
import { num } from "../marketing/lib/format";
import type { AddedLine } from "./diff";
import { globMatcher } from "./glob";
import { slug } from "./matchers";
import type { Violation } from "./report";

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

type Report = (violation: Violation) => void;

// The checks on a file as a whole: required files on what is removed or renamed away, naming on
// what is added or renamed, sizes on what GitHub counts and on whole files.

export function requiredFiles(rules: VisionRules, file: FileChange, report: Report): void {
  const gone = file.status === "removed" ? file.path : file.status === "renamed" ? file.previousPath : undefined;
  if (!gone || !rules.requiredFiles.includes(gone)) return;
  const how = file.status === "removed" ? "was removed" : `was renamed to ${file.path}`;
  report({
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

export type NamingRule = VisionRules["naming"][number] & { applies: (path: string) => boolean; re: RegExp };

/** The naming rules with their globs and patterns compiled once per check. */
export function namingRules(rules: VisionRules): NamingRule[] {
  return rules.naming.map((r) => ({ ...r, applies: globMatcher(r.paths), re: new RegExp(r.pattern, "u") }));
}

export function naming(rules: readonly NamingRule[], file: FileChange, report: Report): void {
  if (file.status !== "added" && file.status !== "renamed" && file.status !== "copied") return;
  const name = file.path.slice(file.path.lastIndexOf("/") + 1);
  for (const rule of rules) {
    if (!rule.applies(file.path) || rule.re.test(name)) continue;
    report({
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

export function changedLines(rules: VisionRules, file: FileChange, report: Report): void {
  const max = rules.fileSize.maxChangedLines;
  const changed = file.additions + file.deletions;
  if (!max || changed <= max) return;
  report({
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

export function fileBytes(rules: VisionRules, file: FileChange, report: Report): void {
  const max = rules.fileSize.maxFileBytes;
  if (!max || !file.whole || !file.added) return;
  const bytes = file.bytes ?? file.added.reduce((n, l) => n + utf8Length(l.text) + 1, 0);
  if (bytes <= max) return;
  report({
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
function utf8Length(text: string): number {
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
