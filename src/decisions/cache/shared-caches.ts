import { Redis } from "@upstash/redis/cloudflare";
import type { EngineSettings } from "../../config/settings";
import type { DecisionCacheDO } from "../../../durable-objects/decision-cache";
import { CachedAnswer, type SharedDecisionCache } from "./cached-answer";

const SHARED_CACHE_TIMEOUT_MS = 1_000;

/** Shared through Upstash Redis: one store for every agent of a specialization, across regions. */
export class UpstashDecisionCache implements SharedDecisionCache {
  readonly kind = "upstash" as const;
  private readonly redis: Redis;

  constructor(url: string, token: string) {
    // No retries and a short deadline: a cache that is slow to answer is a miss, not a wait.
    this.redis = new Redis({ url, token, retry: false, enableTelemetry: false, signal: () => AbortSignal.timeout(SHARED_CACHE_TIMEOUT_MS) });
  }

  async get(key: string): Promise<CachedAnswer | undefined> {
    const raw = await this.redis.get<unknown>(key);
    const parsed = CachedAnswer.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  async set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void> {
    await this.redis.set(key, value, { ex: ttlSeconds });
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.redis.del(...keys);
  }
}

/** Shared through a Durable Object per scope: the offline default. */
export class DurableObjectDecisionCache implements SharedDecisionCache {
  readonly kind = "durable-object" as const;

  constructor(private readonly namespace: DurableObjectNamespace<DecisionCacheDO>, private readonly scope: string) {}

  private stub() {
    return this.namespace.get(this.namespace.idFromName(this.scope));
  }

  /** Like Upstash's, bounded: a busy or unreachable object is a miss after a second. */
  async get(key: string): Promise<CachedAnswer | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`shared cache did not answer within ${SHARED_CACHE_TIMEOUT_MS} ms`)), SHARED_CACHE_TIMEOUT_MS);
    });
    try {
      return (await Promise.race([this.stub().get(key), timeout])) ?? undefined;
    } finally {
      clearTimeout(timer);
    }
  }

  async set(key: string, value: CachedAnswer, ttlSeconds: number): Promise<void> {
    await this.stub().set(key, value, ttlSeconds);
  }

  async delete(keys: readonly string[]): Promise<void> {
    if (keys.length) await this.stub().delete([...keys]);
  }
}

/** Upstash when both its URL and token are set, the Durable Object otherwise. */
export function sharedDecisionCache(env: Env, settings: EngineSettings, scope: string): SharedDecisionCache {
  if (settings.UPSTASH_REDIS_REST_URL && settings.UPSTASH_REDIS_REST_TOKEN) {
    return new UpstashDecisionCache(settings.UPSTASH_REDIS_REST_URL, settings.UPSTASH_REDIS_REST_TOKEN);
  }
  return new DurableObjectDecisionCache(env.DECISION_CACHE, scope);
}
