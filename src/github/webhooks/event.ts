import { type EventInput, type EventType, MAX_EVENT_BYTES } from "../../schemas/event";
import type { ParsedWebhook } from "./payloads";
import { occurredAt, SLIM_LEVELS, slimPayload, type WebhookContext } from "./slim";

const encoder = new TextEncoder();
/** Room for what ingest adds to an event (trace id, receive time). */
const STAMP_BYTES = 256;

/**
 * The wake event id of a repository's delivery: a redelivery that races past its delivery row is
 * still one event, and the same delivery id signed for another repository is another event.
 * Within the event id's rule (at most 128 of [A-Za-z0-9_.:-]): a repository id is a short
 * `repo_…` id and a delivery id at most 100 such characters.
 */
export function eventIdOf(repositoryId: string, delivery: string): string {
  return `gh_${repositoryId}_${delivery}`;
}

/**
 * The one wake event a webhook becomes: the owning customer's, on subject `repo:<owner/name>`,
 * its payload slimmed until the event fits a queue message (see SLIM_LEVELS).
 */
export function webhookEvent(webhook: ParsedWebhook, type: EventType, customerId: string, context: WebhookContext): EventInput {
  let event: EventInput | undefined;
  for (const limits of SLIM_LEVELS) {
    event = {
      id: eventIdOf(context.repositoryId, context.delivery),
      type,
      source: "github",
      subject: `repo:${context.repository.toLowerCase()}`,
      customerId,
      occurredAt: occurredAt(webhook),
      payload: slimPayload(webhook, context, limits),
    };
    if (encoder.encode(JSON.stringify(event)).byteLength + STAMP_BYTES <= MAX_EVENT_BYTES) return event;
  }
  // Unreachable with rules within MAX_VISION_RULES_BYTES; ingest refuses an event too large with a 400.
  if (!event) throw new Error("no slim levels");
  return event;
}
