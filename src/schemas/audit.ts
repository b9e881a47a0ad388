import { z } from "zod";

/** `system`: the platform itself (the audit writer noting lost entries, a scheduled job). */
export const AUDIT_ACTOR_KINDS = ["operator", "customer", "anonymous", "system"] as const;
/** `success`: the action happened; `denied`: authentication or authorization refused it. */
export const AUDIT_OUTCOMES = ["success", "denied", "failure"] as const;

export const AuditActor = z
  .object({
    kind: z.enum(AUDIT_ACTOR_KINDS),
    id: z.string(),
    role: z.string().optional(),
  })
  .meta({ id: "AuditActor" });
export type AuditActor = z.infer<typeof AuditActor>;

/**
 * What a caller appends: who did what to what, and how it went. The log adds the sequence number,
 * id, time and hashes. Never put a secret in it (a key's id or prefix at most).
 */
export interface AuditInput {
  actor: AuditActor;
  /** A stable dotted name: `agent.pause`, `definition.publish`, `auth.refused`… */
  action: string;
  target: { type: string; id?: string | null };
  outcome: (typeof AUDIT_OUTCOMES)[number];
  /** Why it was refused or failed: an error code, never the credential. */
  reason?: string | null;
  method?: string | null;
  path?: string | null;
  ip?: string | null;
  userAgent?: string | null;
  /** Set when the action concerns a customer's account: they can read it. */
  customerId?: string | null;
  before?: unknown;
  after?: unknown;
}

/** One entry as the API shows it. */
export const AuditEntry = z
  .object({
    seq: z.number().int().positive(),
    id: z.string(),
    at: z.iso.datetime(),
    actor: AuditActor,
    action: z.string(),
    target: z.object({ type: z.string(), id: z.string().nullable() }),
    outcome: z.enum(AUDIT_OUTCOMES),
    reason: z.string().nullable(),
    method: z.string().nullable(),
    path: z.string().nullable(),
    ip: z.string().nullable(),
    userAgent: z.string().nullable(),
    customerId: z.string().nullable(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .meta({ id: "AuditEntry" });
export type AuditEntry = z.infer<typeof AuditEntry>;

const Name = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:@-]+$/, "letters, digits and _ . : @ - only");

/** A free-text filter value (a target id can be `GET /v1/admin/audit`): no control characters. */
const FilterText = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^\P{Cc}+$/u, "no control characters");

/** Filters of the customer's own audit log, newest first. */
export const OwnAuditQuery = z.object({
  action: Name.optional(),
  since: z.iso.datetime().optional(),
  until: z.iso.datetime().optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The nextCursor of a previous page (a sequence number). */
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "the nextCursor of a previous page")
    .optional(),
});
export type OwnAuditQuery = z.infer<typeof OwnAuditQuery>;

/** Operators' filters: by actor id, action, target, customer and time, newest first. */
export const AuditQuery = OwnAuditQuery.extend({
  actor: FilterText.optional(),
  targetType: Name.optional(),
  targetId: FilterText.optional(),
  customerId: Name.optional(),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.string().nullable() }).meta({ id: "AuditPage" });
export type AuditPage = z.infer<typeof AuditPage>;

/** The chain walked from its first entry: where it first breaks, if it does. */
export const AuditVerifyResult = z
  .object({
    ok: z.boolean(),
    checked: z.number().int().nonnegative(),
    headSeq: z.number().int().nonnegative(),
    /** The newest entry's hash: keep a copy elsewhere to detect a truncated tail later. */
    headHash: z.string().nullable(),
    firstBrokenSeq: z.number().int().positive().optional(),
    reason: z.string().optional(),
  })
  .meta({ id: "AuditVerifyResult" });
export type AuditVerifyResult = z.infer<typeof AuditVerifyResult>;
