/** Drives the baseline worker (bench/baselines) as the `bare`, `bare-packed` or `agents-sdk` system. */
import { join } from "node:path";
import { numberAt, requestJson } from "./http";
import { buildWorker, discardState, startDevServer, type DevServer } from "./proc";
import type { AgentRef, OutgoingEvent, ProgressStats, SystemDriver, SystemName } from "./system";

export async function startBaseline(name: BaselineName, runDir: string): Promise<SystemDriver> {
  const config = "bench/baselines/wrangler.toml";
  const logFile = join(runDir, `${name}.log`);
  const buildDir = join(runDir, `${name}-build`);
  // Fresh persist dir per system, so each starts with no objects on disk.
  const stateDir = join(runDir, `${name}-state`);
  try {
    const script = await buildWorker(config, buildDir, logFile);
    const server = await startDevServer({ config, script, persistTo: stateDir, logFile });
    return new BaselineDriver(name, server, [buildDir, stateDir]);
  } catch (err) {
    discardState(buildDir, stateDir);
    throw err;
  }
}

export type BaselineName = Exclude<SystemName, "waooaw">;

class BaselineDriver implements SystemDriver {
  readonly spawnBatchSize = 100;
  /** The baseline worker's `?system=` name. */
  private readonly system: "bare" | "bare-packed" | "sdk";
  private lastCount = 0;

  constructor(
    readonly name: BaselineName,
    private readonly server: DevServer,
    private readonly dirs: string[],
  ) {
    this.system = name === "agents-sdk" ? "sdk" : name;
  }

  get pid(): number {
    return this.server.pid;
  }

  async spawn(agents: readonly AgentRef[]): Promise<void> {
    await requestJson(`${this.server.baseUrl}/spawn?system=${this.system}`, {
      body: { customerIds: agents.map((a) => a.customerId) },
      timeoutMs: 120_000,
    });
  }

  async ingest(events: readonly OutgoingEvent[]): Promise<void> {
    await requestJson(`${this.server.baseUrl}/ingest/batch?system=${this.system}`, { body: { events } });
  }

  async beginPhase(): Promise<void> {
    await requestJson(`${this.server.baseUrl}/reset`, { method: "POST" });
    this.lastCount = 0;
  }

  async stats(): Promise<ProgressStats> {
    const body = await requestJson(`${this.server.baseUrl}/stats`);
    const count = numberAt(body, "count") ?? 0;
    // The counts live in the worker's memory: a drop means the worker restarted and lost them.
    if (count < this.lastCount) throw new Error(`baseline worker restarted mid-phase (stats fell from ${this.lastCount} to ${count})`);
    this.lastCount = count;
    return { count, p50: numberAt(body, "p50") ?? 0, p99: numberAt(body, "p99") ?? 0 };
  }

  async stop(): Promise<void> {
    await this.server.stop();
    discardState(...this.dirs);
  }
}
