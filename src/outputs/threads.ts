import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { database } from "../db/client";
import { outputThreads } from "./schema";

// Delivery writes only where the thread lives (external id and URL), its lease and when a create
// was attempted, never `updated_at`: the roll-up decides by that clock (a publication newer than
// the thread reopens it, a fix decided after it closes it), and a slow post finishing late must
// not make an earlier decision look older than the thread.

/** A thread's primary key: the same customer, target and key is the same issue or comment. */
export interface ThreadKey {
  customerId: string;
  /** `github:owner/name` in lower case (GitHub names are case-insensitive). */
  target: string;
  key: string;
}

export type Thread = typeof outputThreads.$inferSelect;

const where = (k: ThreadKey) =>
  and(eq(outputThreads.customerId, k.customerId), eq(outputThreads.target, k.target), eq(outputThreads.key, k.key));

/**
 * The thread of an output, created when missing (the outputs hook normally creates it when the
 * output is recorded; an output recorded before that, or by hand, still gets one here), dated
 * `at`: the output's time, which is what the roll-up compares.
 */
export async function ensureThread(
  d1: D1Database,
  k: ThreadKey,
  seed: Pick<Thread, "kind" | "title" | "state" | "subject">,
  at: number,
): Promise<Thread> {
  const db = database(d1);
  await db
    .insert(outputThreads)
    .values({ ...k, ...seed, openedAt: at, updatedAt: at, closedAt: seed.state === "closed" ? at : null })
    .onConflictDoNothing()
    .run();
  const [thread] = await db.select().from(outputThreads).where(where(k)).limit(1);
  if (!thread) throw new Error(`output thread ${k.target} ${k.key} vanished after being written`);
  return thread;
}

/**
 * Takes the right to create the thread's external thing until `until` (epoch ms): the thread as
 * it is now for one caller at a time, and only while nothing is recorded as posted; null for the
 * others. A holder that died frees it by letting it lapse.
 */
export async function takeLease(d1: D1Database, k: ThreadKey, now: number, until: number): Promise<Thread | null> {
  const [held] = await database(d1)
    .update(outputThreads)
    .set({ lease: until })
    .where(and(where(k), isNull(outputThreads.externalId), or(isNull(outputThreads.lease), lt(outputThreads.lease, now))))
    .returning();
  return held ?? null;
}

/**
 * Notes, right before a create, that one is being attempted: from now on it may land on GitHub
 * without being recorded (a lost answer, a timeout, a Worker stopped), so later posters look for
 * it first. The first attempt's time is kept: the search must reach back to it.
 */
export async function markCreateAttempted(d1: D1Database, k: ThreadKey, now: number): Promise<void> {
  await database(d1)
    .update(outputThreads)
    .set({ createAttemptedAt: sql`coalesce(${outputThreads.createAttemptedAt}, ${now})` })
    .where(where(k))
    .run();
}

/** Records where the thread lives on the channel and frees the lease. */
export async function recordExternal(d1: D1Database, k: ThreadKey, externalId: string, externalUrl: string): Promise<void> {
  await database(d1).update(outputThreads).set({ externalId, externalUrl, lease: null }).where(where(k)).run();
}

/** Frees the lease without recording anything (the post failed). */
export async function releaseLease(d1: D1Database, k: ThreadKey): Promise<void> {
  await database(d1).update(outputThreads).set({ lease: null }).where(where(k)).run();
}

/**
 * Forgets where the thread lived (GitHub no longer has it), unless another run already moved it.
 * What was deleted on GitHub is not an orphan to adopt: the next create starts afresh.
 */
export async function forgetExternal(d1: D1Database, k: ThreadKey, externalId: string): Promise<void> {
  await database(d1)
    .update(outputThreads)
    .set({ externalId: null, externalUrl: null, createAttemptedAt: null })
    .where(and(where(k), eq(outputThreads.externalId, externalId)))
    .run();
}
