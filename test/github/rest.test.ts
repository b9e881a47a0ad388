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

  it("retries a read or an update on 502 with backoff and gives up with GithubUnavailable after its retries", async () => {
    const { repository, gh } = await repoWithClient();
    const issue = await gh.createIssue(repository, { title: "t", body: "b", labels: ["waooaw"] });
    await scriptGithub(githubUrl, repository, [
      { kind: "error", status: 502 },
      { kind: "error", status: 502 },
    ]);
    expect((await gh.listIssues(repository, ["waooaw"])).map((i) => i.number)).toEqual([issue.number]);
    await scriptGithub(githubUrl, repository, [{ kind: "error", status: 502 }]);
    expect((await gh.updateIssue(repository, issue.number, { state: "closed" })).state).toBe("closed");

    await scriptGithub(
      githubUrl,
      repository,
      Array.from({ length: 4 }, () => ({ kind: "error" as const, status: 503 })),
    );
    const error = await rejection(gh.listIssues(repository, ["waooaw"]));
    expect(error).toBeInstanceOf(GithubUnavailable);
    expect((error as GithubUnavailable).status).toBe(503);
    const state = await githubState(githubUrl, repository);
    expect(state.hits).toMatchObject({ "issues.list": 3 + 4, "issues.update": 2 });
  });

  it("never retries a POST: GitHub may have filed the issue before answering 502, so it is filed once", async () => {
    const { repository, gh } = await repoWithClient();
    await scriptGithub(githubUrl, repository, [{ kind: "lost", status: 502 }]);
    const error = await rejection(gh.createIssue(repository, { title: "Banned word", body: "b" }));
    expect(error).toBeInstanceOf(GithubUnavailable);
    expect((error as GithubUnavailable).status).toBe(502);
    let state = await githubState(githubUrl, repository);
    expect(state.hits["issues.create"]).toBe(1);
    expect(state.issues.map((i) => i.title)).toEqual(["Banned word"]);

    // A comment the same: one try, one 502, nothing written twice.
    await githubPull(githubUrl, repository, 9, []);
    await scriptGithub(githubUrl, repository, [{ kind: "error", status: 503 }]);
    expect(await rejection(gh.createComment(repository, 9, "hello"))).toBeInstanceOf(GithubUnavailable);
    state = await githubState(githubUrl, repository);
    expect(state.hits["comments.create"]).toBe(1);
    expect(state.comments).toHaveLength(0);
  });

  it("names the token's own user, and each issue and comment its author", async () => {
    const repository = `acme/${unique("rest")}`;
    const token = `ghp_${crypto.randomUUID()}`;
    await githubRepo(githubUrl, repository, token, "vision-bot");
    const gh = new GithubClient({ token, baseUrl: githubUrl });
    expect(await gh.authenticatedUser()).toBe("vision-bot");
    const issue = await gh.createIssue(repository, { title: "t", body: "b" });
    expect(issue.user?.login).toBe("vision-bot");
    expect((await gh.createComment(repository, issue.number, "c")).user?.login).toBe("vision-bot");
    expect(nth(await gh.listComments(repository, issue.number)).user?.login).toBe("vision-bot");
    const stranger = new GithubClient({ token: "ghp_nobody", baseUrl: githubUrl });
    expect(await rejection(stranger.authenticatedUser())).toMatchObject({ status: 401, githubMessage: "Bad credentials" });
  });

  it("reads a bounded window of issues: newest first, changed since a time, at most so many pages", async () => {
    const { repository, gh } = await repoWithClient();
    for (let i = 0; i < 105; i++) await gh.createIssue(repository, { title: `t${i}`, body: "b", labels: ["waooaw"] });
    const newest = await gh.listIssues(repository, ["waooaw"], { maxPages: 1 });
    expect(newest).toHaveLength(100);
    expect(nth(newest).number).toBe(105);
    expect(await gh.listIssues(repository, ["waooaw"], { since: Date.now() + 60_000 })).toEqual([]);
    expect(await gh.listIssues(repository, ["waooaw"], { since: Date.now() - 60_000 })).toHaveLength(105);
  });

  it("never sends the token to a page link on another origin", async () => {
    const { repository, gh } = await repoWithClient();
    await gh.createIssue(repository, { title: "t", body: "b", labels: ["waooaw"] });
    // The same server under another name: another origin as far as the token is concerned.
    const elsewhere = githubUrl.replace("127.0.0.1", "localhost");
    await scriptGithub(githubUrl, repository, [{ kind: "link-to", origin: elsewhere }]);
    const error = await rejection(gh.listIssues(repository, ["waooaw"]));
    expect(String(error)).toContain("is not on");
    expect((await githubState(githubUrl, repository)).hits["issues.list"]).toBe(1);
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
