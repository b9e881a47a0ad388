import { and, desc, eq, isNull } from "drizzle-orm";
import { database, toD1 } from "../db/client";
import { apiKeys, customers } from "./schema";
import { NotFoundError } from "../errors";
import { newId } from "../ids";
import type { CreateApiKey, CreateCustomer } from "../schemas/marketplace";
import type { Customer, IssuedKey, KeyList, SignUpResult } from "../schemas/marketplace-views";
import { generateApiKey, hashApiKey, keyPrefix } from "./api-keys";
import { ownHire } from "./hires";
import { deliverVerification, pendingVerification, upsertVerification } from "./email/verification";

const DAY_MS = 86_400_000;

interface KeyTerms {
  scope: string;
  expiresAt: number | null;
}

function keyRow(customerId: string, label: string, terms: KeyTerms = { scope: "full", expiresAt: null }) {
  const key = generateApiKey();
  const now = Date.now();
  const row = { id: newId("key"), customerId, label, prefix: keyPrefix(key), keyHash: hashApiKey(key), createdAt: now, ...terms };
  const issued: IssuedKey = { id: row.id, label, prefix: row.prefix, key, createdAt: now, ...terms };
  return { row, issued };
}

/**
 * Creates a customer, its first API key and a pending e-mail verification together, then sends
 * the verification link (`linkBase`: the origin the customer signed up at). The e-mail starts
 * unverified; a trial needs it verified. A failing e-mail service delays the link (the cron
 * sends it again), never the sign-up.
 */
export async function createCustomer(env: Env, input: CreateCustomer, linkBase: string): Promise<SignUpResult> {
  const d1 = env.DB;
  const db = database(d1);
  const customer = { id: newId("cus"), name: input.name, email: input.email, createdAt: Date.now(), emailVerifiedAt: null };
  const { row, issued } = keyRow(customer.id, "default");
  const verification = pendingVerification(customer.id, linkBase, customer.createdAt);
  await d1.batch([
    toD1(d1, db.insert(customers).values(customer)),
    toD1(d1, db.insert(apiKeys).values(row)),
    upsertVerification(d1, verification.row),
  ]);
  await deliverVerification(env, customer.id, customer.email, verification.token, linkBase);
  return { customer, apiKey: issued };
}

/**
 * Issues another key. A `hire:<id>` scope must name one of the caller's own hires (another
 * customer's hire is a 404, like a missing one); expiry is `expiresAt` or `expiresInDays`.
 */
export async function issueKey(
  env: Env,
  customerId: string,
  input: CreateApiKey,
  callerExpiresAt: number | null = null,
): Promise<IssuedKey> {
  if (input.scope.startsWith("hire:")) await ownHire(env, customerId, input.scope.slice("hire:".length));
  const asked = input.expiresAt ?? (input.expiresInDays !== undefined ? Date.now() + input.expiresInDays * DAY_MS : null);
  // A key made with an expiring key expires with it at the latest: expiry must not be escapable.
  const expiresAt = callerExpiresAt === null ? asked : Math.min(asked ?? callerExpiresAt, callerExpiresAt);
  const { row, issued } = keyRow(customerId, input.label, { scope: input.scope, expiresAt });
  await database(env.DB).insert(apiKeys).values(row);
  return issued;
}

export async function listKeys(d1: D1Database, customerId: string): Promise<KeyList["items"]> {
  return database(d1)
    .select({
      id: apiKeys.id,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
      scope: apiKeys.scope,
      expiresAt: apiKeys.expiresAt,
      createdAt: apiKeys.createdAt,
      lastUsedAt: apiKeys.lastUsedAt,
      revokedAt: apiKeys.revokedAt,
    })
    .from(apiKeys)
    .where(eq(apiKeys.customerId, customerId))
    .orderBy(desc(apiKeys.createdAt));
}

/** Revokes one of the caller's keys; another customer's key id is a 404, like a missing one. */
export async function revokeKey(d1: D1Database, customerId: string, keyId: string): Promise<void> {
  const revoked = await database(d1)
    .update(apiKeys)
    .set({ revokedAt: Date.now() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.customerId, customerId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  if (!revoked.length) throw new NotFoundError(`no active key ${keyId}`);
}

export interface KeyHolder {
  customerId: string;
  keyId: string;
  scope: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** The customer a key belongs to and the key's terms, or undefined for an unknown or revoked key. */
export async function customerForKey(d1: D1Database, key: string): Promise<KeyHolder | undefined> {
  const row = await d1
    .prepare(`SELECT id, customer_id, scope, expires_at, last_used_at FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`)
    .bind(hashApiKey(key))
    .first<{ id: string; customer_id: string; scope: string; expires_at: number | null; last_used_at: number | null }>();
  return row
    ? { customerId: row.customer_id, keyId: row.id, scope: row.scope, expiresAt: row.expires_at, lastUsedAt: row.last_used_at }
    : undefined;
}

export async function findCustomer(d1: D1Database, customerId: string): Promise<Customer> {
  const row = await database(d1).select().from(customers).where(eq(customers.id, customerId)).get();
  if (!row) throw new NotFoundError("no such customer");
  return row;
}
