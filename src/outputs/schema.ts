import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { OUTPUT_CHANNELS, OUTPUT_KINDS, OUTPUT_STATES, OUTPUT_STATUSES } from "../schemas/outputs";

/**
 * What agents produced, for customers to read and for channels to post: one row per
 * publication of a decision (and per daily report). `origin` is the decision id (or
 * `report:<customer>:<day>`); (`origin`, `key`) is unique, so a decision rolled up twice
 * records its outputs once.
 */
export const outputs = sqliteTable(
  "outputs",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    instanceId: text("instance_id"),
    hireId: text("hire_id"),
    taskId: text("task_id"),
    decisionId: text("decision_id"),
    origin: text("origin").notNull(),
    kind: text("kind", { enum: OUTPUT_KINDS }).notNull(),
    channel: text("channel", { enum: OUTPUT_CHANNELS }).notNull(),
    /** `{ repository, number? }` for GitHub. */
    target: text("target", { mode: "json" }).$type<{ repository?: string; number?: number }>(),
    /** The thread it belongs to (see outputThreads); the same key updates the same issue. */
    key: text("key").notNull(),
    subject: text("subject"),
    state: text("state", { enum: OUTPUT_STATES }).notNull().default("open"),
    title: text("title").notNull(),
    body: text("body").notNull(),
    status: text("status", { enum: OUTPUT_STATUSES }).notNull(),
    statusReason: text("status_reason"),
    externalUrl: text("external_url"),
    attempts: integer("attempts").notNull().default(0),
    /** When a channel may try it next (epoch ms); null when there is nothing left to try. */
    nextAttemptAt: integer("next_attempt_at"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    postedAt: integer("posted_at"),
  },
  (t) => [
    uniqueIndex("outputs_origin_key").on(t.origin, t.key),
    index("outputs_customer").on(t.customerId, t.id),
    index("outputs_task").on(t.taskId),
    index("outputs_hire").on(t.hireId, t.id),
    index("outputs_due").on(t.nextAttemptAt),
    // The thread an output belongs to: only its newest output is posted.
    index("outputs_thread").on(t.customerId, t.key),
  ],
);

/**
 * One row per thing an agent keeps current where the customer works (an issue per violation, a
 * review comment per pull request), by customer, target and key. It exists from the first output
 * with its key, posted or not, so a violation found again, or fixed, is known even without a
 * token; `externalId` (the issue number, the comment id) once posted, so the next post updates
 * it. `lease` lets one poster create the external thing at a time.
 */
export const outputThreads = sqliteTable(
  "output_threads",
  {
    customerId: text("customer_id").notNull(),
    /** `github:owner/name` (lower case), or `none`. */
    target: text("target").notNull(),
    key: text("key").notNull(),
    subject: text("subject"),
    kind: text("kind", { enum: OUTPUT_KINDS }).notNull(),
    title: text("title").notNull(),
    state: text("state", { enum: OUTPUT_STATES }).notNull(),
    externalId: text("external_id"),
    externalUrl: text("external_url"),
    lease: integer("lease"),
    /**
     * When a poster last set out to create the external thing: from then on a create may have
     * landed without being recorded, so the next poster looks for it on GitHub before creating.
     */
    createAttemptedAt: integer("create_attempted_at"),
    openedAt: integer("opened_at").notNull(),
    closedAt: integer("closed_at"),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.customerId, t.target, t.key] }), index("output_threads_subject").on(t.customerId, t.target, t.subject)],
);
