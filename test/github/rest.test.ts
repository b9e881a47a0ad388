import { describe, expect, inject, it } from "vitest";
import { GithubClient } from "../../src/github/rest/client";
import { GithubRateLimited, GithubRequestFailed, GithubUnavailable } from "../../src/github/rest/errors";
import { rateLimitedUntil } from "../../src/github/rest/transport";
import { nth, unique } from "../helpers";
import { githubCompare, githubPull, githubRepo, githubState, scriptGithub } from "../servers/github-control";
import type { WireFile } from "../servers/github-server";

const githubUrl = inject("githubUrl");

async function repoWithClient(opts: { maxWaitMs?: number } = {}) {
  const repository = `acme/${unique("rest")}`;
  const token = `ghp_${crypto.randomUUID()}`;
  await githubRepo(githubUrl, repository, token);
  const gh = new GithubClient({ token, baseUrl: githubUrl, backoffMs: 10, maxWaitMs: opts.maxWaitMs ?? 3_000 });
  return { repository, token, gh };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error("expected the promise to reject");
}

const file = (n: number, patch?: string): WireFile => ({
  filename: `src/file-${n}.ts`,
  status: "modified",
  additions: 1,
  deletions: 0,
  ...(patch === undefined ? {} : { patch }),
});

describe("GithubClient", () => {
  it("creates, lists, updates and closes an issue, sending GitHub's headers and the token", async () => {
    const { repository, token, gh } = await repoWithClient();
    const created = await gh.createIssue(repository, { title: "Banned word", body: "`synergy` in README.md", labels: ["waooaw"] });
    expect(created.number).toBe(1);
    expect(created.state).toBe("open");
    expect(created.html_url).toBe(`https://github.com/${repository}/issues/1`);

    await gh.createIssue(repository, { title: "Unlabelled", body: "not ours" });
    const ours = await gh.listIssues(repository, ["waooaw"]);
    expect(ours.map((i) => i.title)).toEqual(["Banned word"]);

    const closed = await gh.updateIssue(repository, created.number, { body: "fixed", state: "closed" });
    expect(closed.state).toBe("closed");
    expect(closed.body).toBe("fixed");
    // state=all: closed issues are still found (a fixed violation found again reopens its issue).
    expect((await gh.listIssues(repository, ["waooaw"])).map((i) => i.state)).toEqual(["closed"]);

    const state = await githubState(githubUrl, repository);
    const first = nth(state.requests);
    expect(first.authorization).toBe(`Bearer ${token}`);
    expect(first.accept).toBe("application/vnd.github+json");
    expect(first.apiVersion).toBe("2022-11-28");
  });

  it("writes, updates and lists comments on a pull request", async () => {
    const { repository, gh } = await repoWithClient();
    await githubPull(githubUrl, repository, 7, [file(1)]);
    const comment = await gh.createComment(repository, 7, "first push: 2 findings");
    expect(comment.html_url).toContain(`/issues/7#issuecomment-${comment.id}`);
    const updated = await gh.updateComment(repository, comment.id, "second push: all clear");
    expect(updated.body).toBe("second push: all clear");
    expect((await gh.listComments(repository, 7)).map((c) => c.body)).toEqual(["second push: all clear"]);
  });

  it("follows Link pagination for pull request files and stops at GitHub's 3,000", async () => {
    const { repository, gh } = await repoWithClient();
    await githubPull(
      githubUrl,
      repository,
      3,
      Array.from({ length: 250 }, (_, i) => file(i, `@@ -1 +1 @@\n+line ${i}`)),
    );
    const { files, capped } = await gh.pullRequestFiles(repository, 3);
    expect(files).toHaveLength(250);
    expect(capped).toBe(false);
    expect(nth(files, 249).patch).toBe("@@ -1 +1 @@\n+line 249");
    expect((await githubState(githubUrl, repository)).hits["pulls.files"]).toBe(3); // 100 + 100 + 50

    await githubPull(
      githubUrl,
      repository,
      4,
      Array.from({ length: 3_100 }, (_, i) => file(i)),
    );
    const big = await gh.pullRequestFiles(repository, 4);
    expect(big.files).toHaveLength(3_000);
    expect(big.capped).toBe(true);
  });

  it("reads a compare's files", async () => {
    const { repository, gh } = await repoWithClient();
    await githubCompare(githubUrl, repository, "aaa111", "bbb222", [{ ...file(1, "+x"), status: "added" }]);
    const { files } = await gh.compare(repository, "aaa111", "bbb222");
    expect(files).toEqual([{ filename: "src/file-1.ts", status: "added", additions: 1, deletions: 0, patch: "+x" }]);
  });

  it("waits out a secondary rate limit's retry-after and then succeeds", async () => {
    const { repository, gh } = await repoWithClient();
    await scriptGithub(githubUrl, repository, [{ kind: "secondary-rate-limit", retryAfter: 1 }]);
    const started = Date.now();
    const issue = await gh.createIssue(repository, { title: "t", body: "b" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(issue.number).toBe(1);
    const state = await githubState(githubUrl, repository);
    expect(state.hits["issues.create"]).toBe(2);
    expect(state.issues).toHaveLength(1);
  });

  it("throws GithubRateLimited with GitHub's reset time when the wait is longer than allowed", async () => {
    const { repository, gh } = await repoWithClient({ maxWaitMs: 2_000 });
    const resetAt = Math.floor(Date.now() / 1000) + 3_600;
    await scriptGithub(githubUrl, repository, [{ kind: "rate-limit", status: 429, resetAt }]);
    const error = await rejection(gh.createIssue(repository, { title: "t", body: "b" }));
    expect(error).toBeInstanceOf(GithubRateLimited);
    expect((error as GithubRateLimited).retryAt).toBe(resetAt * 1000);
    expect((await githubState(githubUrl, repository)).issues).toHaveLength(0);
  });

  it("a 403 secondary limit without retry-after means at least a minute", async () => {
    const { repository, gh } = await repoWithClient({ maxWaitMs: 2_000 });
    await scriptGithub(githubUrl, repository, [{ kind: "secondary-rate-limit" }]);
    const before = Date.now();
    const error = await rejection(gh.listIssues(repository, ["waooaw"]));
    expect(error).toBeInstanceOf(GithubRateLimited);
    expect((error as GithubRateLimited).retryAt).toBeGreaterThanOrEqual(before + 60_000);
  });

  it("retries 502 with backoff and gives up with GithubUnavailable after its retries", async () => {
    const { repository, gh } = await repoWithClient();
    await scriptGithub(githubUrl, repository, [
      { kind: "error", status: 502 },
      { kind: "error", status: 502 },
    ]);
    expect((await gh.createIssue(repository, { title: "t", body: "b" })).number).toBe(1);

    await scriptGithub(
      githubUrl,
      repository,
      Array.from({ length: 4 }, () => ({ kind: "error" as const, status: 503 })),
    );
    const error = await rejection(gh.createIssue(repository, { title: "t2", body: "b" }));
    expect(error).toBeInstanceOf(GithubUnavailable);
    expect((error as GithubUnavailable).status).toBe(503);
    const state = await githubState(githubUrl, repository);
    expect(state.hits["issues.create"]).toBe(3 + 4);
    expect(state.issues).toHaveLength(1);
  });

  it("does not retry a refusal: a bad token is GithubRequestFailed 401 Bad credentials", async () => {
    const { repository } = await repoWithClient();
    const wrong = new GithubClient({ token: "ghp_wrong", baseUrl: githubUrl, backoffMs: 10 });
    const error = await rejection(wrong.createIssue(repository, { title: "t", body: "b" }));
    expect(error).toBeInstanceOf(GithubRequestFailed);
    expect((error as GithubRequestFailed).status).toBe(401);
    expect((error as GithubRequestFailed).githubMessage).toBe("Bad credentials");
    expect((await githubState(githubUrl, repository)).requests).toHaveLength(1);
  });

  it("a missing pull request is GithubRequestFailed 404 Not Found; an empty title 422", async () => {
    const { repository, gh } = await repoWithClient();
    const missing = await rejection(gh.pullRequestFiles(repository, 99));
    expect(missing).toMatchObject({ status: 404, githubMessage: "Not Found" });
    const invalid = await rejection(gh.createIssue(repository, { title: "", body: "b" }));
    expect(invalid).toMatchObject({ status: 422, githubMessage: "Validation Failed" });
  });

  it("reads when a rate limit ends as GitHub documents it", () => {
    const now = Date.UTC(2026, 11, 2, 12, 0, 0);
    const h = (headers: Record<string, string>) => new Headers(headers);
    const secondary = { message: "You have exceeded a secondary rate limit." };
    expect(rateLimitedUntil(403, h({ "retry-after": "30" }), secondary, now)).toBe(now + 30_000);
    expect(rateLimitedUntil(429, h({ "retry-after": "Wed, 02 Dec 2026 12:02:00 GMT" }), {}, now)).toBe(now + 120_000);
    const reset = String(now / 1000 + 600);
    expect(
      rateLimitedUntil(403, h({ "x-ratelimit-remaining": "0", "x-ratelimit-reset": reset }), { message: "API rate limit exceeded" }, now),
    ).toBe(now + 600_000);
    // The reset of a limit that is not exhausted says nothing about a secondary limit: a minute.
    expect(rateLimitedUntil(403, h({ "x-ratelimit-remaining": "12", "x-ratelimit-reset": reset }), secondary, now)).toBe(now + 60_000);
    // A 403 that is no rate limit (a token without the permission) is a refusal.
    expect(
      rateLimitedUntil(403, h({ "x-ratelimit-remaining": "4999" }), { message: "Resource not accessible by personal access token" }, now),
    ).toBeNull();
  });
});
