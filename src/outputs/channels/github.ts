import type { GithubClient } from "../../github/rest/client";
import type { OutputKind } from "../../schemas/outputs";

/** Every issue WAOOAW files carries this label: orphans are looked for among them only. */
export const WAOOAW_LABEL = "waooaw";

/** What the GitHub channel posts: one output, already resolved to its repository. */
export interface GithubPost {
  kind: OutputKind;
  repository: string;
  /** The issue or pull request a comment, review or report goes on. */
  number?: number;
  key: string;
  title: string;
  body: string;
  state: "open" | "closed";
}

export interface Posted {
  /** The issue number, or the comment id. */
  externalId: string;
  externalUrl: string;
}

/**
 * The hidden line every posted body ends with, naming the output's key: a post whose recording
 * was lost is found by it and updated instead of posted twice. The key is URI-encoded so it can
 * never close the HTML comment.
 */
export const markerOf = (key: string): string => `<!-- waooaw:${encodeURIComponent(key)} -->`;

const withMarker = (post: GithubPost): string => `${post.body.trimEnd()}\n\n${markerOf(post.key)}`;

/** An issue (`issue`, or a `report` with no issue to comment on) or a comment on `number`. */
export function postsAsIssue(post: Pick<GithubPost, "kind" | "number">): boolean {
  return post.kind === "issue" || (post.kind === "report" && post.number === undefined);
}

function commentTarget(post: GithubPost): number {
  if (post.number === undefined) throw new Error(`a ${post.kind} output needs the number of the issue or pull request it comments on`);
  return post.number;
}

/** Pages of 100 an orphan search reads at most: it runs inside a lease, so it must be bounded. */
export const ORPHAN_SEARCH_PAGES = 2;
/** How far before the first create attempt the search reaches, for GitHub's clock and ours to disagree. */
const CLOCK_SKEW_MS = 10 * 60_000;

/** Where to look for an orphan: what changed since the first create attempt, written by the token's own user. */
export interface OrphanSearch {
  since: number;
  /** The token's login: the marker is predictable, so anyone's comment could carry it; only ours are adopted. */
  author: string;
}

/**
 * The issue or comment a create that was never recorded left with this key's marker, if any:
 * among the `waooaw` issues (newest first) or the comments on the pull request, changed since the
 * attempt, at most ORPHAN_SEARCH_PAGES pages, and written by `author` only.
 */
export async function findOrphan(gh: GithubClient, post: GithubPost, search: OrphanSearch): Promise<Posted | null> {
  const marker = markerOf(post.key);
  const window = { since: search.since - CLOCK_SKEW_MS, maxPages: ORPHAN_SEARCH_PAGES };
  const ours = (thing: { body?: string | null; user?: { login: string } | null }) =>
    thing.user?.login.toLowerCase() === search.author.toLowerCase() && thing.body?.includes(marker) === true;
  if (postsAsIssue(post)) {
    const issue = (await gh.listIssues(post.repository, [WAOOAW_LABEL], window)).find(ours);
    return issue ? { externalId: String(issue.number), externalUrl: issue.html_url } : null;
  }
  const comment = (await gh.listComments(post.repository, commentTarget(post), window)).find(ours);
  return comment ? { externalId: String(comment.id), externalUrl: comment.html_url } : null;
}

/** Files the issue or writes the comment. */
export async function create(gh: GithubClient, post: GithubPost): Promise<Posted> {
  if (postsAsIssue(post)) {
    const issue = await gh.createIssue(post.repository, { title: post.title, body: withMarker(post), labels: [WAOOAW_LABEL] });
    return { externalId: String(issue.number), externalUrl: issue.html_url };
  }
  const comment = await gh.createComment(post.repository, commentTarget(post), withMarker(post));
  return { externalId: String(comment.id), externalUrl: comment.html_url };
}

/** Brings the existing issue (title, body, open or closed) or comment (body) up to date. */
export async function update(gh: GithubClient, post: GithubPost, externalId: string): Promise<Posted> {
  if (postsAsIssue(post)) {
    const issue = await gh.updateIssue(post.repository, Number(externalId), {
      title: post.title,
      body: withMarker(post),
      state: post.state,
    });
    return { externalId, externalUrl: issue.html_url };
  }
  const comment = await gh.updateComment(post.repository, Number(externalId), withMarker(post));
  return { externalId, externalUrl: comment.html_url };
}
