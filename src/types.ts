/** The hono environment for every route: Worker bindings, no per-request variables yet. */
export interface AppEnv {
  Bindings: Env;
}

declare global {
  namespace Cloudflare {
    interface Env {
      /** Operator bearer token for /v1/events and /v1/admin (a wrangler secret in production). */
      ADMIN_TOKEN?: string;
      /** Secrets and optional settings of the decision engine (see src/config/settings.ts). */
      ANTHROPIC_API_KEY?: string;
      ANTHROPIC_BASE_URL?: string;
      UPSTASH_REDIS_REST_URL?: string;
      UPSTASH_REDIS_REST_TOKEN?: string;
      LLM_PRICES?: string;
    }
  }
}
