import { DurableObject } from "cloudflare:workers";
import type { CachedAnswer } from "../src/decisions/cache/cached-answer";
import { LocalDecisionCache } from "../src/decisions/cache/local-cache";

/**
 * The default shared decision cache when Upstash is not configured: one object per cache
 * scope (specialization, rules, model, customer), so tenants never share a store.
 */
export class DecisionCacheDO extends DurableObject<Env> {
  private readonly cache: LocalDecisionCache;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.cache = new LocalDecisionCache(ctx.storage.sql);
  }

  get(key: string): CachedAnswer | null {
    return this.cache.get(key, Date.now()) ?? null;
  }

  set(key: string, value: CachedAnswer, ttlSeconds: number): void {
    const now = Date.now();
    this.cache.put(key, value, now + ttlSeconds * 1000);
    this.ctx.storage.sql.exec(`DELETE FROM decision_cache WHERE key IN (SELECT key FROM decision_cache WHERE expires_at <= ? LIMIT 100)`, now);
  }

  delete(keys: string[]): void {
    for (const key of keys) this.ctx.storage.sql.exec(`DELETE FROM decision_cache WHERE key = ?`, key);
  }
}
