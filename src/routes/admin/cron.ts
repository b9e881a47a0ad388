import { Hono } from "hono";
import { audit } from "../../http/audit";
import { jsonBody } from "../../http/validate";
import { runSchedule } from "../../scheduled";
import { CronRunReport, CronRunRequest } from "../../schemas/cron-views";
import type { AppEnv } from "../../types";

const MINUTE_MS = 60_000;

/**
 * Runs what a Cron Trigger runs, on demand: after an incident an operator need not wait for the
 * next trigger to re-send stranded events, and locally (where nothing fires Cron Triggers) the
 * soak and `npm start` users can run it.
 */
export const adminCronRoutes = new Hono<AppEnv>().post("/run", async (c) => {
  const { cron } = await jsonBody(c, CronRunRequest, { optional: true });
  // The tick's id is per cron and minute, as a real trigger's: a repeat within the minute emits none.
  const scheduledTime = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS;
  const run = await runSchedule({ cron, scheduledTime }, c.env);
  const report = CronRunReport.parse({ cron, scheduledTime, requeued: run.requeued, more: run.more, steps: run.steps });
  await audit(c, {
    action: "cron.run",
    target: { type: "cron", id: cron },
    after: { requeued: report.requeued, more: report.more, failed: report.steps.filter((s) => !s.ok).map((s) => s.name) },
  });
  return c.json(report);
});
