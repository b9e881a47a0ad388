import { desc, eq } from "drizzle-orm";
import { database, toD1 } from "../db/client";
import { reviews } from "./schema";
import { ConflictError } from "../errors";
import { newId } from "../ids";
import { isUniqueViolation, ownHire } from "./hires";
import { refreshReputationStatements } from "./reputation";
import type { ReviewView } from "../schemas/marketplace-views";

/** One review per hire or trial, only by the customer who had it. */
export async function reviewHire(env: Env, customerId: string, hireId: string, stars: number, text: string): Promise<ReviewView> {
  const hire = await ownHire(env, customerId, hireId);
  const db = database(env.DB);
  const existing = await db.select({ id: reviews.id }).from(reviews).where(eq(reviews.hireId, hireId)).get();
  if (existing) throw new ConflictError("already_reviewed", "this hire has a review already");
  const review = { id: newId("rev"), hireId, customerId, slug: hire.slug, stars, text, createdAt: Date.now() };
  try {
    await env.DB.batch([toD1(env.DB, db.insert(reviews).values(review)), ...refreshReputationStatements(env.DB, [hire.slug])]);
  } catch (error) {
    // Two concurrent reviews of one hire: the unique index lets one through.
    if (isUniqueViolation(error)) throw new ConflictError("already_reviewed", "this hire has a review already");
    throw error;
  }
  return { id: review.id, hireId, agent: hire.slug, stars, text, createdAt: review.createdAt };
}

/** The latest public reviews of an agent (no customer identities). */
export async function latestReviews(env: Env, slug: string, limit = 10) {
  const rows = await database(env.DB)
    .select({ stars: reviews.stars, text: reviews.text, createdAt: reviews.createdAt })
    .from(reviews)
    .where(eq(reviews.slug, slug))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
  return rows;
}

/** A customer's own reviews, newest first, at most `limit` (their data export reads them). */
export async function customerReviews(env: Env, customerId: string, limit: number): Promise<ReviewView[]> {
  const rows = await database(env.DB)
    .select()
    .from(reviews)
    .where(eq(reviews.customerId, customerId))
    .orderBy(desc(reviews.createdAt))
    .limit(limit);
  return rows.map((r) => ({ id: r.id, hireId: r.hireId, agent: r.slug, stars: r.stars, text: r.text, createdAt: r.createdAt }));
}
