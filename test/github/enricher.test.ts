import { describe, expect, inject, it } from "vitest";
import type { AgentIdentity } from "../../src/agents/identity";
import { database } from "../../src/db/client";
import { githubChangeEnricher } from "../../src/github/enricher";
import { connectedRepositories } from "../../src/github/schema";
import { newId } from "../../src/ids";
import type { Event } from "../../src/schemas/event";
import { ChangeSet, type GithubEventPayload } from "../../src/schemas/github";
import { AgentDefinition, type Rule } from "../../src/schemas/identity";
import { DEFAULT_VISION_RULES, VisionRules } from "../../src/schemas/vision";
import { env, supportDefinition, unique } from "../helpers";
import { githubCompare, githubPull, githubRepo, githubState, scriptGithub } from "../servers/github-control";

const githubUrl = inject("githubUrl");
const RULES = VisionRules.parse(DEFAULT_VISION_RULES);
const ZERO = "0000000000000000000000000000000000000000";

const visionRule: Rule = {
  id: "check",
  when: { type: "github.*", conditions: [] },
  then: { action: "act", reason: "check", skill: "vision.check-change" },
};

function agent(customerId: string | null, rules: Rule[] = [visionRule]): AgentIdentity {
  const definition = AgentDefinition.parse(supportDefinition(unique("vision"), { rules, subscriptions: [{ event: "github.*" }] }));
  return { instanceId: unique("inst"), definition, customerId, subscriptions: [], createdAt: Date.now() };
}

/** A repository connected by `customerId` on the platform and created on the local GitHub. */
async function connect(customerId: string, token: string | null = `ghp_${crypto.randomUUID()}`) {
  const repository = `${unique("org")}/Site`;
  const id = newId("repo");
  const now = Date.now();
  await database(env.DB)
    .insert(connectedRepositories)
    .values({
      id,
      customerId,
      repository,
      fullName: repository.toLowerCase(),
      webhookSecret: "s",
      token,
      visionRules: RULES,
      createdAt: now,
      updatedAt: now,
    })
    .run();
  await githubRepo(githubUrl, repository, token ?? "unused");
  return { id, repository };
}

function event(type: Event["type"], payload: Partial<GithubEventPayload> & Pick<GithubEventPayload, "repository" | "repositoryId">): Event {
  const full: GithubEventPayload = {
    delivery: crypto.randomUUID(),
    githubEvent: type === "github.push" ? "push" : "pull_request",
    visionRules: RULES,
    ...payload,
  };
  return {
    id: newId("evt"),
    traceId: newId("trc"),
    type,
    source: "github",
    subject: `repo:${payload.repository}`,
    payload: full,
    occurredAt: new Date().toISOString(),
    receivedAt: Date.now(),
  };
}

const pr = (number: number) => ({
  number,
  title: "Add page",
  body: null,
  headSha: "h",
  baseSha: "b",
  url: "https://github.com/x/y/pull/1",
});
const push = (before: string, after: string) => ({
  ref: "refs/heads/main",
  before,
  after,
  commits: [
    { id: "c1", message: "add", added: ["docs/new.md"], modified: ["README.md"], removed: [] },
    { id: "c2", message: "drop", added: [], modified: [], removed: ["old.txt"] },
  ],
  truncated: false,
});

async function changeOf(e: Event, a: AgentIdentity): Promise<ChangeSet> {
  const enriched = await githubChangeEnricher.enrich(env, e, a);
  expect(e.payload.change).toBeUndefined(); // the stored event is not changed
  return ChangeSet.parse(enriched.payload.change);
}

describe("githubChangeEnricher", () => {
  it("wants webhook-made pushes and pull requests, only for agents whose rules run a vision skill", () => {
    const vision = agent("c1");
    const other = agent("c1", [{ id: "r", when: { conditions: [] }, then: { action: "act", reason: "x", skill: "seo.on-page-audit" } }]);
    const base = { repository: "a/b", repositoryId: "r" };
    expect(githubChangeEnricher.wants(event("github.push", base), vision)).toBe(true);
    expect(githubChangeEnricher.wants(event("github.pull_request.synchronize", base), vision)).toBe(true);
    expect(githubChangeEnricher.wants(event("github.issue.opened", base), vision)).toBe(false);
    expect(githubChangeEnricher.wants(event("github.push", base), other)).toBe(false);
    // Posted by hand, not by a connected repository's webhook: nothing to read, decided at once.
    const byHand = event("github.push", base);
    const { repositoryId: _dropped, ...handPayload } = byHand.payload;
    expect(githubChangeEnricher.wants({ ...byHand, payload: handPayload }, vision)).toBe(false);
  });

  it("reads a pull request's files and patches with the customer's token", async () => {
    const customer = unique("cust");
    const { id, repository } = await connect(customer);
    await githubPull(githubUrl, repository, 5, [
      { filename: "src/app.ts", status: "modified", additions: 2, deletions: 1, patch: "@@ -1 +1,2 @@\n-a\n+b\n+c" },
      { filename: "docs/new.md", previous_filename: "docs/old.md", status: "renamed", additions: 0, deletions: 0 },
    ]);
    const change = await changeOf(
      event("github.pull_request.opened", { repository, repositoryId: id, pullRequest: pr(5) }),
      agent(customer),
    );
    expect(change).toEqual({
      source: "pull_request_files",
      complete: true,
      files: [
        { path: "src/app.ts", status: "modified", additions: 2, deletions: 1, patch: "@@ -1 +1,2 @@\n-a\n+b\n+c" },
        { path: "docs/new.md", previousPath: "docs/old.md", status: "renamed", additions: 0, deletions: 0 },
      ],
    });
  });

  it("reads a push as the compare between before and after", async () => {
    const customer = unique("cust");
    const { id, repository } = await connect(customer);
    await githubCompare(githubUrl, repository, "abc", "def", [
      { filename: "README.md", status: "modified", additions: 1, deletions: 0, patch: "+synergy" },
    ]);
    const change = await changeOf(event("github.push", { repository, repositoryId: id, push: push("abc", "def") }), agent(customer));
    expect(change).toEqual({
      source: "compare",
      complete: true,
      files: [{ path: "README.md", status: "modified", additions: 1, deletions: 0, patch: "+synergy" }],
    });
  });

  it("never reads another customer's repository, and never with its token", async () => {
    const owner = unique("cust");
    const { id, repository } = await connect(owner);
    await githubPull(githubUrl, repository, 1, [{ filename: "secret.ts", status: "added", additions: 1, deletions: 0, patch: "+k" }]);
    const change = await changeOf(
      event("github.pull_request.opened", { repository, repositoryId: id, pullRequest: pr(1) }),
      agent(unique("intruder")),
    );
    expect(change.complete).toBe(false);
    expect(change.files).toEqual([]);
    expect(change.note).toBe(`${repository} is not connected for this customer`);
    expect((await githubState(githubUrl, repository)).requests).toHaveLength(0);
  });

  it("without a token says so and checks the paths the push's commits list", async () => {
    const customer = unique("cust");
    const { id, repository } = await connect(customer, null);
    const change = await changeOf(event("github.push", { repository, repositoryId: id, push: push("abc", "def") }), agent(customer));
    expect(change).toEqual({
      source: "webhook",
      complete: false,
      note: `no token for ${repository}: add one to the connected repository to read patches`,
      files: [
        { path: "docs/new.md", status: "added", additions: 0, deletions: 0 },
        { path: "README.md", status: "modified", additions: 0, deletions: 0 },
        { path: "old.txt", status: "removed", additions: 0, deletions: 0 },
      ],
    });
  });

  it("a new branch has nothing to compare with: the webhook's paths, and why", async () => {
    const customer = unique("cust");
    const { id, repository } = await connect(customer);
    const change = await changeOf(event("github.push", { repository, repositoryId: id, push: push(ZERO, "def") }), agent(customer));
    expect(change.source).toBe("webhook");
    expect(change.complete).toBe(false);
    expect(change.note).toMatch(/new branch refs\/heads\/main/);
    expect(change.files.map((f) => f.path)).toEqual(["docs/new.md", "README.md", "old.txt"]);
    expect((await githubState(githubUrl, repository)).hits.compare).toBeUndefined();
  });

  it("says what GitHub answered when it cannot read: 404, or rate limited until when", async () => {
    const customer = unique("cust");
    const { id, repository } = await connect(customer);
    const missing = await changeOf(
      event("github.pull_request.opened", { repository, repositoryId: id, pullRequest: pr(42) }),
      agent(customer),
    );
    expect(missing.complete).toBe(false);
    expect(missing.note).toBe(`GitHub answered 404 Not Found reading the files of ${repository}#42`);

    const resetAt = Math.floor(Date.now() / 1000) + 3_600;
    await scriptGithub(githubUrl, repository, [{ kind: "rate-limit", status: 403, resetAt }]);
    const limited = await changeOf(event("github.push", { repository, repositoryId: id, push: push("abc", "def") }), agent(customer));
    expect(limited.complete).toBe(false);
    expect(limited.note).toBe(
      `GitHub rate limited reading ${repository} compare abc...def until ${new Date(resetAt * 1000).toISOString()}`,
    );
    expect(limited.files.map((f) => f.path)).toEqual(["docs/new.md", "README.md", "old.txt"]);
  });

  it("keeps the patches under 256 KB by leaving out the largest whole, and says which", async () => {
    const customer = unique("cust");
    const { id, repository } = await connect(customer);
    const patch = (kb: number) => `+${"x".repeat(kb * 1024)}`;
    await githubPull(githubUrl, repository, 9, [
      { filename: "a.txt", status: "added", additions: 1, deletions: 0, patch: patch(100) },
      { filename: "big.txt", status: "added", additions: 1, deletions: 0, patch: patch(150) },
      { filename: "c.txt", status: "added", additions: 1, deletions: 0, patch: patch(100) },
    ]);
    const change = await changeOf(
      event("github.pull_request.reopened", { repository, repositoryId: id, pullRequest: pr(9) }),
      agent(customer),
    );
    expect(change.complete).toBe(false);
    expect(change.files.map((f) => [f.path, f.patch?.length])).toEqual([
      ["a.txt", 100 * 1024 + 1],
      ["big.txt", undefined],
      ["c.txt", 100 * 1024 + 1],
    ]);
    expect(change.note).toBe("the patches of 1 file(s) were left out to keep the change under 256 KB (largest first): big.txt");
  });
});
