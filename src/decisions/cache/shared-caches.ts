import { Redis } from "@upstash/redis/cloudflare";
import type { EngineSettings } from "../../config/settings";
import type { DecisionCacheDO } from "../../../durable-objects/decision-cache";
import { CachedAnswer, type CacheClaim, type SharedDecisionCache } from "./cached-answer";

const SHARED_CACHE_TIMEOUT_MS = 1_000;

/** Shared through Upstash Redis: one store for every agent of a specialization, across regions. */
export class UpstashDecisionCache implements SharedDecisionCache {
  readonly kind = "upstash" as const;
  private readonly redis: Redis;

  constructor(url: string, token: string) {
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
    const parsed = CachedAnswer.safeParse(raw);
    return parsed.success ? parsed.data : undefined;
  }

  /** No single flight here: every miss is decided alone. */
  async claim(key: string): Promise<CacheClaim> {
    const answer = await this.get(key);
    return answer ? { answer } : { leased: false };
  }

  async release(): Promise<void> {}

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
    return (await withDeadline(this.stub().get(key), SHARED_CACHE_TIMEOUT_MS)) ?? undefined;
  }

  /** Bounded by the lease: a wait for another agent's answer never outlasts it (plus the second). */
  claim(key: string): Promise<CacheClaim> {
    const claimed = this.stub()
      .claim(key)
      .then((r): CacheClaim => ("answer" in r ? { answer: r.answer } : r.leased ? { leased: true, lease: r.lease } : { leased: false }));
    return withDeadline(claimed, this.leaseMs + SHARED_CACHE_TIMEOUT_MS);
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

/** `work`, or a rejection once `ms` have passed without its answer. */
async function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`shared cache did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Upstash when both its URL and token are set, the Durable Object otherwise. */
export function sharedDecisionCache(env: Env, settings: EngineSettings, scope: string): SharedDecisionCache {
  if (settings.UPSTASH_REDIS_REST_URL && settings.UPSTASH_REDIS_REST_TOKEN) {
    return new UpstashDecisionCache(settings.UPSTASH_REDIS_REST_URL, settings.UPSTASH_REDIS_REST_TOKEN);
  }
  return new DurableObjectDecisionCache(env.DECISION_CACHE, scope, settings.DECISION_CACHE_LEASE_MS);
}
