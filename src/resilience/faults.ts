import { z } from "zod";

/**
 * Fault injection for the soak (issue 15; the contract is in the README's configuration):
 * `FAULTS` is a JSON plan of fractions, and each injection point asks {@link fires} with a key
 * of its own (a message id, an event and agent), so a run is reproducible from its seed. Dev
 * and test only: production never sets FAULTS. Absent or empty, {@link faultPlan} is a cached
 * `null` and every hook is one comparison.
 */
const fraction = z.number().min(0).max(1);
export const FaultPlan = z.strictObject({
  seed: z.string().max(200).default(""),
  /** Wake-queue messages handled and then not acked on their first delivery (redelivered: a duplicate after a lost ack). */
  lostAck: fraction.optional(),
  /** Wake-consumer batches that throw after handling half their messages, first delivery only. */
  batchThrow: fraction.optional(),
  /** Agent wakes aborted after the storage write and before the outbound send, first attempt only. */
  abortMidWake: fraction.optional(),
  /** D1 roll-up writes (decisions and wake records) that fail. */
  rollupD1Error: fraction.optional(),
  /** Coordinator routings after which the coordinator Durable Object restarts. */
  coordinatorRestart: fraction.optional(),
  /** Agent wakes that hang after recording their decision and before answering (as a stuck object would), once per event and agent. */
  stallMidWake: fraction.optional(),
  /** How long such a hang lasts (ms): five minutes unless set, far past any deadline the platform puts on a wake. */
  stallMs: z.number().int().positive().max(3_600_000).optional(),
});
export type FaultPlan = z.infer<typeof FaultPlan>;
export type Fault = Exclude<keyof FaultPlan, "seed" | "stallMs">;

/** What /health reports: no faults, the plan in force, or `"invalid"` (then no faults are injected). */
export type FaultStatus = FaultPlan | "invalid" | null;

// Parsed once per isolate per value (the env of one Worker never changes while it runs).
let parsed: { raw: string; status: FaultStatus } | undefined;

function rawOf(env: object): string {
  const value = (env as Record<string, unknown>).FAULTS;
  return typeof value === "string" ? value.trim() : "";
}

/** The FAULTS value as /health reports it; an invalid one is logged once (`FAULTS invalid: …`). */
export function faultStatus(env: object): FaultStatus {
  const raw = rawOf(env);
  if (raw === "") return null;
  if (parsed?.raw === raw) return parsed.status;
  let status: FaultStatus;
  try {
    const result = FaultPlan.safeParse(JSON.parse(raw));
    status = result.success ? result.data : "invalid";
    if (!result.success) console.error(`FAULTS invalid: ${z.prettifyError(result.error)}`);
  } catch (error) {
    status = "invalid";
    console.error(`FAULTS invalid: not JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  parsed = { raw, status };
  return status;
}

/** The fault plan in force, or null: no FAULTS, or an invalid one (a configuration error, reported by /health). */
export function faultPlan(env: object): FaultPlan | null {
  const status = faultStatus(env);
  return status === null || status === "invalid" ? null : status;
}

/**
 * Whether `fault` fires for `key`: a pure function of (seed, fault, key), so a soak run replays
 * exactly. FNV-1a (32 bits, then mixed) of `seed|fault|key`, as a fraction of 2^32, below the plan's fraction.
 */
export function fires(plan: FaultPlan | null, fault: Fault, key: string): boolean {
  const chance = plan?.[fault];
  if (!plan || !chance) return false;
  return hashFraction(`${plan.seed}|${fault}|${key}`) < chance;
}

function hashFraction(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  // MurmurHash3's finalizer: without it, keys that differ only at the end land close together.
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  hash ^= hash >>> 16;
  return (hash >>> 0) / 2 ** 32;
}

/** The error an injected fault throws, named so logs and dead letters tell it from a real failure. */
export class InjectedFault extends Error {
  constructor(fault: Fault, key: string) {
    super(`injected fault ${fault} (${key})`);
    this.name = "InjectedFault";
  }
}

/** Throws {@link InjectedFault} when `fault` fires for `key`. */
export function injectFault(plan: FaultPlan | null, fault: Fault, key: string): void {
  if (fires(plan, fault, key)) throw new InjectedFault(fault, key);
}

// Keys that already failed in this isolate (bounded: a soak run fails far fewer than this).
const failedOnce = new Set<string>();
const FAILED_ONCE_MAX = 100_000;

/**
 * Throws {@link InjectedFault} when `fault` fires for `key` and has not failed it before in this
 * isolate: for retries that carry no attempt count (an agent flushing its outbox again), so an
 * injected fault delays the work but never fails it for good.
 */
export function firstFailure(plan: FaultPlan | null, fault: Fault, key: string): void {
  if (firesOnce(plan, fault, key)) throw new InjectedFault(fault, key);
}

/**
 * Whether `fault` fires for `key` for the first time in this isolate. For the agents' aborts: a
 * reset loses another call's writes that were not durable yet, so the same wake can come again
 * as new rather than as a duplicate, and a fault that fired again each time would turn it into a
 * poison message (the fault stands for one crash, not a crash on every try).
 */
export function firesOnce(plan: FaultPlan | null, fault: Fault, key: string): boolean {
  if (!fires(plan, fault, key) || failedOnce.has(`${fault}|${key}`)) return false;
  if (failedOnce.size >= FAILED_ONCE_MAX) failedOnce.clear();
  failedOnce.add(`${fault}|${key}`);
  return true;
}

/**
 * Hangs (stallMidWake) for the plan's `stallMs` on a timer, which keeps the runtime from calling
 * it a hang: the caller sees what a stuck object shows it, no answer, and must not wait for one.
 */
export function stallNow(plan: FaultPlan): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, plan.stallMs ?? DEFAULT_STALL_MS));
}

const DEFAULT_STALL_MS = 5 * 60_000;

/**
 * Aborts a Durable Object mid-work (abortMidWake): its storage writes so far are made durable
 * first, then `ctx.abort()` resets the object (its in-memory state is gone, the call in progress
 * fails), as a crash between a storage write and an outbound send would.
 */
export async function abortNow(ctx: DurableObjectState, fault: Fault, key: string): Promise<never> {
  await ctx.storage.sync();
  ctx.abort(`injected fault ${fault} (${key})`);
  // abort() does not return in workerd; should a runtime carry on, the call fails all the same.
  throw new InjectedFault(fault, key);
}
