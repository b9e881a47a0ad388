import { fieldCipher } from "../crypto/env-cipher";
import { errorText } from "../errors";
import type { WakeExtension } from "../wake/extensions";
import { AFTER_COMMIT_MAX_OUTPUTS, POSTABLE } from "./deliver-due";
import { outputStatements } from "./records";

/** Posts stored outputs through their channels (src/outputs/deliver.ts); it must not throw. */
export type DeliverOutputs = (env: Env, ids: readonly string[]) => Promise<unknown>;

/**
 * How outputs plug into the wake pipeline: a decision's publications and deliverables become
 * output records in the decision's own roll-up, and the ones for GitHub are handed to `deliver`
 * once it has committed: the first AFTER_COMMIT_MAX_OUTPUTS by id (the queue consumer waits for
 * this before acking, so one big check must not hold the batch). What delivery misses or is not
 * given stays `stored` with its `next_attempt_at`, for the channel's cron job to finish. `deliver` is a parameter so this module does not depend on the
 * channels.
 */
export function outputsWakeExtension(deliver: DeliverOutputs): WakeExtension {
  return {
    async resultsRecorded(d1, results, env) {
      const { statements, postable } = await outputStatements(d1, results, fieldCipher(env));
      if (postable.length === 0) return { statements };
      return {
        statements,
        afterCommit: async (env) => {
          // Looked up after commit: closing outputs get their ids in SQL, and a retried roll-up finds the same rows.
          const { results: rows } = await env.DB.prepare(POSTABLE).bind(JSON.stringify(postable)).all<{ id: string }>();
          if (rows.length === 0) return;
          try {
            await deliver(
              env,
              rows.slice(0, AFTER_COMMIT_MAX_OUTPUTS).map((r) => r.id),
            );
          } catch (error) {
            console.error("delivering outputs failed; the channel's cron job retries them", { error: errorText(error) });
          }
        },
      };
    },
  };
}
