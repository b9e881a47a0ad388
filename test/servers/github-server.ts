// A local stand-in for the GitHub REST API endpoints WAOOAW uses, speaking the real wire protocol
// (https://docs.github.com/en/rest): JSON bodies, `Authorization: Bearer <token>`, GitHub's error
// bodies `{"message", "documentation_url"}` (422 adds `errors`), `Link` pagination, and its rate
// limit answers (403 secondary limit with `retry-after`; 429/403 with `x-ratelimit-remaining: 0`
// and `x-ratelimit-reset`). Plain `node:http`; runs in Node only (vitest globalSetup, or
// `npx tsx test/servers/github-server.ts --port 8790`).
//
//   POST  /repos/{o}/{n}/issues                     create an issue           201
//   PATCH /repos/{o}/{n}/issues/{number}            update title/body/state   200
//   GET   /repos/{o}/{n}/issues?labels&state&since&sort&direction&per_page&page
//   POST  /repos/{o}/{n}/issues/{number}/comments   comment on an issue or PR 201
//   PATCH /repos/{o}/{n}/issues/comments/{id}       update a comment          200
//   DELETE /repos/{o}/{n}/issues/comments/{id}      delete a comment          204
//   GET   /repos/{o}/{n}/issues/{number}/comments?since&per_page&page
//   GET   /repos/{o}/{n}/pulls/{number}/files?per_page&page   (at most 3,000 files, as GitHub)
//   GET   /repos/{o}/{n}/compare/{base}...{head}    (at most 300 files, as GitHub)
//   GET   /user                                     the token's own user {login, id}
//
// Repositories exist once a test creates them, each with the token it accepts, and the login of
// that token's user (any other token → 401 "Bad credentials"; an unknown repository → 404 "Not
// Found", as GitHub answers both). A collaborator's token is accepted too, under its own login.
// Issues and comments record their author (`user.login`), as GitHub does.
// Tests use their own repository names, so they do not interfere. Control endpoints (not GitHub's):
//   POST /__repos     {repository, token, login?}              create (or reset) a repository
//   POST /__collaborators {repository, token, login}           another user who may post there
//   POST /__pulls     {repository, number, files}              a pull request and its files
//   POST /__compares  {repository, base, head, files}          a compare's files
//   POST /__script    {repository, steps}                      the next answers for that repository
//   GET  /__state?repository=R   {issues, comments, hits: {endpoint: n}, requests: [{method, path, authorization}]}
//   POST /__reset                                              forget everything
import http from "node:http";
import { pathToFileURL } from "node:url";
import { listen } from "./listen";

/** A file as GitHub's pull request files and compare endpoints list it. */
export interface WireFile {
  filename: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
  additions: number;
  deletions: number;
  patch?: string;
  previous_filename?: string;
}

/** A scripted answer, consumed by the repository's next API request (any endpoint). */
export type GithubStep =
  /** 403 "You have exceeded a secondary rate limit", with `retry-after` seconds when given. */
  | { kind: "secondary-rate-limit"; retryAfter?: number }
  /** 429 (or 403) with `x-ratelimit-remaining: 0` and `x-ratelimit-reset` (epoch seconds). */
  | { kind: "rate-limit"; status?: 403 | 429; resetAt: number }
  /** Any status with GitHub's error body (502 "Server Error" by default). */
  | { kind: "error"; status: number; message?: string }
  /** The request takes effect (the issue is filed) but the answer is this 5xx: GitHub's answer was lost. */
  | { kind: "lost"; status?: number }
  /** The request is answered normally, its `Link` naming a next page on `origin` (a host that must not get the token). */
  | { kind: "link-to"; origin: string };

export type Endpoint =
  | "issues.create"
  | "issues.update"
  | "issues.list"
  | "comments.create"
  | "comments.update"
  | "comments.delete"
  | "comments.list"
  | "pulls.files"
  | "compare"
  | "user";

export interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  labels: string[];
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  createdAt: string;
  updatedAt: string;
}

export interface GithubState {
  issues: StoredIssue[];
  comments: StoredComment[];
  hits: Partial<Record<Endpoint, number>>;
  requests: { method: string; path: string; authorization: string | null; accept: string | null; apiVersion: string | null }[];
}

interface Repo {
  fullName: string;
  token: string;
  /** Login by accepted token: the repository's own, and collaborators'. */
  users: Map<string, string>;
  issues: StoredIssue[];
  comments: StoredComment[];
  pulls: Map<number, WireFile[]>;
  compares: Map<string, WireFile[]>;
  steps: GithubStep[];
  hits: Map<Endpoint, number>;
  requests: GithubState["requests"];
}

export interface GithubServer {
  url: string;
  close(): Promise<void>;
}

const DOCS = "https://docs.github.com/rest";

const ROUTES: { method: string; path: RegExp; endpoint: Endpoint }[] = [
  { method: "POST", path: /^\/issues$/, endpoint: "issues.create" },
  { method: "GET", path: /^\/issues$/, endpoint: "issues.list" },
  { method: "PATCH", path: /^\/issues\/(\d+)$/, endpoint: "issues.update" },
  { method: "POST", path: /^\/issues\/(\d+)\/comments$/, endpoint: "comments.create" },
  { method: "GET", path: /^\/issues\/(\d+)\/comments$/, endpoint: "comments.list" },
  { method: "PATCH", path: /^\/issues\/comments\/(\d+)$/, endpoint: "comments.update" },
  { method: "DELETE", path: /^\/issues\/comments\/(\d+)$/, endpoint: "comments.delete" },
  { method: "GET", path: /^\/pulls\/(\d+)\/files$/, endpoint: "pulls.files" },
  { method: "GET", path: /^\/compare\/(.+)\.\.\.(.+)$/, endpoint: "compare" },
];
const MAX_BODY_BYTES = 1024 * 1024;
const PR_FILES_CAP = 3_000;
const COMPARE_FILES_CAP = 300;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

function isFile(v: unknown): v is WireFile {
  return isObject(v) && typeof v.filename === "string" && typeof v.status === "string" && typeof v.additions === "number";
}

function isStep(v: unknown): v is GithubStep {
  if (!isObject(v)) return false;
  if (v.kind === "secondary-rate-limit") return v.retryAfter === undefined || typeof v.retryAfter === "number";
  if (v.kind === "rate-limit") return typeof v.resetAt === "number";
  if (v.kind === "error") return typeof v.status === "number" && v.status >= 400 && v.status <= 599;
  if (v.kind === "link-to") return typeof v.origin === "string";
  if (v.kind === "lost") return v.status === undefined || (typeof v.status === "number" && v.status >= 500 && v.status <= 599);
  return false;
}

export async function startGithubServer(opts: { port?: number; host?: string } = {}): Promise<GithubServer> {
  const repos = new Map<string, Repo>();
  let nextId = 1_000;
  const base = { url: "" };

  // Answers whose request takes effect but whose answer is replaced by a 5xx (a `lost` step).
  const lost = new WeakMap<http.ServerResponse, number>();
  // Answers whose `Link` names a next page on another origin (a `link-to` step).
  const linkTo = new WeakMap<http.ServerResponse, string>();
  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
    if (res.destroyed || res.headersSent) return;
    const replaced = lost.get(res);
    if (replaced !== undefined) {
      lost.delete(res);
      fail(res, replaced, "Server Error");
      return;
    }
    const payload = body === undefined ? "" : JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(payload),
      "x-github-media-type": "github.v3; format=json",
      "x-ratelimit-limit": "5000",
      "x-ratelimit-remaining": "4999",
      "x-ratelimit-reset": String(Math.floor(Date.now() / 1000) + 3600),
      ...headers,
    });
    res.end(payload);
  };
  const fail = (res: http.ServerResponse, status: number, message: string, headers: Record<string, string> = {}, extra: Json = {}): void =>
    send(res, status, { message, ...extra, documentation_url: DOCS, status: String(status) }, headers);

  const issueJson = (repo: Repo, issue: StoredIssue) => ({
    id: issue.id,
    node_id: `I_${issue.id}`,
    url: `${base.url}/repos/${repo.fullName}/issues/${issue.number}`,
    html_url: `https://github.com/${repo.fullName}/issues/${issue.number}`,
    number: issue.number,
    title: issue.title,
    body: issue.body,
    state: issue.state,
    user: { login: issue.author, type: "User" },
    labels: issue.labels.map((name, i) => ({ id: i + 1, name, color: "ededed", default: false })),
    comments: repo.comments.filter((c) => c.issueNumber === issue.number).length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.state === "closed" ? issue.updatedAt : null,
  });
  const commentJson = (repo: Repo, comment: StoredComment) => ({
    id: comment.id,
    node_id: `IC_${comment.id}`,
    url: `${base.url}/repos/${repo.fullName}/issues/comments/${comment.id}`,
    html_url: `https://github.com/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${base.url}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    body: comment.body,
    user: { login: comment.author, type: "User" },
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
  });

  /** One page of `items`, with GitHub's `Link` header (`next`, `last`). */
  const page = (res: http.ServerResponse, url: URL, items: unknown[], cap = Number.POSITIVE_INFINITY) => {
    const capped = items.slice(0, cap);
    const perPage = Math.min(100, Math.max(1, Number(url.searchParams.get("per_page") ?? 30) || 30));
    const pageNo = Math.max(1, Number(url.searchParams.get("page") ?? 1) || 1);
    const last = Math.max(1, Math.ceil(capped.length / perPage));
    const link = (n: number, rel: string) => {
      const u = new URL(url.toString().replace(/^http:\/\/[^/]+/, base.url));
      u.searchParams.set("page", String(n));
      return `<${u}>; rel="${rel}"`;
    };
    const foreign = linkTo.get(res);
    if (foreign !== undefined) return send(res, 200, capped.slice(0, perPage), { link: `<${foreign}${url.pathname}?page=2>; rel="next"` });
    const links = pageNo < last ? [link(pageNo + 1, "next"), link(last, "last")] : [];
    send(res, 200, capped.slice((pageNo - 1) * perPage, pageNo * perPage), links.length ? { link: links.join(", ") } : {});
  };

  const answerStep = (res: http.ServerResponse, step: Exclude<GithubStep, { kind: "lost" | "link-to" }>) => {
    if (step.kind === "secondary-rate-limit") {
      const headers: Record<string, string> = step.retryAfter === undefined ? {} : { "retry-after": String(step.retryAfter) };
      return fail(
        res,
        403,
        "You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID.",
        headers,
      );
    }
    if (step.kind === "rate-limit") {
      return fail(res, step.status ?? 429, "API rate limit exceeded for user ID 1.", {
        "x-ratelimit-remaining": "0",
        "x-ratelimit-used": "5000",
        "x-ratelimit-reset": String(step.resetAt),
      });
    }
    return fail(res, step.status, step.message ?? (step.status >= 500 ? "Server Error" : "Error"));
  };

  const handleApi = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const raw = await readBody(req);
    const token = /^(?:Bearer|token)\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (req.method === "GET" && url.pathname === "/user") {
      if (token === undefined) return fail(res, 401, "Requires authentication");
      for (const repo of repos.values()) {
        const login = repo.users.get(token);
        if (login !== undefined) return send(res, 200, { login, id: 1, type: "User" });
      }
      return fail(res, 401, "Bad credentials");
    }
    const match = /^\/repos\/([^/]+)\/([^/]+)(\/.*)$/.exec(url.pathname);
    if (!match) return fail(res, 404, "Not Found");
    const fullName = `${decodeURIComponent(match[1] ?? "")}/${decodeURIComponent(match[2] ?? "")}`.toLowerCase();
    const rest = match[3] ?? "";
    const repo = repos.get(fullName);
    repo?.requests.push({
      method: req.method ?? "GET",
      path: `${url.pathname}${url.search}`,
      authorization: req.headers.authorization ?? null,
      accept: req.headers.accept ?? null,
      apiVersion: (req.headers["x-github-api-version"] as string | undefined) ?? null,
    });
    // GitHub's order: a bad token is refused before the repository is looked up.
    if (token === undefined) return fail(res, 401, "Requires authentication");
    if (repo && !repo.users.has(token)) return fail(res, 401, "Bad credentials");
    if (!repo) return fail(res, 404, "Not Found");
    const author = repo.users.get(token) ?? "ghost";
    if (!req.headers["user-agent"])
      return fail(res, 403, "Request forbidden by administrative rules. Please make sure your request has a User-Agent header");

    const route = ROUTES.find((r) => r.method === req.method && r.path.test(rest));
    const args = route?.path.exec(rest)?.slice(1).map(decodeURIComponent) ?? [];
    if (!route) return fail(res, 404, "Not Found");
    repo.hits.set(route.endpoint, (repo.hits.get(route.endpoint) ?? 0) + 1);
    const step = repo.steps.shift();
    if (step?.kind === "lost") lost.set(res, step.status ?? 502);
    else if (step?.kind === "link-to") linkTo.set(res, step.origin);
    else if (step) return answerStep(res, step);

    const body = parseJson(raw);
    const now = new Date().toISOString();
    const invalid = (resource: string, field: string) =>
      fail(res, 422, "Validation Failed", {}, { errors: [{ resource, code: "missing_field", field }] });
    const number = Number(args[0]);
    const since = Date.parse(url.searchParams.get("since") ?? "");
    const changedSince = (item: { updatedAt: string }) => Number.isNaN(since) || Date.parse(item.updatedAt) >= since;
    const isIssueOrPull = repo.issues.some((i) => i.number === number) || repo.pulls.has(number);

    switch (route.endpoint) {
      case "issues.create": {
        if (!isObject(body) || typeof body.title !== "string" || body.title === "") return invalid("Issue", "title");
        const labels = Array.isArray(body.labels) ? body.labels.filter((l): l is string => typeof l === "string") : [];
        const issue: StoredIssue = {
          id: nextId++,
          // Issues and pull requests share one sequence of numbers, as on GitHub.
          number: 1 + Math.max(0, ...repo.pulls.keys(), ...repo.issues.map((i) => i.number)),
          title: body.title,
          body: typeof body.body === "string" ? body.body : null,
          state: "open",
          labels,
          author,
          createdAt: now,
          updatedAt: now,
        };
        repo.issues.push(issue);
        return send(res, 201, issueJson(repo, issue), { location: `${base.url}/repos/${repo.fullName}/issues/${issue.number}` });
      }
      case "issues.list": {
        const state = url.searchParams.get("state") ?? "open";
        const wanted = (url.searchParams.get("labels") ?? "").split(",").filter(Boolean);
        const listed = repo.issues
          .filter((i) => state === "all" || i.state === state)
          .filter((i) => wanted.every((l) => i.labels.includes(l)))
          .filter(changedSince)
          // GitHub's default is newest first (sort=created, direction=desc).
          .sort((a, b) => (url.searchParams.get("direction") === "asc" ? a.number - b.number : b.number - a.number))
          .map((i) => issueJson(repo, i));
        return page(res, url, listed);
      }
      case "issues.update": {
        const issue = repo.issues.find((i) => i.number === number);
        if (!issue) return fail(res, 404, "Not Found");
        if (!isObject(body)) return fail(res, 400, "Problems parsing JSON");
        if (body.state !== undefined && body.state !== "open" && body.state !== "closed") return invalid("Issue", "state");
        if (typeof body.title === "string") issue.title = body.title;
        if (typeof body.body === "string") issue.body = body.body;
        if (body.state === "open" || body.state === "closed") issue.state = body.state;
        issue.updatedAt = now;
        return send(res, 200, issueJson(repo, issue));
      }
      case "comments.create": {
        if (!isIssueOrPull) return fail(res, 404, "Not Found");
        if (!isObject(body) || typeof body.body !== "string" || body.body === "") return invalid("IssueComment", "body");
        const comment: StoredComment = { id: nextId++, issueNumber: number, body: body.body, author, createdAt: now, updatedAt: now };
        repo.comments.push(comment);
        return send(res, 201, commentJson(repo, comment));
      }
      case "comments.list": {
        if (!isIssueOrPull) return fail(res, 404, "Not Found");
        return page(
          res,
          url,
          repo.comments.filter((c) => c.issueNumber === number && changedSince(c)).map((c) => commentJson(repo, c)),
        );
      }
      case "comments.update": {
        const comment = repo.comments.find((c) => c.id === number);
        if (!comment) return fail(res, 404, "Not Found");
        if (!isObject(body) || typeof body.body !== "string" || body.body === "") return invalid("IssueComment", "body");
        comment.body = body.body;
        comment.updatedAt = now;
        return send(res, 200, commentJson(repo, comment));
      }
      case "comments.delete": {
        const index = repo.comments.findIndex((c) => c.id === number);
        if (index < 0) return fail(res, 404, "Not Found");
        repo.comments.splice(index, 1);
        res.writeHead(204).end();
        return;
      }
      case "pulls.files": {
        const files = repo.pulls.get(number);
        if (!files) return fail(res, 404, "Not Found");
        return page(res, url, files, PR_FILES_CAP);
      }
      case "compare": {
        const files = repo.compares.get(`${args[0]}...${args[1]}`);
        if (!files) return fail(res, 404, "Not Found");
        const shown = files.slice(0, COMPARE_FILES_CAP);
        return send(res, 200, { status: "ahead", ahead_by: 1, behind_by: 0, total_commits: 1, commits: [], files: shown });
      }
    }
  };

  const handleControl = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const body = parseJson(await readBody(req));
    const repoOf = (name: unknown) => (typeof name === "string" ? repos.get(name.toLowerCase()) : undefined);
    if (req.method === "POST" && url.pathname === "/__repos") {
      if (
        !isObject(body) ||
        typeof body.repository !== "string" ||
        typeof body.token !== "string" ||
        (body.login !== undefined && typeof body.login !== "string")
      )
        return send(res, 400, { error: "expected {repository, token, login?}" });
      repos.set(body.repository.toLowerCase(), {
        fullName: body.repository,
        token: body.token,
        users: new Map([[body.token, typeof body.login === "string" ? body.login : "waooaw-bot"]]),
        issues: [],
        comments: [],
        pulls: new Map(),
        compares: new Map(),
        steps: [],
        hits: new Map(),
        requests: [],
      });
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/__collaborators") {
      const repo = isObject(body) ? repoOf(body.repository) : undefined;
      if (!repo || !isObject(body) || typeof body.token !== "string" || typeof body.login !== "string")
        return send(res, 400, { error: "expected {repository (created), token, login}" });
      repo.users.set(body.token, body.login);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/__pulls") {
      const repo = isObject(body) ? repoOf(body.repository) : undefined;
      if (!repo || !isObject(body) || typeof body.number !== "number" || !Array.isArray(body.files) || !body.files.every(isFile))
        return send(res, 400, { error: "expected {repository (created), number, files: WireFile[]}" });
      repo.pulls.set(body.number, body.files);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/__compares") {
      const repo = isObject(body) ? repoOf(body.repository) : undefined;
      if (
        !repo ||
        !isObject(body) ||
        typeof body.base !== "string" ||
        typeof body.head !== "string" ||
        !Array.isArray(body.files) ||
        !body.files.every(isFile)
      )
        return send(res, 400, { error: "expected {repository (created), base, head, files: WireFile[]}" });
      repo.compares.set(`${body.base}...${body.head}`, body.files);
      return send(res, 200, { ok: true });
    }
    if (req.method === "POST" && url.pathname === "/__script") {
      const repo = isObject(body) ? repoOf(body.repository) : undefined;
      if (!repo || !isObject(body) || !Array.isArray(body.steps) || !body.steps.every(isStep))
        return send(res, 400, { error: "expected {repository (created), steps: GithubStep[]}" });
      repo.steps = [...body.steps];
      return send(res, 200, { ok: true, queued: repo.steps.length });
    }
    if (req.method === "GET" && url.pathname === "/__state") {
      const repo = repoOf(url.searchParams.get("repository"));
      if (!repo) return send(res, 404, { error: "unknown repository" });
      const state: GithubState = {
        issues: repo.issues,
        comments: repo.comments,
        hits: Object.fromEntries(repo.hits),
        requests: repo.requests,
      };
      return send(res, 200, state);
    }
    if (req.method === "POST" && url.pathname === "/__reset") {
      repos.clear();
      return send(res, 200, { ok: true });
    }
    return send(res, 404, { error: "unknown control endpoint" });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handled = url.pathname.startsWith("/__") ? handleControl(req, res, url) : handleApi(req, res, url);
    handled.catch((err: unknown) => fail(res, 500, `local server error: ${String(err)}`));
  });
  server.keepAliveTimeout = 5_000;
  const listening = await listen(server, opts.host ?? "127.0.0.1", opts.port ?? 0);
  base.url = listening.url;
  return listening;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portArg = process.argv.indexOf("--port");
  const server = await startGithubServer({ port: portArg >= 0 ? Number(process.argv[portArg + 1]) : undefined });
  console.log(server.url);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
