import { and, desc, eq, lt, type SQL } from "drizzle-orm";
import { database } from "../db/client";
import { keysetPage } from "../db/keyset";
import type { FieldCipher } from "../crypto/field-cipher";
import { NotFoundError } from "../errors";
import type { OutputListQuery, OutputPage, OutputView } from "../schemas/outputs";
import { openOutputText } from "./output-content";
import { outputs } from "./schema";

type OutputRow = typeof outputs.$inferSelect;

function outputView(row: OutputRow): OutputView {
  return {
    id: row.id,
    customerId: row.customerId,
    instanceId: row.instanceId,
    hireId: row.hireId,
    taskId: row.taskId,
    decisionId: row.decisionId,
    kind: row.kind,
    channel: row.channel,
    target: row.target ?? null,
    key: row.key,
    subject: row.subject,
    state: row.state,
    title: row.title,
    body: row.body,
    status: row.status,
    statusReason: row.statusReason,
    externalUrl: row.externalUrl,
    attempts: row.attempts,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    postedAt: row.postedAt,
  };
}

/**
 * A page of outputs, newest first (keyset on id). `customerId` scopes a customer to their own:
 * a task or hire filter naming someone else's finds nothing, the same as an unknown one.
 * Operators pass none (and may filter by `query.customer`).
 */
export async function listOutputs(
  d1: D1Database,
  query: Omit<OutputListQuery, "customer"> & { customer?: string },
  cipher: FieldCipher,
  customerId?: string,
): Promise<OutputPage> {
  const filters: SQL[] = [];
  const customer = customerId ?? query.customer;
  if (customer) filters.push(eq(outputs.customerId, customer));
  if (query.task) filters.push(eq(outputs.taskId, query.task));
  if (query.hire) filters.push(eq(outputs.hireId, query.hire));
  if (query.kind) filters.push(eq(outputs.kind, query.kind));
  if (query.status) filters.push(eq(outputs.status, query.status));
  if (query.cursor) filters.push(lt(outputs.id, query.cursor));
  const rows = await database(d1)
    .select()
    .from(outputs)
    .where(and(...filters))
    .orderBy(desc(outputs.id))
    .limit(query.limit + 1);
  // Only the page's rows are opened (the extra one only tells whether there is a next page).
  const opened = await Promise.all(rows.map((row, i) => (i < query.limit ? openOutputText(cipher, row) : row)));
  return keysetPage(opened, query.limit, (last) => last.id, outputView);
}

/** One output; a customer's own only (another customer's is not found, indistinguishably). */
export async function getOutput(d1: D1Database, cipher: FieldCipher, id: string, customerId?: string): Promise<OutputView> {
  const row = await database(d1)
    .select()
    .from(outputs)
    .where(customerId ? and(eq(outputs.id, id), eq(outputs.customerId, customerId)) : eq(outputs.id, id))
    .get();
  if (!row) throw new NotFoundError(`no output ${id}`);
  return outputView(await openOutputText(cipher, row));
}
