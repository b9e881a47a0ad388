/**
 * The reconciliation's queries: set-based aggregates over the records of events received since
 * `?1`, each answering a few numbers however many rows there are. In the order the route reads
 * them: event classes, wake outcomes, decisions, dead letters, task statuses, stuck tasks, GitHub
 * deliveries, their outputs.
 */

/**
 * Each event's wake records and dead letters, folded into exactly one class per event. A
 * `buffered` wake is held deliberately only by a paused agent; any other is still being worked
 * (waiting in the agent's inbox for the cache or the model): `waking`.
 */
const EVENT_CLASSES = `
WITH w AS (
  SELECT w.event_id, COUNT(*) AS wakes, SUM(w.outcome = 'decided') AS decided,
         SUM(w.outcome = 'buffered' AND a.state = 'paused') AS held,
         SUM(w.outcome = 'buffered' AND COALESCE(a.state, '') <> 'paused') AS waiting,
         SUM(w.outcome = 'refused') AS refused, SUM(w.outcome = 'discarded') AS discarded
  FROM wake_log w LEFT JOIN agent_instances a ON a.id = w.instance_id
  WHERE w.received_at >= ?1 GROUP BY w.event_id
),
dl AS (
  SELECT event_id, COUNT(*) AS n, SUM(error IS NULL OR trim(error) = '') AS no_reason FROM dead_letters GROUP BY event_id
)
SELECT CASE
    WHEN e.status = 'dead' AND COALESCE(dl.n, 0) > 0 AND COALESCE(dl.no_reason, 0) = 0 THEN 'dead_lettered'
    WHEN e.status = 'dead' THEN 'dead_without_reason'
    WHEN e.status <> 'delivered' THEN 'in_flight'
    WHEN COALESCE(w.wakes, 0) <> COALESCE(e.matched_count, 0) THEN 'wakes_mismatch'
    WHEN w.waiting > 0 THEN 'waking'
    WHEN w.decided > 0 THEN 'decided'
    WHEN COALESCE(w.wakes, 0) = 0 THEN 'ignored_no_subscriber'
    WHEN w.held > 0 THEN 'held_paused'
    WHEN w.refused > 0 THEN 'ignored_retired'
    WHEN w.discarded > 0 THEN 'ignored_discarded'
    ELSE 'unclassified'
  END AS k, COUNT(*) AS n
FROM events e LEFT JOIN w ON w.event_id = e.id LEFT JOIN dl ON dl.event_id = e.id
WHERE e.received_at >= ?1
GROUP BY k`;

const WAKE_OUTCOMES = `SELECT outcome AS k, COUNT(*) AS n FROM wake_log WHERE received_at >= ?1 GROUP BY outcome`;

/** Decisions of the window's events: duplicates per (event, agent), and both directions of the wake link. */
const DECISIONS = `
WITH d AS (
  SELECT d.event_id, d.instance_id, d.id, d.cost_usd FROM decisions d JOIN events e ON e.id = d.event_id
  -- decided_at bounds the scan by its index: an event received since ?1 was decided since ?1.
  WHERE d.decided_at >= ?1 AND e.received_at >= ?1
),
pairs AS (SELECT event_id, instance_id, COUNT(*) AS n, SUM(cost_usd) - MIN(cost_usd) AS extra FROM d GROUP BY event_id, instance_id)
SELECT
  (SELECT COUNT(*) FROM d) AS total,
  (SELECT COUNT(*) FROM pairs WHERE n > 1) AS duplicatePairs,
  (SELECT COALESCE(SUM(extra), 0) FROM pairs WHERE n > 1) AS duplicateCostUsd,
  (SELECT COUNT(*) FROM wake_log w WHERE w.received_at >= ?1 AND w.outcome = 'decided'
     AND (w.decision_id IS NULL OR NOT EXISTS (SELECT 1 FROM decisions x WHERE x.id = w.decision_id))) AS missing,
  (SELECT COUNT(*) FROM pairs p WHERE NOT EXISTS
     (SELECT 1 FROM wake_log w WHERE w.event_id = p.event_id AND w.instance_id = p.instance_id)) AS orphaned`;

/** Dead letters of the window's events (and unreadable ones since `?1`). */
const DEAD_LETTERS = `
WITH l AS (
  SELECT l.error, l.replay_count, e.status FROM dead_letters l LEFT JOIN events e ON e.id = l.event_id
  WHERE e.received_at >= ?1 OR (e.id IS NULL AND l.dead_at >= ?1)
)
SELECT COUNT(*) AS total,
  COALESCE(SUM(error IS NULL OR trim(error) = ''), 0) AS withoutReason,
  COALESCE(SUM(replay_count > 0), 0) AS replayed,
  COALESCE(SUM(replay_count > 0 AND status IS NOT NULL AND status <> 'delivered'), 0) AS replayedNotDelivered,
  COALESCE(SUM(replay_count = 0 AND status = 'dead'), 0) AS replayable
FROM l`;

const TASK_STATUSES = `SELECT status AS k, COUNT(*) AS n FROM tasks WHERE created_at >= ?1 GROUP BY status`;

/** A queued task (or message about one) whose event the pipeline finished with (decided or dead) should have moved on. */
const STUCK_TASKS = `
SELECT
  (SELECT COUNT(*) FROM tasks t JOIN events e ON e.id = t.event_id
   WHERE t.created_at >= ?1 AND t.status = 'queued'
     AND (e.status = 'dead' OR EXISTS (SELECT 1 FROM wake_log w WHERE w.event_id = t.event_id AND w.outcome = 'decided')))
  + (SELECT COUNT(*) FROM task_messages m JOIN events e ON e.id = m.event_id
   WHERE m.created_at >= ?1 AND m.status = 'queued'
     AND (e.status = 'dead' OR EXISTS (SELECT 1 FROM wake_log w WHERE w.event_id = m.event_id AND w.outcome = 'decided'))) AS stuck`;

/**
 * The deliveries since `?1` of connected repositories, by the (repository, received_at) index: a
 * range per repository, not a scan of every delivery ever. (A repository erased with its customer
 * leaves the reconciliation with the rest of its customer's records.)
 */
const RECENT_DELIVERIES = `g.repository_id IN (SELECT id FROM connected_repositories) AND g.received_at >= ?1`;

/**
 * GitHub deliveries received since `?1` (one row per repository and delivery id: the primary key)
 * and where their events are. An event received before `?2` (the retention cutoff) may have been
 * pruned with its wake log while its delivery stays: that is retention, not a lost event.
 */
const GITHUB_DELIVERIES = `
WITH g AS (
  SELECT g.outcome, g.received_at, e.status FROM github_deliveries g LEFT JOIN events e ON e.id = g.event_id WHERE ${RECENT_DELIVERIES}
)
SELECT COUNT(*) AS total,
  COALESCE(SUM(outcome = 'ingested'), 0) AS ingested,
  COALESCE(SUM(outcome = 'ignored'), 0) AS ignored,
  COALESCE(SUM(outcome = 'ingested' AND status IS NULL AND received_at >= ?2), 0) AS withoutEvent,
  COALESCE(SUM(outcome = 'ingested' AND status IS NOT NULL AND status NOT IN ('delivered', 'dead')), 0) AS unsettled
FROM g`;

/**
 * The GitHub outputs of those deliveries' decisions, by state: delivery → its event's wake records
 * (keyed by event) → the outputs they published (an output's origin is its decision).
 */
const GITHUB_OUTPUTS = `
SELECT CASE
    WHEN o.status = 'stored' AND o.next_attempt_at IS NOT NULL THEN 'pending'
    WHEN o.status = 'stored' THEN 'held'
    ELSE o.status
  END AS k, COUNT(*) AS n
FROM github_deliveries g
  JOIN wake_log w ON w.event_id = g.event_id AND w.decision_id IS NOT NULL
  JOIN outputs o ON o.origin = w.decision_id
WHERE ${RECENT_DELIVERIES} AND g.outcome = 'ingested' AND o.channel = 'github'
GROUP BY k`;

/** The statements, in the order the route reads their results; `retainedFrom`: events received before it may be pruned. */
export function reconciliationStatements(d1: D1Database, since: number, retainedFrom: number): D1PreparedStatement[] {
  return [EVENT_CLASSES, WAKE_OUTCOMES, DECISIONS, DEAD_LETTERS, TASK_STATUSES, STUCK_TASKS, GITHUB_DELIVERIES, GITHUB_OUTPUTS].map(
    (sql) => (sql === GITHUB_DELIVERIES ? d1.prepare(sql).bind(since, retainedFrom) : d1.prepare(sql).bind(since)),
  );
}
