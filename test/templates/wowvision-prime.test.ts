import { describe, expect, it } from "vitest";
import { RulesTier } from "../../src/decisions/engine";
import type { Situation } from "../../src/decisions/situation";
import type { EventType } from "../../src/schemas/event";
import { AgentDefinition } from "../../src/schemas/identity";
import { SKILL_EXAMPLES } from "../../templates/examples";
import template from "../../templates/wowvision-prime.json";
import { registry } from "./helpers";

const definition = AgentDefinition.parse(template);
const tier = new RulesTier(definition.specialization.rules, registry);
const pullRequestPayload = SKILL_EXAMPLES["vision.check-change"]?.input ?? {};

/** A GitHub event as the webhook route turns it into a wake event. */
function githubEvent(type: EventType, payload: Record<string, unknown>): Situation {
  return {
    event: {
      id: "evt_github_test",
      traceId: "trc_github_test",
      receivedAt: 0,
      type,
      source: "github",
      subject: "repo:acme/web",
      occurredAt: "2026-12-02T09:00:00Z",
      payload,
    },
    context: { openTaskCount: 0, recentEventCount: 0, state: "active" },
  };
}

const pushPayload = {
  ...pullRequestPayload,
  githubEvent: "push",
  pullRequest: undefined,
  push: {
    ref: "refs/heads/main",
    before: "9049f1265b7d61be4a8904a9a27120d2064dab3b",
    after: "6dcb09b5b57875f334f61aebed695e2e4193db5e",
    commits: [{ id: "6dcb09b5b57875f334f61aebed695e2e4193db5e", message: "Billing settings page" }],
    truncated: false,
  },
};

describe("WowVision Prime's rules on GitHub events", () => {
  it("checks every pull request event from a connected repository, with one review listing every violation and no issue", () => {
    for (const type of ["github.pull_request.opened", "github.pull_request.synchronize", "github.pull_request.reopened"] as const) {
      const answer = tier.decide(githubEvent(type, pullRequestPayload));
      expect(answer, type).toMatchObject({ action: "act", ruleId: "check-pull-request" });
      expect(answer?.output).toMatch(/^## WowVision: 7 violations in pull request #42 of acme\/web/);
      expect(answer?.publications).toEqual([expect.objectContaining({ kind: "review", key: "wowvision-review:pr:42" })]);
      expect(answer?.publications?.[0]?.body).toMatch(/^## WowVision: 7 violations in pull request #42 of acme\/web/);
    }
  });

  it("checks a push: issues for the default branch, only a report for another; and lets a deleted branch pass", () => {
    const toMain = tier.decide(githubEvent("github.push", pushPayload));
    expect(toMain).toMatchObject({ action: "act", ruleId: "check-push" });
    // The pull request's seven but "whitelist", which was in its body, not in the pushed commit.
    expect(toMain?.publications?.filter((p) => p.kind === "issue")).toHaveLength(6);
    expect(toMain?.publications?.at(-1)).toMatchObject({
      kind: "document",
      key: "wowvision-check:6dcb09b5b57875f334f61aebed695e2e4193db5e",
      resolves: { keyPrefix: "vision:" },
    });
    const feature = { ...pushPayload, push: { ...pushPayload.push, ref: "refs/heads/billing" } };
    expect(tier.decide(githubEvent("github.push", feature))?.publications).toEqual([
      expect.objectContaining({ kind: "document", key: "wowvision-check:6dcb09b5b57875f334f61aebed695e2e4193db5e" }),
    ]);
    const deleted = { ...pushPayload, push: { ...pushPayload.push, after: "0000000000000000000000000000000000000000", commits: [] } };
    expect(tier.decide(githubEvent("github.push", deleted))).toMatchObject({ action: "ignore", ruleId: "deleted-branch" });
  });

  it("ignores issues, comments and GitHub events that came from no connected repository, saying why", () => {
    expect(tier.decide(githubEvent("github.issue.opened", { ...pullRequestPayload, githubEvent: "issues" }))).toMatchObject({
      action: "ignore",
      ruleId: "ignore-issues",
    });
    expect(tier.decide(githubEvent("github.issue_comment.created", { ...pullRequestPayload, githubEvent: "issue_comment" }))).toMatchObject(
      {
        action: "ignore",
        ruleId: "ignore-comments",
      },
    );
    expect(tier.decide(githubEvent("github.push", { ref: "refs/heads/main", commits: [{ message: "Ship dark mode" }] }))).toMatchObject({
      action: "ignore",
      ruleId: "not-from-a-connected-repository",
    });
  });

  it("escalates a connected repository's event it cannot read, naming the field", () => {
    const { repository: _, ...broken } = pullRequestPayload;
    const answer = tier.decide(githubEvent("github.pull_request.opened", broken));
    expect(answer).toMatchObject({ action: "escalate", ruleId: "check-pull-request" });
    expect(answer?.reason).toMatch(/^skill_input_invalid: vision\.check-change: repository: /);
  });

  it("wakes for pushes, pull requests and its own tasks", () => {
    expect(definition.specialization.subscriptions.map((s) => s.event)).toEqual(["github.push", "github.pull_request.*", "task.assigned"]);
  });
});
