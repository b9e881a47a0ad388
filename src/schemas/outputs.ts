import { z } from "zod";
import { PUBLICATION_KINDS, PublicationKind } from "./decision";

export { PUBLICATION_KINDS as OUTPUT_KINDS };
export const OutputKind = PublicationKind;
export type OutputKind = z.infer<typeof OutputKind>;

/** `stored` (kept here; posted later if it has a channel) → `posted` | `failed` (gave up; the reason says why). */
export const OUTPUT_STATUSES = ["stored", "posted", "failed"] as const;
export const OutputStatus = z.enum(OUTPUT_STATUSES);
export type OutputStatus = z.infer<typeof OutputStatus>;

/** Where an output goes: nowhere (kept on the platform) or GitHub. */
export const OUTPUT_CHANNELS = ["none", "github"] as const;
export const OutputChannel = z.enum(OUTPUT_CHANNELS);
export type OutputChannel = z.infer<typeof OutputChannel>;

/** Whether the thing it posts is open, or closed (a violation fixed). */
export const OUTPUT_STATES = ["open", "closed"] as const;

/** An output as customers and operators read it. */
export const OutputView = z
  .object({
    id: z.string(),
    customerId: z.string(),
    instanceId: z.string().nullable(),
    hireId: z.string().nullable().describe("The hire of the agent that produced it."),
    taskId: z.string().nullable(),
    decisionId: z.string().nullable(),
    kind: OutputKind,
    channel: OutputChannel,
    target: z.object({ repository: z.string().optional(), number: z.number().int().optional() }).nullable(),
    key: z.string(),
    subject: z.string().nullable().describe("What it is about (a file path), when it says."),
    state: z.enum(OUTPUT_STATES),
    title: z.string(),
    body: z.string().describe("Markdown, as written by the agent: render it as untrusted text."),
    status: OutputStatus,
    statusReason: z.string().nullable(),
    externalUrl: z.string().nullable(),
    attempts: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
    postedAt: z.number().int().nullable(),
  })
  .meta({ id: "Output" });
export type OutputView = z.infer<typeof OutputView>;

export const OutputListQuery = z.object({
  task: z.string().min(1).max(128).optional(),
  hire: z.string().min(1).max(128).optional(),
  kind: OutputKind.optional(),
  status: OutputStatus.optional(),
  customer: z.string().min(1).max(128).optional().describe("Operators only: one customer's outputs."),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().min(1).max(200).optional(),
});
export type OutputListQuery = z.infer<typeof OutputListQuery>;

/** A customer's filters: their own outputs only, so no `customer`. */
export const CustomerOutputQuery = OutputListQuery.omit({ customer: true });

export const OutputPage = z.object({ items: z.array(OutputView), nextCursor: z.string().nullable() }).meta({ id: "OutputPage" });
export type OutputPage = z.infer<typeof OutputPage>;

/** `POST /v1/admin/reports/daily`: the finished UTC day to report on, yesterday by default. */
export const DailyReportRequest = z
  .object({
    date: z.iso
      .date()
      .optional()
      .describe(
        "YYYY-MM-DD: a UTC day that is over (before today); yesterday by default. The report covers the whole day, 00:00 to 24:00 UTC.",
      ),
  })
  .meta({ id: "DailyReportRequest" });

/** What a daily-report run did: reports written now, and those that were already there (a second run for the same day writes none). */
export const DailyReportRun = z
  .object({ date: z.string(), written: z.number().int(), existing: z.number().int() })
  .meta({ id: "DailyReportRun" });
export type DailyReportRun = z.infer<typeof DailyReportRun>;
