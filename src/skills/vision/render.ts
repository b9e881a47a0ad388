import { esc, num, plural, table } from "../marketing/lib/format";
import type { CheckScope, Violation, VisionReport } from "./report";

/** Rows of the violations table shown; the rest are counted. */
const SHOWN = 100;

/** What was checked, for a heading: `pull request #42 of acme/web`, `the push to main of acme/web (1a2b3c4)`. */
export function scopeName(scope: CheckScope): string {
  const of = scope.repository ? ` of ${scope.repository}` : "";
  switch (scope.kind) {
    case "pull_request":
      return `pull request #${scope.number}${of}`;
    case "push":
      return `the push to ${scope.label ?? "a branch"}${of}${scope.sha ? ` (${scope.sha.slice(0, 7)})` : ""}`;
    case "issue":
      return `issue #${scope.number}${of}`;
    case "comment":
      return `a comment${scope.number ? ` on #${scope.number}` : ""}${of}`;
    case "files":
      return "the files given";
  }
}

/** `2 violations in pull request #42 of acme/web`, or `no violations in …`. */
export function headline(report: VisionReport): string {
  const n = report.violations.length + report.moreViolations;
  return `${n ? plural(n, "violation") : "no violations"} in ${scopeName(report.scope)}`;
}

/** The web address of GitHub for this scope (github.com unless the change's own link says otherwise). */
function githubOrigin(scope: CheckScope): string {
  return /^(https?:\/\/[^/]+)\//.exec(scope.url ?? "")?.[1] ?? "https://github.com";
}

/** A link to the line (or file) at the checked commit, when there is one to link to. */
export function where(v: Violation, scope: CheckScope): string {
  const text = esc(v.location, 100);
  // A removed file is not there at the checked commit: nothing to link to.
  if (!v.path || v.kind === "required-file" || !scope.repository || !scope.sha) return text;
  const path = v.path.split("/").map(encodeURIComponent).join("/");
  return `[${text}](${githubOrigin(scope)}/${scope.repository}/blob/${scope.sha}/${path}${v.line ? `#L${v.line}` : ""})`;
}

/** The rule a violation broke, for people: `forbidden-pattern · private-key`. */
export const ruleName = (v: Violation) => `${v.kind} · ${esc(v.ruleId, 64)}`;

/** The checks' Markdown report: a summary line, the violations, and what was not checked and why. */
export function renderReport(report: VisionReport): string {
  const { examined } = report;
  const n = report.violations.length + report.moreViolations;
  const checked = [
    plural(examined.files, "file"),
    ...(examined.lines ? [plural(examined.lines, report.scope.kind === "files" ? "line" : "added line")] : []),
    ...(examined.texts ? [textsName(report.scope, examined.texts)] : []),
  ];
  const shown = report.violations.slice(0, SHOWN);
  const unlisted = n - shown.length;
  return [
    `## WowVision: ${headline(report)}`,
    "",
    `Checked ${joined(checked)} against ${plural(examined.rules, "rule")}${report.notChecked.length ? "; some of the change could not be checked (below)" : ""}.`,
    ...(shown.length
      ? [
          "",
          table(
            ["Rule", "Where", "Found", "Why"],
            shown.map((v) => [ruleName(v), where(v, report.scope), esc(v.excerpt, 100), esc(v.message, 160)]),
          ),
        ]
      : n === 0
        ? ["", "Every rule holds for what was checked."]
        : []),
    ...(unlisted > 0 ? ["", `_…and ${num(unlisted)} more not listed._`] : []),
    ...(report.notChecked.length ? ["", "### Not checked", ...report.notChecked.map((line) => `- ${esc(line, 400)}`)] : []),
  ].join("\n");
}

function joined(items: readonly string[]): string {
  return items.length > 1 ? `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}` : (items[0] ?? "nothing");
}

/** The texts checked beside the files, as people call them. */
function textsName(scope: CheckScope, n: number): string {
  switch (scope.kind) {
    case "pull_request":
      return n > 1 ? "the pull request's title and body" : "the pull request's title";
    case "push":
      return plural(n, "commit message");
    case "issue":
      return n > 1 ? "the issue's title and body" : "the issue's title";
    default:
      return plural(n, "text");
  }
}
