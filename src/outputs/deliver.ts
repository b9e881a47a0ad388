import { and, asc, eq, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { jsonChunks } from "../db/json-rows";
import { database } from "../db/client";
import { type GithubClient, githubClient } from "../github/rest/client";
import { GithubRateLimited, GithubRequestFailed } from "../github/rest/errors";
import { connectedRepositories } from "../github/schema";
import { create, findOrphan, type GithubPost, type Posted, update } from "./channels/github";
import { type DeliveryOutcome, outcomeOfError, recordOutcome } from "./deliver-outcome";
import { outputs } from "./schema";
import { ensureThread, forgetExternal, githubTarget, recordExternal, releaseLease, type ThreadKey, takeLease } from "./threads";

/** How long one delivery may hold an output or a thread before another may take it over. */
const CLAIM_MS = 2 * 60_000;
const DEFAULT_LIMIT = 50;

type OutputRow = typeof outputs.$inferSelect;

/** Which outputs to deliver: the given ids, or those that are due (`next_attempt_at <= now`). */
export interface DeliveryScope {
  ids?: readonly string[];
  limit?: number;
}

export interface DeliveryReport {
  /** Outputs this run took on (another run may hold some of those asked for). */
  attempted: number;
  posted: number;
  stored: number;
  failed: number;
  outcomes: { id: string; status: DeliveryOutcome["status"]; reason?: string; externalUrl?: string }[];
}

/** The outputs in scope that are still to post, oldest first. */
async function candidates(d1: D1Database, scope: DeliveryScope, now: number): Promise<OutputRow[]> {
  const pending = and(eq(outputs.channel, "github"), eq(outputs.status, "stored"));
  const query = (which: SQL | undefined, limit: number) =>
    database(d1).select().from(outputs).where(and(pending, which)).orderBy(asc(outputs.createdAt), asc(outputs.id)).limit(limit);
  if (!scope.ids) return query(and(isNotNull(outputs.nextAttemptAt), lte(outputs.nextAttemptAt, now)), scope.limit ?? DEFAULT_LIMIT);
  // Ids as one JSON parameter per chunk: D1 binds at most 100 parameters.
  const limit = scope.limit ?? scope.ids.length;
  const rows: OutputRow[] = [];
  for (const json of jsonChunks(scope.ids))
    rows.push(...(await query(sql`${outputs.id} IN (SELECT value FROM json_each(${json}))`, limit)));
  return rows.sort((a, b) => a.createdAt - b.createdAt || a.id.localeCompare(b.id)).slice(0, limit);
}

/**
 * Claims an output for this run by moving its next attempt past the claim: a concurrent run
 * (the cron and a fresh roll-up) then skips it. One waiting for a rate limit is not claimable
 * before its time, even by id.
 */
async function claim(d1: D1Database, id: string, now: number): Promise<boolean> {
  const result = await database(d1)
    .update(outputs)
    .set({ nextAttemptAt: now + CLAIM_MS })
    .where(and(eq(outputs.id, id), eq(outputs.status, "stored"), or(isNull(outputs.nextAttemptAt), lte(outputs.nextAttemptAt, now))))
    .run();
  return result.meta.changes === 1;
}

/** Tokens of connected repositories by customer and repository, read once per run. */
function tokenReader(d1: D1Database) {
  const cache = new Map<string, Promise<string | null>>();
  return (customerId: string, repository: string): Promise<string | null> => {
    const key = `${customerId}\n${repository.toLowerCase()}`;
    let token = cache.get(key);
    if (!token) {
      token = database(d1)
        .select({ token: connectedRepositories.token })
        .from(connectedRepositories)
        .where(and(eq(connectedRepositories.customerId, customerId), eq(connectedRepositories.fullName, repository.toLowerCase())))
        .limit(1)
        .then(([row]) => row?.token ?? null);
      cache.set(key, token);
    }
    return token;
  };
}

/** Posts the output where its thread says, creating the thing at most once (lease + orphan search). */
async function post(env: Env, gh: GithubClient, row: OutputRow, p: GithubPost, now: number): Promise<DeliveryOutcome> {
  const k: ThreadKey = { customerId: row.customerId, target: githubTarget(p.repository), key: row.key };
  const thread = await ensureThread(env.DB, k, { kind: row.kind, title: row.title, state: row.state, subject: row.subject }, now);
  if (thread.externalId !== null) {
    try {
      const posted = await update(gh, p, thread.externalId);
      await recordExternal(env.DB, k, posted.externalId, posted.externalUrl, now);
      return { status: "posted", externalUrl: posted.externalUrl };
    } catch (error) {
      // Deleted on GitHub (someone removed the sticky comment): post it afresh. Had the token lost
      // access instead, creating answers 404 too and the output fails with that reason.
      if (!(error instanceof GithubRequestFailed && error.status === 404)) throw error;
      await forgetExternal(env.DB, k, thread.externalId, now);
    }
  }
  if (p.state === "closed") {
    return {
      status: "stored",
      reason: "fixed before it was ever posted: nothing to close on GitHub, kept here",
      nextAttemptAt: null,
      attempted: false,
    };
  }
  if (!(await takeLease(env.DB, k, now, now + CLAIM_MS))) {
    // Another run is filing it, or just did: look again after its lease.
    return {
      status: "stored",
      reason: "another delivery is posting this thread; trying again shortly",
      nextAttemptAt: now + CLAIM_MS,
      attempted: false,
    };
  }
  try {
    // A post whose recording was lost (the Worker stopped after GitHub answered) is found by its marker.
    const orphan = await findOrphan(gh, p);
    const posted: Posted = orphan ? await update(gh, p, orphan.externalId) : await create(gh, p);
    await recordExternal(env.DB, k, posted.externalId, posted.externalUrl, now);
    return { status: "posted", externalUrl: posted.externalUrl };
  } catch (error) {
    await releaseLease(env.DB, k);
    throw error;
  }
}

/**
 * Posts outputs on the GitHub channel and records each outcome on its row: `posted` with the
 * issue's or comment's URL; still `stored` with the reason and when to try again (no token; a
 * rate limit; GitHub failing), or `failed` once retrying is pointless (GitHub refused it) or
 * after MAX_ATTEMPTS. The same key updates the same issue or comment, never files a second.
 *
 * @example
 * await deliverOutputs(env, { ids: recordedIds }); // right after recording
 * await deliverOutputs(env, {});                     // the cron: everything due
 */
export async function deliverOutputs(env: Env, scope: DeliveryScope): Promise<DeliveryReport> {
  const report: DeliveryReport = { attempted: 0, posted: 0, stored: 0, failed: 0, outcomes: [] };
  const tokenOf = tokenReader(env.DB);
  // Once a repository is rate limited beyond the wait, its other outputs wait too, unasked.
  const limitedUntil = new Map<string, GithubRateLimited>();
  for (const row of await candidates(env.DB, scope, Date.now())) {
    const now = Date.now();
    if (!(await claim(env.DB, row.id, now))) continue;
    report.attempted++;
    const outcome = await deliverOne(env, row, now, tokenOf, limitedUntil);
    await recordOutcome(env.DB, row.id, outcome, Date.now());
    report[outcome.status]++;
    report.outcomes.push({
      id: row.id,
      status: outcome.status,
      ...(outcome.status === "posted" ? { externalUrl: outcome.externalUrl } : { reason: outcome.reason }),
    });
  }
  return report;
}

async function deliverOne(
  env: Env,
  row: OutputRow,
  now: number,
  tokenOf: ReturnType<typeof tokenReader>,
  limitedUntil: Map<string, GithubRateLimited>,
): Promise<DeliveryOutcome> {
  const repository = row.target?.repository;
  if (!repository) return { status: "failed", reason: "the output names no repository to post to" };
  const number = row.target?.number;
  const p: GithubPost = {
    kind: row.kind,
    repository,
    key: row.key,
    title: row.title,
    body: row.body,
    state: row.state,
    ...(number ? { number } : {}),
  };
  if (p.kind === "document") return { status: "failed", reason: "documents are kept here, never posted" };
  if (p.kind !== "issue" && p.kind !== "report" && p.number === undefined)
    return { status: "failed", reason: `a ${p.kind} needs the number of the issue or pull request it goes on` };
  try {
    const token = await tokenOf(row.customerId, repository);
    if (!token) {
      return {
        status: "stored",
        reason: `no GitHub token for ${repository}: kept here; add a token to the repository to post it`,
        nextAttemptAt: null,
        attempted: false,
      };
    }
    const limited = limitedUntil.get(repository.toLowerCase());
    if (limited && limited.retryAt > now) {
      const until = new Date(limited.retryAt).toISOString();
      return {
        status: "stored",
        reason: `GitHub rate limited posting to ${repository} until ${until}`,
        nextAttemptAt: limited.retryAt,
        attempted: false,
      };
    }
    return await post(env, githubClient(env, token), row, p, now);
  } catch (error) {
    if (error instanceof GithubRateLimited) limitedUntil.set(repository.toLowerCase(), error);
    return outcomeOfError(error, repository, row.attempts, now);
  }
}

/** The cron job (structurally a `ScheduledJob` of src/platform.ts, which imports this module). */
export const postDueOutputs = {
  name: "post outputs that are due",
  run: (env: Env): Promise<DeliveryReport> => deliverOutputs(env, {}),
};
