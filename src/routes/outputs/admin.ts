import { Hono } from "hono";
import { fieldCipher } from "../../crypto/env-cipher";
import { audit } from "../../http/audit";
import { operatorAuth } from "../../http/auth";
import { jsonBody, queryOf } from "../../http/validate";
import { deliverOutputs } from "../../outputs/deliver";
import { dailyReports } from "../../outputs/reports/daily";
import { getOutput, listOutputs } from "../../outputs/records-query";
import { DailyReportRequest, OutputListQuery } from "../../schemas/outputs";
import type { AppEnv } from "../../types";

/** Every customer's outputs, for operators (`customer` narrows to one). */
export const adminOutputRoutes = new Hono<AppEnv>()
  .use(operatorAuth)
  .get("/", async (c) => c.json(await listOutputs(c.env.DB, queryOf(c, OutputListQuery), fieldCipher(c.env))))
  .get("/:id", async (c) => c.json(await getOutput(c.env.DB, fieldCipher(c.env), c.req.param("id"))));

/**
 * The daily reports, now, for a finished UTC day (the cron writes yesterday's at 06:00 UTC):
 * once per customer and day.
 */
export const adminReportRoutes = new Hono<AppEnv>().use(operatorAuth).post("/daily", async (c) => {
  // The body is optional: `curl -X POST` without one reports on yesterday.
  const { date } = c.req.header("content-type")?.includes("json") ? await jsonBody(c, DailyReportRequest) : {};
  const deliver = (env: Env, ids: readonly string[]) => deliverOutputs(env, { ids });
  const run = await dailyReports(c.env, { deliver, ...(date ? { date } : {}) });
  await audit(c, { action: "report.daily", target: { type: "daily_report", id: date ?? null }, after: run });
  return c.json(run);
});
