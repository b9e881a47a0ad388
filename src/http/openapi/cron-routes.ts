import { CronRunReport, CronRunRequest } from "../../schemas/cron-views";
import { describeRoute } from "./registry";

// Running the cron by hand, as routed in src/routes/admin/cron.ts.

describeRoute({
  method: "post",
  path: "/v1/admin/cron/run",
  operationId: "adminRunCron",
  summary: "Run what a Cron Trigger runs, now",
  description:
    "Emits the trigger's schedule tick, re-sends events that never reached the queue (refused at ingest, or `pending` for more than " +
    "five minutes), and runs the housekeeping jobs of that trigger and of every trigger. Each step reports its own outcome; a failed " +
    "step stops none of the others. Locally nothing fires Cron Triggers: this is how to run them.",
  tags: ["admin"],
  auth: "operator",
  body: CronRunRequest,
  bodyOptional: true,
  example: { cron: "*/15 * * * *" },
  responses: { 200: { description: "What the run did, step by step", schema: CronRunReport } },
});
