import { engineSettings } from "../config/settings";

/** Events one statement batch prunes, and the most batches one cron run takes: bounded work per run. */
export const PRUNE_BATCH = 500;
export const PRUNE_MAX_BATCHES = 20;

/**
 * SQL that selects event ids still needed by open work (`SELECT event_id FROM … WHERE …`):
 * products give theirs (a queued task, a handoff on its way), wired in src/platform.ts.
 */
export type OpenWorkEvents = string;

/** The receive time before which events may have been pruned (EVENT_RETENTION_DAYS ago). */
export function retentionCutoff(env: object, now = Date.now()): number {
  return now - engineSettings(env).EVENT_RETENTION_DAYS * 86_400_000;
}

export interface PruneReport {
  events: number;
  wakeLog: number;
  /** true when the run stopped at its bound with more left (the next run goes on). */
  more: boolean;
}

/**
 * Deletes events received before `before` together with their wake log, oldest first, in
 * batches: only events that reached the end of the pipeline (`delivered`, or `dead` with no dead
 * letter left), never one a dead letter still refers to, nor one open work still needs.
 */
export async function pruneOldEvents(
  d1: D1Database,
  before: number,
  openWork: readonly OpenWorkEvents[],
  bounds = { batch: PRUNE_BATCH, maxBatches: PRUNE_MAX_BATCHES },
): Promise<PruneReport> {
  const held = openWork.length ? `AND e.id NOT IN (${openWork.join(" UNION ALL ")})` : "";
  const select = d1.prepare(
    `SELECT e.id FROM events e WHERE e.received_at < ?1 AND e.status IN ('delivered', 'dead')
       AND NOT EXISTS (SELECT 1 FROM dead_letters d WHERE d.event_id = e.id) ${held}
     ORDER BY e.received_at LIMIT ?2`,
  );
  const report: PruneReport = { events: 0, wakeLog: 0, more: false };
  for (let i = 0; i < bounds.maxBatches; i++) {
    const { results } = await select.bind(before, bounds.batch).all<{ id: string }>();
    if (!results.length) return report;
    const ids = JSON.stringify(results.map((r) => r.id));
    const [wakes, events] = await d1.batch([
      d1.prepare(`DELETE FROM wake_log WHERE event_id IN (SELECT value FROM json_each(?))`).bind(ids),
      d1.prepare(`DELETE FROM events WHERE id IN (SELECT value FROM json_each(?))`).bind(ids),
    ]);
    report.wakeLog += wakes?.meta.changes ?? 0;
    report.events += events?.meta.changes ?? 0;
    if (results.length < bounds.batch) return report;
  }
  report.more = true;
  return report;
}
