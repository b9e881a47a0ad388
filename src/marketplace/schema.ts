import { sql } from "drizzle-orm";
import { index, integer, real, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { CENTRES_OF_EXCELLENCE } from "../schemas/identity";
import { HIRE_KINDS, HIRE_STATUSES, MESSAGE_STATUSES, TASK_STATUSES } from "../schemas/marketplace";
import type { TaskOutput } from "../schemas/marketplace-views";

/** Customers (tenants) of the marketplace. */
export const customers = sqliteTable("customers", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  createdAt: integer("created_at").notNull(),
  /** When the customer followed the verification link; a trial needs it. */
  emailVerifiedAt: integer("email_verified_at"),
});

/**
 * The pending e-mail verification of a customer (one at a time): only a SHA-256 of the link's
 * token is kept. Deleted when used (single use); past `expires_at` it no longer verifies. A
 * row with `sent_at` null has not reached the e-mail service yet: the cron sends it again
 * (with a new token) from `next_attempt_at`, so a failing service never loses a sign-up.
 */
export const emailVerifications = sqliteTable(
  "email_verifications",
  {
    customerId: text("customer_id").primaryKey(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: integer("expires_at").notNull(),
    /** Where the link points (the origin the customer signed up at). */
    linkBase: text("link_base").notNull(),
    sentAt: integer("sent_at"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: integer("next_attempt_at"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("email_verifications_token").on(t.tokenHash), index("email_verifications_unsent").on(t.sentAt, t.nextAttemptAt)],
);

/** API keys: only a SHA-256 of each key is stored; the key itself is shown once. */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    label: text("label").notNull(),
    /** The first characters, so a customer can tell keys apart. */
    prefix: text("prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Written at most once per LAST_USED_RESOLUTION_MS per isolate (src/http/key-usage.ts). */
    lastUsedAt: integer("last_used_at"),
    revokedAt: integer("revoked_at"),
    /** `full`, `read` (GET/HEAD only) or `hire:<hireId>` (that hire's routes and tasks only): src/http/key-scope.ts. */
    scope: text("scope").notNull().default("full"),
    /** After this, the key answers 401 `key_expired`; null never expires. */
    expiresAt: integer("expires_at"),
  },
  (t) => [uniqueIndex("api_keys_hash").on(t.keyHash), index("api_keys_customer").on(t.customerId)],
);

/**
 * The catalogue: one row per listed definition with its measured reputation, kept current
 * when ratings, reviews or tasks change. Full-text search runs over `listings_fts` (FTS5,
 * created by hand in a custom migration: drizzle-kit does not model virtual tables).
 */
export const listings = sqliteTable(
  "listings",
  {
    slug: text("slug").primaryKey(),
    coe: text("coe", { enum: CENTRES_OF_EXCELLENCE }).notNull(),
    role: text("role").notNull(),
    displayName: text("display_name").notNull(),
    tagline: text("tagline").notNull(),
    priceUsdPerMonth: real("price_usd_per_month").notNull(),
    responseTargetSeconds: integer("response_target_seconds").notNull(),
    industries: text("industries", { mode: "json" }).notNull().$type<string[]>(),
    languages: text("languages", { mode: "json" }).notNull().$type<string[]>(),
    skills: text("skills", { mode: "json" }).notNull().$type<string[]>(),
    ratingAvg: real("rating_avg"),
    ratingCount: integer("rating_count").notNull().default(0),
    /** Bayesian average of ratings, used for sorting and the trust score. */
    ratingScore: real("rating_score").notNull(),
    trustScore: real("trust_score").notNull(),
    tasksFinished: integer("tasks_finished").notNull().default(0),
    successRate: real("success_rate"),
    onTimeRate: real("on_time_rate"),
    medianResponseMs: integer("median_response_ms"),
    listed: integer("listed", { mode: "boolean" }).notNull().default(true),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("listings_trust").on(t.trustScore, t.slug),
    index("listings_price").on(t.priceUsdPerMonth, t.slug),
    index("listings_rating").on(t.ratingScore, t.slug),
  ],
);

/** A trial or a hire: an agent instance bound to one customer. */
export const hires = sqliteTable(
  "hires",
  {
    id: text("id").primaryKey(),
    customerId: text("customer_id").notNull(),
    slug: text("slug").notNull(),
    instanceId: text("instance_id").notNull(),
    kind: text("kind", { enum: HIRE_KINDS }).notNull(),
    status: text("status", { enum: HIRE_STATUSES }).notNull(),
    startedAt: integer("started_at").notNull(),
    /** Trials only: when the trial ends unless converted. */
    endsAt: integer("ends_at"),
    taskLimit: integer("task_limit"),
    convertedAt: integer("converted_at"),
    endedAt: integer("ended_at"),
    endReason: text("end_reason"),
    /** Never changes (unlike `kind`): one trial per customer and agent, enforced by the index. */
    startedAsTrial: integer("started_as_trial", { mode: "boolean" }).notNull().default(false),
    /**
     * Trials only: who trialled, by verified e-mail (its domain, or the whole address at a public
     * provider, src/marketplace/trial-identity.ts): one trial per agent per identity, by index.
     */
    trialIdentity: text("trial_identity"),
  },
  (t) => [
    index("hires_customer").on(t.customerId, t.startedAt),
    index("hires_trial_end").on(t.status, t.endsAt),
    uniqueIndex("hires_one_trial").on(t.customerId, t.slug).where(sql`started_as_trial = 1`),
    uniqueIndex("hires_one_trial_per_identity").on(t.slug, t.trialIdentity).where(sql`started_as_trial = 1`),
  ],
);

/** Work a customer gave a hired agent; `event_id` is the task.assigned event. */
export const tasks = sqliteTable(
  "tasks",
  {
    id: text("id").primaryKey(),
    hireId: text("hire_id").notNull(),
    customerId: text("customer_id").notNull(),
    slug: text("slug").notNull(),
    instanceId: text("instance_id").notNull(),
    title: text("title").notNull(),
    instructions: text("instructions").notNull(),
    inputs: text("inputs", { mode: "json" }).notNull(),
    status: text("status", { enum: TASK_STATUSES }).notNull(),
    output: text("output", { mode: "json" }).$type<TaskOutput>(),
    eventId: text("event_id").notNull(),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
    ratingStars: integer("rating_stars"),
    ratingComment: text("rating_comment"),
  },
  // tasks_event: a wake roll-up and a dead letter find a task by the event that carried it.
  (t) => [
    index("tasks_hire").on(t.hireId, t.createdAt),
    index("tasks_slug_finished").on(t.slug, t.finishedAt),
    index("tasks_customer").on(t.customerId, t.createdAt),
    index("tasks_event").on(t.eventId),
  ],
);

/** A task's timeline: created, decided, messages, rating. */
export const taskHistory = sqliteTable(
  "task_history",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    taskId: text("task_id").notNull(),
    at: integer("at").notNull(),
    kind: text("kind").notNull(),
    detail: text("detail", { mode: "json" }).notNull(),
  },
  (t) => [index("task_history_task").on(t.taskId, t.id)],
);

/** Messages from a customer to the agent about a task; answered in order. */
export const taskMessages = sqliteTable(
  "task_messages",
  {
    id: text("id").primaryKey(),
    taskId: text("task_id").notNull(),
    customerId: text("customer_id").notNull(),
    text: text("text").notNull(),
    status: text("status", { enum: MESSAGE_STATUSES }).notNull(),
    reply: text("reply", { mode: "json" }).$type<TaskOutput>(),
    eventId: text("event_id").notNull(),
    createdAt: integer("created_at").notNull(),
    answeredAt: integer("answered_at"),
  },
  (t) => [index("task_messages_task").on(t.taskId, t.createdAt), index("task_messages_event").on(t.eventId)],
);

/** One review per hire or trial, by the customer who had it. */
export const reviews = sqliteTable(
  "reviews",
  {
    id: text("id").primaryKey(),
    hireId: text("hire_id").notNull(),
    customerId: text("customer_id").notNull(),
    slug: text("slug").notNull(),
    stars: integer("stars").notNull(),
    text: text("text").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("reviews_hire").on(t.hireId), index("reviews_slug").on(t.slug, t.createdAt)],
);

/** Small named counters; `catalogue` versions the edge cache of catalogue reads. */
export const counters = sqliteTable("counters", {
  name: text("name").primaryKey(),
  value: integer("value").notNull(),
});
