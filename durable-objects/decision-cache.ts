import { DurableObject } from "cloudflare:workers";
import type { CacheClaim, CachedAnswer } from "../src/decisions/cache/cached-answer";
import { engineSettings } from "../src/config/settings";
import { LocalDecisionCache } from "../src/decisions/cache/local-cache";

interface Lease {
  id: string;
  until: number;
  waiters: ((answer: CachedAnswer | null) => void)[];
}

/**
 * The default shared decision cache when Upstash is not configured: one object per cache
 * scope (specialization, rules, model, customer), so tenants never share a store.
 *
 * Single flight: the first agent to miss a situation gets a lease (`DECISION_CACHE_LEASE_MS`)
 * and asks the model; agents that miss the same situation meanwhile wait for its answer
 * instead of paying for the same call. Leases live in memory: if the object restarts, waiters
 * get a miss and decide alone.
 */
export class DecisionCacheDO extends DurableObject<Env> {
  private readonly cache: LocalDecisionCache;
  private readonly leases = new Map<string, Lease>();
  private readonly leaseMs: number;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.cache = new LocalDecisionCache(ctx.storage.sql);
    this.leaseMs = engineSettings(env).DECISION_CACHE_LEASE_MS;
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
      const id = crypto.randomUUID();
      this.leases.set(key, { id, until: now + this.leaseMs, waiters: [] });
      return { leased: true, lease: id };
    }
    const answer = await new Promise<CachedAnswer | null>((resolve) => {
      const timer = setTimeout(() => {
        // The holder never answered: forget its lease, so the next asker takes a new one.
        if (this.leases.get(key) === lease) this.leases.delete(key);
        resolve(null);
      }, lease.until - now);
      lease.waiters.push((value) => {
        clearTimeout(timer);
        resolve(value);
      });
    });
    return answer ? { answer } : { leased: false };
  }

  /** Stores an answer and hands it to everyone waiting for this situation, whoever leased it. */
  set(key: string, value: CachedAnswer, ttlSeconds: number): void {
    const now = Date.now();
    this.cache.put(key, value, now + ttlSeconds * 1000);
    this.ctx.storage.sql.exec(
      `DELETE FROM decision_cache WHERE key IN (SELECT key FROM decision_cache WHERE expires_at <= ? LIMIT 100)`,
      now,
    );
    this.settle(key, value);
  }

  /**
   * The lease holder has nothing to share: waiters decide alone. Only that lease ends: one that
   * ran out and was taken by another agent since is left to its new holder.
   */
  release(key: string, lease: string): void {
    if (this.leases.get(key)?.id === lease) this.settle(key, null);
  }

  delete(keys: string[]): void {
    for (const key of keys) this.ctx.storage.sql.exec(`DELETE FROM decision_cache WHERE key = ?`, key);
  }

  /** Forgets every entry: the scope's customer had their data erased. Returns how many went. */
  clear(): number {
    return this.ctx.storage.sql.exec(`DELETE FROM decision_cache`).rowsWritten;
  }

  private settle(key: string, answer: CachedAnswer | null): void {
    const lease = this.leases.get(key);
    this.leases.delete(key);
    for (const wake of lease?.waiters ?? []) wake(answer);
  }
}
