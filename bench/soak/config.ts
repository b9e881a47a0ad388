/**
 * The soak's sizes and schedule. `npm run soak` is the full run; `--short` the seconds-long
 * variant `npm test` runs; `--medium` in between. Every knob can be overridden on the command line.
 */
import { parseArgs } from "node:util";

export interface PhaseSize {
  agents: number;
  events: number;
}

export interface SoakConfig {
  mode: "full" | "medium" | "short";
  seed: string;
  /** Phase 1: many events over few agents; phase 2: many agents. */
  phase1: PhaseSize;
  phase2: PhaseSize;
  /** The faults-off pass (same trace shape as phase 1) for the comparison figure. */
  clean: PhaseSize;
  /** Customers signed up, verified, each hiring the listed desk agent and giving it tasks. */
  customers: number;
  tasksPerCustomer: number;
  /**
   * GitHub repositories, each a customer's who hires WowVision Prime and connects it, getting
   * signed webhooks alongside phase 1 (0: none, and no local GitHub server).
   */
  repositories: number;
  /** Fraction of webhook deliveries sent twice (same `X-GitHub-Delivery`: the platform must drop the repeat). */
  webhookDuplicateRate: number;
  /** Fraction of events the driver sends twice (same producer id: idempotent ingest must drop it). */
  duplicateRate: number;
  /** Fractions of phase-1 agents paused, and retired, a third of the way in (they keep getting events). */
  pauseRate: number;
  retireRate: number;
  /** Pause, resume and retire agents mid-run (`--no-lifecycle`: none). */
  lifecycle: boolean;
  /** Fraction of events with no rule for them: decided by the model (the local Anthropic server). */
  llmRate: number;
  /** The LLM outage, started a fifth of the way into phase 1: 529 for `overloadS`, then 429 for `rateLimitS`. */
  outage: { overloadS: number; rateLimitS: number; retryAfterS: number };
  /** The FAULTS plan (see the fault-injection contract); `seed` is added from `seed`. */
  faults: Record<string, number>;
  ingestConcurrency: number;
  spawnConcurrency: number;
  /** How long the pipeline may take to settle after the last event, per phase. */
  drainTimeoutMs: number;
  /** How often the time series is sampled. */
  sampleMs: number;
}

const FAULTS = { lostAck: 0.1, batchThrow: 0.05, abortMidWake: 0.02, rollupD1Error: 0.05, coordinatorRestart: 0.01 };
/**
 * Stuck agents (stallMidWake) per preset: a handful in each run, not a fraction of the trace,
 * since every batch holding one waits the session's WAKE_AGENT_TIMEOUT_MS for it.
 */
const STALLS = { full: 0.00003, medium: 0.0001, short: 0.0015 };
/** How long a stuck agent hangs: twice the sessions' WAKE_AGENT_TIMEOUT_MS, so the consumer gives up first, and gone before phase 2. */
const STALL_MS = 30_000;

const BASE = {
  duplicateRate: 0.12,
  webhookDuplicateRate: 0.15,
  lifecycle: true,
  pauseRate: 0.03,
  retireRate: 0.02,
  llmRate: 0.03,
  faults: FAULTS,
  spawnConcurrency: 16,
};

const PRESETS: Record<SoakConfig["mode"], Omit<SoakConfig, "mode" | "seed">> = {
  full: {
    ...BASE,
    faults: { ...FAULTS, stallMidWake: STALLS.full, stallMs: STALL_MS },
    phase1: { agents: 200, events: 100_000 },
    phase2: { agents: 10_000, events: 10_000 },
    clean: { agents: 200, events: 100_000 },
    customers: 40,
    repositories: 20,
    tasksPerCustomer: 10,
    outage: { overloadS: 60, rateLimitS: 30, retryAfterS: 5 },
    ingestConcurrency: 4,
    drainTimeoutMs: 600_000,
    sampleMs: 2_000,
  },
  medium: {
    ...BASE,
    faults: { ...FAULTS, stallMidWake: STALLS.medium, stallMs: STALL_MS },
    phase1: { agents: 200, events: 20_000 },
    phase2: { agents: 2_000, events: 4_000 },
    clean: { agents: 200, events: 20_000 },
    customers: 10,
    repositories: 6,
    tasksPerCustomer: 5,
    outage: { overloadS: 15, rateLimitS: 10, retryAfterS: 2 },
    ingestConcurrency: 4,
    drainTimeoutMs: 300_000,
    sampleMs: 1_000,
  },
  short: {
    ...BASE,
    faults: { ...FAULTS, stallMidWake: STALLS.short, stallMs: STALL_MS },
    phase1: { agents: 20, events: 1_500 },
    phase2: { agents: 50, events: 300 },
    clean: { agents: 20, events: 0 },
    customers: 3,
    repositories: 2,
    tasksPerCustomer: 2,
    outage: { overloadS: 2, rateLimitS: 2, retryAfterS: 1 },
    ingestConcurrency: 4,
    drainTimeoutMs: 60_000,
    sampleMs: 500,
  },
};

const USAGE = `npm run soak -- [--short | --medium] [--seed S] [--events N] [--agents N] [--agents2 N] [--events2 N] [--clean-events N] [--repositories N] [--no-faults] [--no-lifecycle]`;

export function loadSoakConfig(argv: readonly string[]): SoakConfig & { noFaults: boolean; resized: boolean } {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      short: { type: "boolean" },
      medium: { type: "boolean" },
      seed: { type: "string" },
      events: { type: "string" },
      agents: { type: "string" },
      events2: { type: "string" },
      agents2: { type: "string" },
      "clean-events": { type: "string" },
      repositories: { type: "string" },
      "no-faults": { type: "boolean" },
      "no-lifecycle": { type: "boolean" },
      help: { type: "boolean" },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const mode = values.short ? "short" : values.medium ? "medium" : "full";
  const cfg: SoakConfig = { mode, seed: values.seed ?? "soak-1", ...structuredClone(PRESETS[mode]) };
  const int = (v: string | undefined, name: string): number | undefined => {
    if (v === undefined) return undefined;
    const n = Number(v);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: a whole number, not ${v}\n${USAGE}`);
    return n;
  };
  cfg.phase1.events = int(values.events, "events") ?? cfg.phase1.events;
  cfg.phase1.agents = int(values.agents, "agents") ?? cfg.phase1.agents;
  cfg.phase2.events = int(values.events2, "events2") ?? cfg.phase2.events;
  cfg.phase2.agents = int(values.agents2, "agents2") ?? cfg.phase2.agents;
  cfg.clean.events = int(values["clean-events"], "clean-events") ?? cfg.clean.events;
  cfg.repositories = int(values.repositories, "repositories") ?? cfg.repositories;
  // No agent paused, resumed or retired mid-run (to tell their effect apart from the rest's).
  if (values["no-lifecycle"]) cfg.lifecycle = false;
  if (cfg.phase1.agents < 1 || cfg.phase2.agents < 1) throw new Error("each phase needs at least one agent");
  // A run with its own sizes is not the preset's: it never replaces the published figures.
  const resized = [values.events, values.agents, values.events2, values.agents2, values["clean-events"], values.repositories].some(
    (v) => v !== undefined,
  );
  return { ...cfg, noFaults: values["no-faults"] === true, resized };
}

/** The FAULTS value (JSON) for the Worker: the plan with the run's seed. */
export function faultsVar(cfg: SoakConfig): string {
  return JSON.stringify({ seed: cfg.seed, ...cfg.faults });
}
