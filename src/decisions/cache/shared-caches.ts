import { Redis } from "@upstash/redis/cloudflare";
import type { EngineSettings } from "../../config/settings";
import type { DecisionCacheDO } from "../../../durable-objects/decision-cache";
import { CachedAnswer, type CacheClaim, type SharedDecisionCache } from "./cached-answer";
import { withDeadline } from "../../resilience/deadline";

const SHARED_CACHE_TIMEOUT_MS = 1_000;

/** Where a situation's lease lives beside its entry: `SET lease:<key> <leaseId> NX PX <lease ms>`. */
export const upstashLeaseKey = (key: string): string => `lease:${key}`;

/** A waiter's first look for the holder's answer, doubling up to the longest pause between looks. */
const FIRST_POLL_MS = 25;
const LONGEST_POLL_MS = 400;

/**
 * Shared through Upstash Redis: one store for every agent of a specialization, across regions.
 *
 * Single flight like the Durable Object's: the first agent to miss a situation takes a lease
 * (`SET lease:<key> <id> NX PX <DECISION_CACHE_LEASE_MS>`) and asks the model; agents missing the
 * same situation meanwhile poll the entry and the lease (one MGET per look, with growing pauses)
 * and take the holder's answer, or decide alone once the lease is released or runs out. Redis
 * cannot wake a waiter over REST, hence polling.
 */
export class UpstashDecisionCache implements SharedDecisionCache {
  readonly kind = "upstash" as const;
  private readonly redis: Redis;

  /** @param leaseMs `DECISION_CACHE_LEASE_MS`: how long a holder may take, and the longest a waiter polls. */
  constructor(
    url: string,
    token: string,
    private readonly leaseMs: number,
  ) {
    // No retries and a short deadline: a cache that is slow to answer is a miss, not a wait.
    this.redis = new Redis({
      url,
      token,
      retry: false,
      enableTelemetry: false,
      signal: () => AbortSignal.timeout(SHARED_CACHE_TIMEOUT_MS),
    });
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const raw = await this.redis.get<unknown>(key);
    return answerOf(raw);
  }

  async claim(key: string): Promise<CacheClaim> {
    const found = await this.get(key);
    if (found) return { answer: found };
    const lease = crypto.randomUUID();
    const taken = await this.redis.set(upstashLeaseKey(key), lease, { nx: true, px: this.leaseMs });
    if (taken === "OK") return { leased: true, lease };
    return this.awaitHolder(key);
  }

  /** Another agent holds the lease: its answer, or a miss once it lets go or its lease runs out. */
  private async awaitHolder(key: string): Promise<CacheClaim> {
    const deadline = Date.now() + this.leaseMs;
    for (let pause = FIRST_POLL_MS; Date.now() < deadline; pause = Math.min(pause * 2, LONGEST_POLL_MS)) {
      await sleep(Math.min(pause, Math.max(0, deadline - Date.now())));
      const [raw, holder] = await this.redis.mget<[unknown, unknown]>(key, upstashLeaseKey(key));
      const found = answerOf(raw);
      if (found) return { answer: found };
      if (holder === null) return { leased: false }; // released, or expired: decide alone
    }
    return { leased: false };
  }

  /**
   * Ends the lease only if it is still this one (GET, compare, DEL): a lease that ran out and was
   * taken by another agent is left to its new holder. The local Upstash server has no EVAL, so
   * this is two commands; the gap is one round trip, and only matters if the lease expires in it.
   */
  async release(key: string, lease: string): Promise<void> {
    const holder = await this.redis.get<unknown>(upstashLeaseKey(key));
    if (holder === lease) await this.redis.del(upstashLeaseKey(key));
  }

  /** Stores the answer and ends the lease in one transaction: waiters find the answer at their next look. */
  async set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void> {
    await this.redis.multi().set(key, value, { ex: ttlSeconds }).del(upstashLeaseKey(key)).exec();
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys);
  }
}

/** Shared through a Durable Object per scope: the offline default. */
export class DurableObjectDecisionCache implements SharedDecisionCache {
  readonly kind = "durable-object" as const;

  /** @param leaseMs the object's lease (`DECISION_CACHE_LEASE_MS`): the longest a claim waits for another agent's answer. */
  constructor(
    private readonly namespace: DurableObjectNamespace<DecisionCacheDO>,
    private readonly scope: string,
    private readonly leaseMs: number,
  ) {}

  private stub() {
    return this.namespace.get(this.namespace.idFromName(this.scope));
  }

  /** Like Upstash's, bounded: a busy or unreachable object is a miss after a second. */
  async get(key: string): Promise<CachedAnswer | undefined> {
    return (await withDeadline(this.stub().get(key), SHARED_CACHE_TIMEOUT_MS, "shared cache")) ?? undefined;
  }

  /** Bounded by the lease: a wait for another agent's answer never outlasts it (plus the second). */
  claim(key: string): Promise<CacheClaim> {
    const claimed = this.stub()
      .claim(key)
      .then((r): CacheClaim => ("answer" in r ? { answer: r.answer } : r.leased ? { leased: true, lease: r.lease } : { leased: false }));
    return withDeadline(claimed, this.leaseMs + SHARED_CACHE_TIMEOUT_MS, "shared cache");
  }

  async release(key: string, lease: string): Promise<void> {
    await this.stub().release(key, lease);
  }

  async set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void> {
    await this.stub().set(key, value, ttlSeconds);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.stub().delete([...keys]);
  }
}

function answerOf(raw: unknown): CachedAnswer | undefined {
  const parsed = CachedAnswer.safeParse(raw);
  return parsed.success ? parsed.data : undefined;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Upstash when both its URL and token are set, the Durable Object otherwise. */
export function sharedDecisionCache(env: Env, settings: EngineSettings, scope: string): SharedDecisionCache {
  if (settings.UPSTASH_REDIS_REST_URL && settings.UPSTASH_REDIS_REST_TOKEN) {
    return new UpstashDecisionCache(settings.UPSTASH_REDIS_REST_URL, settings.UPSTASH_REDIS_REST_TOKEN, settings.DECISION_CACHE_LEASE_MS);
  }
  return new DurableObjectDecisionCache(env.DECISION_CACHE, scope, settings.DECISION_CACHE_LEASE_MS);
}
