import { fieldCipher } from "../crypto/env-cipher";
import type { FieldCipher } from "../crypto/field-cipher";
import { openToken } from "../github/repository-secrets";
import { errorText } from "../errors";
import { metrics } from "../observability/metrics/recorder";
import { and, asc, desc, eq, isNotNull, isNull, lte, or, type SQL, sql } from "drizzle-orm";
import { jsonChunks } from "../db/json-rows";
import { database } from "../db/client";
import { type GithubClient, githubClient } from "../github/rest/client";
import { GithubRateLimited, GithubRequestFailed } from "../github/rest/errors";
import { worstCaseRequestMs } from "../github/rest/transport";
import { connectedRepositories } from "../github/schema";
import { create, findOrphan, type GithubPost, ORPHAN_SEARCH_PAGES, type Posted, update } from "./channels/github";
import { BY_ID_BUDGET_MS } from "./deliver-due";
import { type DeliveryOutcome, outcomeOfError, recordOutcome } from "./deliver-outcome";
import { threadTarget } from "./output-ids";
import { openOutputText } from "./output-content";
import { outputs } from "./schema";
import { ensureThread, forgetExternal, markCreateAttempted, recordExternal, releaseLease, type ThreadKey, takeLease } from "./threads";

/**
 * How long one delivery holds an output, or a thread's right to create, before another may take
 * it over. It must outlive the longest the holder can still be talking to GitHub, or a second
 * poster finds no orphan yet and files the thing twice: every request one output can make (the
 * update of a recorded issue, GET /user, the orphan search's pages, then the create or the
 * orphan's update), each at the transport's own worst case (all tries timing out, every backoff
 * and rate-limit wait at its longest: about 99 s with the defaults), plus a minute for D1.
 * About 9 minutes; the cron, every 15, picks up what a dead holder left.
 */
export const CLAIM_MS = (ORPHAN_SEARCH_PAGES + 3) * worstCaseRequestMs() + 60_000;
const DEFAULT_LIMIT = 50;

type OutputRow = typeof outputs.$inferSelect;

/** Which outputs to deliver: the given ids, or those that are due (`next_attempt_at <= now`). */
export interface DeliveryScope {
  ids?: readonly string[];
  limit?: number;
  /** Start no new output after this long (ms); what is left stays due for the cron. By id: BY_ID_BUDGET_MS. */
  budgetMs?: number;
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
function tokenReader(d1: D1Database, cipher: FieldCipher) {
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
        .then(([row]) => openToken(cipher, row?.token ?? null));
      cache.set(key, token);
    }
    return token;
  };
}

/** The login of a token's user, asked once per delivery run per token. */
type AuthorOf = (gh: GithubClient, token: string) => Promise<string>;

function authorReader(): AuthorOf {
  const cache = new Map<string, Promise<string>>();
  return (gh, token) => {
    let login = cache.get(token);
    if (!login) {
      login = gh.authenticatedUser();
      // A failure (GitHub down) is not remembered: the next output asks again.
      login.catch(() => cache.delete(token));
      cache.set(token, login);
    }
    return login;
  };
}

/**
 * The newest output of the same thread (customer, repository in any case, key) when it is newer
 * than `row`: only a thread's newest output is posted, so an older one that was waiting (a 5xx,
 * a rate limit) can never reopen what a newer one closed, or the reverse.
 */
async function newerOutput(d1: D1Database, row: OutputRow, repository: string): Promise<string | null> {
  const [newer] = await database(d1)
    .select({ id: outputs.id })
    .from(outputs)
    .where(
      and(
        eq(outputs.customerId, row.customerId),
        eq(outputs.key, row.key),
        sql`lower(json_extract(${outputs.target}, '$.repository')) = ${repository.toLowerCase()}`,
        or(sql`${outputs.createdAt} > ${row.createdAt}`, and(eq(outputs.createdAt, row.createdAt), sql`${outputs.id} > ${row.id}`)),
      ),
    )
    .orderBy(desc(outputs.createdAt), desc(outputs.id))
    .limit(1);
  return newer?.id ?? null;
}

const FIXED_BEFORE_POSTED = "fixed before it was ever posted: nothing to close on GitHub, kept here";

/**
 * Posts the output where its thread says, creating the thing at most once: one poster at a time
 * holds the thread's lease; `create_attempted_at` is set right before a create, and only then
 * (an earlier create may have landed unrecorded) is GitHub searched for an orphan first.
 */
async function post(
  env: Env,
  gh: GithubClient,
  row: OutputRow,
  p: GithubPost,
  now: number,
  author: () => Promise<string>,
): Promise<DeliveryOutcome> {
  const k: ThreadKey = { customerId: row.customerId, target: threadTarget(p.repository), key: row.key };
  // A thread missing here is dated by its output, not by this delivery: the roll-up's clock.
  const seed = { kind: row.kind, title: row.title, state: row.state, subject: row.subject };
  const thread = await ensureThread(env.DB, k, seed, row.createdAt);
  let mayHaveLanded = thread.createAttemptedAt !== null;
  if (thread.externalId !== null) {
    try {
      const posted = await update(gh, p, thread.externalId);
      await recordExternal(env.DB, k, posted.externalId, posted.externalUrl);
      return { status: "posted", externalUrl: posted.externalUrl };
    } catch (error) {
      // Deleted on GitHub (someone removed the sticky comment): post it afresh. Had the token lost
      // access instead, creating answers 404 too and the output fails with that reason.
      if (!(error instanceof GithubRequestFailed && error.status === 404)) throw error;
      await forgetExternal(env.DB, k, thread.externalId);
      mayHaveLanded = false;
    }
  }
  if (p.state === "closed" && !mayHaveLanded)
    return { status: "stored", reason: FIXED_BEFORE_POSTED, nextAttemptAt: null, attempted: false };
  const held = await takeLease(env.DB, k, now, now + CLAIM_MS);
  if (!held) {
    // Another run is filing it, or just did: look again after its lease.
    return {
      status: "stored",
      reason: "another delivery is posting this thread; trying again shortly",
      nextAttemptAt: now + CLAIM_MS,
      attempted: false,
    };
  }
  try {
    // Read under the lease: a poster that failed just before us may have attempted a create.
    const since = held.createAttemptedAt;
    const orphan = since === null ? null : await findOrphan(gh, p, { since, author: await author() });
    let posted: Posted;
    if (orphan) posted = await update(gh, p, orphan.externalId);
    else if (p.state === "closed") {
      await releaseLease(env.DB, k);
      return { status: "stored", reason: FIXED_BEFORE_POSTED, nextAttemptAt: null, attempted: true };
    } else {
      await markCreateAttempted(env.DB, k, now);
      posted = await create(gh, p);
    }
    await recordExternal(env.DB, k, posted.externalId, posted.externalUrl);
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
 * after MAX_ATTEMPTS (a rate limit is not an attempt). The same key updates the same issue or
 * comment, never files a second; only a thread's newest output is posted, an older one stays
 * `stored` as `superseded by <id>` with no next attempt. A run by id starts nothing after
 * BY_ID_BUDGET_MS (the cron has no budget).
 *
 * @example
 * await deliverOutputs(env, { ids: recordedIds }); // right after recording
 * await deliverOutputs(env, {});                     // the cron: everything due
 */
export async function deliverOutputs(env: Env, scope: DeliveryScope): Promise<DeliveryReport> {
  const report: DeliveryReport = { attempted: 0, posted: 0, stored: 0, failed: 0, outcomes: [] };
  const started = Date.now();
  const budgetMs = scope.budgetMs ?? (scope.ids ? BY_ID_BUDGET_MS : Number.POSITIVE_INFINITY);
  const cipher = fieldCipher(env);
  const tokenOf = tokenReader(env.DB, cipher);
  const authorOf = authorReader();
  const limitedUntil = new Map<string, GithubRateLimited>();
  for (const row of await candidates(env.DB, scope, Date.now())) {
    const now = Date.now();
    // Unclaimed, the rest keep their next attempt (due): the cron posts them.
    if (now - started >= budgetMs) break;
    if (!(await claim(env.DB, row.id, now))) continue;
    report.attempted++;
    // GitHub gets the plain text (a title and body that do not open fail this output, not the run).
    const outcome = await openOutputText(cipher, row).then(
      (plain) => deliverOne(env, plain, now, { tokenOf, authorOf, limitedUntil }),
      (error: unknown): DeliveryOutcome => ({ status: "failed", reason: `the output's text does not decrypt: ${errorText(error)}` }),
    );
    await recordOutcome(env.DB, row.id, outcome, Date.now());
    countDelivery(env, row, outcome);
    report[outcome.status]++;
    report.outcomes.push({
      id: row.id,
      status: outcome.status,
      ...(outcome.status === "posted" ? { externalUrl: outcome.externalUrl } : { reason: outcome.reason }),
    });
  }
  return report;
}

/** Posted and failed outputs are counted; one still `stored` is waiting and counts when it ends. */
function countDelivery(env: Env, row: OutputRow, outcome: DeliveryOutcome): void {
  if (outcome.status === "stored") return;
  const m = metrics(env);
  m.count("outputsPosted", { channel: row.channel, kind: row.kind, customer: row.customerId, outcome: outcome.status });
  if (outcome.status === "failed") m.count("errors", { stage: "output", agent: row.instanceId ?? "" });
}

/** What one run shares between its outputs. */
interface RunState {
  tokenOf: ReturnType<typeof tokenReader>;
  authorOf: AuthorOf;
  /** Once a repository is rate limited beyond the wait, its other outputs wait too, unasked. */
  limitedUntil: Map<string, GithubRateLimited>;
}

async function deliverOne(env: Env, row: OutputRow, now: number, { tokenOf, authorOf, limitedUntil }: RunState): Promise<DeliveryOutcome> {
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
  const newer = await newerOutput(env.DB, row, repository);
  if (newer !== null) return { status: "stored", reason: `superseded by ${newer}`, nextAttemptAt: null, attempted: false };
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
    const gh = githubClient(env, token);
    return await post(env, gh, row, p, now, () => authorOf(gh, token));
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
