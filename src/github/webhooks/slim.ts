import type { GithubEventPayload } from "../../schemas/github";
import { clip } from "../../schemas/text";
import type { VisionRules } from "../../schemas/vision";
import type { ParsedWebhook, PushWebhook } from "./payloads";

/** What the event says besides the webhook: whose repository, which delivery, the rules to check. */
export interface WebhookContext {
  repository: string;
  repositoryId: string;
  delivery: string;
  defaultBranch?: string;
  action?: string;
  sender?: string;
  visionRules: VisionRules;
}

/** How much of a webhook an event keeps; {@link SLIM_LEVELS} goes from generous to spare. */
export interface SlimLimits {
  /** Characters of a pull request's, issue's or comment's body (the schema allows 20,000). */
  bodyChars: number;
  /** Characters of each commit message. */
  messageChars: number;
  /** Paths in each of a commit's added, modified and removed lists (the compare has them all). */
  pathsPerList: number;
  /** Commits of a push, the most recent kept (the schema allows 100). */
  commits: number;
}

/**
 * Tried in order until the event fits in a queue message. The first keeps what agents read
 * whole; the later ones give up commit file lists first (the enricher reads the compare), then
 * message and body text, then commits.
 */
export const SLIM_LEVELS: readonly SlimLimits[] = [
  { bodyChars: 20_000, messageChars: 4_000, pathsPerList: 300, commits: 100 },
  { bodyChars: 20_000, messageChars: 1_000, pathsPerList: 20, commits: 100 },
  { bodyChars: 8_000, messageChars: 200, pathsPerList: 0, commits: 100 },
  { bodyChars: 2_000, messageChars: 100, pathsPerList: 0, commits: 30 },
  { bodyChars: 500, messageChars: 72, pathsPerList: 0, commits: 10 },
];

const clipNullable = (text: string | null | undefined, max: number) => (text == null ? null : clip(text, max));

function slimPush(push: PushWebhook, limits: SlimLimits): NonNullable<GithubEventPayload["push"]> {
  const kept = push.commits.slice(-limits.commits);
  return {
    ref: push.ref,
    before: push.before,
    after: push.after,
    ...(push.compare ? { compareUrl: push.compare } : {}),
    commits: kept.map((c) => ({
      id: c.id,
      message: clip(c.message, limits.messageChars),
      added: c.added.slice(0, limits.pathsPerList),
      modified: c.modified.slice(0, limits.pathsPerList),
      removed: c.removed.slice(0, limits.pathsPerList),
    })),
    truncated: kept.length < push.commits.length,
  };
}

/** The event payload of a webhook, slimmed to `limits`. */
export function slimPayload(webhook: ParsedWebhook, context: WebhookContext, limits: SlimLimits): GithubEventPayload {
  const base: GithubEventPayload = {
    repository: context.repository,
    repositoryId: context.repositoryId,
    delivery: context.delivery,
    ...(context.defaultBranch !== undefined ? { defaultBranch: context.defaultBranch } : {}),
    githubEvent: webhook.githubEvent,
    ...(context.action !== undefined ? { action: context.action } : {}),
    ...(context.sender !== undefined ? { sender: context.sender } : {}),
    visionRules: context.visionRules,
  };
  switch (webhook.githubEvent) {
    case "push":
      return { ...base, push: slimPush(webhook.push, limits) };
    case "pull_request": {
      const pr = webhook.pr.pull_request;
      return {
        ...base,
        pullRequest: {
          number: pr.number,
          title: pr.title,
          body: clipNullable(pr.body, limits.bodyChars),
          headSha: pr.head.sha,
          baseSha: pr.base.sha,
          url: pr.html_url,
        },
      };
    }
    case "issues":
    case "issue_comment": {
      const issue = webhook.githubEvent === "issues" ? webhook.issue.issue : webhook.comment.issue;
      const slim = {
        ...base,
        issue: { number: issue.number, title: issue.title, body: clipNullable(issue.body, limits.bodyChars), url: issue.html_url },
      };
      if (webhook.githubEvent === "issues") return slim;
      const comment = webhook.comment.comment;
      return { ...slim, comment: { id: comment.id, body: clip(comment.body, limits.bodyChars), url: comment.html_url } };
    }
  }
}

/** When the change happened, as GitHub stamps it (the head commit, the last update), else now. */
export function occurredAt(webhook: ParsedWebhook, now = Date.now()): string {
  const stamp =
    webhook.githubEvent === "push"
      ? webhook.push.head_commit?.timestamp
      : webhook.githubEvent === "pull_request"
        ? webhook.pr.pull_request.updated_at
        : webhook.githubEvent === "issues"
          ? webhook.issue.issue.updated_at
          : webhook.comment.comment.updated_at;
  const ms = stamp ? Date.parse(stamp) : Number.NaN;
  // Normalised to UTC: the event schema wants an ISO date-time, and GitHub's push timestamps carry offsets.
  return new Date(Number.isNaN(ms) ? now : ms).toISOString();
}
