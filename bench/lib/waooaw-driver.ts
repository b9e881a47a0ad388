/**
 * Drives the WAOOAW platform through its public contract: D1 migrations, `wrangler dev`,
 * an agent definition, spawn per agent, batch ingest, and the admin stats endpoint.
 */
import { randomBytes } from "node:crypto";
import { cpSync, existsSync } from "node:fs";
import { join } from "node:path";
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
}

export async function startWaooaw(runDir: string, opts: WaooawOptions = {}): Promise<WaooawDriver> {
  const label = opts.label ?? "waooaw";
  const persistTo = join(runDir, `${label}-state`);
  const logFile = join(runDir, `${label}.log`);
  const config = "wrangler.toml";
  const buildDir = join(runDir, `${label}-build`);
  let server: DevServer | undefined;
  try {
    const script = await buildWorker(config, buildDir, logFile);
    // wrangler dev watches the assets directory and restarts the worker on any change there
    // (in-flight requests get a 503, a queue batch in flight is lost): serve a snapshot, as the
    // bundle is one, so someone editing public/ during a run cannot restart it.
    const source = join(REPO_ROOT, "public");
    const assets = existsSync(source) ? join(buildDir, "assets") : undefined;
    if (assets) cpSync(source, assets, { recursive: true });
    await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo, "--config", config], logFile, 120_000);
    const token = randomBytes(24).toString("hex");
    server = await startDevServer({
      config,
      script,
      persistTo,
      logFile,
      vars: { ADMIN_TOKEN: token, WAKE_RETRY_BASE_SECONDS: "1", ...opts.vars },
      ...(assets ? { assets } : {}),
    });
    const driver = new WaooawDriver(server, token, [buildDir, persistTo], opts.definition ?? BENCH_DEFINITION);
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
