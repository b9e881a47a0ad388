import type { D1Migration } from "cloudflare:test";

declare global {
  namespace Cloudflare {
    interface Env {
      TEST_MIGRATIONS: D1Migration[];
      /** A rate-limiting binding of 3 requests per 10 s (vitest.config.ts), swapped in to see a 429. */
      TIGHT_RATE_LIMIT: RateLimit;
    }
  }
}
