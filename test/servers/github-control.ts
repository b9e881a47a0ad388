// Helpers for the local GitHub server's control endpoints (test/servers/github-server.ts). Plain
// `fetch`, so they work inside workerd tests. Types only from the server module.
import type { GithubState, GithubStep, WireFile } from "./github-server";

async function call<T>(url: string, init?: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  if (!res.ok) throw new Error(`${init?.method ?? "GET"} ${url} → ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}
const post = (body: unknown): RequestInit => ({
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(body),
});

/** Creates `repository` (forgetting what it had) on the server; it accepts only `token`, whose user is `login` (default `waooaw-bot`). */
export function githubRepo(baseUrl: string, repository: string, token: string, login?: string): Promise<unknown> {
  return call(`${baseUrl}/__repos`, post({ repository, token, login }));
}

/** Another user (`login`, with `token`) who may post on `repository`, as anyone may comment on a public pull request. */
export function githubCollaborator(baseUrl: string, repository: string, token: string, login: string): Promise<unknown> {
  return call(`${baseUrl}/__collaborators`, post({ repository, token, login }));
}

/** A pull request `number` whose files endpoint lists `files`. */
export function githubPull(baseUrl: string, repository: string, number: number, files: WireFile[]): Promise<unknown> {
  return call(`${baseUrl}/__pulls`, post({ repository, number, files }));
}

/** The files `compare/base...head` lists. */
export function githubCompare(baseUrl: string, repository: string, base: string, head: string, files: WireFile[]): Promise<unknown> {
  return call(`${baseUrl}/__compares`, post({ repository, base, head, files }));
}

/** The repository's next answers, one per request, before it answers normally again. */
export function scriptGithub(baseUrl: string, repository: string, steps: GithubStep[]): Promise<unknown> {
  return call(`${baseUrl}/__script`, post({ repository, steps }));
}

/** What the repository holds and how often each endpoint was hit. */
export function githubState(baseUrl: string, repository: string): Promise<GithubState> {
  return call(`${baseUrl}/__state?repository=${encodeURIComponent(repository)}`);
}
