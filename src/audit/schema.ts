import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { AUDIT_ACTOR_KINDS, AUDIT_OUTCOMES } from "../schemas/audit";

/**
 * The audit log: append-only, hash-chained (src/audit/chain.ts). Only the AuditDO writes it, in
 * `seq` order; triggers in the migration abort any UPDATE or DELETE.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey(),
    id: text("id").notNull().unique(),
    at: integer("at").notNull(),
    actorKind: text("actor_kind", { enum: AUDIT_ACTOR_KINDS }).notNull(),
    actorId: text("actor_id").notNull(),
    actorRole: text("actor_role"),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id"),
    outcome: text("outcome", { enum: AUDIT_OUTCOMES }).notNull(),
    reason: text("reason"),
    method: text("method"),
    path: text("path"),
    ip: text("ip"),
    userAgent: text("user_agent"),
    customerId: text("customer_id"),
    /** JSON text exactly as hashed. */
    before: text("before"),
    after: text("after"),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [
    index("audit_log_action").on(t.action, t.seq),
    index("audit_log_actor").on(t.actorId, t.seq),
    index("audit_log_target").on(t.targetType, t.targetId, t.seq),
    index("audit_log_customer").on(t.customerId, t.seq),
    index("audit_log_at").on(t.at),
  ],
);

export type AuditRow = typeof auditLog.$inferSelect;
