import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { AGENT_MESSAGE_STATUSES, AGENT_MESSAGE_TYPES } from "../schemas/organisation";

/**
 * Messages between agents about customers' tasks: the organisation's outbox and the task chain
 * in one. A handoff is recorded here in the transaction of the decision that made it, routed by
 * a coordinator after commit, and delivered as a `handoff.requested` wake event whose id is
 * `<message id>.<attempt>`, so the receiver applies it at most once.
 */
export const agentMessages = sqliteTable(
  "agent_messages",
  {
    id: text("id").primaryKey(),
    type: text("type", { enum: AGENT_MESSAGE_TYPES }).notNull(),
    taskId: text("task_id").notNull(),
    customerId: text("customer_id").notNull(),
    correlationId: text("correlation_id").notNull(),
    traceId: text("trace_id").notNull(),
    fromRole: text("from_role").notNull(),
    fromInstance: text("from_instance"),
    toRole: text("to_role").notNull(),
    toInstance: text("to_instance"),
    status: text("status", { enum: AGENT_MESSAGE_STATUSES }).notNull(),
    attempt: integer("attempt").notNull().default(1),
    /** The wake event of the current delivery attempt. */
    eventId: text("event_id"),
    payload: text("payload", { mode: "json" }).notNull().$type<Record<string, unknown>>(),
    reason: text("reason"),
    deadline: integer("deadline"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    index("agent_messages_task").on(t.taskId, t.createdAt),
    index("agent_messages_status").on(t.status, t.deadline),
    index("agent_messages_event").on(t.eventId),
    index("agent_messages_receiver").on(t.toInstance, t.status),
    index("agent_messages_type").on(t.type, t.createdAt),
    // A trace reads its handoffs (GET /v1/admin/traces/:id, the OTLP export).
    index("agent_messages_trace").on(t.traceId),
  ],
);
