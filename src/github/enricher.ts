import { fieldCipher } from "../crypto/env-cipher";
import { openToken } from "./repository-secrets";
import { and, eq } from "drizzle-orm";
import type { AgentIdentity } from "../agents/identity";
import type { EventEnricher } from "../agents/enrichment";
import { database } from "../db/client";
import type { Event } from "../schemas/event";
import { type ChangedFile, type ChangeSet, GithubEventPayload } from "../schemas/github";
import { type FileList, githubClient } from "./rest/client";
import { GithubRateLimited, GithubRequestFailed } from "./rest/errors";
import type { GithubFile } from "./rest/wire";
import { connectedRepositories } from "./schema";
import { capPatches } from "./patch-cap";

const NO_COMMIT = /^0+$/;

/** Whether the agent's rules run a vision skill: only WowVision-like agents pay for reading a change. */
function runsVision(agent: AgentIdentity): boolean {
  return agent.definition.specialization.rules.some((rule) => rule.then.skill?.startsWith("vision.") === true);
}

/** The paths a push's commits list, with the last thing each commit did to them (no patches). */
export function filesFromCommits(payload: GithubEventPayload): ChangedFile[] {
  const status = new Map<string, ChangedFile["status"]>();
  for (const commit of payload.push?.commits ?? []) {
    for (const path of commit.added) status.set(path, "added");
    for (const path of commit.modified) if (status.get(path) !== "added") status.set(path, "modified");
    for (const path of commit.removed) status.set(path, "removed");
  }
  return [...status].map(([path, s]) => ({ path, status: s, additions: 0, deletions: 0 }));
}

function toChangedFile(file: GithubFile): ChangedFile {
  return {
    path: file.filename,
    ...(file.previous_filename === undefined ? {} : { previousPath: file.previous_filename }),
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    ...(file.patch === undefined ? {} : { patch: file.patch }),
  };
}

/** Why GitHub could not be read, in words a customer understands. */
function whyUnread(error: unknown, what: string): string {
  if (error instanceof GithubRateLimited) return `GitHub rate limited reading ${what} until ${new Date(error.retryAt).toISOString()}`;
  if (error instanceof GithubRequestFailed) return `GitHub answered ${error.status} ${error.githubMessage} reading ${what}`;
  return `could not read ${what} from GitHub (${error instanceof Error ? error.message : String(error)})`;
}

/** The token of the agent's customer's connected repository, or why there is none. */
async function tokenFor(env: Env, payload: GithubEventPayload, agent: AgentIdentity): Promise<{ token: string } | { note: string }> {
  if (agent.customerId === null) return { note: `no customer owns this agent, so no token for ${payload.repository}` };
  // By id AND customer: an agent never reads with another tenant's token.
  const [row] = await database(env.DB)
    .select({ token: connectedRepositories.token })
    .from(connectedRepositories)
    .where(and(eq(connectedRepositories.id, payload.repositoryId), eq(connectedRepositories.customerId, agent.customerId)))
    .limit(1);
  if (!row) return { note: `${payload.repository} is not connected for this customer` };
  const token = await openToken(fieldCipher(env), row.token);
  if (!token) return { note: `no token for ${payload.repository}: add one to the connected repository to read patches` };
  return { token };
}

/** Reads the change the event is about. Never throws: what it cannot read, it says. */
export async function readChange(env: Env, payload: GithubEventPayload, agent: AgentIdentity): Promise<ChangeSet> {
  const fallback = (note: string, complete = false): ChangeSet => ({ source: "webhook", files: filesFromCommits(payload), complete, note });
  const push = payload.push;
  if (push && NO_COMMIT.test(push.after)) return fallback(`the branch ${push.ref} was deleted: there is no change to read`, true);
  if (push && NO_COMMIT.test(push.before))
    return fallback(`a new branch ${push.ref}: GitHub has nothing to compare it with, so these are the paths its pushed commits list`);
  const pr = payload.pullRequest;
  if (!push && !pr) return fallback("the event names no push or pull request");

  try {
    const auth = await tokenFor(env, payload, agent);
    if ("note" in auth) return fallback(auth.note);
    const gh = githubClient(env, auth.token);
    const what = pr ? `the files of ${payload.repository}#${pr.number}` : `${payload.repository} compare ${push?.before}...${push?.after}`;
    let list: FileList;
    try {
      list = pr
        ? await gh.pullRequestFiles(payload.repository, pr.number)
        : await gh.compare(payload.repository, push?.before ?? "", push?.after ?? "");
    } catch (error) {
      return fallback(whyUnread(error, what));
    }
    const { files, note } = capPatches(list.files.map(toChangedFile));
    const notes = [
      list.capped ? `GitHub lists at most ${list.files.length} files of this change; later files were not read` : "",
      note ?? "",
    ].filter(Boolean);
    return {
      source: pr ? "pull_request_files" : "compare",
      files,
      complete: !list.capped && note === undefined,
      ...(notes.length ? { note: notes.join("; ") } : {}),
    };
  } catch (error) {
    // The database or anything unexpected: still decide, on what the webhook carried.
    return fallback(`could not read the change (${error instanceof Error ? error.message : String(error)})`);
  }
}

/**
 * Reads what a push or pull request changed (files and patches) from GitHub before an agent
 * that runs a vision skill decides, with the token of the repository the agent's customer
 * connected. The decision sees `payload.change`; the stored event is unchanged.
 */
export const githubChangeEnricher: EventEnricher = {
  wants(event: Event, agent: AgentIdentity): boolean {
    // Only events a connected repository's webhook made (they name it): a hand-posted github.*
    // event has nothing to read, and its agent decides it at once.
    const fromWebhook = typeof event.payload["repositoryId"] === "string";
    return fromWebhook && (event.type === "github.push" || event.type.startsWith("github.pull_request.")) && runsVision(agent);
  },
  async enrich(env: Env, event: Event, agent: AgentIdentity): Promise<Event> {
    const parsed = GithubEventPayload.safeParse(event.payload);
    if (!parsed.success) {
      const change: ChangeSet = { source: "webhook", files: [], complete: false, note: "the event's payload is not a GitHub change" };
      return { ...event, payload: { ...event.payload, change } };
    }
    const change = await readChange(env, parsed.data, agent);
    return { ...event, payload: { ...event.payload, change } };
  },
};
