/** An authenticated operator (src/http/auth.ts): the JWT's subject, or `admin-token` for ADMIN_TOKEN. */
export interface Operator {
  subject: string;
  role: "viewer" | "operator" | "admin";
  via: "jwt" | "admin_token";
}

/** The hono environment for every route: Worker bindings and who is calling. */
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by customerAuth: every customer query is scoped by it. */
    customerId: string;
    /** Set by customerAuth: the key the customer called with (never the key itself). */
    customerKey?: { id: string; expiresAt: number | null };
    /** Set by operatorAuth: who the operator is and their role. */
    operator?: Operator;
    /** Who is calling, for idempotency keys: `customer:<id>` or `operator:<subject>`. */
    caller: string;
  };
}

declare global {
  namespace Cloudflare {
    interface Env {
      /** Bootstrap admin bearer token for the operator routes (a wrangler secret in production). */
      ADMIN_TOKEN?: string;
      /** Operator JWTs (src/http/operator-jwt.ts): an identity provider's JWKS URL (RS256, ES256, EdDSA)… */
      OPERATOR_JWKS_URL?: string;
      /** …and/or a shared HS256 secret (a wrangler secret, at least 32 characters). */
      OPERATOR_JWT_SECRET?: string;
      /** Required `iss` of operator JWTs (required when either of the above is set). */
      OPERATOR_JWT_ISSUER?: string;
      /** Required `aud` of operator JWTs; "waooaw" unless set. */
      OPERATOR_JWT_AUDIENCE?: string;
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
