import { and, asc, eq } from "drizzle-orm";
import type { z } from "zod";
import { database, toD1 } from "../db/client";
import { ConflictError, NotFoundError } from "../errors";
import { newId } from "../ids";
import type { ConnectedRepositoryCreated, ConnectedRepositoryView, ConnectRepositoryInput, UpdateRepositoryInput } from "../schemas/github";
import type { ConnectedRepositoryList } from "../schemas/github-views";
import { DEFAULT_VISION_RULES, VisionRules } from "../schemas/vision";
import { checkRulesSize, fullNameOf, newWebhookSecret, type RepositoryRow, repositoryView } from "./repository-rows";
import type { FieldCipher } from "../crypto/field-cipher";
import { sealToken, sealWebhookSecret } from "./repository-secrets";
import { connectedRepositories as repos } from "./schema";

type Created = z.infer<typeof ConnectedRepositoryCreated>;

/**
 * Outputs kept because the repository had no token: a new token makes them due now, so the
 * GitHub channel posts them on its next pass instead of never. Only while the connection
 * `repositoryId` exists, so a statement batched after a refused insert changes nothing.
 */
const rearmOutputs = (d1: D1Database, customerId: string, fullName: string, repositoryId: string, now: number) =>
  d1
    .prepare(
      `UPDATE outputs SET next_attempt_at = ?1
        WHERE customer_id = ?2 AND channel = 'github' AND status = 'stored' AND lower(json_extract(target, '$.repository')) = ?3
          AND EXISTS (SELECT 1 FROM connected_repositories WHERE id = ?4)`,
    )
    .bind(now, customerId, fullName, repositoryId);

/**
 * Connects a repository for a customer: generates its webhook secret (shown in this answer
 * only) and stores it with the optional token, the vision rules (the defaults unless given) and
 * the daily report's destination. A repository connected already, by anyone, is a 409: a
 * webhook must name exactly one owner.
 */
export async function connectRepository(
  d1: D1Database,
  customerId: string,
  input: z.infer<typeof ConnectRepositoryInput>,
  origin: string,
  cipher: FieldCipher,
): Promise<Created> {
  const visionRules = input.visionRules ?? VisionRules.parse(DEFAULT_VISION_RULES);
  checkRulesSize(visionRules);
  const now = Date.now();
  const webhookSecret = newWebhookSecret();
  const fullName = fullNameOf(input.repository);
  const row: RepositoryRow = {
    id: newId("repo"),
    customerId,
    repository: input.repository,
    fullName,
    // Encrypted at rest (src/github/repository-secrets.ts); the secret is shown once, below.
    webhookSecret: await sealWebhookSecret(cipher, webhookSecret),
    token: await sealToken(cipher, input.token),
    visionRules,
    dailyReport: input.dailyReport ?? null,
    createdAt: now,
    updatedAt: now,
  };
  const insert = database(d1).insert(repos).values(row).onConflictDoNothing({ target: repos.fullName }).returning({ id: repos.id });
  // Reconnected with a token: the outputs kept for want of one (disconnected, or connected
  // without) are due now, in the same transaction; a connect refused as a conflict re-arms nothing.
  const rearm = input.token ? [rearmOutputs(d1, customerId, fullName, row.id, now)] : [];
  const [inserted] = await d1.batch([toD1(d1, insert), ...rearm]);
  if (!inserted?.results.length) throw new ConflictError("repository_connected", `${input.repository} is connected already`, "repository");
  return { ...repositoryView(row, origin), webhookSecret };
}

async function ownRow(d1: D1Database, customerId: string, id: string): Promise<RepositoryRow> {
  const [row] = await database(d1)
    .select()
    .from(repos)
    .where(and(eq(repos.id, id), eq(repos.customerId, customerId)));
  // Another customer's repository reads exactly like a missing one.
  if (!row) throw new NotFoundError(`no connected repository ${id}`);
  return row;
}

/** The caller's connected repositories, oldest first. */
export async function listRepositories(d1: D1Database, customerId: string, origin: string): Promise<ConnectedRepositoryList> {
  const rows = await database(d1).select().from(repos).where(eq(repos.customerId, customerId)).orderBy(asc(repos.createdAt), asc(repos.id));
  return { items: rows.map((row) => repositoryView(row, origin)) };
}

/** One of the caller's connected repositories (404 when it is not theirs). */
export async function getRepository(d1: D1Database, customerId: string, id: string, origin: string): Promise<ConnectedRepositoryView> {
  return repositoryView(await ownRow(d1, customerId, id), origin);
}

/**
 * Changes a connected repository: `token: null` forgets the token; a new token re-arms the
 * outputs that were kept for want of one, in the same transaction.
 */
export async function updateRepository(
  d1: D1Database,
  customerId: string,
  id: string,
  input: z.infer<typeof UpdateRepositoryInput>,
  origin: string,
  cipher: FieldCipher,
): Promise<ConnectedRepositoryView> {
  const row = await ownRow(d1, customerId, id);
  if (input.visionRules) checkRulesSize(input.visionRules);
  const now = Date.now();
  const changes = {
    ...(input.token !== undefined ? { token: await sealToken(cipher, input.token) } : {}),
    ...(input.visionRules ? { visionRules: input.visionRules } : {}),
    ...(input.dailyReport !== undefined ? { dailyReport: input.dailyReport } : {}),
    updatedAt: now,
  };
  const update = database(d1)
    .update(repos)
    .set(changes)
    .where(and(eq(repos.id, id), eq(repos.customerId, customerId)));
  const rearm = typeof input.token === "string" ? [rearmOutputs(d1, customerId, row.fullName, id, now)] : [];
  await d1.batch([toD1(d1, update), ...rearm]);
  return repositoryView({ ...row, ...changes }, origin);
}

/** A new webhook secret for one of the caller's repositories; the old one stops working at once. */
export async function rotateSecret(d1: D1Database, customerId: string, id: string, origin: string, cipher: FieldCipher): Promise<Created> {
  const webhookSecret = newWebhookSecret();
  const [row] = await database(d1)
    .update(repos)
    .set({ webhookSecret: await sealWebhookSecret(cipher, webhookSecret), updatedAt: Date.now() })
    .where(and(eq(repos.id, id), eq(repos.customerId, customerId)))
    .returning();
  if (!row) throw new NotFoundError(`no connected repository ${id}`);
  return { ...repositoryView(row, origin), webhookSecret };
}

/** Disconnects a repository: its webhooks are refused from now on (404), its outputs stay. */
export async function disconnectRepository(d1: D1Database, customerId: string, id: string): Promise<void> {
  const deleted = await database(d1)
    .delete(repos)
    .where(and(eq(repos.id, id), eq(repos.customerId, customerId)))
    .returning({ id: repos.id });
  if (!deleted.length) throw new NotFoundError(`no connected repository ${id}`);
}

/** The connected repository a webhook names (any customer's), by `owner/name` in any case. */
export async function repositoryByName(d1: D1Database, repository: string): Promise<RepositoryRow | undefined> {
  const [row] = await database(d1)
    .select()
    .from(repos)
    .where(eq(repos.fullName, fullNameOf(repository)));
  return row;
}
