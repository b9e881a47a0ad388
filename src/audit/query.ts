import { and, asc, desc, eq, gt, gte, lt, lte, type SQL } from "drizzle-orm";
import { database } from "../db/client";
import { keysetPage } from "../db/keyset";
import type { AuditEntry, AuditPage, AuditQuery, AuditVerifyResult } from "../schemas/audit";
import type { Head } from "./appender";
import { ChainWalker } from "./chain";
import { type AuditRow, auditLog } from "./schema";

function parsed(json: string | null): unknown {
  return json === null ? null : JSON.parse(json);
}

/** A stored row as the API shows it. */
export function auditEntryView(r: AuditRow): AuditEntry {
  return {
    seq: r.seq,
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: { kind: r.actorKind, id: r.actorId, ...(r.actorRole ? { role: r.actorRole } : {}) },
    action: r.action,
    target: { type: r.targetType, id: r.targetId },
    outcome: r.outcome,
    reason: r.reason,
    method: r.method,
    path: r.path,
    ip: r.ip,
    userAgent: r.userAgent,
    customerId: r.customerId,
    before: parsed(r.before),
    after: parsed(r.after),
    prevHash: r.prevHash,
    hash: r.hash,
  };
}

/** Entries matching the filters, newest first, keyset-paginated by `seq`. */
export async function listAudit(d1: D1Database, q: AuditQuery): Promise<AuditPage> {
  const filters: SQL[] = [];
  if (q.actor) filters.push(eq(auditLog.actorId, q.actor));
  if (q.action) filters.push(eq(auditLog.action, q.action));
  if (q.targetType) filters.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) filters.push(eq(auditLog.targetId, q.targetId));
  if (q.customerId) filters.push(eq(auditLog.customerId, q.customerId));
  if (q.since) filters.push(gte(auditLog.at, Date.parse(q.since)));
  if (q.until) filters.push(lte(auditLog.at, Date.parse(q.until)));
  if (q.cursor) filters.push(lt(auditLog.seq, Number(q.cursor)));
  const rows = await database(d1)
    .select()
    .from(auditLog)
    .where(and(...filters))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit + 1);
  return keysetPage(rows, q.limit, (last) => String(last.seq), auditEntryView);
}

const VERIFY_PAGE = 500;

/**
 * Walks the whole chain from its first entry, a page at a time, recomputing every hash. It stops
 * at the first break: a changed entry, a missing one, or a broken link. `written` is the head
 * the writer last wrote (kept outside D1), which catches a truncated tail.
 */
export async function verifyAudit(d1: D1Database, written: Head | null): Promise<AuditVerifyResult> {
  const db = database(d1);
  const walker = new ChainWalker(written);
  const head = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
  const summary = { headSeq: head?.seq ?? 0, headHash: head?.hash ?? null };
  let after = 0;
  for (;;) {
    const rows = await db.select().from(auditLog).where(gt(auditLog.seq, after)).orderBy(asc(auditLog.seq)).limit(VERIFY_PAGE);
    const broken = await walker.check(rows);
    if (broken) return { ok: false, checked: walker.checked, ...summary, firstBrokenSeq: broken.seq, reason: broken.reason };
    const last = rows[rows.length - 1];
    if (!last || rows.length < VERIFY_PAGE) {
      const truncated = walker.end();
      if (truncated) return { ok: false, checked: walker.checked, ...summary, firstBrokenSeq: truncated.seq, reason: truncated.reason };
      return { ok: true, checked: walker.checked, ...summary };
    }
    after = last.seq;
  }
}
