// Proves the local GitHub server (test/servers/github-server.ts) answers as GitHub's REST API
// does on the wire: status codes, error bodies, Link headers and rate-limit headers.
import { describe, expect, inject, it } from "vitest";
import { unique } from "../helpers";
import { githubPull, githubRepo, githubState, scriptGithub } from "./github-control";

const githubUrl = inject("githubUrl");

async function repo() {
  const repository = `octo/${unique("wire")}`;
  const token = `ghp_${crypto.randomUUID()}`;
  await githubRepo(githubUrl, repository, token);
  const headers = { authorization: `Bearer ${token}`, accept: "application/vnd.github+json", "user-agent": "waooaw-test" };
  return { repository, headers };
}

describe("local GitHub server", () => {
  it("refuses a missing or bad token with 401 and GitHub's error body; an unknown repository is 404", async () => {
    const { repository, headers } = await repo();
    const none = await fetch(`${githubUrl}/repos/${repository}/issues`, { headers: { "user-agent": "t" } });
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ message: "Requires authentication", documentation_url: expect.any(String) });
    const bad = await fetch(`${githubUrl}/repos/${repository}/issues`, { headers: { ...headers, authorization: "Bearer nope" } });
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: "Bad credentials" });
    const unknown = await fetch(`${githubUrl}/repos/octo/never-created/issues`, { headers });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ message: "Not Found" });
  });

  it("creates an issue with 201 and refuses one without a title with 422 Validation Failed", async () => {
    const { repository, headers } = await repo();
    const created = await fetch(`${githubUrl}/repos/${repository}/issues`, {
      method: "POST",
      headers,
      body: JSON.stringify({ title: "Found", body: "text", labels: ["waooaw"] }),
    });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ number: 1, state: "open", labels: [{ name: "waooaw" }] });
    const invalid = await fetch(`${githubUrl}/repos/${repository}/issues`, {
      method: "POST",
      headers,
      body: JSON.stringify({ body: "x" }),
    });
    expect(invalid.status).toBe(422);
    expect(await invalid.json()).toMatchObject({ message: "Validation Failed", errors: [{ field: "title", code: "missing_field" }] });
  });

  it("pages with a Link header naming next and last", async () => {
    const { repository, headers } = await repo();
    const files = Array.from({ length: 5 }, (_, i) => ({ filename: `f${i}`, status: "added" as const, additions: 1, deletions: 0 }));
    await githubPull(githubUrl, repository, 2, files);
    const first = await fetch(`${githubUrl}/repos/${repository}/pulls/2/files?per_page=2`, { headers });
    expect(first.status).toBe(200);
    expect(first.headers.get("link")).toBe(
      `<${githubUrl}/repos/${repository}/pulls/2/files?per_page=2&page=2>; rel="next", <${githubUrl}/repos/${repository}/pulls/2/files?per_page=2&page=3>; rel="last"`,
    );
    const last = await fetch(`${githubUrl}/repos/${repository}/pulls/2/files?per_page=2&page=3`, { headers });
    expect(last.headers.get("link")).toBeNull();
    expect(await last.json()).toEqual([files[4]]);
  });

  it("plays scripted rate limits with GitHub's headers, then answers normally", async () => {
    const { repository, headers } = await repo();
    const resetAt = Math.floor(Date.now() / 1000) + 120;
    await scriptGithub(githubUrl, repository, [
      { kind: "secondary-rate-limit", retryAfter: 30 },
      { kind: "rate-limit", resetAt },
      { kind: "error", status: 502 },
    ]);
    const url = `${githubUrl}/repos/${repository}/issues`;
    const secondary = await fetch(url, { headers });
    expect(secondary.status).toBe(403);
    expect(secondary.headers.get("retry-after")).toBe("30");
    expect(((await secondary.json()) as { message: string }).message).toMatch(/secondary rate limit/);
    const primary = await fetch(url, { headers });
    expect(primary.status).toBe(429);
    expect(primary.headers.get("x-ratelimit-remaining")).toBe("0");
    expect(primary.headers.get("x-ratelimit-reset")).toBe(String(resetAt));
    expect((await fetch(url, { headers })).status).toBe(502);
    expect((await fetch(url, { headers })).status).toBe(200);
    expect((await githubState(githubUrl, repository)).hits["issues.list"]).toBe(4);
  });
});
