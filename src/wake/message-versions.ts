import { Event, type InvalidWakeItem, MAX_EVENTS_PER_MESSAGE, WakeItem, type WakeMessage } from "../schemas/event";
import { z } from "zod";

/**
 * Wake message versions, and the one place that reads them. During a gradual deployment (or a
 * rollback) two versions of the Worker share one queue: a consumer must read what the other
 * version writes. So every message names its format (`v`), each consumer keeps a reader for the
 * previous version, and writers send the version `WAKE_MESSAGE_VERSION` names until every
 * consumer reads the next. A message of a version this consumer does not know is dead-lettered
 * with a reason (never acked unrecorded) and can be replayed once a consumer that reads it runs.
 */

export type ReadWake = { items: WakeItem[]; invalid: InvalidWakeItem[] } | { error: string };

const V1 = WakeItem.extend({ v: z.literal(1) });
/** A v2 message whose envelope is sound, its events still unchecked (each is read on its own). */
const PackedEnvelope = z.object({ v: z.literal(2), items: z.array(z.unknown()).min(1).max(MAX_EVENTS_PER_MESSAGE) });

/** v1: one event a message (what the Worker wrote before v2, and what it writes with WAKE_MESSAGE_VERSION=1). */
function readV1(body: unknown): ReadWake {
  const parsed = V1.safeParse(body);
  if (!parsed.success) return { error: `invalid wake message (v1): ${parsed.error.issues[0]?.message ?? "unknown"}` };
  const { event, to } = parsed.data;
  return { items: [to ? { event, to } : { event }], invalid: [] };
}

/** v2: the events of one ingest request packed into one message, each checked on its own so one bad event does not sink the rest. */
function readV2(body: unknown): ReadWake {
  const envelope = PackedEnvelope.safeParse(body);
  if (!envelope.success) return { error: `invalid wake message (v2): ${envelope.error.issues[0]?.message ?? "unknown"}` };
  const items: WakeItem[] = [];
  const invalid: InvalidWakeItem[] = [];
  envelope.data.items.forEach((item, index) => {
    const parsed = WakeItem.safeParse(item);
    if (parsed.success) items.push(parsed.data);
    else {
      const id = Event.shape.id.safeParse((item as { event?: { id?: unknown } } | null)?.event?.id);
      invalid.push({
        index,
        item,
        eventId: id.success ? id.data : null,
        error: `invalid wake item: ${parsed.error.issues[0]?.message ?? "unknown"}`,
      });
    }
  });
  return { items, invalid };
}

/** The versions this consumer reads: the current one and the one before it. */
export const WAKE_READERS: Readonly<Record<number, (body: unknown) => ReadWake>> = { 1: readV1, 2: readV2 };
export const WAKE_MESSAGE_VERSIONS = [1, 2] as const;
export type WakeMessageVersion = (typeof WAKE_MESSAGE_VERSIONS)[number];
/** What writers send unless `WAKE_MESSAGE_VERSION` says otherwise. */
export const DEFAULT_WAKE_MESSAGE_VERSION: WakeMessageVersion = 2;

/** The version a message says it is, if it says one. */
export function versionOf(body: unknown): number | undefined {
  const v = typeof body === "object" && body !== null ? (body as { v?: unknown }).v : undefined;
  return typeof v === "number" && Number.isInteger(v) ? v : undefined;
}

/**
 * Reads a message off the wake queue with the reader of its version: its events, or why it
 * cannot be read (no version, a version this consumer does not know, or a malformed body).
 */
export function readWakeMessage(body: unknown): ReadWake {
  const v = versionOf(body);
  if (v === undefined) return { error: "invalid wake message: it has no version field `v`" };
  const reader = WAKE_READERS[v];
  if (!reader) {
    const known = Object.keys(WAKE_READERS).join(", v");
    return {
      error: `unknown wake message version ${v}: this consumer reads v${known}; kept as a dead letter, replay it once a Worker that reads v${v} is deployed`,
    };
  }
  return reader(body);
}

/** The version writers send: `WAKE_MESSAGE_VERSION` (1 or 2), else the default; anything else fails loudly. */
export function wakeMessageVersion(env: { WAKE_MESSAGE_VERSION?: string }): WakeMessageVersion {
  const raw = env.WAKE_MESSAGE_VERSION?.trim();
  if (!raw) return DEFAULT_WAKE_MESSAGE_VERSION;
  const v = Number(raw);
  if (!WAKE_MESSAGE_VERSIONS.some((known) => known === v)) {
    throw new Error(`WAKE_MESSAGE_VERSION must be one of ${WAKE_MESSAGE_VERSIONS.join(", ")} (got ${JSON.stringify(raw)})`);
  }
  return v as WakeMessageVersion;
}

/** A v1 message per item: what a writer sends while some consumer may still read only v1. */
export function asV1Messages(items: readonly WakeItem[]): (WakeMessage & { v: 1 })[] {
  return items.map((item) => ({ v: 1, ...item }));
}
