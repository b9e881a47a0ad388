import { groupBySize } from "../db/group-by-size";
import type { Event, WakeMessage } from "../schemas/event";

/** Queues accept at most 100 messages and 256 KB per sendBatch; stay a little under. */
const MAX_MESSAGES = 100;
const MAX_BATCH_BYTES = 240 * 1024;
const encoder = new TextEncoder();

// Ingest measures every event to enforce the size cap, then groups them for sending: memoized
// so each event is serialized and encoded once.
const sizes = new WeakMap<Event, number>();

/** Size of a wake message as the queue counts it: UTF-8 bytes, not characters. */
export function wakeMessageBytes(event: Event): number {
  let size = sizes.get(event);
  if (size === undefined) {
    size = encoder.encode(JSON.stringify({ v: 1, event } satisfies WakeMessage)).byteLength;
    sizes.set(event, size);
  }
  return size;
}

/** Splits events into sendBatch calls that respect both the count and the byte limit. */
export function sendGroups(events: readonly Event[]): Event[][] {
  return groupBySize(events, wakeMessageBytes, MAX_BATCH_BYTES, MAX_MESSAGES);
}

/**
 * Sends events to the wake queue group by group. Returns the ids that were sent and, if a
 * group failed, the error and the ids not sent (that group and every later one).
 */
export async function sendWakes(queue: Queue, events: readonly Event[]): Promise<{ sent: string[]; unsent: string[]; error?: unknown }> {
  const groups = sendGroups(events);
  const sent: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? [];
    try {
      await queue.sendBatch(group.map((event) => ({ body: { v: 1, event } satisfies WakeMessage, contentType: "json" as const })));
      sent.push(...group.map((e) => e.id));
    } catch (error) {
      return { sent, unsent: groups.slice(i).flat().map((e) => e.id), error };
    }
  }
  return { sent, unsent: [] };
}
