import { beforeAll, describe, expect, it } from "vitest";
import { GithubEventPayload } from "../../src/schemas/github";
import { WebhookIngested } from "../../src/schemas/github-views";
import { MAX_EVENT_BYTES } from "../../src/schemas/event";
import { DEFAULT_VISION_RULES, VisionRules } from "../../src/schemas/vision";
import { defineAndSpawn, delivered, supportDefinition, unique } from "../helpers";
import { type SignedUp, signUp } from "../marketplace/helpers";
import { type Connected, connect, deliver, example, type Payload } from "./webhooks-helpers";
import { storedEvent } from "./webhooks-rows";

/** Delivers a signed webhook, expects 202, and answers the stored event with its payload read as agents read it. */
async function ingested(repo: Connected, event: string, payload: Payload) {
  const res = await deliver({ event, payload, secret: repo.webhookSecret });
  const text = await res.text();
  expect(res.status, text).toBe(202);
  const { eventId } = WebhookIngested.parse(JSON.parse(text));
  const stored = await storedEvent(eventId);
  if (!stored) throw new Error(`event ${eventId} was not stored`);
  return { ...stored, github: GithubEventPayload.parse(stored.payload) };
}

const bytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).byteLength;
/** The stored event's size as JSON, without the copy of its payload the test parsed. */
const eventSize = ({ github: _, ...stored }: Awaited<ReturnType<typeof ingested>>) => bytes(stored);

describe("POST /v1/webhooks/github: the wake events webhooks become", () => {
  let owner: SignedUp;
  let repo: Connected;

  beforeAll(async () => {
    owner = await signUp("Octo");
    repo = await connect(owner);
  });

  it("a push becomes github.push for the repository's owner, with the commits and the repository's vision rules", async () => {
    const payload = example("push", repo.repository);
    const event = await ingested(repo, "push", payload);
    expect(event).toMatchObject({
      type: "github.push",
      source: "github",
      subject: `repo:${repo.repository.toLowerCase()}`,
      customerId: owner.customerId,
      occurredAt: "2019-05-15T15:19:25.000Z",
    });
    expect(event.github).toMatchObject({
      repository: repo.repository,
      repositoryId: repo.id,
      // The repository's default branch, as GitHub names it: WowVision files issues for pushes to it only.
      defaultBranch: "master",
      githubEvent: "push",
      sender: "Codertocat",
      push: {
        ref: "refs/heads/master",
        before: "0000000000000000000000000000000000000000",
        after: "6113728f27ae82c7b1a177c8d03f9e96e0adf246",
        compareUrl: expect.stringContaining("6113728f27ae82c7b1a177c8d03f9e96e0adf246"),
        commits: [
          { id: "6113728f27ae82c7b1a177c8d03f9e96e0adf246", message: "Initial commit", added: ["README.md"], modified: [], removed: [] },
        ],
        truncated: false,
      },
      visionRules: VisionRules.parse(DEFAULT_VISION_RULES),
    });
    expect(event.id).toBe(`gh_${repo.id}_${event.github.delivery}`);
    // The webhook is slimmed: nothing of GitHub's payload beyond what agents read.
    expect(event.payload).not.toHaveProperty("head_commit");
    expect(event.payload).not.toHaveProperty("pusher");
  });

  it("pull requests opened, synchronized and reopened become github.pull_request.<action> with the head and base", async () => {
    for (const action of ["opened", "synchronize", "reopened"] as const) {
      const event = await ingested(repo, "pull_request", example("pull_request", repo.repository, action));
      expect(event.type).toBe(`github.pull_request.${action}`);
      expect(event.customerId).toBe(owner.customerId);
      expect(event.github).toMatchObject({
        defaultBranch: "master",
        githubEvent: "pull_request",
        action,
        pullRequest: {
          number: 2,
          title: "Update the README with new information.",
          url: "https://github.com/Codertocat/Hello-World/pull/2",
        },
      });
      expect(event.github.pullRequest?.headSha).toMatch(/^[0-9a-f]{40}$/);
      expect(event.github.pullRequest?.baseSha).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  it("issues opened, edited, closed and reopened, and comments created and edited, become github.issue.* and github.issue_comment.*", async () => {
    for (const action of ["opened", "edited", "closed", "reopened"] as const) {
      // GitHub's examples have no `closed` issue: an opened one with its action changed is the same shape.
      const payload = { ...example("issues", repo.repository, action === "closed" ? "opened" : action), action };
      const event = await ingested(repo, "issues", payload);
      expect(event.type).toBe(`github.issue.${action}`);
      expect(event.github.issue).toMatchObject({
        number: expect.any(Number),
        title: expect.any(String),
        url: expect.stringContaining("/issues/"),
      });
    }
    for (const action of ["created", "edited"] as const) {
      const event = await ingested(repo, "issue_comment", example("issue_comment", repo.repository, action));
      expect(event.type).toBe(`github.issue_comment.${action}`);
      expect(event.github.comment).toMatchObject({
        id: expect.any(Number),
        body: expect.any(String),
        url: expect.stringContaining("#issuecomment-"),
      });
      expect(event.github.issue?.number).toEqual(expect.any(Number));
    }
  });

  it("answers 400 naming the field when a signed pull request lacks what its event needs", async () => {
    const payload = example("pull_request", repo.repository, "opened");
    const pr = payload["pull_request"] as Record<string, unknown>;
    const res = await deliver({
      event: "pull_request",
      payload: { ...payload, pull_request: { ...pr, head: {} } },
      secret: repo.webhookSecret,
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "body.pull_request.head.sha" } });
  });

  it("keeps a push of many large commits under the event size limit: commits capped at 100 (truncated), file lists and messages trimmed", async () => {
    const base = example("push", repo.repository);
    const template = (base["commits"] as Record<string, unknown>[])[0] ?? {};
    const commits = Array.from({ length: 150 }, (_, i) => ({
      ...template,
      id: i.toString(16).padStart(40, "0"),
      message: `Commit ${i}\n\n${"A long explanation of the change. ".repeat(100)}`,
      added: Array.from({ length: 300 }, (_, j) => `src/generated/module-${i}/file-${j}-with-a-rather-long-name.ts`),
      modified: ["README.md"],
      removed: [],
    }));
    const payload = { ...base, commits, head_commit: commits.at(-1) };
    expect(bytes(payload), "a real-sized payload of megabytes").toBeGreaterThan(2_000_000);

    const event = await ingested(repo, "push", payload);
    expect(eventSize(event)).toBeLessThan(MAX_EVENT_BYTES);
    const push = event.github.push;
    expect(push?.truncated).toBe(true);
    expect(push?.commits.length).toBeLessThanOrEqual(100);
    // The most recent commits are kept, in order.
    expect(push?.commits.at(-1)?.id).toBe((149).toString(16).padStart(40, "0"));
    expect(push?.commits.at(-1)?.message.startsWith("Commit 149")).toBe(true);
    expect((await delivered(event.id)).status).toBe("delivered");
  });

  it("clips bodies to 20,000 characters, and further when a comment and its issue would not fit together", async () => {
    const pr = example("pull_request", repo.repository, "opened");
    const long = { ...pr, pull_request: { ...(pr["pull_request"] as object), body: "Details. ".repeat(5_000) } };
    const clipped = await ingested(repo, "pull_request", long);
    expect(clipped.github.pullRequest?.body).toHaveLength(20_000);
    expect(clipped.github.pullRequest?.body?.endsWith("…")).toBe(true);

    // Astral characters and control characters take 4 and 6 bytes each in the event's JSON.
    const comment = example("issue_comment", repo.repository, "created");
    const heavy = {
      ...comment,
      issue: { ...(comment["issue"] as object), body: "😀".repeat(15_000) },
      comment: { ...(comment["comment"] as object), body: "\u0001".repeat(30_000) },
    };
    const trimmed = await ingested(repo, "issue_comment", heavy);
    expect(eventSize(trimmed)).toBeLessThan(MAX_EVENT_BYTES);
    const issueBody = trimmed.github.issue?.body ?? "";
    expect(issueBody.length).toBeLessThan(20_000);
    expect(issueBody.endsWith("😀…"), "no emoji cut in half").toBe(true);
  });

  it("isolates tenants: a customer's webhook wakes that customer's agent, never another customer's", async () => {
    const other = await signUp("Hubber");
    const theirs = await connect(other);
    const definition = supportDefinition(unique("gh-watcher"), {
      rules: [{ id: "saw-push", when: { type: "github.push" }, then: { action: "act", reason: "saw a push", note: "seen" } }],
      subscriptions: [{ event: "github.*" }],
    });
    const mine = unique("agt-gh-a");
    const yours = unique("agt-gh-b");
    await defineAndSpawn(definition, [
      { id: mine, customerId: owner.customerId },
      { id: yours, customerId: other.customerId },
    ]);

    const a = await ingested(repo, "push", example("push", repo.repository));
    const b = await ingested(theirs, "push", example("push", theirs.repository));
    expect(a.customerId).toBe(owner.customerId);
    expect(b.customerId).toBe(other.customerId);
    const wokeA = await delivered(a.id);
    const wokeB = await delivered(b.id);
    expect(wokeA.wakes.map((w) => w.instanceId)).toEqual([mine]);
    expect(wokeB.wakes.map((w) => w.instanceId)).toEqual([yours]);
    expect(wokeA.wakes[0]?.decision).toMatchObject({ action: "act", ruleId: "saw-push" });
  });
});
