import { DurableObject } from "cloudflare:workers";
import type { CacheClaim, CachedAnswer } from "../src/decisions/cache/cached-answer";
import { LocalDecisionCache } from "../src/decisions/cache/local-cache";

/** How long a claim on a missing entry stands, and so the longest a second asker waits for it. */
export const CACHE_LEASE_MS = 15_000;

interface Lease {
  until: number;
  waiters: ((answer: CachedAnswer | null) => void)[];
}

/**
 * The default shared decision cache when Upstash is not configured: one object per cache
 * scope (specialization, rules, model, customer), so tenants never share a store.
 *
 * Single flight: the first agent to miss a situation gets a lease and asks the model; agents
 * that miss the same situation meanwhile wait for its answer instead of paying for the same
 * call. Leases live in memory: if the object restarts, waiters get a miss and decide alone.
 */
export class DecisionCacheDO extends DurableObject<Env> {
  private readonly cache: LocalDecisionCache;
  private readonly leases = new Map<string, Lease>();

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.cache = new LocalDecisionCache(ctx.storage.sql);
  }

  get(key: string): CachedAnswer | null {
    return this.cache.get(key, Date.now()) ?? null;
  }

  /** The entry; or a lease to go and ask the model; or, while another holds it, its answer. */
  async claim(key: string): Promise<CacheClaim> {
    const now = Date.now();
    const hit = this.cache.get(key, now);
    if (hit) return { answer: hit };
    const lease = this.leases.get(key);
    if (!lease || lease.until <= now) {
      this.leases.set(key, { until: now + CACHE_LEASE_MS, waiters: [] });
      return { leased: true };
    }
    const answer = await new Promise<CachedAnswer | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), lease.until - now);
      lease.waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    return answer ? { answer } : { leased: false };
  }

  set(key: string, value: CachedAnswer, ttlSeconds: number): void {
    const now = Date.now();
    this.cache.put(key, value, now + ttlSeconds * 1000);
    this.ctx.storage.sql.exec(`DELETE FROM decision_cache WHERE key IN (SELECT key FROM decision_cache WHERE expires_at <= ? LIMIT 100)`, now);
    this.settle(key, value);
  }

  /** The lease holder has nothing to share: waiters decide alone. */
  release(key: string): void {
    this.settle(key, null);
  }

  delete(keys: string[]): void {
    for (const key of keys) this.ctx.storage.sql.exec(`DELETE FROM decision_cache WHERE key = ?`, key);
  }

  private settle(key: string, answer: CachedAnswer | null): void {
    const lease = this.leases.get(key);
    this.leases.delete(key);
    for (const wake of lease?.waiters ?? []) wake(answer);
  }
}
