import { z } from "zod";

/**
 * wrangler.toml's `[triggers] crons` (Workers cannot read their own triggers at run time;
 * test/schemas/cron-triggers.node.test.ts fails when these drift).
 */
export const CRON_TRIGGERS = ["*/15 * * * *", "0 9 * * 1", "0 6 * * *"] as const;

/** `POST /v1/admin/cron/run`: run what a Cron Trigger runs, now. */
export const CronRunRequest = z
  .strictObject({
    cron: z
      .enum(CRON_TRIGGERS)
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
    more: z.boolean().describe("true: the re-send stopped at its time budget (or a refused page) with events left: run it again"),
    steps: z.array(z.object({ name: z.string(), ok: z.boolean(), error: z.string().optional() })),
  })
  .meta({ id: "CronRunReport" });
export type CronRunReport = z.infer<typeof CronRunReport>;
