/**
 * What the hooks that record outputs hand to delivery right after their commit. This module
 * imports nothing, so the outputs hook and the daily reports can use it without depending on the
 * channels.
 */

/** The GitHub outputs recorded by the given origins (`?1`, a JSON array) that nobody has posted yet. */
export const POSTABLE = `SELECT id FROM outputs WHERE origin IN (SELECT value FROM json_each(?1)) AND channel = 'github' AND status = 'stored' ORDER BY id`;

/**
 * At most this many outputs are posted inline after a roll-up commits. The queue consumer awaits
 * the after-commit work before acking its batch, so one check that files a hundred issues (and
 * waits out GitHub's limits) would hold every other tenant's wakes in that batch. The rest keep
 * `next_attempt_at` (due now) for the cron job, which runs every 15 minutes.
 */
export const AFTER_COMMIT_MAX_OUTPUTS = 10;

/**
 * A delivery by id (right after a commit) starts no new output once this much time has passed
 * (ms); what it did not start stays due for the cron. An output already started finishes.
 */
export const BY_ID_BUDGET_MS = 20_000;
