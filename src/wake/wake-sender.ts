import { groupBySize } from "../db/group-by-size";
import type { Event, WakeMessage } from "../schemas/event";

/** Queues accept at most 100 messages and 256 KB per sendBatch; stay a little under. */
const MAX_MESSAGES = 100;
const MAX_BATCH_BYTES = 240 * 1024;
const encoder = new TextEncoder();

// Ingest measures every event to enforce the size cap, then groups them for sending: memoized
// so each event is serialized and encoded once.
const sizes = new WeakMap<Event, number>();

/** Size of a wake message as the queue counts it (UTF-8 bytes, not characters), without `to`. */
export function wakeMessageBytes(event: Event): number {
  let size = sizes.get(event);
  if (size === undefined) {
    size = encoder.encode(JSON.stringify({ v: 1, event } satisfies WakeMessage)).byteLength;
    sizes.set(event, size);
  }
  return size;
}

/** The whole message's size: the event's, plus its recipient list (ids are ASCII). */
function messageBytes(message: WakeMessage): number {
  return wakeMessageBytes(message.event) + (message.to ? JSON.stringify(message.to).length + 6 : 0);
}

/** Splits messages into sendBatch calls that respect both the count and the byte limit. */
export function sendGroups(messages: readonly WakeMessage[]): WakeMessage[][] {
  return groupBySize(messages, messageBytes, MAX_BATCH_BYTES, MAX_MESSAGES);
}

/**
 * Sends wake messages group by group. Returns the event ids that were sent and, if a group
 * failed, the error and the ids not sent (that group and every later one).
 */
export async function sendWakes(queue: Queue, messages: readonly WakeMessage[]): Promise<{ sent: string[]; unsent: string[]; error?: unknown }> {
  const groups = sendGroups(messages);
  const sent: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? [];
    try {
      await queue.sendBatch(group.map((body) => ({ body, contentType: "json" as const })));
      sent.push(...group.map((m) => m.event.id));
    } catch (error) {
      return { sent, unsent: groups.slice(i).flat().map((m) => m.event.id), error };
    }
  }
  return { sent, unsent: [] };
}
