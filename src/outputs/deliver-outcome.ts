import { eq, sql } from "drizzle-orm";
import { database } from "../db/client";
import { GithubRateLimited, GithubRequestFailed } from "../github/rest/errors";
import { outputs } from "./schema";

/** After this many tries an output is `failed`: whatever is wrong is not passing. */
export const MAX_ATTEMPTS = 8;
const FIRST_BACKOFF_MS = 60_000;
const MAX_BACKOFF_MS = 6 * 60 * 60_000;

/** What one delivery did to an output. `attempted`: GitHub was asked and it counts toward giving up (a rate limit does not). */
export type DeliveryOutcome =
  | { status: "posted"; externalUrl: string }
  | { status: "stored"; reason: string; nextAttemptAt: number | null; attempted: boolean }
  | { status: "failed"; reason: string };

/** When an output that failed `attempts` times (this one included) is tried next. */
export const backoffAfter = (attempts: number, now: number): number =>
  now + Math.min(FIRST_BACKOFF_MS * 2 ** Math.max(0, attempts - 1), MAX_BACKOFF_MS);

function refusal(error: GithubRequestFailed, repository: string): string {
  const answer = `GitHub answered ${error.status} ${error.githubMessage}`;
  switch (error.status) {
    case 401:
      return `${answer}: the token for ${repository} was refused; update the repository's token`;
    case 403:
      return `${answer}: the token for ${repository} may not post there (it needs Issues and Pull requests write access)`;
    case 404:
      return `${answer}: ${repository}, or the issue or comment, is gone or the token cannot see it`;
    default:
      return `${answer} to ${error.request}`;
  }
}

/**
 * The outcome of a post that threw. A refusal (4xx) will not pass by retrying: `failed`. A
 * long rate limit comes back when GitHub says, and is not counted as an attempt; anything else (5xx after the client's retries,
 * the network) backs off exponentially, until MAX_ATTEMPTS.
 */
export function outcomeOfError(error: unknown, repository: string, attempts: number, now: number): DeliveryOutcome {
  if (error instanceof GithubRequestFailed) return { status: "failed", reason: refusal(error, repository) };
  if (error instanceof GithubRateLimited) {
    // Not an attempt: GitHub answers a limit before doing anything, and a check that files many
    // issues meets its content-creation limit by design; giving up over it would lose outputs.
    const until = new Date(error.retryAt).toISOString();
    return {
      status: "stored",
      reason: `GitHub rate limited posting to ${repository} until ${until}; trying again then`,
      nextAttemptAt: error.retryAt,
      attempted: false,
    };
  }
  const tries = attempts + 1;
  const why = `GitHub could not take the post (${error instanceof Error ? error.message : String(error)})`;
  if (tries >= MAX_ATTEMPTS) return { status: "failed", reason: `gave up after ${tries} attempts; last: ${why}` };
  const nextAttemptAt = backoffAfter(tries, now);
  return { status: "stored", reason: `${why}; trying again at ${new Date(nextAttemptAt).toISOString()}`, nextAttemptAt, attempted: true };
}

/** Writes the outcome on the output row. */
export async function recordOutcome(d1: D1Database, id: string, outcome: DeliveryOutcome, now: number): Promise<void> {
  const attempts = outcome.status === "stored" && !outcome.attempted ? outputs.attempts : sql`${outputs.attempts} + 1`;
  const set =
    outcome.status === "posted"
      ? { status: "posted" as const, statusReason: null, externalUrl: outcome.externalUrl, postedAt: now, nextAttemptAt: null }
      : outcome.status === "failed"
        ? { status: "failed" as const, statusReason: outcome.reason, nextAttemptAt: null }
        : { status: "stored" as const, statusReason: outcome.reason, nextAttemptAt: outcome.nextAttemptAt };
  await database(d1)
    .update(outputs)
    .set({ ...set, attempts, updatedAt: now })
    .where(eq(outputs.id, id))
    .run();
}
