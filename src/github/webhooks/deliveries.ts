import { eq } from "drizzle-orm";
import { database } from "../../db/client";
import { githubDeliveries } from "../schema";

export type DeliveryRow = typeof githubDeliveries.$inferSelect;

/** The delivery recorded under this `X-GitHub-Delivery`, if any. */
export async function findDelivery(d1: D1Database, id: string): Promise<DeliveryRow | undefined> {
  const [row] = await database(d1).select().from(githubDeliveries).where(eq(githubDeliveries.id, id));
  return row;
}

/** Records a delivery; a second record of the same one (two racing redeliveries) keeps the first. */
export async function recordDelivery(d1: D1Database, row: DeliveryRow): Promise<void> {
  await database(d1).insert(githubDeliveries).values(row).onConflictDoNothing({ target: githubDeliveries.id });
}
