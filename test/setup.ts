import { applyD1Migrations } from "cloudflare:test";
import { env } from "cloudflare:workers";

// The same migrations files wrangler applies; applying them is idempotent.
await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
