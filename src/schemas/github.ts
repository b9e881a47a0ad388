import { z } from "zod";
import { VisionRules } from "./vision";

/** `owner/name` as GitHub spells it. */
export const RepositoryFullName = z
  .string()
  .max(200)
  .regex(/^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/, "owner/name");

/** Where the customer wants the daily report: a new issue each day, or a comment on one issue. */
export const ReportDestination = z
  .discriminatedUnion("as", [
    z.object({ as: z.literal("issue") }),
    z.object({ as: z.literal("comment"), issueNumber: z.number().int().positive() }),
  ])
  .meta({ id: "ReportDestination" });
export type ReportDestination = z.infer<typeof ReportDestination>;

/** A customer connects a repository: its webhook secret is generated and shown once. */
export const ConnectRepositoryInput = z
  .object({
    repository: RepositoryFullName,
    /** A token that may create issues and comment (fine-grained: Issues and Pull requests, read and write). Optional: without one, outputs are stored, not posted. */
    token: z.string().min(1).max(500).optional(),
    visionRules: VisionRules.optional(),
    dailyReport: ReportDestination.nullable().optional(),
  })
  .meta({ id: "ConnectRepositoryInput" });
export type ConnectRepositoryInput = z.input<typeof ConnectRepositoryInput>;

/** Changes to a connected repository; `token: null` forgets the token. */
export const UpdateRepositoryInput = z
  .object({
    token: z.string().min(1).max(500).nullable().optional(),
    visionRules: VisionRules.optional(),
    dailyReport: ReportDestination.nullable().optional(),
  })
  .meta({ id: "UpdateRepositoryInput" });

/** A connected repository as its owner sees it: never the secret or the token, only whether there is one. */
export const ConnectedRepositoryView = z
  .object({
    id: z.string(),
    repository: RepositoryFullName,
    hasToken: z.boolean(),
    visionRules: VisionRules,
    dailyReport: ReportDestination.nullable(),
    webhookUrl: z.string(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: "ConnectedRepository" });
export type ConnectedRepositoryView = z.infer<typeof ConnectedRepositoryView>;

/** The answer to connecting: the one time the webhook secret is shown. */
export const ConnectedRepositoryCreated = ConnectedRepositoryView.extend({
  webhookSecret: z.string().describe("Paste it into the webhook's Secret field on GitHub; it is not shown again."),
}).meta({ id: "ConnectedRepositoryCreated" });

/** A file a change touched, as GitHub's pull request files and compare endpoints list it. */
export const ChangedFile = z.object({
  path: z.string(),
  previousPath: z.string().optional(),
  status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  /** The unified diff GitHub gives (absent for binary and very large files). */
  patch: z.string().optional(),
});
export type ChangedFile = z.infer<typeof ChangedFile>;

/**
 * What an enricher read of a change before WowVision decides (`payload.change`). `complete`
 * false says what could not be read and why: the check then covers what the webhook carried.
 */
export const ChangeSet = z.object({
  source: z.enum(["pull_request_files", "compare", "webhook"]),
  files: z.array(ChangedFile),
  complete: z.boolean(),
  note: z.string().optional(),
});
export type ChangeSet = z.infer<typeof ChangeSet>;

/** A commit as a push webhook lists it (paths only; the patches come from the compare). */
export const PushedCommit = z.object({
  id: z.string(),
  message: z.string(),
  added: z.array(z.string()).default([]),
  modified: z.array(z.string()).default([]),
  removed: z.array(z.string()).default([]),
});

/**
 * The payload of a `github.*` wake event: the webhook slimmed to what agents use (a webhook can
 * be megabytes; an event is at most 64 KB), with the repository's vision rules as they were when
 * it arrived, so a replay checks the same thing.
 */
export const GithubEventPayload = z.object({
  repository: RepositoryFullName,
  /** The connected repository's id on this platform. */
  repositoryId: z.string(),
  delivery: z.string(),
  /** The repository's default branch as the webhook names it: WowVision's issues track this branch only. */
  defaultBranch: z.string().max(255).optional(),
  githubEvent: z.enum(["push", "pull_request", "issues", "issue_comment"]),
  action: z.string().optional(),
  sender: z.string().optional(),
  push: z
    .object({
      ref: z.string(),
      before: z.string(),
      after: z.string(),
      compareUrl: z.string().optional(),
      commits: z.array(PushedCommit).max(100),
      /** More commits were pushed than the payload carries. */
      truncated: z.boolean(),
    })
    .optional(),
  pullRequest: z
    .object({
      number: z.number().int(),
      title: z.string(),
      body: z.string().max(20_000).nullable(),
      headSha: z.string(),
      baseSha: z.string(),
      url: z.string(),
    })
    .optional(),
  issue: z.object({ number: z.number().int(), title: z.string(), body: z.string().max(20_000).nullable(), url: z.string() }).optional(),
  comment: z.object({ id: z.number().int(), body: z.string().max(20_000), url: z.string() }).optional(),
  visionRules: VisionRules,
  /** Added by the GitHub enricher before WowVision decides; never stored with the event. */
  change: ChangeSet.optional(),
});
export type GithubEventPayload = z.infer<typeof GithubEventPayload>;
