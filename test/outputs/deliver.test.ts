import { and, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { database } from "../../src/db/client";
import { GithubClient } from "../../src/github/rest/client";
import { connectedRepositories } from "../../src/github/schema";
import { newId } from "../../src/ids";
import { markerOf } from "../../src/outputs/channels/github";
import { deliverOutputs, postDueOutputs } from "../../src/outputs/deliver";
import { outputs, outputThreads } from "../../src/outputs/schema";
import { DEFAULT_VISION_RULES, VisionRules } from "../../src/schemas/vision";
import { env, nth, unique } from "../helpers";
import { githubCollaborator, githubPull, githubRepo, githubState, scriptGithub } from "../servers/github-control";
import { decided, delivered, hiredAgent, rollUp, violation } from "./records-fixtures";
import { metricReaches } from "../observability/metrics/scrape";

const githubUrl = inject("githubUrl");
const db = database(env.DB);

interface Setup {
  customerId: string;
  repository: string;
  token: string;
}

/** A customer with a connected repository (with or without a token) that exists on the local GitHub. */
async function setup(opts: { token?: string | null; customerId?: string } = {}): Promise<Setup> {
  const customerId = opts.customerId ?? unique("cust");
  const repository = `${unique("Acme")}/Web`;
  const token = `ghp_${crypto.randomUUID()}`;
  const stored = opts.token === undefined ? token : opts.token;
  const now = Date.now();
  await db
    .insert(connectedRepositories)
    .values({
      id: newId("repo"),
      customerId,
      repository,
      fullName: repository.toLowerCase(),
      webhookSecret: "s",
      token: stored,
      visionRules: VisionRules.parse(DEFAULT_VISION_RULES),
      createdAt: now,
      updatedAt: now,
    })
    .run();
  await githubRepo(githubUrl, repository, token);
  return { customerId, repository, token };
}

type OutputInsert = typeof outputs.$inferInsert;

/** An output as the outputs hook records it: stored, due now, on the GitHub channel. */
async function output(s: Setup, fields: Partial<OutputInsert> = {}): Promise<string> {
  const id = newId("out");
  const now = Date.now();
  await db
    .insert(outputs)
    .values({
      id,
      customerId: s.customerId,
      origin: newId("dec"),
      kind: "issue",
      channel: "github",
      target: { repository: s.repository },
      key: "vision:forbidden-terms:README.md",
      state: "open",
      title: "Banned term in README.md",
      body: "`synergy` is on the banned list.",
      status: "stored",
      nextAttemptAt: now,
      createdAt: now,
      updatedAt: now,
      ...fields,
    })
    .run();
  return id;
}

async function row(id: string) {
  const [found] = await db.select().from(outputs).where(eq(outputs.id, id));
  if (!found) throw new Error(`no output ${id}`);
  return found;
}

/** As if its next attempt had come: the cron (or a delivery by id) takes it. */
async function makeDue(id: string): Promise<void> {
  await db
    .update(outputs)
    .set({ nextAttemptAt: Date.now() - 1 })
    .where(eq(outputs.id, id))
    .run();
}

async function thread(s: Setup, key: string) {
  const [found] = await db
    .select()
    .from(outputThreads)
    .where(
      and(
        eq(outputThreads.customerId, s.customerId),
        eq(outputThreads.target, `github:${s.repository.toLowerCase()}`),
        eq(outputThreads.key, key),
      ),
    );
  return found;
}

describe("deliverOutputs", () => {
  it("files an issue once, labelled and marked with its key, and records where it is", async () => {
    const s = await setup();
    const id = await output(s);
    const report = await deliverOutputs(env, { ids: [id] });
    expect(report).toMatchObject({ attempted: 1, posted: 1, stored: 0, failed: 0 });
    const labels = { channel: "github", kind: "issue", customer: s.customerId, outcome: "posted" };
    expect(await metricReaches("waooaw_outputs_posted_total", labels, 1)).toBe(1);

    const posted = await row(id);
    expect(posted.status).toBe("posted");
    expect(posted.externalUrl).toBe(`https://github.com/${s.repository}/issues/1`);
    expect(posted.postedAt).toBeGreaterThan(0);
    expect(posted.nextAttemptAt).toBeNull();
    expect(posted.attempts).toBe(1);
    expect(await thread(s, "vision:forbidden-terms:README.md")).toMatchObject({
      externalId: "1",
      externalUrl: posted.externalUrl,
      lease: null,
    });

    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(nth(gh.issues)).toMatchObject({ title: "Banned term in README.md", labels: ["waooaw"], state: "open" });
    expect(nth(gh.issues).body).toBe(`\`synergy\` is on the banned list.\n\n${markerOf("vision:forbidden-terms:README.md")}`);
    // A first create has nothing to look for: no earlier attempt can have landed.
    expect(gh.hits["issues.list"]).toBeUndefined();

    // Delivered again (the cron, a replay): nothing left to post.
    expect((await deliverOutputs(env, { ids: [id] })).attempted).toBe(0);
    expect((await githubState(githubUrl, s.repository)).hits["issues.create"]).toBe(1);
  });

  it("the same key found again updates the same issue instead of filing a second, and a fix closes it", async () => {
    const s = await setup();
    const first = await output(s);
    await deliverOutputs(env, { ids: [first] });
    // The repository's name in another case: GitHub names are case-insensitive.
    const again = await output(s, { title: "Banned term in README.md (2 places)", target: { repository: s.repository.toUpperCase() } });
    await deliverOutputs(env, { ids: [again] });

    let gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(nth(gh.issues).title).toBe("Banned term in README.md (2 places)");
    expect(gh.hits).toMatchObject({ "issues.create": 1, "issues.update": 1 });
    expect((await row(again)).externalUrl).toBe((await row(first)).externalUrl);

    const fixed = await output(s, { state: "closed", body: "Fixed: `synergy` is gone." });
    await deliverOutputs(env, { ids: [fixed] });
    gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(nth(gh.issues)).toMatchObject({ state: "closed" });
    expect(nth(gh.issues).body).toContain("Fixed: `synergy` is gone.");
    expect((await row(fixed)).status).toBe("posted");
  });

  it("a newer output arriving while the first create is in flight waits for the lease and then updates the one issue", async () => {
    const s = await setup();
    // A short secondary limit keeps the first delivery inside its lease while the second arrives.
    await scriptGithub(githubUrl, s.repository, [{ kind: "secondary-rate-limit", retryAfter: 1 }]);
    const a = await output(s, { body: "found once" });
    const first = deliverOutputs(env, { ids: [a] });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const b = await output(s, { body: "found twice" });
    const second = await deliverOutputs(env, { ids: [b] });
    expect((await first).posted).toBe(1);
    expect(second.posted).toBe(0);
    const waiting = await row(b);
    expect(waiting.status).toBe("stored");
    expect(waiting.statusReason).toBe("another delivery is posting this thread; trying again shortly");
    expect(waiting.attempts).toBe(0);
    expect((await githubState(githubUrl, s.repository)).issues).toHaveLength(1);

    await makeDue(b);
    await deliverOutputs(env, { ids: [b] });
    expect((await row(b)).status).toBe("posted");
    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(nth(gh.issues).body).toContain("found twice");
    expect(gh.hits).toMatchObject({ "issues.create": 2, "issues.update": 1 }); // the rate-limited try, then the one issue
  });

  it("a violation fixed before it was ever posted needs nothing on GitHub", async () => {
    const s = await setup();
    const id = await output(s, { state: "closed" });
    await deliverOutputs(env, { ids: [id] });
    const kept = await row(id);
    expect(kept.status).toBe("stored");
    expect(kept.statusReason).toBe("fixed before it was ever posted: nothing to close on GitHub, kept here");
    expect(kept.nextAttemptAt).toBeNull();
    expect((await githubState(githubUrl, s.repository)).requests).toHaveLength(0);
  });

  it("waits out a secondary rate limit (403, retry-after 1) and the issue lands exactly once", async () => {
    const s = await setup();
    await scriptGithub(githubUrl, s.repository, [{ kind: "secondary-rate-limit", retryAfter: 1 }]);
    const id = await output(s);
    await deliverOutputs(env, { ids: [id] });
    expect((await row(id)).status).toBe("posted");
    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
  });

  it("a long rate limit keeps the output stored until GitHub's reset, and the cron posts it then", async () => {
    const s = await setup();
    const resetAt = Math.floor(Date.now() / 1000) + 3_600;
    await scriptGithub(githubUrl, s.repository, [{ kind: "rate-limit", status: 429, resetAt }]);
    const id = await output(s);
    await deliverOutputs(env, { ids: [id] });

    const waiting = await row(id);
    expect(waiting.status).toBe("stored");
    expect(waiting.nextAttemptAt).toBe(resetAt * 1000);
    expect(waiting.statusReason).toContain(
      `GitHub rate limited posting to ${s.repository} until ${new Date(resetAt * 1000).toISOString()}`,
    );
    // A rate limit is not an attempt: GitHub did nothing, and a check filing many issues meets it by design.
    expect(waiting.attempts).toBe(0);
    // Not due yet: neither the cron nor a delivery by id touches it.
    await postDueOutputs.run(env);
    await deliverOutputs(env, { ids: [id] });
    expect((await githubState(githubUrl, s.repository)).issues).toHaveLength(0);

    // The reset has passed.
    await makeDue(id);
    const report = await postDueOutputs.run(env);
    expect(report.outcomes).toContainEqual(expect.objectContaining({ id, status: "posted" }));
    expect((await row(id)).status).toBe("posted");
    expect((await githubState(githubUrl, s.repository)).issues).toHaveLength(1);
  });

  it("GitHub files the issue but answers 502: not posted again; the next attempt finds it by its marker", async () => {
    const s = await setup();
    await scriptGithub(githubUrl, s.repository, [{ kind: "lost", status: 502 }]);
    const id = await output(s);
    await deliverOutputs(env, { ids: [id] });
    const waiting = await row(id);
    expect(waiting.status).toBe("stored");
    expect(waiting.statusReason).toMatch(/^GitHub could not take the post \(GitHub answered 502 to POST /);
    expect(waiting.attempts).toBe(1);
    expect(await thread(s, waiting.key)).toMatchObject({ externalId: null, lease: null, createAttemptedAt: expect.any(Number) });
    let gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(gh.hits["issues.create"]).toBe(1);

    await makeDue(id);
    await postDueOutputs.run(env);
    const posted = await row(id);
    expect(posted.status).toBe("posted");
    expect(posted.externalUrl).toBe(`https://github.com/${s.repository}/issues/1`);
    gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(gh.hits).toMatchObject({ "issues.create": 1, "issues.list": 1, "issues.update": 1 });
    expect(await thread(s, waiting.key)).toMatchObject({ externalId: "1" });
  });

  it("GitHub failing past the retries backs off; after 8 attempts the output fails", async () => {
    const s = await setup();
    await scriptGithub(githubUrl, s.repository, [{ kind: "error", status: 502 }]);
    const id = await output(s);
    const before = Date.now();
    await deliverOutputs(env, { ids: [id] });
    const waiting = await row(id);
    expect(waiting.status).toBe("stored");
    expect(waiting.attempts).toBe(1);
    expect(waiting.nextAttemptAt).toBeGreaterThanOrEqual(before + 60_000);
    expect(waiting.statusReason).toMatch(/^GitHub could not take the post \(GitHub answered 502 to POST /);
    expect(await thread(s, waiting.key)).toMatchObject({ externalId: null, lease: null });

    await db
      .update(outputs)
      .set({ attempts: 7, nextAttemptAt: Date.now() - 1 })
      .where(eq(outputs.id, id))
      .run();
    await scriptGithub(
      githubUrl,
      s.repository,
      Array.from({ length: 4 }, () => ({ kind: "error" as const, status: 503 })),
    );
    await deliverOutputs(env, { ids: [id] });
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.attempts).toBe(8);
    // The orphan search (a GET, retried) met all four 503s; nothing was filed.
    expect((await githubState(githubUrl, s.repository)).issues).toHaveLength(0);
    expect(failed.statusReason).toMatch(/^gave up after 8 attempts; last: GitHub could not take the post/);
    expect(failed.nextAttemptAt).toBeNull();
  });

  it("a token GitHub refuses fails the output with the reason, without retrying", async () => {
    const s = await setup({ token: "ghp_revoked" });
    const id = await output(s);
    await deliverOutputs(env, { ids: [id] });
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toBe(
      `GitHub answered 401 Bad credentials: the token for ${s.repository} was refused; update the repository's token`,
    );
    expect(failed.nextAttemptAt).toBeNull();
    expect((await githubState(githubUrl, s.repository)).requests).toHaveLength(1);
  });

  it("without a token the output is kept, with the reason, and GitHub is not asked", async () => {
    const s = await setup({ token: null });
    const id = await output(s);
    const report = await deliverOutputs(env, { ids: [id] });
    expect(report).toMatchObject({ attempted: 1, stored: 1 });
    const kept = await row(id);
    expect(kept.status).toBe("stored");
    expect(kept.statusReason).toBe(`no GitHub token for ${s.repository}: kept here; add a token to the repository to post it`);
    expect(kept.nextAttemptAt).toBeNull();
    expect(kept.attempts).toBe(0);
    expect((await githubState(githubUrl, s.repository)).requests).toHaveLength(0);
  });

  it("a post whose recording was lost is found by its marker and updated, not filed twice", async () => {
    const s = await setup();
    const key = "vision:forbidden-terms:docs/index.md";
    // GitHub has the issue; the platform's thread never learned its number.
    const gh = new GithubClient({ token: s.token, baseUrl: githubUrl });
    await gh.createIssue(s.repository, { title: "someone else's", body: "unrelated", labels: ["waooaw"] });
    await gh.createIssue(s.repository, { title: "Banned term", body: `old text\n\n${markerOf(key)}`, labels: ["waooaw"] });
    const now = Date.now();
    await db
      .insert(outputThreads)
      .values({
        customerId: s.customerId,
        target: `github:${s.repository.toLowerCase()}`,
        key,
        kind: "issue",
        title: "Banned term",
        state: "open",
        // A create was attempted: only then can one have landed unrecorded.
        createAttemptedAt: now,
        openedAt: now,
        updatedAt: now,
      })
      .run();

    const id = await output(s, { key, body: "new text" });
    await deliverOutputs(env, { ids: [id] });
    const state = await githubState(githubUrl, s.repository);
    expect(state.issues).toHaveLength(2);
    expect(state.hits["issues.create"]).toBe(2); // the two above, none by the delivery
    expect(state.issues.find((i) => i.number === 2)?.body).toBe(`new text\n\n${markerOf(key)}`);
    expect(await thread(s, key)).toMatchObject({ externalId: "2" });
    expect((await row(id)).externalUrl).toBe(`https://github.com/${s.repository}/issues/2`);
  });

  it("a review is one sticky comment on the pull request, updated on the next push", async () => {
    const s = await setup();
    await githubPull(githubUrl, s.repository, 12, []);
    const review = { kind: "review" as const, key: "vision:review:pr-12", target: { repository: s.repository, number: 12 } };
    const first = await output(s, { ...review, title: "WowVision review", body: "2 findings" });
    await deliverOutputs(env, { ids: [first] });
    const second = await output(s, { ...review, title: "WowVision review", body: "all clear" });
    await deliverOutputs(env, { ids: [second] });

    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(0);
    expect(gh.comments).toHaveLength(1);
    expect(nth(gh.comments)).toMatchObject({ issueNumber: 12, body: `all clear\n\n${markerOf("vision:review:pr-12")}` });
    expect(gh.hits).toMatchObject({ "comments.create": 1, "comments.update": 1 });
    expect((await row(second)).externalUrl).toBe(`https://github.com/${s.repository}/issues/12#issuecomment-${nth(gh.comments).id}`);
  });

  it("a sticky review comment someone deleted is written afresh on the next post", async () => {
    const s = await setup();
    await githubPull(githubUrl, s.repository, 3, []);
    const review = { kind: "review" as const, key: "vision:review:pr-3", target: { repository: s.repository, number: 3 } };
    await deliverOutputs(env, { ids: [await output(s, { ...review, body: "1 finding" })] });
    const deleted = nth((await githubState(githubUrl, s.repository)).comments).id;
    const gone = await fetch(`${githubUrl}/repos/${s.repository}/issues/comments/${deleted}`, {
      method: "DELETE",
      headers: { authorization: `Bearer ${s.token}`, "user-agent": "maintainer" },
    });
    expect(gone.status).toBe(204);

    const next = await output(s, { ...review, body: "still 1 finding" });
    await deliverOutputs(env, { ids: [next] });
    expect((await row(next)).status).toBe("posted");
    const comments = (await githubState(githubUrl, s.repository)).comments;
    expect(comments.map((c) => c.body)).toEqual([`still 1 finding\n\n${markerOf("vision:review:pr-3")}`]);
    expect(await thread(s, "vision:review:pr-3")).toMatchObject({ externalId: String(nth(comments).id) });
  });

  it("delivers more outputs by id than D1 binds parameters (120)", async () => {
    const s = await setup({ token: null });
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) ids.push(await output(s, { key: `k${i}` }));
    const report = await deliverOutputs(env, { ids });
    expect(report).toMatchObject({ attempted: 120, stored: 120 });
  });

  it("a report goes on the issue the customer named, or becomes an issue", async () => {
    const s = await setup();
    const gh = new GithubClient({ token: s.token, baseUrl: githubUrl });
    const daily = await gh.createIssue(s.repository, { title: "Daily reports", body: "here" });
    const onIssue = await output(s, {
      kind: "report",
      key: "report:2026-12-01",
      title: "Report",
      body: "did things",
      target: { repository: s.repository, number: daily.number },
    });
    const asIssue = await output(s, { kind: "report", key: "report:2026-12-02", title: "Report 2", body: "did more" });
    await deliverOutputs(env, { ids: [onIssue, asIssue] });
    const state = await githubState(githubUrl, s.repository);
    expect(state.comments.map((c) => c.issueNumber)).toEqual([daily.number]);
    expect(state.issues.map((i) => i.title)).toEqual(["Daily reports", "Report 2"]);
  });

  it("a comment for a pull request that does not exist fails with GitHub's 404", async () => {
    const s = await setup();
    const id = await output(s, { kind: "comment", key: "c", target: { repository: s.repository, number: 404 } });
    await deliverOutputs(env, { ids: [id] });
    const failed = await row(id);
    expect(failed.status).toBe("failed");
    expect(failed.statusReason).toMatch(/^GitHub answered 404 Not Found/);
  });

  it("a rate limit is not an attempt: an output at its last try stays stored until the limit ends", async () => {
    const s = await setup();
    const resetAt = Math.floor(Date.now() / 1000) + 600;
    await scriptGithub(githubUrl, s.repository, [{ kind: "rate-limit", status: 403, resetAt }]);
    const id = await output(s, { attempts: 7 });
    await deliverOutputs(env, { ids: [id] });
    const waiting = await row(id);
    expect(waiting).toMatchObject({ status: "stored", attempts: 7, nextAttemptAt: resetAt * 1000 });
  });

  it("a stranger's issue or comment carrying our marker is never adopted: WowVision posts its own", async () => {
    const s = await setup();
    const strangerToken = `ghp_${crypto.randomUUID()}`;
    await githubCollaborator(githubUrl, s.repository, strangerToken, "mallory");
    const stranger = new GithubClient({ token: strangerToken, baseUrl: githubUrl });
    await githubPull(githubUrl, s.repository, 5, []);
    const issueKey = "vision:forbidden-terms:a.md";
    const reviewKey = "vision:review:pr-5";
    await stranger.createIssue(s.repository, { title: "planted", body: `gotcha\n\n${markerOf(issueKey)}`, labels: ["waooaw"] });
    await stranger.createComment(s.repository, 5, `gotcha\n\n${markerOf(reviewKey)}`);
    // Both threads had a create attempted, so delivery looks for orphans.
    const now = Date.now();
    for (const [key, kind] of [
      [issueKey, "issue"],
      [reviewKey, "review"],
    ] as const) {
      await db
        .insert(outputThreads)
        .values({
          customerId: s.customerId,
          target: `github:${s.repository.toLowerCase()}`,
          key,
          kind,
          title: "t",
          state: "open",
          createAttemptedAt: now,
          openedAt: now,
          updatedAt: now,
        })
        .run();
    }
    const issue = await output(s, { key: issueKey, body: "ours" });
    const review = await output(s, { kind: "review", key: reviewKey, body: "our review", target: { repository: s.repository, number: 5 } });
    await deliverOutputs(env, { ids: [issue, review] });

    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues.map((i) => [i.author, i.body])).toEqual([
      ["mallory", `gotcha\n\n${markerOf(issueKey)}`],
      ["waooaw-bot", `ours\n\n${markerOf(issueKey)}`],
    ]);
    expect(gh.comments.map((c) => [c.author, c.body])).toEqual([
      ["mallory", `gotcha\n\n${markerOf(reviewKey)}`],
      ["waooaw-bot", `our review\n\n${markerOf(reviewKey)}`],
    ]);
    // Pull request 5 came first, then the stranger's issue 6: ours is 7.
    expect((await row(issue)).externalUrl).toBe(`https://github.com/${s.repository}/issues/7`);
  });

  it("only a thread's newest output is posted: an open that failed never lands after the fix that closed it", async () => {
    const s = await setup();
    // GitHub files the issue but the answer is lost; the fix is recorded before the retry.
    await scriptGithub(githubUrl, s.repository, [{ kind: "lost", status: 502 }]);
    const opened = await output(s, { createdAt: Date.now() - 2_000 });
    await deliverOutputs(env, { ids: [opened] });
    expect((await row(opened)).status).toBe("stored");
    const closed = await output(s, { state: "closed", body: "Fixed.", target: { repository: s.repository.toLowerCase() } });
    await deliverOutputs(env, { ids: [closed] });
    // The create may have landed: the closing output looked, found it, and closed it.
    expect((await row(closed)).status).toBe("posted");

    await makeDue(opened);
    await deliverOutputs(env, { ids: [opened] });
    expect(await row(opened)).toMatchObject({ status: "stored", statusReason: `superseded by ${closed}`, nextAttemptAt: null });
    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues.map((i) => i.state)).toEqual(["closed"]);
    expect(gh.hits["issues.create"]).toBe(1);
  });

  it("an open that never reached GitHub is not filed once a newer fix says it is gone", async () => {
    const s = await setup();
    await scriptGithub(githubUrl, s.repository, [{ kind: "error", status: 502 }]);
    const opened = await output(s, { createdAt: Date.now() - 2_000 });
    await deliverOutputs(env, { ids: [opened] });
    const closed = await output(s, { state: "closed", body: "Fixed." });
    // Delivered together, oldest first, as the cron does.
    await makeDue(opened);
    await deliverOutputs(env, { ids: [opened, closed] });
    expect(await row(opened)).toMatchObject({ status: "stored", statusReason: `superseded by ${closed}`, nextAttemptAt: null });
    expect(await row(closed)).toMatchObject({ status: "stored", nextAttemptAt: null });
    expect((await githubState(githubUrl, s.repository)).issues).toHaveLength(0);
  });

  it("only a thread's newest output is posted: a fix that failed never closes the issue a newer finding reopened", async () => {
    const s = await setup();
    const first = await output(s, { createdAt: Date.now() - 3_000 });
    await deliverOutputs(env, { ids: [first] });
    // The fix's PATCH meets GitHub failing past the client's retries.
    await scriptGithub(
      githubUrl,
      s.repository,
      Array.from({ length: 4 }, () => ({ kind: "error" as const, status: 502 })),
    );
    const closed = await output(s, { state: "closed", body: "Fixed.", createdAt: Date.now() - 2_000 });
    await deliverOutputs(env, { ids: [closed] });
    expect((await row(closed)).status).toBe("stored");
    const reopened = await output(s, { body: "found again" });
    await deliverOutputs(env, { ids: [reopened] });
    expect((await row(reopened)).status).toBe("posted");

    await makeDue(closed);
    await postDueOutputs.run(env);
    expect(await row(closed)).toMatchObject({ status: "stored", statusReason: `superseded by ${reopened}`, nextAttemptAt: null });
    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(nth(gh.issues)).toMatchObject({ state: "open" });
    expect(nth(gh.issues).body).toContain("found again");
  });

  it("a delivery by id starts nothing past its time budget; what it left stays due for the cron", async () => {
    const s = await setup();
    const id = await output(s);
    const report = await deliverOutputs(env, { ids: [id], budgetMs: 0 });
    expect(report.attempted).toBe(0);
    const left = await row(id);
    expect(left.status).toBe("stored");
    expect(left.nextAttemptAt).toBeLessThanOrEqual(Date.now());
    expect((await githubState(githubUrl, s.repository)).requests).toHaveLength(0);
  });
});

describe("delivery after a roll-up", () => {
  it("hands at most 10 outputs to delivery inline; the rest stay due for the cron", async () => {
    const who = await hiredAgent();
    const result = decided(
      who.instanceId,
      Array.from({ length: 12 }, (_, i) => violation("acme/big", `f${i}.md`)),
    );
    const before = delivered.length;
    await rollUp([result]);
    expect(delivered.slice(before)).toHaveLength(1);
    expect(nth(delivered, before)).toHaveLength(10);
    const due = await db.select().from(outputs).where(eq(outputs.customerId, who.customerId));
    expect(due).toHaveLength(12);
    expect(due.every((o) => o.status === "stored" && o.nextAttemptAt !== null && o.nextAttemptAt <= Date.now())).toBe(true);
  });

  it("a fix decided before a slow post finished still closes the issue: delivery does not move the thread's clock", async () => {
    const who = await hiredAgent();
    const s = await setup({ customerId: who.customerId });
    const now = Date.now();
    const at = (result: ReturnType<typeof decided>, t: number) => {
      if (result.decision) result.decision.decidedAt = t;
      return { ...result, recordedAt: t };
    };
    // Found at now-60s; the fix is decided at now-30s, but rolled up only after the post finished (now).
    const found = at(decided(who.instanceId, [violation(s.repository, "README.md")]), now - 60_000);
    const fix = at(
      decided(who.instanceId, [
        {
          kind: "document",
          key: "check",
          title: "Check",
          body: "clean",
          target: { repository: s.repository },
          resolves: { keyPrefix: "vision:", subjects: ["README.md"] },
        },
      ]),
      now - 30_000,
    );
    await rollUp([found]);
    const [opened] = await db.select().from(outputs).where(eq(outputs.customerId, who.customerId));
    if (!opened) throw new Error("no output recorded");
    await deliverOutputs(env, { ids: [opened.id] });
    expect((await row(opened.id)).status).toBe("posted");

    await rollUp([fix]);
    const key = "vision:forbidden-term:README.md";
    expect(await thread(s, key)).toMatchObject({ state: "closed", externalId: "1" });
    const closing = (await db.select().from(outputs).where(eq(outputs.customerId, who.customerId))).filter((o) => o.state === "closed");
    expect(closing).toHaveLength(1);
    await deliverOutputs(env, { ids: closing.map((o) => o.id) });
    const gh = await githubState(githubUrl, s.repository);
    expect(gh.issues).toHaveLength(1);
    expect(nth(gh.issues).state).toBe("closed");
  });
});
