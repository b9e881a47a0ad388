/** Load generation: the bench's agents and events, sent in batches with bounded concurrency. */
import { HttpError } from "./http";
import { sleep } from "./proc";
import type { AgentRef, OutgoingEvent, SystemDriver } from "./system";

export const MAX_BATCH = 100;

/** Agents `<prefix>-<i>` for i in [from, from + count), each bound to customer `cust-<prefix>-<i>`. */
export function makeAgents(prefix: string, from: number, count: number): AgentRef[] {
  return Array.from({ length: count }, (_, k) => {
    const i = from + k;
    return { agentId: `bench-${prefix}-${i}`, customerId: `cust-${prefix}-${i}` };
  });
}

/** `count` events, the n-th addressed to `agents[n % agents.length]`; one in ten is urgent. */
export function makeEvents(agents: readonly AgentRef[], count: number, seqStart = 0): OutgoingEvent[] {
  const occurredAt = new Date().toISOString();
  return Array.from({ length: count }, (_, k) => {
    const n = seqStart + k;
    const agent = agents[k % agents.length] as AgentRef; // agents is non-empty for any count > 0.
    return {
      type: "customer.message",
      source: "bench",
      subject: `ticket:${n}`,
      customerId: agent.customerId,
      occurredAt,
      payload: { text: `bench message ${n}`, priority: n % 10 === 0 ? "urgent" : "normal" },
    };
  });
}

export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Runs `task` over `items` with at most `concurrency` in flight; rejects on the first failure. */
export async function forEachBounded<T>(items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const workers = Array.from({ length: Math.min(concurrency, items.length) }, async () => {
    while (next < items.length) {
      const item = items[next++] as T; // next < length was just checked.
      await task(item);
    }
  });
  await Promise.all(workers);
}

export interface SendTiming {
  /** When the first ingest request was issued (epoch ms). */
  firstRequestAt: number;
  /** When the last ingest request was answered (epoch ms). */
  lastAcceptedAt: number;
}

/** Ingests `events` in batches of 100, `concurrency` requests in flight. */
export async function sendEvents(driver: SystemDriver, events: readonly OutgoingEvent[], concurrency: number): Promise<SendTiming> {
  const firstRequestAt = Date.now();
  await forEachBounded(chunk(events, MAX_BATCH), concurrency, (batch) => driver.ingest(batch));
  return { firstRequestAt, lastAcceptedAt: Date.now() };
}

const SPAWN_ATTEMPTS = 3;

/**
 * Spawns `agents` in the driver's batch size, `concurrency` requests in flight. A 503 (wrangler's
 * "Your worker restarted mid-request") is retried: spawning is idempotent, unlike ingest.
 * `onRetry` reports each retry so the run can show it.
 */
export async function spawnAgents(
  driver: SystemDriver,
  agents: readonly AgentRef[],
  concurrency: number,
  onRetry?: (err: HttpError) => void,
): Promise<number> {
  const start = Date.now();
  await forEachBounded(chunk(agents, driver.spawnBatchSize), concurrency, async (batch) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await driver.spawn(batch);
      } catch (err) {
        if (!(err instanceof HttpError) || err.status !== 503 || attempt >= SPAWN_ATTEMPTS) throw err;
        onRetry?.(err);
        await sleep(1_000 * attempt);
      }
    }
  });
  return Date.now() - start;
}
