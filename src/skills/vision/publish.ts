import type { PublicationInput } from "../../schemas/decision";
import { clip } from "../../schemas/text";
import { esc, table } from "../marketing/lib/format";
import { headline, renderReport, ruleName, scopeName, where } from "./render";
import type { Violation, ViolationKind, VisionReport } from "./report";

/** Issues filed per check at most: a decision publishes at most 200 things, and a flood helps nobody. */
export const MAX_ISSUES = 100;
/** The longest subject a publication carries, and the most subjects one may resolve (`Publication`). */
const MAX_SUBJECT = 500;
const MAX_RESOLVED = 3_000;
/** Occurrences listed in one issue. */
const OCCURRENCES = 20;

/** The key of a violation's issue: the same violation found again updates it instead of filing a second. */
export const violationKey = (v: Pick<Violation, "kind" | "ruleId" | "path">) => `vision:${v.kind}:${v.ruleId}:${v.path ?? "-"}`;

const FIX: Record<ViolationKind, string> = {
  "forbidden-pattern":
    "Remove the matching lines. If they hold a secret (a key, a token, a password), treat it as leaked: revoke and rotate it, because it stays in the git history even once the line is gone.",
  "forbidden-term":
    "Reword the text without this term. A pull request's title and body can be edited; a commit message can be reworded before it is merged.",
  "required-file":
    "Restore the file, or move it back. If it moved on purpose, update the repository's vision rules so WowVision checks the new path.",
  naming: "Rename the file (`git mv`) so its name follows the convention.",
  "brand-banned": "Rewrite the passage without the banned word.",
  "brand-preferred": "Replace the word with the preferred one.",
  "file-size":
    "Keep large files out of the repository (Git LFS, a release asset, or generated at build time), or split the change into smaller ones.",
};

/**
 * What a check of a change publishes. Issues track the repository's default branch: a push to
 * it files an issue per distinct violation (keyed so a violation found again updates its issue)
 * and a document summing up, which resolves the violations filed earlier for the paths this
 * check covered that it did not find again (they were fixed). A pull request gets only its one
 * review comment, updated on every push to it and listing all its findings: what it adds is not
 * on the default branch until merged, and the push that merges it is checked then. A push to
 * another branch gets only its document: it neither files nor closes anything.
 */
export function publications(report: VisionReport): PublicationInput[] {
  const { scope } = report;
  const repository = scope.repository;
  if (!repository || (scope.kind !== "pull_request" && scope.kind !== "push")) return [];
  const title = clip(`WowVision: ${headline(report)}`, 256);
  if (scope.kind === "pull_request") {
    if (!scope.number) return [];
    return [
      {
        kind: "review",
        key: `wowvision-review:pr:${scope.number}`,
        title,
        body: clipBody(renderReport(report)),
        target: { repository, number: scope.number },
      },
    ];
  }
  const document = (body: string): PublicationInput => ({
    kind: "document",
    key: `wowvision-check:${scope.sha ?? "unknown"}`,
    title,
    body: clipBody(body),
    target: { repository },
  });
  if (!scope.onDefaultBranch) return [document(renderReport(report))];
  const groups = new Map<string, Violation[]>();
  for (const v of report.violations) groups.set(violationKey(v), [...(groups.get(violationKey(v)) ?? []), v]);
  const filed = [...groups].slice(0, MAX_ISSUES);
  const issues: PublicationInput[] = filed.map(([key, found]) => issue(key, found, report, repository));
  // Paths with a violation this check did not file cannot be said to be fixed.
  const unfiled = new Set([...groups].slice(MAX_ISSUES).flatMap(([, found]) => found.map((v) => v.path ?? "")));
  // A subject too long for a thread, or past the most one decision may resolve, is left open: never closed wrongly.
  const subjects = report.coveredPaths.filter((p) => !unfiled.has(p) && p.length <= MAX_SUBJECT).slice(0, MAX_RESOLVED);
  const more = groups.size - filed.length;
  const body = `${renderReport(report)}${more > 0 ? `\n\n_${more} more distinct violations were not filed as issues (at most ${MAX_ISSUES} per check)._` : ""}`;
  return [...issues, { ...document(body), resolves: { keyPrefix: "vision:", subjects } }];
}

function issue(key: string, found: Violation[], report: VisionReport, repository: string): PublicationInput {
  const [first] = found;
  if (!first) throw new Error("a violation group is never empty");
  const { scope } = report;
  const link = scope.url ? `[${esc(scopeName(scope), 160)}](${scope.url})` : esc(scopeName(scope), 160);
  const body = [
    `**WowVision Prime** found this checking ${link}${scope.sha ? ` at commit \`${scope.sha.slice(0, 7)}\`` : ""}.`,
    "",
    `**Rule:** ${ruleName(first)}: ${esc(first.message, 300)}`,
    "",
    table(
      ["Where", "Found"],
      found.slice(0, OCCURRENCES).map((v) => [where(v, scope), esc(v.excerpt, 120)]),
    ),
    ...(found.length > OCCURRENCES ? ["", `_…and ${found.length - OCCURRENCES} more in this place._`] : []),
    "",
    `**How to fix:** ${FIX[first.kind]}`,
    "",
    "_WowVision updates this issue when it finds the same violation again, and closes it when a later check finds it fixed._",
  ].join("\n");
  return {
    kind: "issue",
    key: key.slice(0, 300),
    title: clip(`WowVision: ${title(first)}`, 256),
    body: clipBody(body),
    target: { repository },
    ...(first.path ? { subject: first.path.slice(0, MAX_SUBJECT) } : {}),
  };
}

/** A title a maintainer reads in the issue list: what broke, and where. */
function title(v: Violation): string {
  const place = v.path ?? v.location.replace(/, line \d+$/, "");
  switch (v.kind) {
    case "forbidden-pattern":
      return `${v.ruleId.replace(/-/g, " ")} added in ${place}`;
    case "forbidden-term":
      return `forbidden term "${v.term}" in ${place}`;
    case "required-file":
      return `required file ${v.path} ${v.message.endsWith("was removed") ? "removed" : "renamed away"}`;
    case "naming":
      return `${place} breaks the naming rule ${v.ruleId}`;
    case "brand-banned":
      return `banned word "${v.term}" in ${place}`;
    case "brand-preferred":
      return `"${v.term}" in ${place}: ${v.message}`;
    case "file-size":
      return v.ruleId === "max-file-bytes" ? `${place} is over the file size limit` : `too many changed lines in ${place}`;
  }
}

const clipBody = (text: string, max = 60_000) => (text.length > max ? `${text.slice(0, max - 2)}\n…` : text);
