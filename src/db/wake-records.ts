import { sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { WakeResult } from "../schemas/decision";
import { chunkForParams } from "./chunk";
import type { Database } from "./client";
import { decisions, wakeLog } from "./schema";

/**
 * Statements that roll wake results up into D1. Idempotent, so a redelivered message or a
 * retried flush repairs records instead of duplicating them: decisions are keyed by id, and a
 * wake-log row only moves forward (a `buffered` row becomes `decided` or `discarded`).
 */
export function wakeRecordStatements(db: Database, results: readonly WakeResult[]): BatchItem<"sqlite">[] {
  const statements: BatchItem<"sqlite">[] = [];
  const logRows = results.map((r) => ({
    eventId: r.eventId,
    instanceId: r.instanceId,
    outcome: r.outcome,
    decisionId: r.decision?.id ?? null,
    receivedAt: r.eventReceivedAt,
    recordedAt: r.recordedAt,
  }));
  for (const chunk of chunkForParams(logRows, 6)) {
    statements.push(
      db
        .insert(wakeLog)
        .values(chunk)
        .onConflictDoUpdate({
          target: [wakeLog.eventId, wakeLog.instanceId],
          set: {
            outcome: sql`excluded.outcome`,
            decisionId: sql`excluded.decision_id`,
            recordedAt: sql`excluded.recorded_at`,
          },
          setWhere: sql`${wakeLog.outcome} = 'buffered' AND excluded.outcome != 'buffered'`,
        }),
    );
  }
  const decisionRows = results.flatMap((r) =>
    r.decision
      ? [
          {
            ...r.decision,
            latencyMs: Math.round(r.decision.latencyMs),
          },
        ]
      : [],
  );
  for (const chunk of chunkForParams(decisionRows, 11)) {
    statements.push(db.insert(decisions).values(chunk).onConflictDoNothing());
  }
  return statements;
}

/** Writes wake results to D1 in one transaction. */
export async function recordWakeResults(db: Database, results: readonly WakeResult[]): Promise<void> {
  const [first, ...rest] = wakeRecordStatements(db, results);
  if (first) await db.batch([first, ...rest]);
}
