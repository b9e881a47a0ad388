import { availableParallelism } from "node:os";
import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// Two projects. `workers`: everything that touches the platform runs inside workerd with the
// same wrangler.toml as production; only secrets, the retry backoff (0 s, so retries happen at
// once) and the LLM endpoint differ: the real Anthropic SDK talks to the local Messages API
// server that globalSetup starts (test/servers/), whose address reaches the bindings through
// `inject`. D1 migrations come from migrations/. `skills`: the deterministic skills are pure
// functions with no bindings, so their many test files run in Node, sparing a workerd start each
// (test/platform.test.ts, in the workers project, runs the library-backed ones in workerd); the
// templates' tests (test/templates/), which run the skills through the templates' rules, too.
// Tests import @waooaw/client from its source (packages/client/src), not its build, so an edit to
// the client is tested without rebuilding it first (the browser test loads the build).
const resolve = { alias: { "@waooaw/client": path.join(import.meta.dirname, "packages/client/src/index.ts") } };

/**
 * A project of Workers tests (run in workerd with the same wrangler.toml as production), with
 * `bindings` added to the test bindings below.
 */
type Migrations = Awaited<ReturnType<typeof readD1Migrations>>;

/** Every entry point of a library the Worker imports (all subpaths, so no library loads twice). */
const OPTIMIZED_DEPS = [
  "zod",
  "hono",
  "hono/utils/html",
  "hono/utils/http-status",
  "hono/secure-headers",
  "hono/route",
  "hono/html",
  "hono/body-limit",
  "drizzle-orm",
  "drizzle-orm/sqlite-core",
  "drizzle-orm/d1",
  "drizzle-orm/batch",
  "@anthropic-ai/sdk",
  "@upstash/redis/cloudflare",
  "@octokit/webhooks-methods",
  "@asteasolutions/zod-to-openapi",
  "@eslint-community/regexpp",
  "jose",
  "htmlparser2",
  "libphonenumber-js/min",
  "marked",
  "stemmer",
  "syllable",
  "@noble/hashes/sha2.js",
  "@noble/hashes/utils.js",
];

function workersProject(
  name: string,
  migrations: Migrations,
  include: string[],
  exclude: string[],
  bindings: Record<string, string>,
  { optimizeDeps = true } = {},
) {
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: "./wrangler.toml" },
        miniflare: {
          bindings: {
            ADMIN_TOKEN: "test-admin-token",
            // Operator JWTs: both key sources, the local identity provider's (test/servers/jwks-server.ts)
            // and a shared secret, so route tests can sign tokens either way (test/http/operator-tokens.ts).
            OPERATOR_JWKS_URL: inject("jwksUrl"),
            OPERATOR_JWT_SECRET: "test-operator-jwt-secret-0123456789abcdef",
            OPERATOR_JWT_ISSUER: "https://idp.waooaw.test/",
            // A test key ring (two keys, new values under k2): encryption at rest is on in tests.
            ENCRYPTION_KEYS: `k1:${Buffer.alloc(32, 1).toString("base64")},k2:${Buffer.alloc(32, 2).toString("base64")}`,
            WAKE_RETRY_BASE_SECONDS: "0",
            // Short shared-cache leases, so a test can watch one run out.
            DECISION_CACHE_LEASE_MS: "1500",
            TEST_MIGRATIONS: migrations,
            ANTHROPIC_API_KEY: "test-anthropic-key",
            ANTHROPIC_BASE_URL: inject("anthropicUrl"),
            GITHUB_API_URL: inject("githubUrl"),
            // Every queue batch exports its spans to the local OTLP receiver, as a deployment with a collector would.
            OTEL_EXPORTER_OTLP_ENDPOINT: inject("otlpUrl"),
            // Every trace, so a test can look for any of its spans at the receiver.
            TRACE_SAMPLE_RATE: "1",
            // Verification e-mails go to the local e-mail API (Resend's protocol); tests read the links there.
            RESEND_API_KEY: inject("resendKey"),
            RESEND_API_URL: inject("resendUrl"),
            // Every test signs up, trials and rates from one address: limits far above what a
            // test file does (test/http/rate-limits.test.ts checks the production defaults).
            RATE_LIMIT_SIGNUPS_PER_IP: "100000/60",
            RATE_LIMIT_TRIALS_PER_CUSTOMER: "100000/60",
            RATE_LIMIT_HIRES_PER_CUSTOMER: "100000/60",
            RATE_LIMIT_RATINGS_PER_CUSTOMER: "100000/60",
            RATE_LIMIT_VERIFICATION_EMAILS_PER_CUSTOMER: "100000/60",
            ...bindings,
          },
          // The approximate limits likewise, plus a tight one that a test swaps in to see 429.
          ratelimits: {
            IP_RATE_LIMIT: { namespace_id: "1401", simple: { limit: 1_000_000, period: 60 } },
            API_KEY_RATE_LIMIT: { namespace_id: "1402", simple: { limit: 1_000_000, period: 60 } },
            TIGHT_RATE_LIMIT: { namespace_id: "1499", simple: { limit: 3, period: 10 } },
          },
          // Optional in production (commented out in wrangler.toml); bound here so the
          // metrics' Analytics Engine writes run in tests.
          analyticsEngineDatasets: { ANALYTICS: { dataset: "waooaw_metrics" } },
        },
      })),
    ],
    test: {
      name,
      include,
      exclude: ["test/skills/**", "test/templates/**", "test/browser/**", "test/**/*.node.test.ts", ...exclude],
      setupFiles: ["./test/setup.ts"],
      // Local Anthropic + Upstash REST servers (Node), reached from workerd over 127.0.0.1; see test/servers/.
      globalSetup: ["./test/servers/global-setup.ts"],
      testTimeout: 30_000,
      // Pre-bundled dependencies: each test file loads the Worker's module graph into workerd
      // afresh, and one bundle per library is far fewer modules to fetch than the library's files
      // (~25% off a workers file's start). Pinecone stays out: its bundle needs Node built-ins.
      deps: { optimizer: { ssr: { enabled: optimizeDeps, include: OPTIMIZED_DEPS } } },
    },
  };
}

export default defineConfig(async () => {
  const migrations = await readD1Migrations(path.join(import.meta.dirname, "migrations"));
  return {
    resolve,
    test: {
      projects: [
        workersProject("workers", migrations, ["test/**/*.test.ts"], ["test/faults/**"], {}),
        // The platform under injected faults (src/resilience/faults.ts): its own project, because
        // FAULTS is a binding and every other test must run fault-free. High fractions, so a small
        // batch of events meets each fault; each test checks that nothing was lost or done twice.
        workersProject(
          "faults",
          migrations,
          ["test/faults/**/*.test.ts"],
          [],
          {
            FAULTS: JSON.stringify({
              seed: "faults-test",
              lostAck: 0.3,
              batchThrow: 0.3,
              abortMidWake: 0.1,
              rollupD1Error: 0.3,
              coordinatorRestart: 0.3,
              // Rare, so only the stall test (which picks ids it fires for) meets it: a wake still
              // stuck when another file's environment closes would resume into a closed runner.
              stallMidWake: 0.00005,
              stallMs: 15_000,
            }),
            // A stuck agent (stallMidWake, stuck 15 s) is given up on after 3 s instead of a minute.
            WAKE_AGENT_TIMEOUT_MS: "3000",
          },
          // Objects reset on purpose re-import modules as the file's environment closes; with
          // pre-bundled dependencies such a late import fails the run ("Closing rpc while
          // resolve was pending"), so this small project loads them file by file.
          { optimizeDeps: false },
        ),
        {
          test: {
            name: "skills",
            // Pure modules anywhere (`*.node.test.ts`: no bindings, no cloudflare: imports) run here too:
            // a test that needs neither should be one, sparing a workerd start (~6 s) per file.
            include: ["test/skills/**/*.test.ts", "test/templates/**/*.test.ts", "test/**/*.node.test.ts"],
            environment: "node",
            testTimeout: 30_000,
          },
        },
      ],
      // A Durable Object reset on purpose (FAULTS' abortMidWake, project "faults") also surfaces
      // as an unhandled rejection in the test isolate, where the object runs: not a test's error.
      onUnhandledError: (error) => !(error as { durableObjectReset?: boolean }).durableObjectReset,
      // Both cores (vitest's default leaves one idle): each workers file spends ~6 s starting its
      // runtime and applying migrations, mostly waiting, so two at a time cut the run by a quarter.
      maxWorkers: Math.max(2, availableParallelism()),
      coverage: {
        provider: "istanbul",
        include: ["src/**", "durable-objects/**"],
        reporter: ["text-summary", "text", "json-summary"],
        thresholds: { lines: 85 },
      },
    },
  };
});
