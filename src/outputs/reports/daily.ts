import { fieldCipher } from "../../crypto/env-cipher";
import { jsonChunks } from "../../db/json-rows";
import { errorText, ValidationError } from "../../errors";
import { ReportDestination } from "../../schemas/github";
import { sealOutputTexts } from "../output-content";
import { outputId, threadTarget } from "../output-ids";
import { POSTABLE } from "../deliver-due";
import { KEPT_ON_PLATFORM } from "../records";
import type { DeliverOutputs } from "../wake-extension";
import { activityOf, type Window } from "./activity";
import { reportMarkdown } from "./markdown";

/** The Cron Trigger the daily reports run on (wrangler.toml's crons list it). */
export const DAILY_REPORT_CRON = "0 6 * * *";

const DAY_MS = 86_400_000;
/**
 * Customer ids per round of queries (about 250 customers): they ride in one JSON parameter, and
 * so do their hires' ids, which must stay under D1's statement size.
 */
const CUSTOMER_IDS_BYTES = 8 * 1024;

/** What a run wrote: the day, the reports it made now and the ones already there. */
export interface DailyReportRun {
  date: string;
  written: number;
  existing: number;
}

/**
 * The window a day's report covers: the whole UTC calendar day, [00:00, 24:00). Always the same
 * for a date, whenever the report is written, so consecutive reports neither overlap nor leave
 * gaps.
 */
export function reportWindow(date: string): Window {
  const since = Date.parse(`${date}T00:00:00.000Z`);
  return { since, until: since + DAY_MS };
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export const today = (now: number) => dayOf(now);
/** The latest day that is over, the one a report is written for by default. */
export const yesterday = (now: number) => dayOf(now - DAY_MS);

// Customers with a hire active at some point of the window.
const CUSTOMERS = `SELECT DISTINCT customer_id AS c FROM hires WHERE started_at < ?2 AND (ended_at IS NULL OR ended_at >= ?1) ORDER BY 1`;

// Where each customer wants its report: the oldest connected repository that has a destination.
const DESTINATIONS = `SELECT customer_id AS c, repository, daily_report AS destination FROM connected_repositories
  WHERE daily_report IS NOT NULL AND customer_id IN (SELECT value FROM json_each(?1)) ORDER BY created_at, id`;

const REPORT_ROWS = `SELECT value->>'id' AS id, value->>'c' AS c, value->>'o' AS o, value->>'key' AS key, value->>'ti' AS ti,
  value->>'st' AS st, value->>'b' AS b, value->>'ch' AS ch, value->>'tg' AS tg, value->>'tk' AS tk, value->>'at' AS at FROM json_each(?1)`;

// (origin, key) is unique: a second run the same day writes nothing. The output's title (`st`)
// and body come sealed; the thread's title (`ti`) stays plain (src/outputs/output-content.ts).
const INSERT_REPORTS = `INSERT INTO outputs (id, customer_id, origin, kind, channel, target, key, state, title, body, status, status_reason,
    attempts, next_attempt_at, created_at, updated_at)
  SELECT v.id, v.c, v.o, 'report', v.ch, v.tg, v.key, 'open', v.st, v.b, 'stored', CASE WHEN v.ch = 'none' THEN '${KEPT_ON_PLATFORM}' END,
    0, CASE WHEN v.ch = 'github' THEN v.at END, v.at, v.at
  FROM (${REPORT_ROWS}) v WHERE true ON CONFLICT (origin, key) DO NOTHING`;

const INSERT_THREADS = `INSERT INTO output_threads (customer_id, target, key, kind, title, state, opened_at, updated_at)
  SELECT v.c, v.tk, v.key, 'report', v.ti, 'open', v.at, v.at FROM (${REPORT_ROWS}) v WHERE true
  ON CONFLICT (customer_id, target, key) DO NOTHING`;

/**
 * Writes each customer's report for `date` (a finished UTC day; yesterday by default, so the
 * 06:00 cron reports on the day that has just ended) as a `report` output, once:
 * posted to GitHub (a new issue, or a comment on the issue the customer named) when one of its
 * connected repositories has `dailyReport` set, kept on the platform otherwise. Then hands the
 * GitHub ones to `deliver`. Running it again for the same day writes nothing and delivers what is
 * still stored. Today or a later day is refused (a `ValidationError` on `date`): the day is not
 * over, and a report written now would stand in for the whole day's.
 */
export async function dailyReports(env: Env, options: { deliver: DeliverOutputs; date?: string; now?: number }): Promise<DailyReportRun> {
  const now = options.now ?? Date.now();
  const date = options.date ?? yesterday(now);
  if (date >= today(now))
    throw new ValidationError(`date: ${date} is not over yet (reports cover whole UTC days; the latest is ${yesterday(now)})`, "date");
  const window = reportWindow(date);
  const { results: customers } = await env.DB.prepare(CUSTOMERS).bind(window.since, window.until).all<{ c: string }>();
  const run: DailyReportRun = { date, written: 0, existing: 0 };
  const cipher = fieldCipher(env);
  const origins: string[] = [];
  for (const round of jsonChunks(
    customers.map((r) => r.c),
    CUSTOMER_IDS_BYTES,
  )) {
    const [activity, destinations] = await Promise.all([
      activityOf(env.DB, round, window),
      env.DB.prepare(DESTINATIONS).bind(round).all<{ c: string; repository: string; destination: string }>(),
    ]);
    const where = new Map<string, { repository: string; destination: ReportDestination }>();
    for (const d of destinations.results) {
      const destination = ReportDestination.safeParse(JSON.parse(d.destination));
      if (destination.success && !where.has(d.c)) where.set(d.c, { repository: d.repository, destination: destination.data });
    }
    const key = `report:${date}`;
    const plain = activity.map((a) => {
      const origin = `report:${a.customerId}:${date}`;
      const to = where.get(a.customerId);
      const target = to
        ? { repository: to.repository, ...(to.destination.as === "comment" ? { number: to.destination.issueNumber } : {}) }
        : null;
      origins.push(origin);
      return {
        id: outputId(now, origin, key),
        c: a.customerId,
        o: origin,
        key,
        ti: `Daily report, ${date}`,
        b: reportMarkdown(date, a, window),
        ch: target ? "github" : "none",
        tg: target ? JSON.stringify(target) : null,
        tk: threadTarget(to?.repository),
        at: now,
      };
    });
    const sealed = await sealOutputTexts(
      cipher,
      plain.map((r) => ({ title: r.ti, body: r.b })),
    );
    const rows = plain.map((r, i) => ({ ...r, st: sealed[i]?.title ?? r.ti, b: sealed[i]?.body ?? r.b }));
    for (const json of jsonChunks(rows)) {
      const [inserted] = await env.DB.batch([env.DB.prepare(INSERT_REPORTS).bind(json), env.DB.prepare(INSERT_THREADS).bind(json)]);
      run.written += inserted?.meta.changes ?? 0;
    }
    run.existing += rows.length;
  }
  run.existing -= run.written;
  if (origins.length) await deliverStored(env, options.deliver, origins);
  return run;
}

/** Hands the reports still `stored` for GitHub to the channel; a failure leaves them for its cron job. */
async function deliverStored(env: Env, deliver: DeliverOutputs, origins: readonly string[]): Promise<void> {
  for (const round of jsonChunks(origins)) {
    const { results } = await env.DB.prepare(POSTABLE).bind(round).all<{ id: string }>();
    if (results.length === 0) continue;
    try {
      await deliver(
        env,
        results.map((r) => r.id),
      );
    } catch (error) {
      console.error("delivering daily reports failed; the channel's cron job retries them", { error: errorText(error) });
    }
  }
}
