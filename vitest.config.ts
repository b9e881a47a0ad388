import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Tests run inside workerd with the same wrangler.toml as production; only secrets and the
// retry backoff (0 s, so retries happen at once) differ. D1 migrations come from migrations/.
export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    plugins: [
      cloudflareTest({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: { ADMIN_TOKEN: "test-admin-token", WAKE_RETRY_BASE_SECONDS: "0", TEST_MIGRATIONS: migrations },
        },
      }),
    ],
    test: {
      setupFiles: ["./test/setup.ts"],
      testTimeout: 30_000,
      coverage: {
        provider: "istanbul",
        include: ["src/**", "durable-objects/**"],
        reporter: ["text-summary", "text", "json-summary"],
        thresholds: { lines: 85 },
      },
    },
  };
});
