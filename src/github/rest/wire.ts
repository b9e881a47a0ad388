import { z } from "zod";

// The parts of GitHub's REST answers we read (the rest is ignored), checked at the boundary.

export const GithubUser = z.object({ login: z.string() });
export type GithubUser = z.infer<typeof GithubUser>;

/** Who wrote an issue or comment (null for a deleted account, "ghost"). */
const author = GithubUser.nullable().optional();

export const GithubIssue = z.object({
  id: z.number(),
  number: z.number().int(),
  title: z.string(),
  body: z.string().nullable().optional(),
  state: z.enum(["open", "closed"]),
  html_url: z.string(),
  user: author,
  labels: z.array(z.union([z.string(), z.object({ name: z.string() })])).default([]),
  /** Present when the "issue" is a pull request (the issues list includes them). */
  pull_request: z.unknown().optional(),
});
export type GithubIssue = z.infer<typeof GithubIssue>;

export const GithubComment = z.object({
  id: z.number(),
  body: z.string().nullable().optional(),
  html_url: z.string(),
  user: author,
});
export type GithubComment = z.infer<typeof GithubComment>;

export const GithubFile = z.object({
  filename: z.string(),
  previous_filename: z.string().optional(),
  status: z.enum(["added", "removed", "modified", "renamed", "copied", "changed", "unchanged"]),
  additions: z.number().int().nonnegative(),
  deletions: z.number().int().nonnegative(),
  patch: z.string().optional(),
});
export type GithubFile = z.infer<typeof GithubFile>;

export const GithubCompare = z.object({
  status: z.string(),
  total_commits: z.number().int().optional(),
  files: z.array(GithubFile).default([]),
});
