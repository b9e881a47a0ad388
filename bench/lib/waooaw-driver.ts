/**
 * Drives the WAOOAW platform through its public contract: D1 migrations, `wrangler dev`,
 * an agent definition, spawn per agent, batch ingest, and the admin stats endpoint.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { encryptionAtRest } from "./config";
import { countsAt, numberAt, requestJson, type RequestOptions } from "./http";
import { buildWorker, discardState, REPO_ROOT, runWrangler, startDevServer, type DevServer } from "./proc";
import type { AgentRef, OutgoingEvent, ProgressStats, SystemDriver } from "./system";

/** The agent type the bench spawns: urgent messages escalate, others are answered. */
export const BENCH_DEFINITION = {
  slug: "bench-router",
  version: 1,
  specialization: {
    coe: "support",
    role: "triage",
    capabilities: ["triage"],
    rules: [
      {
        id: "urgent",
        when: { type: "customer.message", conditions: [{ path: "payload.priority", op: "eq", value: "urgent" }] },
        then: { action: "escalate", reason: "urgent customer message" },
      },
      { id: "default", when: { type: "customer.message" }, then: { action: "act", reason: "answer from playbook" } },
    ],
    subscriptions: [{ event: "customer.*" }],
  },
  personality: {
    displayName: "Bench Router",
    tagline: "Routes customer messages for the benchmark",
    tone: "neutral",
    industries: ["software"],
    languages: ["en"],
  },
  defaults: { model: "claude-haiku-4-5", budget: { usdPerMonth: 5 } },
} as const;

export interface WaooawOptions {
  /** Names the log, state and build of this session (`waooaw` for loads A and B). */
  label?: string;
  /** Extra variables (`--var`), e.g. the LLM provider for load D. */
  vars?: Readonly<Record<string, string>>;
  /** The definition published at start; agents are spawned from it. */
  definition?: unknown;
  /** Variables written into the session's own copy of wrangler.toml (`[vars]`), e.g. the soak's FAULTS. */
  configVars?: Readonly<Record<string, string>>;
}

/**
 * The bench is one trusted load generator on one address (locally every request's IP is
 * "unknown"): the abuse limits guard against many sign-ups, trials or requests from one client,
 * which is exactly what a load test is. So every session raises them out of the way, to measure
 * the platform as it would be configured for a load test, not its 429s. The exact limits
 * (RateLimiterDO) are `<count>/<seconds>` variables, still counted on every request they guard.
 */
const BENCH_EXACT_LIMITS: Readonly<Record<string, string>> = {
  RATE_LIMIT_SIGNUPS_PER_IP: "1000000/60",
  RATE_LIMIT_TRIALS_PER_CUSTOMER: "1000000/60",
  RATE_LIMIT_HIRES_PER_CUSTOMER: "1000000/60",
  RATE_LIMIT_RATINGS_PER_CUSTOMER: "1000000/60",
  RATE_LIMIT_VERIFICATION_EMAILS_PER_CUSTOMER: "1000000/60",
};
/** The rate-limiting bindings' `simple.limit` in the bench's copy of wrangler.toml. */
const BENCH_BINDING_LIMIT = 1_000_000;
/** The bench's copy of wrangler.toml: next to it (paths inside are relative to the config file), git-ignored. */
const BENCH_CONFIG = ".wrangler.bench.toml";

/**
 * Writes `.wrangler.bench.toml`: wrangler.toml with the `[[ratelimits]]` bindings' limits raised
 * (bindings cannot be changed by `--var`). Everything else is the shipped configuration. Answers
 * its path relative to the repo root, the form every wrangler call here takes.
 */
export function writeBenchConfig(configVars: Readonly<Record<string, string>> = {}): string {
  const shipped = readFileSync(join(REPO_ROOT, "wrangler.toml"), "utf8");
  // A session with variables of its own in the config (the soak's FAULTS) gets a file of its own,
  // so other bench sessions watching `.wrangler.bench.toml` are not restarted by it.
  const name = Object.keys(configVars).length === 0 ? BENCH_CONFIG : `.wrangler.bench-${process.pid}.toml`;
  let raised = 0;
  let text = shipped.replace(/^(simple\s*=\s*\{\s*limit\s*=\s*)\d+/gm, (_, head: string) => {
    raised++;
    return `${head}${BENCH_BINDING_LIMIT}`;
  });
  const bindings = (shipped.match(/^\[\[ratelimits\]\]/gm) ?? []).length;
  if (raised !== bindings)
    throw new Error(
      `wrangler.toml: raised ${raised} of ${bindings} [[ratelimits]] limits (expected \`simple = { limit = N, … }\` in each)`,
    );
  const header =
    "# Written by the bench (bench/lib/waooaw-driver.ts) from wrangler.toml, with the [[ratelimits]] limits raised. Do not edit.\n";
  if (Object.keys(configVars).length > 0) {
    if (!/^\[vars\]$/m.test(text)) throw new Error("wrangler.toml has no [vars] table to add the session's variables to");
    // TOML literal strings: JSON values (FAULTS) hold no single quote.
    const lines = Object.entries(configVars).map(([k, v]) => {
      if (v.includes("'") || v.includes("\n"))
        throw new Error(`config variable ${k}: a single quote or newline cannot go in a TOML literal string`);
      return `${k} = '${v}'`;
    });
    text = text.replace(/^\[vars\]$/m, `[vars]\n${lines.join("\n")}`);
  }
  const target = join(REPO_ROOT, name);
  // Sessions watch their config file and reload on a change: leave an identical one untouched,
  // so a bench run started meanwhile does not restart this one's sessions.
  if (existsSync(target) && readFileSync(target, "utf8") === header + text) return name;
  // Write and rename: a bench run started meanwhile never reads a half-written file.
  const tmp = join(REPO_ROOT, `${name}.${process.pid}.tmp`);
  writeFileSync(tmp, header + text);
  renameSync(tmp, target);
  return name;
}

/** A fresh AES-256 key ring for one session (`ENCRYPTION_KEYS`), or nothing with BENCH_ENCRYPTION=0. */
function encryptionVars(): Record<string, string> {
  return encryptionAtRest(process.env) ? { ENCRYPTION_KEYS: `bench:${randomBytes(32).toString("base64")}` } : {};
}

export async function startWaooaw(runDir: string, opts: WaooawOptions = {}): Promise<WaooawDriver> {
  const label = opts.label ?? "waooaw";
  const persistTo = join(runDir, `${label}-state`);
  const logFile = join(runDir, `${label}.log`);
  const config = writeBenchConfig(opts.configVars);
  const buildDir = join(runDir, `${label}-build`);
  let server: DevServer | undefined;
  try {
    // The bundle and the local D1's migrations are independent: done at once, a start takes ~10 s less.
    const [script] = await Promise.all([
      buildWorker(config, buildDir, logFile),
      runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo, "--config", config], logFile, 120_000),
    ]);
    // wrangler dev watches the assets directory and restarts the worker on any change there
    // (in-flight requests get a 503, a queue batch in flight is lost): serve a snapshot, as the
    // bundle is one, so someone editing public/ during a run cannot restart it.
    const source = join(REPO_ROOT, "public");
    const assets = existsSync(source) ? join(buildDir, "assets") : undefined;
    if (assets) cpSync(source, assets, { recursive: true });
    const token = randomBytes(24).toString("hex");
    server = await startDevServer({
      config,
      script,
      persistTo,
      logFile,
      vars: { ADMIN_TOKEN: token, WAKE_RETRY_BASE_SECONDS: "1", ...BENCH_EXACT_LIMITS, ...encryptionVars(), ...opts.vars },
      ...(assets ? { assets } : {}),
    });
    const own = config === BENCH_CONFIG ? [] : [join(REPO_ROOT, config)];
    const driver = new WaooawDriver(server, token, [buildDir, persistTo, ...own], opts.definition ?? BENCH_DEFINITION);
    await driver.define();
    return driver;
  } catch (err) {
    await server?.stop();
    discardState(buildDir, persistTo);
    throw err;
  }
}

export class WaooawDriver implements SystemDriver {
  readonly name = "waooaw" as const;
  readonly spawnBatchSize = 1;
  private since = 0;

  constructor(
    private readonly server: DevServer,
    readonly token: string,
    private readonly dirs: string[],
    private readonly definition: unknown,
  ) {}

  get pid(): number {
    return this.server.pid;
  }

  get logFile(): string {
    return this.server.logFile;
  }

  get inspectorPort(): number | undefined {
    return this.server.inspectorPort;
  }

  /** `http://127.0.0.1:<port>` of this session (for public and customer calls). */
  get baseUrl(): string {
    return this.server.baseUrl;
  }

  /** Epoch ms from which stats() counts (set by beginPhase). */
  get phaseSince(): number {
    return this.since;
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }

  /** Any operator API call, with the admin token (`path` starts with /v1/). */
  api(path: string, opts: Omit<RequestOptions, "headers"> = {}): Promise<unknown> {
    return requestJson(`${this.server.baseUrl}${path}`, { ...opts, headers: this.headers() });
  }

  async define(): Promise<void> {
    await requestJson(`${this.server.baseUrl}/v1/admin/definitions`, { body: this.definition, headers: this.headers(), okStatuses: [409] });
  }

  async spawn(agents: readonly AgentRef[]): Promise<void> {
    // One request per agent: the contract has no bulk spawn. 409 = already exists, fine.
    for (const agent of agents) {
      await requestJson(`${this.server.baseUrl}/v1/admin/agents`, {
        body: { definition: BENCH_DEFINITION.slug, id: agent.agentId, customerId: agent.customerId },
        headers: this.headers(),
        okStatuses: [409],
        timeoutMs: 60_000,
      });
    }
  }

  async ingest(events: readonly OutgoingEvent[]): Promise<void> {
    const body = await requestJson(`${this.server.baseUrl}/v1/events/batch`, { body: { events }, headers: this.headers() });
    const accepted = numberAt(body, "accepted");
    if (accepted !== events.length) throw new Error(`waooaw accepted ${String(accepted)} of ${events.length} events`);
  }

  async beginPhase(): Promise<void> {
    // Events received at or after `since` count; 1 ms back covers a same-millisecond ingest.
    this.since = Date.now() - 1;
  }

  async stats(withLatency = true): Promise<ProgressStats> {
    const body = await requestJson(`${this.server.baseUrl}/v1/admin/stats?since=${this.since}&latency=${withLatency}`, {
      headers: this.headers(),
    });
    const outcomes = countsAt(body, "wakes.byOutcome");
    // A `buffered` wake (paused, or waiting in the agent's inbox for the shared cache or the
    // model) has no decision yet: only the others are done.
    return {
      count: (numberAt(body, "wakes.total") ?? 0) - (outcomes?.["buffered"] ?? 0),
      p50: numberAt(body, "latencyMs.p50") ?? 0,
      p99: numberAt(body, "latencyMs.p99") ?? 0,
      outcomes,
    };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    discardState(...this.dirs);
  }
}
