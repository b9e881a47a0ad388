import type { z } from "zod";
import { type GithubClientOptions, type GithubResponse, githubRequest, nextPage } from "./transport";
import { GithubComment, GithubCompare, type GithubFile, GithubFile as GithubFileSchema, GithubIssue, GithubUser } from "./wire";

/** GitHub lists at most 3,000 files of a pull request. */
export const PULL_REQUEST_FILES_CAP = 3_000;
/** GitHub's compare lists at most 300 files. */
export const COMPARE_FILES_CAP = 300;

export interface IssueInput {
  title: string;
  body: string;
  labels?: readonly string[];
}

export interface IssueUpdate {
  title?: string;
  body?: string;
  state?: "open" | "closed";
}

/** A bounded look through a list: only what changed since `since` (epoch ms), at most `maxPages` pages of 100. */
export interface ListWindow {
  since?: number;
  maxPages?: number;
}

export interface FileList {
  files: GithubFile[];
  /** GitHub's cap was reached: the change has more files than it lists. */
  capped: boolean;
}

const repoPath = (repository: string) => {
  const [owner = "", name = ""] = repository.split("/");
  return `/repos/${encodeURIComponent(owner)}/${encodeURIComponent(name)}`;
};

function parse<T>(schema: z.ZodType<T>, res: GithubResponse, what: string): T {
  const parsed = schema.safeParse(res.body);
  if (!parsed.success) throw new Error(`GitHub's answer to ${what} is not what its API documents: ${parsed.error.issues[0]?.message}`);
  return parsed.data;
}

const capOf = (window: ListWindow): number => window.maxPages ?? Number.POSITIVE_INFINITY;

/**
 * A small typed GitHub REST client over plain `fetch`: the endpoints WAOOAW uses (issues, issue
 * comments, pull request files, compare, the token's user), with GitHub's headers, retries of 5xx and
 * network errors (never of a POST), and rate limits waited out when short or thrown as `GithubRateLimited`.
 *
 * @example
 * const gh = new GithubClient({ token, baseUrl: env.GITHUB_API_URL });
 * const issue = await gh.createIssue("acme/web", { title: "Banned word", body: "…", labels: ["waooaw"] });
 */
export class GithubClient {
  constructor(private readonly options: GithubClientOptions) {}

  async createIssue(repository: string, input: IssueInput): Promise<GithubIssue> {
    const res = await githubRequest(this.options, "POST", `${repoPath(repository)}/issues`, input);
    return parse(GithubIssue, res, "create issue");
  }

  async updateIssue(repository: string, number: number, update: IssueUpdate): Promise<GithubIssue> {
    const res = await githubRequest(this.options, "PATCH", `${repoPath(repository)}/issues/${number}`, update);
    return parse(GithubIssue, res, "update issue");
  }

  /**
   * The issues (open and closed) carrying all of `labels`, newest first, pull requests left out;
   * every one, or only those in `window`.
   */
  async listIssues(repository: string, labels: readonly string[], window: ListWindow = {}): Promise<GithubIssue[]> {
    const query = new URLSearchParams({ state: "all", sort: "created", direction: "desc", per_page: "100" });
    if (labels.length) query.set("labels", labels.join(","));
    if (window.since !== undefined) query.set("since", new Date(window.since).toISOString());
    const all = await this.pages(`${repoPath(repository)}/issues?${query}`, GithubIssue, Number.POSITIVE_INFINITY, capOf(window));
    return all.items.filter((issue) => issue.pull_request === undefined);
  }

  /** The login of the token's own user (a bot's, for an app token). */
  async authenticatedUser(): Promise<string> {
    const res = await githubRequest(this.options, "GET", "/user");
    return parse(GithubUser, res, "get the authenticated user").login;
  }

  async createComment(repository: string, issueNumber: number, body: string): Promise<GithubComment> {
    const res = await githubRequest(this.options, "POST", `${repoPath(repository)}/issues/${issueNumber}/comments`, { body });
    return parse(GithubComment, res, "create comment");
  }

  async updateComment(repository: string, commentId: number, body: string): Promise<GithubComment> {
    const res = await githubRequest(this.options, "PATCH", `${repoPath(repository)}/issues/comments/${commentId}`, { body });
    return parse(GithubComment, res, "update comment");
  }

  /** The comments on an issue or pull request, oldest first; every one, or only those in `window`. */
  async listComments(repository: string, issueNumber: number, window: ListWindow = {}): Promise<GithubComment[]> {
    const query = new URLSearchParams({ per_page: "100" });
    if (window.since !== undefined) query.set("since", new Date(window.since).toISOString());
    const path = `${repoPath(repository)}/issues/${issueNumber}/comments?${query}`;
    return (await this.pages(path, GithubComment, Number.POSITIVE_INFINITY, capOf(window))).items;
  }

  /** The files a pull request changes, with their patches (GitHub lists at most 3,000). */
  async pullRequestFiles(repository: string, number: number): Promise<FileList> {
    const path = `${repoPath(repository)}/pulls/${number}/files?per_page=100`;
    const { items, more } = await this.pages(path, GithubFileSchema, PULL_REQUEST_FILES_CAP);
    return { files: items, capped: more || items.length >= PULL_REQUEST_FILES_CAP };
  }

  /** The files changed between two commits (`base...head`), with their patches (at most 300). */
  async compare(repository: string, base: string, head: string): Promise<FileList> {
    const spec = `${encodeURIComponent(base)}...${encodeURIComponent(head)}`;
    const res = await githubRequest(this.options, "GET", `${repoPath(repository)}/compare/${spec}`);
    const { files } = parse(GithubCompare, res, "compare");
    return { files, capped: files.length >= COMPARE_FILES_CAP };
  }

  /** Follows `Link: rel="next"` (on the base's origin only) until the last page, `cap` items or `maxPages` pages. */
  private async pages<T>(
    first: string,
    item: z.ZodType<T>,
    cap: number,
    maxPages = Number.POSITIVE_INFINITY,
  ): Promise<{ items: T[]; more: boolean }> {
    const items: T[] = [];
    let url: string | null = first;
    for (let pages = 0; url !== null && items.length < cap && pages < maxPages; pages++) {
      const res: GithubResponse = await githubRequest(this.options, "GET", url);
      const page = parse(item.array(), res, `GET ${first.split("?")[0]}`);
      items.push(...page);
      url = page.length ? nextPage(res.headers) : null;
    }
    return { items: items.slice(0, cap), more: url !== null };
  }
}

/** A client for `token` against the configured GitHub (`GITHUB_API_URL`, default api.github.com). */
export function githubClient(env: Env, token: string): GithubClient {
  return new GithubClient({ token, baseUrl: env.GITHUB_API_URL || undefined });
}

declare global {
  namespace Cloudflare {
    interface Env {
      /** GitHub's REST API base URL; unset means https://api.github.com. Tests point it at a local server. */
      GITHUB_API_URL?: string;
    }
  }
}
