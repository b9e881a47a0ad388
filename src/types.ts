/** The hono environment for every route: Worker bindings, no per-request variables yet. */
export interface AppEnv {
  Bindings: Env;
}

declare global {
  namespace Cloudflare {
    interface Env {
      /** Operator bearer token for /v1/events and /v1/admin (a wrangler secret in production). */
      ADMIN_TOKEN?: string;
    }
  }
}
