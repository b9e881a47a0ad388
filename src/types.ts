/** The hono environment for every route: Worker bindings and who is calling. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by customerAuth: every customer query is scoped by it. */
    customerId: string;
    /** Who is calling, for idempotency keys: `customer:<id>` or `operator`. */
    caller: string;
  };
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
      /** The e-mail channel (Resend's API) for verification links; unset, links go to the log. */
      RESEND_API_KEY?: string;
      RESEND_API_URL?: string;
      EMAIL_FROM?: string;
      /** Workers Analytics Engine dataset for metrics; optional (commented out in wrangler.toml). */
      ANALYTICS?: AnalyticsEngineDataset;
    }
  }
}
