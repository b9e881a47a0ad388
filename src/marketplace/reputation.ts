/**
 * The trust score (0–100) and its parts, all in SQL so one statement refreshes any number of
 * listings. Ratings (task ratings and hire reviews) enter as a Bayesian average: RATING_PRIOR_WEIGHT
 * imaginary ratings of RATING_PRIOR_MEAN are mixed in, so three 5-star ratings score 3.85 while
 * three hundred 4.8s score 4.76. Reliability (tasks done / finished, and finished within the
 * listing's response target) is smoothed the same way towards RELIABILITY_PRIOR.
 *
 *   trust = 100 × (0.6 × (ratingScore − 1) / 4 + 0.25 × success + 0.15 × onTime)
 *
 * Ratings are weighted by who gave them, so throwaway accounts cannot move a trust score: a
 * rating counts with weight 1 when its customer has (or had) a paid hire of that agent (a hire,
 * or a trial converted into one) that was not cancelled within MIN_PAID_HIRE_MS of starting, and
 * with UNPAID_RATING_WEIGHT (0) otherwise. There is no billing yet, so "paid" is what a hire can
 * prove: a verified e-mail (hires need one, like trials) and a hire still running or held for a
 * day; a hire-rate-cancel loop from a throwaway account does not score. So
 *
 *   ratingScore = (PRIOR_MEAN × PRIOR_WEIGHT + Σ wᵢ·starsᵢ) / (PRIOR_WEIGHT + Σ wᵢ)
 *
 * and the rating average and count shown are those of the counted ratings. Unpaid reviews are
 * still shown as text; they just do not score.
 */
export const UNPAID_RATING_WEIGHT = 0;
/** A hire ended sooner than this after it started does not make its customer's ratings count. */
export const MIN_PAID_HIRE_MS = 86_400_000;
export const RATING_PRIOR_MEAN = 3.5;
export const RATING_PRIOR_WEIGHT = 10;
export const RELIABILITY_PRIOR = 0.8;
export const RELIABILITY_PRIOR_WEIGHT = 5;

/** The same formula in TypeScript, for the catalogue's explanation and for tests. */
export function trustScore(ratingScore: number, success: number, onTime: number): number {
  return 100 * (0.6 * ((ratingScore - 1) / 4) + 0.25 * success + 0.15 * onTime);
}

export function bayesianRating(sum: number, count: number): number {
  return (RATING_PRIOR_MEAN * RATING_PRIOR_WEIGHT + sum) / (RATING_PRIOR_WEIGHT + count);
}

const smoothed = (hits: string, total: string) =>
  `((${RELIABILITY_PRIOR} * ${RELIABILITY_PRIOR_WEIGHT} + ${hits}) / (${RELIABILITY_PRIOR_WEIGHT} + ${total}))`;

/**
 * Recomputes reputation from tasks and reviews for the listings `targets` selects (a query of
 * slugs reading parameter ?1; ?2 is the time). `r` gathers the figures once per listing; the
 * trust score is computed from them.
 */
const refreshReputation = (targets: string) => `
WITH targets(slug) AS (${targets}),
given AS (
  SELECT slug, customer_id, rating_stars AS stars FROM tasks WHERE rating_stars IS NOT NULL AND slug IN (SELECT slug FROM targets)
  UNION ALL SELECT slug, customer_id, stars FROM reviews WHERE slug IN (SELECT slug FROM targets)
),
weighted AS (
  SELECT g.slug, g.stars, CASE WHEN EXISTS (
    SELECT 1 FROM hires h WHERE h.customer_id = g.customer_id AND h.slug = g.slug AND h.kind = 'hire'
      AND (h.ended_at IS NULL OR h.ended_at - h.started_at >= ${MIN_PAID_HIRE_MS})
  ) THEN 1.0 ELSE ${UNPAID_RATING_WEIGHT} END AS w FROM given g
),
ratings AS (
  SELECT slug, SUM(stars * w) AS total, SUM(w) AS n, SUM(w > 0) AS counted FROM weighted GROUP BY slug
),
work AS (
  SELECT t.slug, COUNT(*) AS finished, SUM(t.status = 'done') AS done,
         SUM(t.finished_at - t.created_at <= l.response_target_seconds * 1000) AS on_time
  FROM tasks t JOIN listings l ON l.slug = t.slug
  WHERE t.finished_at IS NOT NULL AND t.slug IN (SELECT slug FROM targets) GROUP BY t.slug
),
responses AS (
  SELECT slug, finished_at - created_at AS ms,
         ROW_NUMBER() OVER (PARTITION BY slug ORDER BY finished_at - created_at) AS rn,
         COUNT(*) OVER (PARTITION BY slug) AS cnt
  FROM tasks WHERE finished_at IS NOT NULL AND slug IN (SELECT slug FROM targets)
),
medians AS (SELECT slug, ms FROM responses WHERE rn = cnt / 2 + 1),
r AS (
  SELECT targets.slug, medians.ms AS median_ms,
         COALESCE(ratings.total, 0) AS total, COALESCE(ratings.n, 0) AS n, COALESCE(ratings.counted, 0) AS counted,
         COALESCE(work.finished, 0) AS finished, COALESCE(work.done, 0) AS done, COALESCE(work.on_time, 0) AS on_time
  FROM targets LEFT JOIN ratings ON ratings.slug = targets.slug LEFT JOIN work ON work.slug = targets.slug
  LEFT JOIN medians ON medians.slug = targets.slug
)
UPDATE listings SET
  rating_count = r.counted,
  rating_avg = CASE WHEN r.n > 0 THEN CAST(r.total AS REAL) / r.n END,
  rating_score = (${RATING_PRIOR_MEAN} * ${RATING_PRIOR_WEIGHT} + r.total) / (${RATING_PRIOR_WEIGHT} + r.n),
  tasks_finished = r.finished,
  success_rate = CASE WHEN r.finished > 0 THEN CAST(r.done AS REAL) / r.finished END,
  on_time_rate = CASE WHEN r.finished > 0 THEN CAST(r.on_time AS REAL) / r.finished END,
  median_response_ms = r.median_ms,
  trust_score = 100 * (
    0.6 * (((${RATING_PRIOR_MEAN} * ${RATING_PRIOR_WEIGHT} + r.total) / (${RATING_PRIOR_WEIGHT} + r.n)) - 1) / 4
    + 0.25 * ${smoothed("r.done", "r.finished")}
    + 0.15 * ${smoothed("r.on_time", "r.finished")}
  ),
  updated_at = ?2
FROM r WHERE listings.slug = r.slug`;

/** Every catalogue change bumps this counter; cached catalogue reads are keyed by it. */
export const BUMP_CATALOGUE_VERSION = `INSERT INTO counters (name, value) VALUES ('catalogue', 1)
  ON CONFLICT (name) DO UPDATE SET value = value + 1`;

const BY_SLUGS = refreshReputation("SELECT value FROM json_each(?1)");
/** The listings of the tasks whose `task.assigned` events are listed in ?1 (a JSON array of ids). */
const TASKS_OF_EVENTS = "SELECT DISTINCT slug FROM tasks WHERE event_id IN (SELECT value FROM json_each(?1))";
const BY_TASK_EVENTS = refreshReputation(TASKS_OF_EVENTS);
// Bumps the version only when one of the events is a task's; the message replies that share the
// roll-up change nothing the catalogue shows.
const BUMP_IF_TASK_EVENTS = `INSERT INTO counters (name, value) SELECT 'catalogue', 1 WHERE EXISTS (${TASKS_OF_EVENTS})
  ON CONFLICT (name) DO UPDATE SET value = value + 1`;

/** Refreshes the reputation of the listings named, and bumps the catalogue version. */
export function refreshReputationStatements(d1: D1Database, slugs: readonly string[]): D1PreparedStatement[] {
  if (!slugs.length) return [];
  return [d1.prepare(BY_SLUGS).bind(JSON.stringify([...new Set(slugs)]), Date.now()), d1.prepare(BUMP_CATALOGUE_VERSION)];
}

/**
 * Refreshes the reputation of the listings whose tasks these events assigned (`eventIdsJson`: a
 * JSON array of event ids), after their outcomes are written in the same batch. Events that
 * assigned no task (a customer's message) change nothing and bump nothing.
 */
export function refreshReputationOfTaskEvents(d1: D1Database, eventIdsJson: string): D1PreparedStatement[] {
  return [d1.prepare(BY_TASK_EVENTS).bind(eventIdsJson, Date.now()), d1.prepare(BUMP_IF_TASK_EVENTS).bind(eventIdsJson)];
}
