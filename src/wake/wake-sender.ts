import { groupBySize } from "../db/group-by-size";
import { MAX_EVENTS_PER_MESSAGE, type Event, type WakeItem, type WakeMessage, wakeItemsOf } from "../schemas/event";
import { asV1Messages, type WakeMessageVersion } from "./message-versions";

/** A Queue message is capped at 128 KB; stay a little under. */
const MAX_MESSAGE_BYTES = 120 * 1024;
/** Queues accept at most 100 messages and 256 KB per sendBatch; stay a little under. */
const MAX_MESSAGES = 100;
const MAX_BATCH_BYTES = 240 * 1024;
/** `{"v":2,"items":[` … `]}`, rounded up. */
const MESSAGE_OVERHEAD_BYTES = 32;
const encoder = new TextEncoder();

// Ingest measures every event to enforce the size cap, then packs them for sending: memoized
// so each event is serialized and encoded once.
const sizes = new WeakMap<Event, number>();

/** Size of an event as the queue counts it (UTF-8 bytes of its JSON, not characters). */
export function eventBytes(event: Event): number {
  let size = sizes.get(event);
  if (size === undefined) {
    size = encoder.encode(JSON.stringify(event)).byteLength;
    sizes.set(event, size);
  }
  return size;
}

/** An item's share of a message: its event, its recipient list (ids are ASCII) and the JSON around them. */
function itemBytes(item: WakeItem): number {
  return eventBytes(item.event) + (item.to ? JSON.stringify(item.to).length + 6 : 0) + 12;
}

function messageBytes(message: WakeMessage): number {
  return wakeItemsOf(message).reduce((sum, item) => sum + itemBytes(item), MESSAGE_OVERHEAD_BYTES);
}

/**
 * Packs events into as few wake messages as the queue's message size allows, in order. An
 * event is at most 64 KB, so every item fits a message of its own.
 */
export function packWakes(items: readonly WakeItem[]): (WakeMessage & { v: 2 })[] {
  return groupBySize(items, itemBytes, MAX_MESSAGE_BYTES - MESSAGE_OVERHEAD_BYTES, MAX_EVENTS_PER_MESSAGE).map((group) => ({
    v: 2,
    items: group,
  }));
}

/** Splits messages into sendBatch calls that respect both the count and the byte limit. */
export function sendGroups<M extends WakeMessage>(messages: readonly M[]): M[][] {
  return groupBySize(messages, messageBytes, MAX_BATCH_BYTES, MAX_MESSAGES);
}

/** The messages of `version` (WAKE_MESSAGE_VERSION) for these items: packed (v2) or one a message (v1). */
export function wakeMessages(items: readonly WakeItem[], version: WakeMessageVersion): WakeMessage[] {
  return version === 1 ? asV1Messages(items) : packWakes(items);
}

/**
 * Writes events as wake messages of `version` and sends them group by group. Returns the event
 * ids that were sent and, if a group failed, the error and the ids not sent (that group and every later one).
 */
export async function sendWakes(
  queue: Queue,
  items: readonly WakeItem[],
  version: WakeMessageVersion,
): Promise<{ sent: string[]; unsent: string[]; error?: unknown }> {
  const groups = sendGroups(wakeMessages(items, version));
  const idsOf = (messages: readonly WakeMessage[]) => messages.flatMap((m) => wakeItemsOf(m).map((item) => item.event.id));
  const sent: string[] = [];
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i] ?? [];
    try {
      await queue.sendBatch(group.map((body) => ({ body, contentType: "json" as const })));
      sent.push(...idsOf(group));
    } catch (error) {
      return { sent, unsent: idsOf(groups.slice(i).flat()), error };
    }
  }
  return { sent, unsent: [] };
}
