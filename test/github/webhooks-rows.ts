import { env } from "../helpers";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { openPayload } from "../../src/wake/event-payloads";

/** The stored event with this id, its payload (encrypted at rest) decrypted and parsed (undefined when none). */
export async function storedEvent(id: string): Promise<
  | {
      id: string;
      type: string;
      source: string;
      subject: string;
      customerId: string | null;
      occurredAt: string;
      payload: Record<string, unknown>;
    }
  | undefined
> {
  const row = await env.DB.prepare(
    `SELECT id, type, source, subject, customer_id AS customerId, occurred_at AS occurredAt, payload FROM events WHERE id = ?`,
  )
    .bind(id)
    .first<{ id: string; type: string; source: string; subject: string; customerId: string | null; occurredAt: string; payload: string }>();
  return row ? { ...row, payload: await openPayload(fieldCipher(env), JSON.parse(row.payload)) } : undefined;
}

/** How many events a repository's webhooks made (their subject is `repo:<owner/name>`, lower case). */
export async function eventsOf(repository: string): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM events WHERE subject = ?`)
    .bind(`repo:${repository.toLowerCase()}`)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** The deliveries recorded for a connected repository, oldest first. */
export async function deliveriesOf(
  repositoryId: string,
): Promise<{ id: string; github_event: string; action: string | null; outcome: string; reason: string | null; event_id: string | null }[]> {
  const { results } = await env.DB.prepare(
    `SELECT id, github_event, action, outcome, reason, event_id FROM github_deliveries WHERE repository_id = ? ORDER BY received_at, id`,
  )
    .bind(repositoryId)
    .all<{ id: string; github_event: string; action: string | null; outcome: string; reason: string | null; event_id: string | null }>();
  return results;
}
