import { type AuditEntry, AuditPage, AuditVerifyResult } from "../../src/schemas/audit";
import { admin } from "../helpers";

/** Entries matching an admin audit query (`action=…&targetId=…`), newest first. */
export async function auditEntries(query: string): Promise<AuditEntry[]> {
  const res = await admin(`/v1/admin/audit?${query}`);
  if (res.status !== 200) throw new Error(`audit list failed: ${res.status} ${await res.text()}`);
  return AuditPage.parse(await res.json()).items;
}

/** The one entry a query matches, failing when there is not exactly one. */
export async function onlyEntry(query: string): Promise<AuditEntry> {
  const items = await auditEntries(query);
  if (items.length !== 1) throw new Error(`expected one entry for ${query}, got ${items.length}`);
  return items[0] as AuditEntry;
}

export async function verify(): Promise<AuditVerifyResult> {
  const res = await admin("/v1/admin/audit/verify");
  if (res.status !== 200) throw new Error(`verify failed: ${res.status} ${await res.text()}`);
  return AuditVerifyResult.parse(await res.json());
}
