import { beforeAll, describe, expect, inject, it } from "vitest";
import type { OutputPage, OutputView } from "../../src/schemas/outputs";
import { admin, eventually } from "../helpers";
import { as, jsonOf, type SignedUp, signUp } from "../marketplace/helpers";
import { hire } from "../organisation/helpers";
import { githubCompare, githubPull, githubRepo, githubState } from "../servers/github-control";
import type { WireFile } from "../servers/github-server";
import { connect, deliver, example, uniqueRepository } from "./webhooks-helpers";

// WowVision Prime end to end, as a customer meets it: hire it, connect a repository, and GitHub's
// own signed webhooks make it check pull requests and post what it finds back to the repository
// (the local GitHub server stands in for api.github.com, speaking its REST protocol).

const GITHUB = inject("githubUrl");
const TOKEN = "ghp_wowvision_test_token";
const KEY_LINE = "-----BEGIN RSA PRIVATE KEY-----";

const leakedKey: WireFile = {
  filename: "config/prod.env",
  status: "added",
  additions: 3,
  deletions: 0,
  patch: `@@ -0,0 +1,3 @@\n+API_URL=https://api.example.com\n+${KEY_LINE}\n+MIIEpAIBAAKCAQEA`,
};
const keyRemoved: WireFile = {
  filename: "config/prod.env",
  status: "modified",
  additions: 0,
  deletions: 2,
  patch: `@@ -1,3 +1,1 @@\n API_URL=https://api.example.com\n-${KEY_LINE}\n-MIIEpAIBAAKCAQEA`,
};
const bannedWord: WireFile = {
  filename: "docs/intro.md",
  status: "modified",
  additions: 1,
  deletions: 0,
  patch: "@@ -1,2 +1,3 @@\n # Intro\n+We unlock synergy for every team.\n Welcome.",
};

const RULES = {
  forbiddenPatterns: [
    { id: "private-key", pattern: "-----BEGIN (?:RSA )?PRIVATE KEY-----", message: "a private key must never be committed" },
  ],
  brand: { banned: ["synergy"] },
};

/** GitHub's example pull_request webhook for `repository`, as pull request `number` at `head`. */
function pullRequestWebhook(repository: string, action: "opened" | "synchronize", number: number, head: string) {
  const payload = example("pull_request", repository, action === "opened" ? "opened" : undefined);
  payload.action = action;
  payload["number"] = number;
  const pr = payload["pull_request"] as Record<string, unknown>;
  payload["pull_request"] = { ...pr, number, head: { ...(pr["head"] as object), sha: head } };
  return payload;
}

/**
 * GitHub's example push webhook for `repository` (whose default branch is `master`), to
 * `branch` from `before` to `after`; the local server's compare of the two lists `files`.
 */
async function pushed(repository: string, branch: string, before: string, after: string, files: WireFile[]) {
  await githubCompare(GITHUB, repository, before, after, files);
  const payload = example("push", repository);
  expect((payload.repository as Record<string, unknown>)["default_branch"]).toBe("master");
  return { ...payload, ref: `refs/heads/${branch}`, before, after };
}

async function outputsOf(who: SignedUp, query = ""): Promise<OutputView[]> {
  return (await jsonOf<OutputPage>(as(who, `/v1/outputs?limit=100${query}`), 200)).items;
}

interface Setup {
  who: SignedUp;
  repository: string;
  secret: string;
}

async function customerWithRepository(token: string | undefined): Promise<Setup> {
  const who = await signUp();
  await hire(who, "wowvision-prime");
  const repository = uniqueRepository();
  if (token) await githubRepo(GITHUB, repository, token);
  const connected = await connect(who, repository, { visionRules: RULES, ...(token ? { token } : {}) });
  return { who, repository, secret: connected.webhookSecret };
}

describe("WowVision Prime on a connected repository", () => {
  beforeAll(async () => {
    expect((await admin("/v1/admin/seed", { method: "POST" })).status).toBe(200);
  });

  it("gives a pull request one review comment listing its violations, updated when it is pushed again, and files no issue", async () => {
    const { who, repository, secret } = await customerWithRepository(TOKEN);
    await githubPull(GITHUB, repository, 7, [leakedKey, bannedWord]);

    expect((await deliver({ event: "pull_request", payload: pullRequestWebhook(repository, "opened", 7, "a1"), secret })).status).toBe(202);
    const first = await eventually(async () => {
      const state = await githubState(GITHUB, repository);
      return state.comments.length === 1 ? state : undefined;
    });
    expect(first.comments[0]).toMatchObject({ issueNumber: 7 });
    expect(first.comments[0]?.body).toContain("config/prod.env");
    expect(first.comments[0]?.body).toContain("docs/intro.md");
    expect(first.issues).toEqual([]);
    const posted = await eventually(async () => {
      const items = await outputsOf(who);
      return items.some((o) => o.status === "posted") ? items : undefined;
    });
    expect(posted.map((o) => [o.kind, o.status])).toEqual([["review", "posted"]]);
    expect(posted[0]?.externalUrl).toMatch(/^http/);

    // Pushed again: the same comment is updated, nothing new is posted.
    await githubPull(GITHUB, repository, 7, [keyRemoved, bannedWord]);
    expect((await deliver({ event: "pull_request", payload: pullRequestWebhook(repository, "synchronize", 7, "b2"), secret })).status).toBe(
      202,
    );
    const again = await eventually(async () => {
      const state = await githubState(GITHUB, repository);
      return (state.hits["comments.update"] ?? 0) >= 1 ? state : undefined;
    });
    expect(again.comments).toHaveLength(1);
    expect(again.comments[0]?.body).toContain("docs/intro.md");
    expect(again.comments[0]?.body).not.toContain("config/prod.env:2");
    expect(again.issues).toEqual([]);
  });

  it("files an issue per violation pushed to the default branch, updates it when found again, closes it once fixed, and leaves other branches alone", async () => {
    const { who, repository, secret } = await customerWithRepository(TOKEN);
    const push = (payload: Awaited<ReturnType<typeof pushed>>) => deliver({ event: "push", payload, secret });

    expect((await push(await pushed(repository, "master", "c0", "c1", [leakedKey, bannedWord]))).status).toBe(202);
    const filed = await eventually(async () => {
      const state = await githubState(GITHUB, repository);
      return state.issues.length === 2 ? state : undefined;
    });
    expect(filed.issues.map((i) => i.title).sort()).toEqual([
      'WowVision: banned word "synergy" in docs/intro.md',
      "WowVision: private key added in config/prod.env",
    ]);
    expect(filed.comments).toEqual([]);

    // The same content pushed again (a new delivery): the same issues are updated, none is filed.
    expect((await push(await pushed(repository, "master", "c0", "c1", [leakedKey, bannedWord]))).status).toBe(202);
    const updated = await eventually(async () => {
      const state = await githubState(GITHUB, repository);
      return (state.hits["issues.update"] ?? 0) >= 2 ? state : undefined;
    });
    expect(updated.issues).toHaveLength(2);
    expect(updated.issues.every((i) => i.state === "open")).toBe(true);

    // The key is taken out on master: its issue is closed; the banned word's stays open.
    expect((await push(await pushed(repository, "master", "c1", "c2", [keyRemoved, bannedWord]))).status).toBe(202);
    const fixed = await eventually(async () => {
      const state = await githubState(GITHUB, repository);
      return state.issues.some((i) => i.state === "closed") ? state : undefined;
    });
    expect(fixed.issues.map((i) => [i.title, i.state]).sort()).toEqual([
      ['WowVision: banned word "synergy" in docs/intro.md', "open"],
      ["WowVision: private key added in config/prod.env", "closed"],
    ]);

    // A feature branch that adds the key again and deletes the banned word: only its report, no issue filed or closed.
    const wordRemoved: WireFile = {
      ...bannedWord,
      additions: 0,
      deletions: 1,
      patch: "@@ -1,3 +1,2 @@\n # Intro\n-We unlock synergy for every team.\n Welcome.",
    };
    expect((await push(await pushed(repository, "feature/keys", "c2", "f1", [leakedKey, wordRemoved]))).status).toBe(202);
    const report = await eventually(async () => (await outputsOf(who, "&kind=document")).find((o) => o.key === "wowvision-check:f1"));
    expect(report).toMatchObject({ channel: "none", status: "stored" });
    expect(report?.body).toContain("config/prod.env");
    const after = await githubState(GITHUB, repository);
    expect(after.issues.map((i) => [i.title, i.state]).sort()).toEqual(fixed.issues.map((i) => [i.title, i.state]).sort());
    expect(after.hits["issues.create"]).toBe(2);
  });

  it("redelivered webhooks post nothing twice", async () => {
    const { who, repository, secret } = await customerWithRepository(TOKEN);
    await githubPull(GITHUB, repository, 3, [leakedKey]);
    const delivery = crypto.randomUUID();
    const payload = pullRequestWebhook(repository, "opened", 3, "d4");
    expect((await deliver({ event: "pull_request", payload, secret, delivery })).status).toBe(202);
    expect((await deliver({ event: "pull_request", payload, secret, delivery })).status).toBe(200);
    // A second delivery of the same change (GitHub sends a new id for a new event): a second
    // check, whose review is either posted over the first or, when both wait together, the one
    // posted while the first is superseded.
    expect((await deliver({ event: "pull_request", payload, secret })).status).toBe(202);
    const reviews = await eventually(async () => {
      const items = (await outputsOf(who, "&kind=review")).filter((o) => o.status === "posted" || o.statusReason?.startsWith("superseded"));
      return items.length === 2 && items.some((o) => o.status === "posted") ? items : undefined;
    });
    expect(reviews.map((o) => o.key)).toEqual(["wowvision-review:pr:3", "wowvision-review:pr:3"]);
    const state = await githubState(GITHUB, repository);
    expect(state.issues).toEqual([]);
    expect(state.comments).toHaveLength(1);
    expect(state.hits["comments.create"]).toBe(1);
  });

  it("without a token, keeps the outputs here with the reason, and never wakes another customer's WowVision", async () => {
    const a = await customerWithRepository(undefined);
    const b = await customerWithRepository(TOKEN);
    expect(
      (await deliver({ event: "pull_request", payload: pullRequestWebhook(a.repository, "opened", 5, "e5"), secret: a.secret })).status,
    ).toBe(202);
    const stored = await eventually(async () => {
      const items = await outputsOf(a.who);
      return items.some((o) => o.kind === "review") ? items : undefined;
    });
    const review = stored.find((o) => o.kind === "review");
    expect(review).toMatchObject({ status: "stored", channel: "github" });
    expect(review?.statusReason).toMatch(/no GitHub token/i);
    // Without a token the files cannot be read: the review says what was not checked.
    expect(review?.body).toMatch(/not checked|could not|webhook/i);
    // A push's report is a document, read here whether or not there is a token.
    const push = example("push", a.repository);
    expect((await deliver({ event: "push", payload: push, secret: a.secret })).status).toBe(202);
    const report = await eventually(async () =>
      (await outputsOf(a.who, "&kind=document")).find((o) => o.key.startsWith("wowvision-check:")),
    );
    expect(report).toMatchObject({ channel: "none", status: "stored", statusReason: "kept on the platform" });
    expect(await outputsOf(b.who)).toEqual([]);
    expect((await githubState(GITHUB, b.repository)).requests).toEqual([]);
  });
});
