import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js";
import { sha256 } from "@noble/hashes/sha2.js";
import { and, eq, isNull, lte, or } from "drizzle-orm";
import { database, toD1 } from "../../db/client";
import { ConflictError, NotFoundError, ValidationError } from "../../errors";
import { customers, emailVerifications } from "../schema";
import { EmailSendError, emailConfig, sendEmail } from "./resend";

/** How long a verification link works. */
export const VERIFICATION_TTL_MS = 24 * 3_600_000;
/** Most pending verifications one cron run sends again. */
const RESEND_BATCH = 50;
const TOKEN_PREFIX = "ev_";

/** A new link token: 32 random bytes, base64url. Only its hash is stored. */
function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return TOKEN_PREFIX + btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

const hashToken = (token: string) => bytesToHex(sha256(utf8ToBytes(token)));

/** The link a customer follows: GET answers a page (changing nothing) whose button posts the token to POST /v1/customers/verify. */
export const verificationLink = (linkBase: string, token: string) => `${linkBase.replace(/\/+$/, "")}/v1/customers/verify?token=${token}`;

/** A fresh pending verification for a customer (replacing any earlier one: its link stops working). */
export function pendingVerification(customerId: string, linkBase: string, now = Date.now()) {
  const token = newToken();
  const row = {
    customerId,
    tokenHash: hashToken(token),
    expiresAt: now + VERIFICATION_TTL_MS,
    linkBase,
    sentAt: null,
    attempts: 0,
    nextAttemptAt: null,
    lastError: null,
    createdAt: now,
  };
  return { token, row };
}

/** The statement that stores (or replaces) a customer's pending verification. */
export function upsertVerification(d1: D1Database, row: ReturnType<typeof pendingVerification>["row"]): D1PreparedStatement {
  const db = database(d1);
  const { customerId: _, ...rest } = row;
  return toD1(d1, db.insert(emailVerifications).values(row).onConflictDoUpdate({ target: emailVerifications.customerId, set: rest }));
}

/**
 * Sends the link (or, with no e-mail channel configured, writes it to the log) and records the
 * outcome. Never throws: a failure is recorded with when to try again, and the cron does.
 */
export async function deliverVerification(
  env: Env,
  customerId: string,
  email: string,
  token: string,
  linkBase: string,
): Promise<"sent" | "logged" | "failed"> {
  const link = verificationLink(linkBase, token);
  const db = database(env.DB);
  const where = and(eq(emailVerifications.customerId, customerId), eq(emailVerifications.tokenHash, hashToken(token)));
  const config = emailConfig(env);
  if (!config) {
    // Local development: no e-mail service, so the link is in the dev log, plainly.
    console.log(`[email] no RESEND_API_KEY: verification link for ${email}: ${link}`);
    await db.update(emailVerifications).set({ sentAt: Date.now() }).where(where);
    return "logged";
  }
  try {
    await sendEmail(config, {
      to: email,
      subject: "Verify your e-mail address for WAOOAW",
      text: `Open this link and press its button to verify your e-mail address and start trials (it works once, for 24 hours):\n\n${link}\n\nIf you did not sign up, ignore this message.`,
    });
    await db.update(emailVerifications).set({ sentAt: Date.now(), lastError: null }).where(where);
    return "sent";
  } catch (error) {
    if (!(error instanceof EmailSendError)) throw error;
    console.warn("verification e-mail not sent; retried later", { customerId, error: error.message });
    const row = await db.select({ attempts: emailVerifications.attempts }).from(emailVerifications).where(where).get();
    const attempts = (row?.attempts ?? 0) + 1;
    // Backoff doubles from the service's own hint (or a minute), at most six hours; a refusal
    // (bad key) waits the longest, until an operator fixes the configuration.
    const wait = Math.min(6 * 3_600_000, (error.retryAfterMs ?? 6 * 3_600_000) * 2 ** Math.min(attempts - 1, 8));
    await db
      .update(emailVerifications)
      .set({ attempts, lastError: error.message.slice(0, 500), nextAttemptAt: Date.now() + wait })
      .where(where);
    return "failed";
  }
}

/** Marks the e-mail of the token's customer verified; the token works once, before it expires. */
export async function verifyEmail(env: Env, token: string): Promise<{ customerId: string; emailVerifiedAt: number }> {
  const now = Date.now();
  const hash = hashToken(token);
  // One transaction: the update finds the customer through the live token, then the token goes.
  const [updated] = await env.DB.batch<{ id: string; email_verified_at: number }>([
    env.DB.prepare(
      `UPDATE customers SET email_verified_at = COALESCE(email_verified_at, ?1)
       WHERE id = (SELECT customer_id FROM email_verifications WHERE token_hash = ?2 AND expires_at > ?1)
       RETURNING id, email_verified_at`,
    ).bind(now, hash),
    env.DB.prepare("DELETE FROM email_verifications WHERE token_hash = ?1").bind(hash),
  ]);
  const row = updated?.results[0];
  if (!row)
    throw new ValidationError(
      "this verification link is unknown, used or expired: sign in and ask for a new one",
      "token",
      [],
      "invalid_token",
    );
  return { customerId: row.id, emailVerifiedAt: row.email_verified_at };
}

/** A new link for a customer who lost theirs or let it expire (POST /v1/customers/me/verification). */
export async function resendVerification(env: Env, customerId: string, linkBase: string): Promise<{ sent: "sent" | "logged" | "failed" }> {
  const customer = await database(env.DB).select().from(customers).where(eq(customers.id, customerId)).get();
  if (!customer) throw new NotFoundError("no such customer");
  if (customer.emailVerifiedAt) throw new ConflictError("already_verified", "your e-mail address is verified already");
  const { token, row } = pendingVerification(customerId, linkBase);
  await upsertVerification(env.DB, row).run();
  return { sent: await deliverVerification(env, customerId, customer.email, token, linkBase) };
}

/** Operators (support, local development): marks a customer's e-mail verified without the link. */
export async function markEmailVerified(env: Env, customerId: string): Promise<number> {
  const now = Date.now();
  const [updated] = await env.DB.batch<{ email_verified_at: number }>([
    env.DB.prepare(
      "UPDATE customers SET email_verified_at = COALESCE(email_verified_at, ?1) WHERE id = ?2 RETURNING email_verified_at",
    ).bind(now, customerId),
    env.DB.prepare("DELETE FROM email_verifications WHERE customer_id = ?1").bind(customerId),
  ]);
  const row = updated?.results[0];
  if (!row) throw new NotFoundError(`no customer ${customerId}`);
  return row.email_verified_at;
}

/**
 * The cron's part: sends again, each with a new token, the verifications the e-mail service
 * could not take yet (a sign-up is never lost to a failing service).
 */
export async function sendPendingVerifications(env: Env, now = Date.now()): Promise<number> {
  const db = database(env.DB);
  const due = await db
    .select({
      customerId: emailVerifications.customerId,
      linkBase: emailVerifications.linkBase,
      email: customers.email,
      attempts: emailVerifications.attempts,
    })
    .from(emailVerifications)
    .innerJoin(customers, eq(customers.id, emailVerifications.customerId))
    .where(and(isNull(emailVerifications.sentAt), or(isNull(emailVerifications.nextAttemptAt), lte(emailVerifications.nextAttemptAt, now))))
    .limit(RESEND_BATCH);
  for (const pending of due) {
    const { token, row } = pendingVerification(pending.customerId, pending.linkBase, now);
    // Keeps the attempt count, so the backoff keeps growing.
    await upsertVerification(env.DB, { ...row, attempts: pending.attempts }).run();
    await deliverVerification(env, pending.customerId, pending.email, token, pending.linkBase);
  }
  return due.length;
}
