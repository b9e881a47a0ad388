import type { ChangedFile, ChangeSet, GithubEventPayload } from "../../schemas/github";
import type { CheckInput, TextPiece } from "./checks";
import type { FileChange } from "./files";
import { parsePatch } from "./diff";
import type { CheckScope } from "./report";

const NO_DIFF = "GitHub gives no diff for binary files or very large ones";
const NOT_READ = "only the webhook's lists of paths were available, not the diff";

/** What a `github.*` event asks to check: its scope, its files and texts, and what is already known to be missing. */
export function fromEvent(payload: GithubEventPayload): { scope: CheckScope; input: CheckInput } {
  const { repository, change, visionRules: rules } = payload;
  const notChecked: string[] = [];
  const texts: TextPiece[] = [];
  let files: FileChange[] = [];
  let scope: CheckScope = { kind: "push", repository, number: null, label: null, sha: null, url: null };

  if (change && !change.complete) notChecked.push(change.note ?? `the ${changeSource(change)} was incomplete`);
  const unread = change && !change.complete ? NOT_READ : NO_DIFF;

  if (payload.pullRequest) {
    const pr = payload.pullRequest;
    scope = { kind: "pull_request", repository, number: pr.number, label: pr.title, sha: pr.headSha, url: pr.url };
    texts.push({ location: "the pull request's title", text: pr.title });
    if (pr.body) texts.push({ location: "the pull request's body", text: pr.body });
    if (change) files = change.files.map((f) => fromChangedFile(f, unread));
    else notChecked.push("the pull request's files: they were not read before the check, so only its title and body were checked");
  } else if (payload.push) {
    const push = payload.push;
    scope = {
      kind: "push",
      repository,
      number: null,
      label: push.ref.replace(/^refs\/(heads|tags)\//, ""),
      sha: push.after,
      url: push.compareUrl ?? null,
      onDefaultBranch: payload.defaultBranch !== undefined && push.ref === `refs/heads/${payload.defaultBranch}`,
    };
    for (const c of push.commits) texts.push({ location: `commit ${c.id.slice(0, 7)}'s message`, text: c.message });
    if (push.truncated) notChecked.push(`the messages of the commits past the first ${push.commits.length}: the webhook lists no more`);
    files = change ? change.files.map((f) => fromChangedFile(f, unread)) : fromCommits(push.commits);
  } else if (payload.comment) {
    scope = { kind: "comment", repository, number: payload.issue?.number ?? null, label: null, sha: null, url: payload.comment.url };
    texts.push({ location: "the comment", text: payload.comment.body });
  } else if (payload.issue) {
    const issue = payload.issue;
    scope = { kind: "issue", repository, number: issue.number, label: issue.title, sha: null, url: issue.url };
    texts.push({ location: "the issue's title", text: issue.title });
    if (issue.body) texts.push({ location: "the issue's body", text: issue.body });
  }
  return { scope, input: { rules, files, texts, change: true, notChecked } };
}

function changeSource(change: ChangeSet): string {
  return change.source === "pull_request_files"
    ? "pull request's file list"
    : change.source === "compare"
      ? "compare"
      : "webhook's file list";
}

/** A file as GitHub lists it: the patch of an added file is the whole file. */
export function fromChangedFile(file: ChangedFile, unread: string): FileChange {
  const base: FileChange = {
    path: file.path,
    ...(file.previousPath ? { previousPath: file.previousPath } : {}),
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    whole: file.status === "added",
  };
  if (file.patch === undefined) {
    // A pure rename or a mode change has no diff because it changes no line.
    if (file.additions + file.deletions === 0 && file.status !== "added") return { ...base, added: [], deleted: [] };
    return file.status === "removed" ? base : { ...base, unread };
  }
  const { added, deleted } = parsePatch(file.patch);
  return { ...base, added, deleted };
}

/**
 * The files of a push as its webhook lists them (paths only), net over its commits: a file
 * added then removed in the same push was never there; removed then added again, it changed.
 */
function fromCommits(commits: NonNullable<GithubEventPayload["push"]>["commits"]): FileChange[] {
  const status = new Map<string, "added" | "modified" | "removed">();
  for (const c of commits) {
    for (const path of c.added) status.set(path, status.get(path) === "removed" ? "modified" : "added");
    for (const path of c.modified) status.set(path, status.get(path) ?? "modified");
    for (const path of c.removed) {
      if (status.get(path) === "added") status.delete(path);
      else status.set(path, "removed");
    }
  }
  return [...status].map(([path, s]) => ({
    path,
    status: s,
    additions: 0,
    deletions: 0,
    whole: false,
    ...(s === "removed" ? {} : { unread: NOT_READ }),
  }));
}
