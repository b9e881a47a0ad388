import { and, eq } from "drizzle-orm";
import { database } from "../../db/client";
import { githubDeliveries } from "../schema";

export type DeliveryRow = typeof githubDeliveries.$inferSelect;

/**
 * The delivery recorded under this `X-GitHub-Delivery` for this repository, if any. Keyed by
 * both: a delivery id is only trusted with the repository whose secret signed it, so another
 * customer replaying someone's delivery id for their own repository learns nothing of it.
 */
export async function findDelivery(d1: D1Database, repositoryId: string, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await database(d1)
    .select()
    .from(githubDeliveries)
    .where(and(eq(githubDeliveries.repositoryId, repositoryId), eq(githubDeliveries.id, id)));
  return row;
}

/** Records a delivery; a second record of the same one (two racing redeliveries) keeps the first. */
export async function recordDelivery(d1: D1Database, row: DeliveryRow): Promise<void> {
  await database(d1)
    .insert(githubDeliveries)
    .values(row)
    .onConflictDoNothing({ target: [githubDeliveries.repositoryId, githubDeliveries.id] });
}
