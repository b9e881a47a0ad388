import { AuditPage, AuditQuery, AuditVerifyResult, OwnAuditQuery } from "../../schemas/audit";
import { describeRoute } from "./registry";

// The audit log (src/routes/admin/audit.ts, and the customer's own under /v1/customers/me/audit).

describeRoute({
  method: "get",
  path: "/v1/admin/audit",
  operationId: "adminListAudit",
  summary: "Audit log entries, newest first, with filters",
  description:
    "Who did what to what, when, from where: admin changes with their state before and after, hires, keys, sign-ups, and every refused authentication or authorization. Append-only; no route edits or deletes an entry.",
  tags: ["admin"],
  auth: "operator",
  query: AuditQuery,
  responses: { 200: { description: "A page of entries", schema: AuditPage } },
});

describeRoute({
  method: "get",
  path: "/v1/admin/audit/verify",
  operationId: "adminVerifyAudit",
  summary: "Verify the audit log's hash chain",
  description:
    "Recomputes every entry's SHA-256 from its fields and its predecessor's hash, from the first entry. `ok: false` names the first broken entry (`firstBrokenSeq`) and why. Keep `headHash` elsewhere to detect a truncated tail later.",
  tags: ["admin"],
  auth: "operator",
  responses: { 200: { description: "The chain's state", schema: AuditVerifyResult } },
});

describeRoute({
  method: "get",
  path: "/v1/customers/me/audit",
  operationId: "listOwnAudit",
  summary: "The audit log of the caller's account, newest first",
  description: "Sign-up, keys, hires and trials, operator changes concerning the account, and refused requests made with its keys.",
  tags: ["customers"],
  auth: "customer",
  query: OwnAuditQuery,
  responses: { 200: { description: "A page of entries", schema: AuditPage } },
});
