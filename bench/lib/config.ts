/** Bench configuration from the environment: BENCH_QUICK, BENCH_ONLY and a few tuning knobs. */
import type { DecisionLoadConfig } from "./decisions";
import type { GithubLoadConfig } from "./github";
import type { MarketplaceLoadConfig } from "./marketplace";
import type { MemoryLoadConfig } from "./memory";
import type { MemoryBackend } from "./memory-report";
import type { ObservabilityLoadConfig } from "./observability";
import type { OrganisationLoadConfig } from "./organisation";
import type { ScenarioConfig } from "./scenario";
import type { SystemName } from "./system";

export const ALL_SYSTEMS: readonly SystemName[] = ["waooaw", "bare", "bare-packed", "agents-sdk"];

export interface BenchConfig {
  quick: boolean;
  loads: { a: boolean; b: boolean; d: boolean; e: boolean; f: boolean; g: boolean; h: boolean; o: boolean };
  systems: SystemName[];
  scenario: Omit<ScenarioConfig, "b" | "spawnConcurrency"> & { b: Omit<ScenarioConfig["b"], "liveCap"> };
  /** Live SQLite objects one workerd process may hold before SQLITE_NOMEM, per system (measured here). */
  liveCaps: Record<SystemName, number>;
  /** Spawn requests in flight: one agent per request for the platform, 100 per request for baselines. */
  spawnConcurrency: { perAgent: number; batched: number };
  /** Load D (decisions), run on the platform only, in its own `wrangler dev`. */
  d: DecisionLoadConfig;
  /** Load E (marketplace API), run on the platform only, in its own `wrangler dev`. */
  e: MarketplaceLoadConfig;
  /** Load F (the organisation: handoff chains, their floor, coordinator routing), in its own sessions. */
  f: OrganisationLoadConfig;
  /** Load G (GitHub in, outputs out: signed webhooks → WowVision Prime → a review per pull request, issues per push to the default branch), in its own session. */
  g: GithubLoadConfig;
  /** Load H (semantic memory: retrieval at 1,000–50,000 memories per agent on both backends, retrieval quality), a session per backend. */
  h: MemoryLoadConfig;
  /** Load O (load A with metrics and tracing on vs off), two platform sessions side by side. */
  o: ObservabilityLoadConfig;
  /** Every platform session runs with encryption at rest on (a fresh ENCRYPTION_KEYS per session) unless BENCH_ENCRYPTION=0. */
  encryptionAtRest: boolean;
}

/** Encryption at rest in the platform's sessions: on, as production should run, unless BENCH_ENCRYPTION=0. */
export function encryptionAtRest(env: NodeJS.ProcessEnv): boolean {
  return env.BENCH_ENCRYPTION !== "0";
}

const LOADS = ["A", "B", "D", "E", "F", "G", "H", "O"] as const;

function int(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${key} must be a positive integer, got "${raw}"`);
  return n;
}

/** A comma-separated list of positive integers (e.g. BENCH_F_ROUTING_ORDER=16,1). */
function intList(env: NodeJS.ProcessEnv, key: string, fallback: number[]): number[] {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const list = raw.split(",").map((s) => Number(s.trim()));
  if (!list.every((n) => Number.isInteger(n) && n >= 1 && n <= 1024))
    throw new Error(`${key} must be a comma-separated list of integers 1..1024, got "${raw}"`);
  return list;
}

/** A share in [0, 1] (BENCH_O_SAMPLE_RATE=0.1). */
function rate(env: NodeJS.ProcessEnv, key: string, fallback: number): number {
  const raw = env[key];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!(n >= 0 && n <= 1)) throw new Error(`${key} must be a number from 0 to 1, got "${raw}"`);
  return n;
}

/** Load H's memory counts (BENCH_H_LEVELS=1000,10000,50000): positive, ascending (each level adds to the last). */
function levels(env: NodeJS.ProcessEnv, fallback: number[]): number[] {
  const raw = env.BENCH_H_LEVELS;
  if (raw === undefined || raw === "") return fallback;
  const list = raw.split(",").map((x) => Number(x.trim()));
  if (!list.every((n, i) => Number.isInteger(n) && n >= 1 && n <= 200_000 && (i === 0 || n > (list[i - 1] as number))))
    throw new Error(`BENCH_H_LEVELS must be ascending integers 1..200000, got "${raw}"`);
  return list;
}

/** Full runs both backends; quick only `local`: each backend is a platform session of its own, ~25–50 s just to start. */
function memoryBackends(env: NodeJS.ProcessEnv, quick: boolean): MemoryBackend[] {
  const list = (env.BENCH_H_BACKENDS || (quick ? "local" : "local,pinecone")).split(",").map((x) => x.trim());
  if (!list.every((b): b is MemoryBackend => b === "local" || b === "pinecone"))
    throw new Error(`BENCH_H_BACKENDS must list local and/or pinecone, got "${env.BENCH_H_BACKENDS}"`);
  return list;
}

export function loadConfig(env: NodeJS.ProcessEnv): BenchConfig {
  const quick = env.BENCH_QUICK === "1" || env.BENCH_QUICK === "true";
  // One load or a comma-separated list of them (BENCH_ONLY=D, BENCH_ONLY=A,D).
  const only = (env.BENCH_ONLY ?? "")
    .toUpperCase()
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const l of only)
    if (!(LOADS as readonly string[]).includes(l))
      throw new Error(`BENCH_ONLY must be one or more of ${LOADS.join(", ")}, got "${env.BENCH_ONLY}"`);
  const runs = (load: (typeof LOADS)[number]) => only.length === 0 || only.includes(load);
  const dEvents = int(env, "BENCH_D_EVENTS", quick ? 2_000 : 10_000);
  const systems = (env.BENCH_SYSTEMS ?? ALL_SYSTEMS.join(","))
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "");
  for (const s of systems) if (!ALL_SYSTEMS.includes(s as SystemName)) throw new Error(`unknown system in BENCH_SYSTEMS: ${s}`);

  const liveCap = env.BENCH_LIVE_CAP ? int(env, "BENCH_LIVE_CAP", 2_500) : undefined;
  return {
    quick,
    loads: { a: runs("A"), b: runs("B"), d: runs("D"), e: runs("E"), f: runs("F"), g: runs("G"), h: runs("H"), o: runs("O") },
    systems: systems as SystemName[], // Checked against ALL_SYSTEMS above.
    scenario: {
      a: {
        agents: 200,
        // Per pass. Keep it ≤ 10,000: the local queue failed with a quota error past ~10,000
        // pending messages, and bare and agents-sdk send one message per event.
        events: int(env, "BENCH_A_EVENTS", quick ? 2_000 : 10_000),
        // A-warm passes: the target figure is their median (a single ~1 s pass is mostly noise on
        // a shared machine: waooaw / bare-packed read 0.12× in one run and 0.35× in the next).
        passes: int(env, "BENCH_A_PASSES", quick ? 3 : 5),
      },
      b: {
        agents: int(env, "BENCH_B_AGENTS", quick ? 1_000 : 10_000),
        // One wave size for every system, so cold figures are comparable. Waves of exact
        // multiples of 100 fill queue batches, so a wave carries no batch-timeout wait.
        waveSize: int(env, "BENCH_WAVE", 500),
        // workerd evicted idle objects after ~10 s here; 12 s leaves a margin.
        evictAfterMs: int(env, "BENCH_EVICT_S", 12) * 1000,
      },
      ingestConcurrency: int(env, "BENCH_CONCURRENCY", 6),
    },
    // An agents-SDK object holds several SQLite tables of its own: NOMEM came at ~1,500 live
    // objects versus ~3,300+ for a bare one. The platform's figure is an assumption until measured.
    liveCaps: {
      bare: liveCap ?? 2_500,
      "bare-packed": liveCap ?? 2_500,
      "agents-sdk": liveCap ?? 1_100,
      waooaw: liveCap ?? int(env, "BENCH_WAOOAW_LIVE_CAP", 2_500),
    },
    // Baselines create 100 objects per request, one request at a time: with 4 in flight (400
    // agents-SDK startups at once) workerd dropped in-flight requests ("Your worker restarted
    // mid-request") within a few waves, every time; one at a time ran clean.
    spawnConcurrency: { perAgent: 16, batched: 1 },
    d: {
      events: dEvents,
      agents: int(env, "BENCH_D_AGENTS", 200),
      // 3 templates per 100 events (300 for the full trace): with 14% of events drawn from them
      // (Zipf) and 1% novel, the distinct unmatched situations, hence LLM calls, stay near 3.5%.
      templates: int(env, "BENCH_D_TEMPLATES", Math.max(10, Math.round(dEvents * 0.03))),
      seed: int(env, "BENCH_D_SEED", 1),
      ruleShare: 0.85,
      novelShare: 0.01,
      ingestConcurrency: int(env, "BENCH_CONCURRENCY", 6),
      spawnConcurrency: 16,
      probePerKind: int(env, "BENCH_D_PROBE", quick ? 10 : 25),
      // The learning effect: the trace again after feedback, once the exact caches expired.
      learning: int(env, "BENCH_D_LEARNING", 1) === 1,
      cacheTtlSeconds: int(env, "BENCH_D_CACHE_TTL_S", 90),
    },
    e: {
      listings: int(env, "BENCH_E_LISTINGS", 50),
      customers: int(env, "BENCH_E_CUSTOMERS", 20),
      concurrency: int(env, "BENCH_E_CONCURRENCY", 6),
      seed: int(env, "BENCH_E_SEED", 1),
      searchRounds: int(env, "BENCH_E_ROUNDS", quick ? 4 : 25),
      profileRounds: int(env, "BENCH_E_PROFILE_ROUNDS", quick ? 3 : 20),
      warmPasses: int(env, "BENCH_E_WARM_PASSES", quick ? 3 : 4),
      // Every (customer, listing) pair once at full size: 20 × 50.
      hires: int(env, "BENCH_E_HIRES", quick ? 200 : 1_000),
      trials: int(env, "BENCH_E_TRIALS", quick ? 30 : 100),
      racePairs: int(env, "BENCH_E_RACE_PAIRS", quick ? 10 : 20),
      health: int(env, "BENCH_E_HEALTH", quick ? 300 : 1_000),
      serialRounds: int(env, "BENCH_E_SERIAL_ROUNDS", quick ? 1 : 3),
      serialHires: int(env, "BENCH_E_SERIAL_HIRES", quick ? 30 : 100),
    },
    f: {
      customers: int(env, "BENCH_F_CUSTOMERS", quick ? 40 : 200),
      chains: int(env, "BENCH_F_CHAINS", quick ? 300 : 2_000),
      routes: int(env, "BENCH_F_ROUTES", quick ? 300 : 2_000),
      concurrency: int(env, "BENCH_F_CONCURRENCY", 6),
      floorBatch: Math.min(100, int(env, "BENCH_F_FLOOR_BATCH", 1)),
      seed: int(env, "BENCH_F_SEED", 1),
      stallS: int(env, "BENCH_F_STALL_S", 60),
      routingOrder: intList(env, "BENCH_F_ROUTING_ORDER", quick ? [16, 1] : [16, 1, 1, 16]),
    },
    g: {
      customers: int(env, "BENCH_G_CUSTOMERS", quick ? 24 : 120),
      concurrency: int(env, "BENCH_G_CONCURRENCY", 6),
      stallS: int(env, "BENCH_G_STALL_S", 60),
      probe: int(env, "BENCH_G_PROBE", quick ? 12 : 30),
    },
    h: {
      levels: levels(env, quick ? [1_000, 5_000] : [1_000, 10_000, 50_000]),
      queries: int(env, "BENCH_H_QUERIES", quick ? 25 : 60),
      topK: 5,
      importBatch: 500,
      concurrency: int(env, "BENCH_H_CONCURRENCY", 2),
      backends: memoryBackends(env, quick),
      seed: int(env, "BENCH_H_SEED", 1),
      indexWaitS: int(env, "BENCH_H_INDEX_WAIT_S", 120),
    },
    o: {
      agents: 200,
      events: int(env, "BENCH_O_EVENTS", quick ? 2_000 : 10_000),
      // Rounds of one pass per session, alternating which goes first; the medians are compared.
      rounds: int(env, "BENCH_O_ROUNDS", quick ? 3 : 10),
      // The shipped TRACE_SAMPLE_RATE (wrangler.toml); BENCH_O_SAMPLE_RATE=1 measures exporting every trace.
      sampleRate: rate(env, "BENCH_O_SAMPLE_RATE", 0.1),
      // BENCH_O_PARTS=metrics or =traces puts one alone in the "on" session, to tell what each costs.
      metrics: (env.BENCH_O_PARTS ?? "metrics,traces").includes("metrics"),
      export: (env.BENCH_O_PARTS ?? "metrics,traces").includes("traces"),
      ingestConcurrency: int(env, "BENCH_CONCURRENCY", 6),
      spawnConcurrency: 16,
    },
    encryptionAtRest: encryptionAtRest(env),
  };
}
