import { CustomerOutputQuery, DailyReportRequest, DailyReportRun, OutputListQuery, OutputPage, OutputView } from "../../schemas/outputs";
import { describeRoute } from "./registry";

// Outputs (src/routes/outputs): what agents produced, for customers and operators, and the daily reports.

const BODY_IS_UNTRUSTED =
  "`body` is Markdown written by an agent (and may quote webhook content): render it as untrusted text, never as HTML.";

describeRoute({
  method: "get",
  path: "/v1/outputs",
  operationId: "listOutputs",
  summary: "Your agents' outputs, newest first",
  description: `Documents (deliverables), GitHub issues, comments, reviews and daily reports, each with its status (\`stored\`, \`posted\` with its URL, \`failed\`) and the reason. Filter by \`task\`, \`hire\`, \`kind\`, \`status\`; a task or hire that is not yours gives an empty page. ${BODY_IS_UNTRUSTED}`,
  tags: ["outputs"],
  auth: "customer",
  query: CustomerOutputQuery,
  responses: { 200: { description: "A page of outputs; pass `nextCursor` as `cursor` for the next", schema: OutputPage } },
});
describeRoute({
  method: "get",
  path: "/v1/outputs/{id}",
  operationId: "getOutput",
  summary: "One of your outputs",
  description: BODY_IS_UNTRUSTED,
  tags: ["outputs"],
  auth: "customer",
  responses: { 200: { description: "The output", schema: OutputView } },
  errors: { 404: "No such output, or not yours (indistinguishable)" },
});
describeRoute({
  method: "get",
  path: "/v1/admin/outputs",
  operationId: "adminListOutputs",
  summary: "Every customer's outputs, newest first",
  tags: ["admin", "outputs"],
  auth: "operator",
  query: OutputListQuery,
  responses: { 200: { description: "A page of outputs", schema: OutputPage } },
});
describeRoute({
  method: "get",
  path: "/v1/admin/outputs/{id}",
  operationId: "adminGetOutput",
  summary: "One output",
  tags: ["admin", "outputs"],
  auth: "operator",
  responses: { 200: { description: "The output", schema: OutputView } },
  errors: { 404: "No such output" },
});
describeRoute({
  method: "post",
  path: "/v1/admin/reports/daily",
  idempotencyKey: false,
  operationId: "adminWriteDailyReports",
  summary: "Write the daily reports now",
  description:
    "What the 06:00 UTC Cron Trigger does for the day that has just ended: a Markdown report per customer with a hire that day, covering the whole UTC day from 00:00 to 24:00 (per agent: tasks, decisions by tier, spend, handoffs; per repository, violations found and fixed, counted from the issue outputs written that day), as a `report` output posted where the customer configured `dailyReport` on a connected repository, kept on the platform otherwise. The body is optional: without `date` it reports on yesterday; `date` may name any finished day, and today or a later day is a 400 on `date` (the day is not over). Once per customer and day: repeating it writes nothing new.",
  tags: ["admin", "outputs"],
  auth: "operator",
  body: DailyReportRequest,
  example: { date: "2026-12-01" },
  responses: { 200: { description: "How many reports were written now, and how many were already there", schema: DailyReportRun } },
  errors: { 400: "`date` is not a YYYY-MM-DD date, or the day is not over yet" },
});
