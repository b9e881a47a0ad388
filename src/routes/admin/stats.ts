import { Hono } from "hono";
import { queryOf } from "../../http/validate";
import { type PipelineStats, StatsQuery } from "../../schemas/operator-views";
import type { AppEnv } from "../../types";

/**
 * Pipeline health since a moment: event statuses, wake outcomes, and ingest-to-decision latency
 * percentiles (nearest rank) over decided wakes.
 */
export const adminStatsRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const { since, latency } = queryOf(c, StatsQuery);
  const db = c.env.DB;
  const [eventRows, wakeRows] = await db.batch<{ k: string; n: number }>([
    db.prepare(`SELECT status AS k, COUNT(*) AS n FROM events WHERE received_at >= ? GROUP BY status`).bind(since),
    db.prepare(`SELECT outcome AS k, COUNT(*) AS n FROM wake_log WHERE received_at >= ? GROUP BY outcome`).bind(since),
  ]);
  const tally = (rows: { k: string; n: number }[] = []) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
  const byStatus = tally(eventRows?.results);
  const byOutcome = tally(wakeRows?.results);
  const decided = byOutcome["decided"] ?? 0;
  const percentile = async (p: number) => {
    if (decided === 0 || latency === "false") return null;
    const row = await db
      .prepare(
        `SELECT recorded_at - received_at AS ms FROM wake_log WHERE received_at >= ? AND outcome = 'decided' ORDER BY ms LIMIT 1 OFFSET ?`,
      )
      .bind(since, Math.min(decided - 1, Math.ceil(p * decided) - 1))
      .first<{ ms: number }>();
    return row?.ms ?? null;
  };
  const sum = (o: Record<string, number>) => Object.values(o).reduce((a, b) => a + b, 0);
  return c.json({
    since,
    events: { total: sum(byStatus), byStatus },
    wakes: { total: sum(byOutcome), byOutcome },
    latencyMs: { count: decided, p50: await percentile(0.5), p99: await percentile(0.99) },
  } satisfies PipelineStats);
});
