import { z } from "zod";

/** What a violation broke: part of each violation's key (`vision:<kind>:<ruleId>:<path>`). */
export const VIOLATION_KINDS = [
  "forbidden-pattern",
  "forbidden-term",
  "required-file",
  "naming",
  "brand-banned",
  "brand-preferred",
  "file-size",
] as const;
export type ViolationKind = (typeof VIOLATION_KINDS)[number];

/** One place a change breaks the repository's vision. */
export const Violation = z.object({
  kind: z.enum(VIOLATION_KINDS),
  /** The rule's id (`private-key`), or the word, file or limit it is about (`lorem-ipsum`, `readme-md`, `max-file-bytes`). */
  ruleId: z.string(),
  /** The file, or null for text that is not in a file (a commit message, the pull request's title). */
  path: z.string().nullable(),
  /** Line in the new file (or in the text), when the finding is on a line. */
  line: z.number().int().positive().nullable(),
  /** For people: `config/prod.env:3`, `commit 1a2b3c4's message`, `the pull request's body, line 2`. */
  location: z.string(),
  /** The word as the rule writes it (a forbidden term, a banned or replaced word), for titles. */
  term: z.string().nullable(),
  /** A short piece of the offending line, one line, secrets masked. */
  excerpt: z.string(),
  message: z.string(),
});
export type Violation = z.infer<typeof Violation>;

/** What was checked: a pull request, a push, an issue or comment's text, or files given directly. */
export const CheckScope = z.object({
  kind: z.enum(["pull_request", "push", "issue", "comment", "files"]),
  repository: z.string().nullable(),
  /** The pull request's or issue's number. */
  number: z.number().int().nullable(),
  /** For a push: the branch or tag; for a pull request: its title. */
  label: z.string().nullable(),
  /** The commit the new lines are in (the pull request's head, the push's after). */
  sha: z.string().nullable(),
  /** Where a person sees the change (the pull request, the compare). */
  url: z.string().nullable(),
  /** For a push: whether it went to the repository's default branch, the one WowVision's issues track. */
  onDefaultBranch: z.boolean().optional(),
});
export type CheckScope = z.infer<typeof CheckScope>;

/** The result of a vision check, the same for a change and for files given directly. */
export const VisionReport = z.object({
  scope: CheckScope,
  violations: z.array(Violation),
  /** Violations found past the report's cap, not listed. */
  moreViolations: z.number().int().nonnegative(),
  /**
   * Paths whose state after the change the check knows, and whose violations are all listed
   * here: a violation filed earlier for one of them and not found again is fixed. Removed and
   * renamed-away paths, added files read in full, and changed files whose diff deletes a line
   * that broke a rule (the fix).
   */
  coveredPaths: z.array(z.string()),
  examined: z.object({
    files: z.number().int().nonnegative(),
    lines: z.number().int().nonnegative(),
    texts: z.number().int().nonnegative(),
    rules: z.number().int().nonnegative(),
  }),
  /** What could not be checked, and why (no diff from GitHub, only the webhook's lists, caps). */
  notChecked: z.array(z.string()),
});
export type VisionReport = z.infer<typeof VisionReport>;
