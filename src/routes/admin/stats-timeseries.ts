import { Hono } from "hono";
import { ValidationError } from "../../errors";
import { queryOf } from "../../http/validate";
import { DECISION_TIERS } from "../../schemas/decision";
import { MAX_TIMESERIES_BUCKETS, type StatsTimeseries, StatsTimeseriesQuery } from "../../schemas/operator-views";
import type { AppEnv } from "../../types";

type Bucket = StatsTimeseries["buckets"][number];
const DAY_MS = 86_400_000;

/**
 * Throughput, tier mix and cost per time bucket, for the dashboard's charts: three grouped
 * counts over the indexed time columns (events.received_at, wake_log.received_at,
 * decisions.decided_at), zero-filled so every bucket is there.
 */
export const adminStatsTimeseriesRoutes = new Hono<AppEnv>().get("/", async (c) => {
  const q = queryOf(c, StatsTimeseriesQuery);
  const until = q.until ?? Date.now();
  const since = q.since ?? Math.max(0, until - DAY_MS);
  // The defaults can still ask too much (a small step over the default day): say which field.
  if (until <= since) throw new ValidationError("until: must be after since", "until");
  const count = Math.ceil((until - since) / q.step);
  if (count > MAX_TIMESERIES_BUCKETS) throw new ValidationError(`step: at most ${MAX_TIMESERIES_BUCKETS} buckets: widen the step`, "step");

  const buckets: Bucket[] = Array.from({ length: count }, (_, i) => ({
    start: since + i * q.step,
    events: 0,
    wakes: 0,
    decisions: { rules: 0, learned: 0, cache: 0, semantic: 0, llm: 0, fallback: 0 },
    costUsd: 0,
  }));
  const bucketOf = (column: string) => `CAST((${column} - ?1) / ?3 AS INTEGER)`;
  const db = c.env.DB;
  const [eventRows, wakeRows, decisionRows] = await db.batch<{ b: number; tier?: string; n: number; cost?: number }>([
    db
      .prepare(`SELECT ${bucketOf("received_at")} AS b, COUNT(*) AS n FROM events WHERE received_at >= ?1 AND received_at < ?2 GROUP BY b`)
      .bind(since, until, q.step),
    db
      .prepare(
        `SELECT ${bucketOf("received_at")} AS b, COUNT(*) AS n FROM wake_log WHERE received_at >= ?1 AND received_at < ?2 GROUP BY b`,
      )
      .bind(since, until, q.step),
    db
      .prepare(
        `SELECT ${bucketOf("decided_at")} AS b, tier, COUNT(*) AS n, SUM(cost_usd) AS cost
         FROM decisions WHERE decided_at >= ?1 AND decided_at < ?2 GROUP BY b, tier`,
      )
      .bind(since, until, q.step),
  ]);
  for (const r of eventRows?.results ?? []) {
    const bucket = buckets[r.b];
    if (bucket) bucket.events = r.n;
  }
  for (const r of wakeRows?.results ?? []) {
    const bucket = buckets[r.b];
    if (bucket) bucket.wakes = r.n;
  }
  const tiers: readonly string[] = DECISION_TIERS;
  for (const r of decisionRows?.results ?? []) {
    const bucket = buckets[r.b];
    if (!bucket || !r.tier || !tiers.includes(r.tier)) continue;
    bucket.decisions[r.tier as keyof Bucket["decisions"]] = r.n;
    bucket.costUsd += r.cost ?? 0;
  }
  return c.json({ since, until, step: q.step, buckets } satisfies StatsTimeseries);
});
