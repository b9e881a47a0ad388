import { sql } from "drizzle-orm";
import { index, integer, primaryKey, real, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { CACHE_OUTCOMES, DECISION_TIERS, WAKE_OUTCOMES } from "../schemas/decision";
import { EVENT_STATUSES, EVENT_TYPES } from "../schemas/event";
import { CENTRES_OF_EXCELLENCE, DECISION_ACTIONS } from "../schemas/identity";
import { LIFECYCLE_STATES } from "../schemas/lifecycle";

/** Agent definitions (templates) as published: what instances are spawned from. */
export const agentDefinitions = sqliteTable("agent_definitions", {
  slug: text("slug").primaryKey(),
  version: integer("version").notNull(),
  coe: text("coe", { enum: CENTRES_OF_EXCELLENCE }).notNull(),
  role: text("role").notNull(),
  displayName: text("display_name").notNull(),
  definition: text("definition", { mode: "json" }).notNull(),
  updatedAt: integer("updated_at").notNull(),
});

/** One row per agent instance; mirrors the lifecycle state its Durable Object owns. */
export const agentInstances = sqliteTable(
  "agent_instances",
  {
    id: text("id").primaryKey(),
    definitionSlug: text("definition_slug").notNull(),
    state: text("state", { enum: LIFECYCLE_STATES }).notNull(),
    customerId: text("customer_id"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [index("agent_instances_definition").on(t.definitionSlug)],
);

/**
 * The subscription index: which instance wakes for which events, looked up by pattern without
 * touching any agent. `subjectExact` holds a subject filter without wildcards so the common
 * case is an index hit; `subjectGlob` holds one with wildcards (checked after the lookup).
 */
export const subscriptions = sqliteTable(
  "subscriptions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    instanceId: text("instance_id").notNull(),
    eventPattern: text("event_pattern").notNull(),
    subjectExact: text("subject_exact"),
    subjectGlob: text("subject_glob"),
    customerId: text("customer_id"),
  },
  (t) => [index("subscriptions_lookup").on(t.eventPattern, t.customerId, t.subjectExact), index("subscriptions_instance").on(t.instanceId)],
);

/** Every ingested event and where it is in the pipeline. */
export const events = sqliteTable(
  "events",
  {
    id: text("id").primaryKey(),
    type: text("type", { enum: EVENT_TYPES }).notNull(),
    source: text("source").notNull(),
    subject: text("subject").notNull(),
    customerId: text("customer_id"),
    traceId: text("trace_id").notNull(),
    occurredAt: text("occurred_at").notNull(),
    receivedAt: integer("received_at").notNull(),
    payload: text("payload", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    /** pending (accepted, on its way) → delivered | dead; enqueue_failed if the queue refused it; queued once the sweep or a replay re-sent it. */
    status: text("status", { enum: EVENT_STATUSES }).notNull(),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
    matchedCount: integer("matched_count"),
    deliveredAt: integer("delivered_at"),
  },
  // trace_id: a trace is read by its events (GET /v1/admin/traces/:id, the OTLP export), and
  // the trace list asks whether an event is its trace's first (hence received_at too).
  (t) => [
    index("events_received").on(t.receivedAt),
    index("events_trace").on(t.traceId, t.receivedAt),
    // The cron's sweep reads only events that may never have reached the queue: a partial index
    // keeps that read off the whole table (src/wake/ingest.ts, requeueStranded).
    index("events_stranded").on(t.receivedAt).where(sql`status IN ('pending', 'enqueue_failed')`),
  ],
);

/** One row per (event, agent) wake: what happened and how long it took from ingest. */
export const wakeLog = sqliteTable(
  "wake_log",
  {
    eventId: text("event_id").notNull(),
    instanceId: text("instance_id").notNull(),
    outcome: text("outcome", { enum: WAKE_OUTCOMES }).notNull(),
    decisionId: text("decision_id"),
    receivedAt: integer("received_at").notNull(),
    recordedAt: integer("recorded_at").notNull(),
  },
  // Covering (received_at, outcome): the operator's stats count outcomes without reading rows.
  (t) => [primaryKey({ columns: [t.eventId, t.instanceId] }), index("wake_log_received").on(t.receivedAt, t.outcome)],
);

/** Decisions rolled up from the agents' own storage, for cross-agent queries. */
export const decisions = sqliteTable(
  "decisions",
  {
    id: text("id").primaryKey(),
    instanceId: text("instance_id").notNull(),
    eventId: text("event_id").notNull(),
    traceId: text("trace_id").notNull(),
    action: text("action", { enum: DECISION_ACTIONS }).notNull(),
    reason: text("reason").notNull(),
    tier: text("tier", { enum: DECISION_TIERS }).notNull(),
    ruleId: text("rule_id"),
    delegateTo: text("delegate_to"),
    latencyMs: integer("latency_ms").notNull(),
    decidedAt: integer("decided_at").notNull(),
    model: text("model"),
    inputTokens: integer("input_tokens").notNull().default(0),
    outputTokens: integer("output_tokens").notNull().default(0),
    costUsd: real("cost_usd").notNull().default(0),
    /** `hit`, `miss`, or null when the cache was not asked. */
    cache: text("cache", { enum: CACHE_OUTCOMES }),
  },
  // decided_at serves the cost report's window. No index by instance: nothing in D1 queries by
  // agent (an agent's own decisions are read from its own storage), and every index is a write
  // per decision rolled up.
  (t) => [index("decisions_decided_at").on(t.decidedAt)],
);

/** Wake messages that exhausted their retries. Replay sends the message to the wake queue again. */
export const deadLetters = sqliteTable(
  "dead_letters",
  {
    id: text("id").primaryKey(),
    eventId: text("event_id").notNull(),
    message: text("message", { mode: "json" }).notNull(),
    error: text("error").notNull(),
    attempts: integer("attempts").notNull(),
    deadAt: integer("dead_at").notNull(),
    replayedAt: integer("replayed_at"),
    replayCount: integer("replay_count").notNull().default(0),
  },
  // A trace reads its events' dead letters.
  (t) => [index("dead_letters_event").on(t.eventId)],
);

/** Responses to POSTs by (caller, Idempotency-Key), replayed when a request is retried. */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    caller: text("caller").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    status: integer("status"),
    body: text("body"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.caller, t.key] }), index("idempotency_created").on(t.createdAt)],
);
