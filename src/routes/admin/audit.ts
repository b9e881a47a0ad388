import { Hono } from "hono";
import { writtenHead } from "../../audit/log";
import { listAudit, verifyAudit } from "../../audit/query";
import { queryOf } from "../../http/validate";
import { type AuditPage, AuditQuery, type AuditVerifyResult } from "../../schemas/audit";
import type { AppEnv } from "../../types";

/** The audit log, read-only: entries with filters, and the hash chain's verification. */
export const adminAuditRoutes = new Hono<AppEnv>()
  .get("/", async (c) => c.json((await listAudit(c.env.DB, queryOf(c, AuditQuery))) satisfies AuditPage))
  .get("/verify", async (c) => c.json((await verifyAudit(c.env.DB, await writtenHead(c.env))) satisfies AuditVerifyResult));
