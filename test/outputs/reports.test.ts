import { and, eq } from "drizzle-orm";
import { describe, expect, inject, it } from "vitest";
import { connectedRepositories } from "../../src/github/schema";
import { outputThreads, outputs } from "../../src/outputs/schema";
import { DAILY_REPORT_CRON, dailyReports, yesterday } from "../../src/outputs/reports/daily";
import { type ScheduledJob, scheduledJobs } from "../../src/platform";
import { jobsFor, onSchedule } from "../../src/scheduled";
import type { ReportDestination } from "../../src/schemas/github";
import { DailyReportRun } from "../../src/schemas/outputs";
import { DEFAULT_VISION_RULES, VisionRules } from "../../src/schemas/vision";
import { admin, env, unique } from "../helpers";
import { jsonOf } from "../marketplace/helpers";
import { githubRepo, githubState } from "../servers/github-control";
import type { WakeResult } from "../../src/schemas/decision";
import { db, decided, type Hired, hiredAgent, opened, rollUp, taskFor, violation } from "./records-fixtures";

// The daily report: what happened, counted from the rows the platform wrote, once per customer
// and day, posted where the customer asked.

const HOUR = 3_600_000;
const DAY = "2031-05-14";
const MIDNIGHT = Date.parse(`${DAY}T00:00:00.000Z`);
const NOON = MIDNIGHT + 12 * HOUR;
/** The cron's run the next morning (06:00 UTC): it writes DAY's report, the whole day. */
const NEXT_MORNING = NOON + 18 * HOUR;
const githubUrl = inject("githubUrl");

const deliveries: string[][] = [];
const deliver = async (_env: Env, ids: readonly string[]) => {
  deliveries.push([...ids]);
};

const reportsOf = async (customerId: string) =>
  opened(
    await db()
      .select()
      .from(outputs)
      .where(and(eq(outputs.customerId, customerId), eq(outputs.kind, "report")))
      .all(),
  );

async function connect(who: Hired, repository: string, dailyReport: ReportDestination | null, createdAt = Date.now(), token?: string) {
  await db()
    .insert(connectedRepositories)
    .values({
      id: unique("repo"),
      customerId: who.customerId,
      repository,
      fullName: repository.toLowerCase(),
      webhookSecret: "secret",
      visionRules: VisionRules.parse(DEFAULT_VISION_RULES),
      dailyReport,
      token: token ?? null,
      createdAt,
      updatedAt: createdAt,
    });
}

const sql = (query: string, ...params: unknown[]) =>
  env.DB.prepare(query)
    .bind(...params)
    .run();

/** A decided result as if the agent decided it at `ms`: its outputs are written then. */
function at(result: WakeResult, ms: number): WakeResult {
  if (!result.decision) throw new Error("no decision");
  return { ...result, recordedAt: ms, eventReceivedAt: ms - 10, decision: { ...result.decision, decidedAt: ms } };
}

/** Moves a customer's hire into the report's day (the rows record when things happened). */
const hiredThatDay = (who: Hired) => sql(`UPDATE hires SET started_at = ? WHERE customer_id = ?`, NOON - 3_600_000, who.customerId);

describe("daily reports", () => {
  it("counts each agent's tasks, decisions by tier, spend, handoffs, and the violations found and fixed", async () => {
    const who = await hiredAgent();
    const done = await taskFor(who, "Done task");
    const failed = await taskFor(who, "Failed task");
    await taskFor(who, "Open task");
    const late = await taskFor(who, "Finished the day after");
    await sql(`UPDATE tasks SET status = 'done', finished_at = ? WHERE id = ?`, NOON, done.id);
    await sql(`UPDATE tasks SET status = 'needs_human', finished_at = ? WHERE id = ?`, NOON, failed.id);
    await sql(`UPDATE tasks SET status = 'done', finished_at = ? WHERE id = ?`, NEXT_MORNING - 1, late.id);

    const repo = "Acme/Site";
    const check = at(decided(who.instanceId, [violation(repo, "a.md"), violation(repo, "b.md")]), NOON);
    const llm = at(decided(who.instanceId, []), NOON);
    if (!llm.decision) throw new Error("no decision");
    llm.decision = { ...llm.decision, tier: "llm", costUsd: 0.0125 };
    await rollUp([check, llm]);
    await rollUp([
      at(
        decided(who.instanceId, [{ ...violation(repo, "b.md"), resolves: { keyPrefix: "vision:", subjects: ["a.md", "b.md"] } }]),
        NOON + HOUR,
      ),
    ]);
    await sql(
      `INSERT INTO agent_messages (id, type, task_id, customer_id, correlation_id, trace_id, from_role, from_instance, to_role, to_instance,
         status, payload, created_at, updated_at) VALUES (?1, 'handoff', ?2, ?3, ?2, 't', 'vision', ?4, 'writer', 'someone-else', 'acked', '{}', ?5, ?5)`,
      unique("msg"),
      done.id,
      who.customerId,
      who.instanceId,
      NOON,
    );
    await hiredThatDay(who);

    await dailyReports(env, { deliver, date: DAY, now: NEXT_MORNING });
    const [report, ...more] = await reportsOf(who.customerId);
    expect(more).toEqual([]);
    expect(report).toMatchObject({ origin: `report:${who.customerId}:${DAY}`, key: `report:${DAY}`, channel: "none", status: "stored" });
    const body = report?.body ?? "";
    expect(body).toContain(`# Daily report, ${DAY}`);
    expect(body).toContain(`on ${DAY} (UTC), from ${DAY}T00:00:00Z to 2031-05-15T00:00:00Z`);
    // Tasks: 1 done and 1 failed (handed to a person) that day, 1 still open (the late one is
    // the next day's). Decisions: 2 by rules, 1 by the model and what it cost; 1 handoff sent.
    expect(body).toContain(`| vision (\`${who.hireId}\`) | 1 | 1 | 1 | 2 | 0 | 1 | 0 | $0.0125 | 1 | 0 |`);
    expect(body).toContain("Total spend: $0.0125.");
    // Two violations found on the repository, one of them fixed.
    expect(body).toContain("| acme/site | 2 | 1 |");
  });

  it("writes one report per customer and day, however often it runs", async () => {
    const who = await hiredAgent();
    await hiredThatDay(who);
    const first = await dailyReports(env, { deliver, date: DAY, now: NEXT_MORNING });
    const second = await dailyReports(env, { deliver, date: DAY, now: NEXT_MORNING + 60_000 });
    expect(first.written).toBeGreaterThanOrEqual(1);
    expect(second.written).toBe(0);
    expect(second.existing).toBe(first.written + first.existing);
    expect(await reportsOf(who.customerId)).toHaveLength(1);
    // A customer hired after that day gets none.
    const later = await hiredAgent();
    await sql(`UPDATE hires SET started_at = ? WHERE customer_id = ?`, NEXT_MORNING + 1, later.customerId);
    await dailyReports(env, { deliver, date: DAY, now: NEXT_MORNING });
    expect(await reportsOf(later.customerId)).toEqual([]);
  });

  it("goes where the customer asked: a new issue, a comment on its issue, or kept on the platform", async () => {
    const asIssue = await hiredAgent();
    const asComment = await hiredAgent();
    const kept = await hiredAgent();
    for (const who of [asIssue, asComment, kept]) await hiredThatDay(who);
    await connect(asIssue, "Acme/Reports", { as: "issue" }, 1);
    await connect(asIssue, "acme/other", { as: "comment", issueNumber: 9 }, 2);
    await connect(asComment, "beta/app", { as: "comment", issueNumber: 42 });
    await connect(kept, "gamma/site", null);
    await dailyReports(env, { deliver, date: DAY, now: NEXT_MORNING });

    const [issue] = await reportsOf(asIssue.customerId);
    expect(issue).toMatchObject({
      channel: "github",
      target: { repository: "Acme/Reports" },
      status: "stored",
      nextAttemptAt: NEXT_MORNING,
    });
    const [comment] = await reportsOf(asComment.customerId);
    expect(comment).toMatchObject({ channel: "github", target: { repository: "beta/app", number: 42 } });
    const [none] = await reportsOf(kept.customerId);
    expect(none).toMatchObject({ channel: "none", target: null, statusReason: "kept on the platform", nextAttemptAt: null });
    // The GitHub ones were handed to delivery; the kept one was not.
    const handed = deliveries.flat();
    expect(handed).toEqual(expect.arrayContaining([issue?.id, comment?.id]));
    expect(handed).not.toContain(none?.id);
    // Its thread, so the channel can keep one issue or comment per day.
    const thread = await db().select().from(outputThreads).where(eq(outputThreads.customerId, asComment.customerId)).get();
    expect(thread).toMatchObject({ target: "github:beta/app", key: `report:${DAY}`, kind: "report", state: "open" });
  });

  it("counts violations from what the agents reported that day: one found again, one fixed and back again", async () => {
    const who = await hiredAgent();
    await sql(`UPDATE hires SET started_at = ? WHERE customer_id = ?`, MIDNIGHT - 2 * HOUR * 24, who.customerId);
    const repo = "acme/docs";
    // The day before: both found (their threads open then, and never reopen later).
    await rollUp([at(decided(who.instanceId, [violation(repo, "a.md"), violation(repo, "b.md")]), MIDNIGHT - 12 * HOUR)]);
    // That day: a.md still there, b.md fixed in the morning and back in the afternoon.
    const fixB = { keyPrefix: "vision:", subjects: ["a.md", "b.md"] };
    await rollUp([at(decided(who.instanceId, [{ ...violation(repo, "a.md"), resolves: fixB }]), MIDNIGHT + 9 * HOUR)]);
    await rollUp([at(decided(who.instanceId, [violation(repo, "a.md"), violation(repo, "b.md")]), MIDNIGHT + 15 * HOUR)]);

    await dailyReports(env, { deliver, date: DAY, now: NEXT_MORNING });
    await dailyReports(env, { deliver, date: "2031-05-13", now: NEXT_MORNING });
    const body = (date: string) => reportsOf(who.customerId).then((all) => all.find((r) => r.key === `report:${date}`)?.body ?? "");
    // Found: a.md (found again) and b.md (back again); fixed: b.md, though its thread is open now.
    expect(await body(DAY)).toContain("| acme/docs | 2 | 1 |");
    expect(await body(DAY)).toContain("Found: the violations your agents reported open that day");
    // The day before: both found, none fixed.
    expect(await body("2031-05-13")).toContain("| acme/docs | 2 | 0 |");
  });

  it("covers the whole UTC day whenever it runs, and by default the day that has just ended", async () => {
    const who = await hiredAgent();
    await sql(`UPDATE hires SET started_at = ? WHERE customer_id = ?`, MIDNIGHT - 2 * HOUR * 24, who.customerId);
    const finished = { dayBefore: MIDNIGHT - 1, first: MIDNIGHT, last: MIDNIGHT + 24 * HOUR - 1, nextDay: MIDNIGHT + 24 * HOUR };
    for (const [title, when] of Object.entries(finished)) {
      const task = await taskFor(who, title);
      await sql(`UPDATE tasks SET status = 'done', finished_at = ? WHERE id = ?`, when, task.id);
    }
    const row = `| vision (\`${who.hireId}\`) |`;
    // An operator runs it half an hour after midnight, before the cron: the whole day, not a window ending now.
    const early = await dailyReports(env, { deliver, now: MIDNIGHT + 24 * HOUR + HOUR / 2 });
    expect(early).toMatchObject({ date: DAY });
    const [report] = await reportsOf(who.customerId);
    expect(report).toMatchObject({ key: `report:${DAY}`, title: `Daily report, ${DAY}` });
    expect(report?.body).toContain(`from ${DAY}T00:00:00Z to 2031-05-15T00:00:00Z`);
    expect(report?.body).toContain(`${row} 2 | 0 |`);
    // The 06:00 cron then finds it written; the next day's report starts where this one ended.
    const cron = await dailyReports(env, { deliver, now: NEXT_MORNING });
    expect(cron).toMatchObject({ date: DAY, written: 0 });
    expect(await dailyReports(env, { deliver, now: NEXT_MORNING + 24 * HOUR })).toMatchObject({ date: "2031-05-15" });
    const next = (await reportsOf(who.customerId)).find((r) => r.key === "report:2031-05-15");
    expect(next?.body).toContain(`${row} 1 | 0 |`);
  });

  it("refuses a day that is not over: its report would stand in for the whole day", async () => {
    await hiredThatDay(await hiredAgent());
    for (const date of [DAY, "2031-05-15"])
      await expect(dailyReports(env, { deliver, date, now: NOON })).rejects.toMatchObject({
        field: "date",
        message: expect.stringContaining("not over yet"),
      });
  });

  it("the 06:00 cron job writes yesterday's report", async () => {
    const who = await hiredAgent();
    await sql(`UPDATE hires SET started_at = ? WHERE customer_id = ?`, Date.now() - 2 * 24 * HOUR, who.customerId);
    const job = jobsFor(DAILY_REPORT_CRON, scheduledJobs).find((j) => j.name === "write the daily reports");
    await job?.run(env);
    const day = yesterday(Date.now());
    expect((await reportsOf(who.customerId)).map((r) => r.title)).toEqual([`Daily report, ${day}`]);
  });

  it("POST /v1/admin/reports/daily writes yesterday's now, idempotently, and posts it to GitHub", async () => {
    const who = await hiredAgent();
    await sql(`UPDATE hires SET started_at = ? WHERE customer_id = ?`, Date.now() - 2 * 24 * HOUR, who.customerId);
    const repository = `${unique("Acme")}/Reports`;
    const token = `ghp_${crypto.randomUUID()}`;
    await githubRepo(githubUrl, repository, token);
    await connect(who, repository, { as: "issue" }, Date.now(), token);

    const first = DailyReportRun.parse(await jsonOf(admin("/v1/admin/reports/daily", { method: "POST" }), 200));
    expect(first.date).toBe(yesterday(Date.now()));
    const [report] = await reportsOf(who.customerId);
    expect(report).toMatchObject({ key: `report:${first.date}`, status: "posted" });
    // The issue the customer reads on GitHub.
    const { issues } = await githubState(githubUrl, repository);
    expect(issues.map((i) => i.title)).toEqual([`Daily report, ${first.date}`]);
    expect(issues[0]?.body).toContain(`# Daily report, ${first.date}`);

    const again = DailyReportRun.parse(await jsonOf(admin("/v1/admin/reports/daily", { method: "POST", json: { date: first.date } }), 200));
    expect(again.written).toBe(0);
    expect(await reportsOf(who.customerId)).toHaveLength(1);
    expect((await githubState(githubUrl, repository)).issues).toHaveLength(1);
    // Any finished day may be asked for; nobody was hired on this one.
    expect(
      DailyReportRun.parse(await jsonOf(admin("/v1/admin/reports/daily", { method: "POST", json: { date: "2020-01-01" } }), 200)).written,
    ).toBe(0);

    const bad = await admin("/v1/admin/reports/daily", { method: "POST", json: { date: "14/05/2031" } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "date" } });
    for (const date of [new Date().toISOString().slice(0, 10), "2999-01-01"]) {
      const notOver = await admin("/v1/admin/reports/daily", { method: "POST", json: { date } });
      expect(notOver.status).toBe(400);
      expect(await notOver.json()).toMatchObject({ error: { field: "date", message: expect.stringContaining("not over yet") } });
    }
  });
});

describe("cron jobs with an expression", () => {
  it("run only on their own trigger; jobs without one run on every trigger", async () => {
    const ran: string[] = [];
    const jobs: ScheduledJob[] = [
      { name: "always", run: async () => ran.push("always") },
      { name: "daily", cron: "0 6 * * *", run: async () => ran.push("daily") },
    ];
    await onSchedule({ cron: "*/15 * * * *", scheduledTime: Date.now() }, env, jobs);
    expect(ran).toEqual(["always"]);
    ran.length = 0;
    await onSchedule({ cron: "0 6 * * *", scheduledTime: Date.now() }, env, jobs);
    expect(ran.sort()).toEqual(["always", "daily"]);
    // The platform's daily report job is on the daily trigger only.
    expect(jobsFor("*/15 * * * *", scheduledJobs).map((j) => j.name)).not.toContain("write the daily reports");
    expect(jobsFor(DAILY_REPORT_CRON, scheduledJobs).map((j) => j.name)).toContain("write the daily reports");
  });
});
