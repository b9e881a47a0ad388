import { and, desc, eq, isNull } from "drizzle-orm";
import { database, toD1 } from "../db/client";
import { apiKeys, customers } from "./schema";
import { NotFoundError } from "../errors";
import { newId } from "../ids";
import type { CreateCustomer } from "../schemas/marketplace";
import type { Customer, IssuedKey, KeyList, SignUpResult } from "../schemas/marketplace-views";
import { generateApiKey, hashApiKey, keyPrefix } from "./api-keys";
import { deliverVerification, pendingVerification, upsertVerification } from "./email/verification";

function keyRow(customerId: string, label: string) {
  const key = generateApiKey();
  const now = Date.now();
  const row = { id: newId("key"), customerId, label, prefix: keyPrefix(key), keyHash: hashApiKey(key), createdAt: now };
  const issued: IssuedKey = { id: row.id, label, prefix: row.prefix, key, createdAt: now };
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

export async function issueKey(d1: D1Database, customerId: string, label: string): Promise<IssuedKey> {
  const { row, issued } = keyRow(customerId, label);
  await database(d1).insert(apiKeys).values(row);
  return issued;
}

export async function listKeys(d1: D1Database, customerId: string): Promise<KeyList["items"]> {
  return database(d1)
    .select({
      id: apiKeys.id,
      label: apiKeys.label,
      prefix: apiKeys.prefix,
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

/** The customer a key belongs to, or undefined for an unknown or revoked key. */
export async function customerForKey(d1: D1Database, key: string): Promise<{ customerId: string; keyId: string } | undefined> {
  const row = await d1
    .prepare(`SELECT id, customer_id FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL`)
    .bind(hashApiKey(key))
    .first<{ id: string; customer_id: string }>();
  return row ? { customerId: row.customer_id, keyId: row.id } : undefined;
}

export async function findCustomer(d1: D1Database, customerId: string): Promise<Customer> {
  const row = await database(d1).select().from(customers).where(eq(customers.id, customerId)).get();
  if (!row) throw new NotFoundError("no such customer");
  return row;
}
