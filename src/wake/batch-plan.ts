import type { Event, InvalidWakeItem, WakeItem } from "../schemas/event";
import { readWakeMessage } from "./message-versions";

/**
 * The most agents one consumer invocation wakes. Each agent is one Durable Object call, and a
 * Worker invocation may make at most 1,000 subrequests on older paid plans (10,000 now);
 * packed messages can carry thousands of agents' events. Messages past the budget are sent
 * back to the queue for a later batch, not processed.
 */
export const MAX_AGENTS_PER_BATCH = 1_000;

export interface ReadMessage {
  msg: Message<unknown>;
  /** Its valid events, in order. */
  items: WakeItem[];
  /** Its events that are not valid wake items (never woken; kept as dead letters). */
  invalid: InvalidWakeItem[];
}

/** Splits a batch into wake messages and the ones that are not (with why). */
export function readBatch(messages: readonly Message<unknown>[]): {
  readable: ReadMessage[];
  unreadable: { msg: Message<unknown>; error: string }[];
} {
  const readable: ReadMessage[] = [];
  const unreadable: { msg: Message<unknown>; error: string }[] = [];
  for (const msg of messages) {
    const read = readWakeMessage(msg.body);
    if ("error" in read) unreadable.push({ msg, error: read.error });
    else readable.push({ msg, ...read });
  }
  return { readable, unreadable };
}

export interface PlannedWake {
  event: Event;
  instanceIds: readonly string[];
  /** Attempts of the first message that carried it. */
  attempts: number;
}

export interface WakePlan {
  /** Events to wake now, each once, in batch order. */
  wakes: PlannedWake[];
  /** The messages taken now, with the ids of their events. */
  taken: Map<Message<unknown>, string[]>;
  /** Messages left for a later batch (over the agent budget). */
  deferred: ReadMessage[];
}

/**
 * Which events to wake, and whom: each event once however many messages carry it, with the
 * agents carried from ingest, or those looked up (`lookedUp`) when any copy carries none (a
 * replay or sweep wants the subscribers of now). Messages are taken in order while their
 * agents fit the budget; the first is always taken, so every batch makes progress.
 */
export function planWakes(
  messages: readonly ReadMessage[],
  lookedUp: ReadonlyMap<string, readonly string[]>,
  maxAgents = MAX_AGENTS_PER_BATCH,
): WakePlan {
  const wakes = new Map<string, PlannedWake>();
  const taken = new Map<Message<unknown>, string[]>();
  const deferred: ReadMessage[] = [];
  const agents = new Set<string>();
  const recipients = (item: WakeItem) => item.to ?? lookedUp.get(item.event.id) ?? [];
  for (const message of messages) {
    const fresh = new Set(message.items.flatMap((item) => recipients(item).filter((id) => !agents.has(id))));
    if (taken.size > 0 && agents.size + fresh.size > maxAgents) {
      deferred.push(message);
      continue;
    }
    for (const id of fresh) agents.add(id);
    taken.set(
      message.msg,
      message.items.map((item) => item.event.id),
    );
    for (const item of message.items) {
      const known = wakes.get(item.event.id);
      if (!known) wakes.set(item.event.id, { event: item.event, instanceIds: recipients(item), attempts: message.msg.attempts });
      else if (item.to === undefined) known.instanceIds = recipients(item);
    }
  }
  return { wakes: [...wakes.values()], taken, deferred };
}
