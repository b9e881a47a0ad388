import { z } from "zod";
import { ValidationError } from "../../errors";
import { fieldPath } from "../../schemas/field-path";
import type { GithubEventPayload } from "../../schemas/github";

// The parts of GitHub's webhook payloads the platform reads: each payload carries much more
// (see @octokit/webhooks-types), which is dropped. Unknown fields are ignored, so a field
// GitHub adds changes nothing.

/** What every webhook we handle carries: whose repository, who did it, and the action. */
export const WebhookEnvelope = z.object({
  action: z.string().optional(),
  repository: z.object({ full_name: z.string(), default_branch: z.string().max(255).optional() }).optional(),
  sender: z.object({ login: z.string() }).nullish(),
});

const Commit = z.object({
  id: z.string(),
  message: z.string(),
  timestamp: z.string().optional(),
  added: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
});

export const PushWebhook = z.object({
  ref: z.string(),
  before: z.string(),
  after: z.string(),
  compare: z.string().optional(),
  commits: z.array(Commit).default([]),
  head_commit: Commit.nullish(),
});
export type PushWebhook = z.infer<typeof PushWebhook>;

export const PullRequestWebhook = z.object({
  pull_request: z.object({
    number: z.number().int(),
    title: z.string(),
    body: z.string().nullish(),
    html_url: z.string(),
    updated_at: z.string().optional(),
    head: z.object({ sha: z.string() }),
    base: z.object({ sha: z.string() }),
  }),
});
export type PullRequestWebhook = z.infer<typeof PullRequestWebhook>;

const Issue = z.object({
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullish(),
  html_url: z.string(),
  updated_at: z.string().optional(),
});

export const IssuesWebhook = z.object({ issue: Issue });
export type IssuesWebhook = z.infer<typeof IssuesWebhook>;

export const IssueCommentWebhook = z.object({
  issue: Issue,
  comment: z.object({ id: z.number().int(), body: z.string(), html_url: z.string(), updated_at: z.string().optional() }),
});
export type IssueCommentWebhook = z.infer<typeof IssueCommentWebhook>;

/** Reads a signed payload with `schema`, or a 400 naming the field under `body` that GitHub's shape lacks. */
export function readWebhook<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = fieldPath(["body", ...(issue?.path ?? [])]);
  throw new ValidationError(`${field}: ${issue?.message ?? "invalid"}`, field);
}

/** A webhook read with its event's schema. */
export type ParsedWebhook =
  | { githubEvent: "push"; push: PushWebhook }
  | { githubEvent: "pull_request"; pr: PullRequestWebhook }
  | { githubEvent: "issues"; issue: IssuesWebhook }
  | { githubEvent: "issue_comment"; comment: IssueCommentWebhook };

/** Reads a webhook of an event agents wake for with that event's schema. */
export function parseWebhook(githubEvent: GithubEventPayload["githubEvent"], value: unknown): ParsedWebhook {
  switch (githubEvent) {
    case "push":
      return { githubEvent, push: readWebhook(PushWebhook, value) };
    case "pull_request":
      return { githubEvent, pr: readWebhook(PullRequestWebhook, value) };
    case "issues":
      return { githubEvent, issue: readWebhook(IssuesWebhook, value) };
    case "issue_comment":
      return { githubEvent, comment: readWebhook(IssueCommentWebhook, value) };
  }
}
