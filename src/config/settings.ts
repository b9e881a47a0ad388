import { z } from "zod";
import { DEFAULT_PRICES, PriceTable } from "../decisions/prices";

const int = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v?.trim() ? v.trim() : undefined));

/**
 * Every tunable of the decision engine, read from Worker variables and secrets (see
 * wrangler.toml and the README). Validated once per isolate: a bad value fails loudly, naming
 * the variable, instead of silently behaving like its default.
 */
const Settings = z.object({
  ANTHROPIC_API_KEY: optionalText,
  ANTHROPIC_BASE_URL: optionalText.pipe(z.url().optional()),
  LLM_TIMEOUT_MS: int(20_000, 1),
  LLM_MAX_RETRIES: int(2),
  LLM_DEADLINE_MS: int(60_000, 1),
  LLM_MAX_OUTPUT_TOKENS: int(512, 16),
  LLM_PRICES: optionalText.transform((raw, ctx) => {
    if (!raw) return DEFAULT_PRICES;
    const parsed = PriceTable.safeParse(safeJson(raw));
    if (parsed.success) return { ...DEFAULT_PRICES, ...parsed.data };
    ctx.addIssue({ code: "custom", message: 'LLM_PRICES must be JSON: {"model": {"inputPerMTok": n, "outputPerMTok": n}}' });
    return z.NEVER;
  }),
  BREAKER_FAILURE_THRESHOLD: int(5, 1),
  BREAKER_COOLDOWN_MS: int(30_000, 1),
  BUDGET_WARNING_THRESHOLD: z.coerce.number().gt(0).lte(1).default(0.8),
  CUSTOMER_BUDGET_USD_PER_MONTH: z.coerce.number().nonnegative().default(100),
  CUSTOMER_BUDGET_TOKENS_PER_DAY: int(2_000_000),
  CUSTOMER_BUDGET_LLM_CALLS_PER_MINUTE: int(120),
  DECISION_CACHE_TTL_SECONDS: int(86_400, 1),
  /** How long the agent that first misses a situation may take to answer it while others wait. */
  DECISION_CACHE_LEASE_MS: int(15_000, 1),
  UPSTASH_REDIS_REST_URL: optionalText.pipe(z.url().optional()),
  UPSTASH_REDIS_REST_TOKEN: optionalText,
  // The semantic cache (src/decisions/cache/semantic-tier.ts): a near-duplicate of a situation
  // whose decision was rated good reuses it when the cosine of their embeddings reaches the
  // threshold (a definition may set its own: `defaults.semanticThreshold`); each agent keeps at
  // most SEMANTIC_CACHE_MAX_ENTRIES remembered decisions, the newest.
  SEMANTIC_CACHE_THRESHOLD: z.coerce.number().gt(0).lte(1).default(0.92),
  SEMANTIC_CACHE_MAX_ENTRIES: int(2_000, 1),
  // Retention (src/wake/retention.ts): how long agents keep the ids of events they buffered,
  // refused or discarded for duplicate detection (never less than the queue's redelivery window:
  // src/wake/redelivery.ts), and how long D1 keeps events and their wake log.
  PROCESSED_RETENTION_HOURS: int(96, 1),
  EVENT_RETENTION_DAYS: int(90, 1),
  // Progressive context (src/decisions/context): the tokens of context (system and user prompt)
  // an LLM decision may be given, unless its definition sets `defaults.contextTokens`.
  LLM_CONTEXT_TOKENS: int(2_000, 256),
  // Semantic memory (src/memory). Pinecone stores the vectors when PINECONE_API_KEY and
  // PINECONE_INDEX_HOST are set, and embeds them when PINECONE_API_KEY and PINECONE_EMBED_MODEL
  // are; otherwise vectors live in the agent's SQLite and the lexical embedder makes them.
  PINECONE_API_KEY: optionalText,
  /** The index's data-plane host (`my-index-abc123.svc.….pinecone.io`), from the Pinecone console. */
  PINECONE_INDEX_HOST: optionalText,
  /** A hosted embedding model (`multilingual-e5-large`) and the dimension it answers with. */
  PINECONE_EMBED_MODEL: optionalText,
  PINECONE_EMBED_DIMENSION: int(1024, 1),
  /** Where inference (`/embed`) is called; Pinecone's API host unless overridden (tests: the local server). */
  PINECONE_CONTROLLER_URL: optionalText.pipe(z.url().optional()),
  /** One Pinecone request's time limit: a slow backend leaves memories pending, never a decision waiting. */
  PINECONE_TIMEOUT_MS: int(5_000, 1),
  /** Memories embedded (and upserted) per batch of the agent's alarm work. */
  MEMORY_EMBED_BATCH: int(64, 1),
  // Learning from feedback (src/learning): how many distinct events the model must have decided
  // the same way, each rated good and none bad, before the situation becomes a learned rule; and
  // how old an agent's replica of its scope's learned rules may get before the alarm re-reads D1.
  LEARN_MIN_EVIDENCE: int(3, 1),
  LEARNED_RULES_REFRESH_SECONDS: int(60),
});
export type EngineSettings = z.infer<typeof Settings>;

function safeJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return undefined;
  }
}

const parsed = new WeakMap<object, EngineSettings>();

/** The engine settings for this env; throws an error naming the bad variable. */
export function engineSettings(env: object): EngineSettings {
  let settings = parsed.get(env);
  if (!settings) {
    const result = Settings.safeParse(env);
    if (!result.success) {
      const issue = result.error.issues[0];
      throw new Error(`invalid configuration ${issue?.path.join(".") ?? ""}: ${issue?.message ?? "unknown"}`);
    }
    settings = result.data;
    parsed.set(env, settings);
  }
  return settings;
}
