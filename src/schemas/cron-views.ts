import { z } from "zod";

/** Five cron fields (minute hour day month weekday), as wrangler.toml's `[triggers] crons` write them. */
const CRON_EXPRESSION = /^\S+( \S+){4}$/;

/** `POST /v1/admin/cron/run`: run what a Cron Trigger runs, now. */
export const CronRunRequest = z
  .strictObject({
    cron: z
      .string()
      .max(100)
      .regex(CRON_EXPRESSION, "five cron fields separated by single spaces, e.g. */15 * * * *")
      .default("*/15 * * * *")
      .describe("the trigger to run as (its own jobs run, and those of every trigger): one of wrangler.toml's `crons`"),
  })
  .meta({ id: "CronRunRequest" });
export type CronRunRequest = z.infer<typeof CronRunRequest>;

export const CronRunReport = z
  .object({
    cron: z.string(),
    scheduledTime: z
      .number()
      .int()
      .describe("the minute the run stands for (epoch ms): a second run in the same minute emits no second tick"),
    requeued: z.number().int().describe("events that had never reached the queue, re-sent"),
    steps: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() })),
  })
  .meta({ id: "CronRunReport" });
export type CronRunReport = z.infer<typeof CronRunReport>;
