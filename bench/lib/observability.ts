/**
 * Load O: what metrics and tracing cost on load A. Two platform sessions side by side, one with
 * collection off (METRICS_ENABLED=false, TRACE_SAMPLE_RATE=0) and one with everything on
 * (metrics flushed, every trace sampled and exported over OTLP/HTTP to a local receiver), each
 * with load A's 200 agents; A-warm passes alternate between them (on/off, then off/on) so the
 * machine's drift hits both alike. The figure is the ratio of their medians; the target is
 * "within 10%". The run also checks that "on" really collected (decisions in /metrics, spans at
 * the receiver) and "off" did not, so a misconfigured session cannot pass as cheap.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { join } from "node:path";
import { otlpCounts } from "../../test/servers/otlp-control";
import { REPO_ROOT } from "./proc";
import { LiveObjectBudget } from "./budget";
import { makeAgents, spawnAgents } from "./load";
import { LogScanner } from "./logscan";
import { type PassResult, type PhaseResult, summarizePhase } from "./results";
import { RssSampler } from "./rss";
import { passA, type ScenarioConfig, type ScenarioContext } from "./scenario";
import { spreadOf } from "./spread";
import { startWaooaw, type WaooawDriver } from "./waooaw-driver";

export interface ObservabilityLoadConfig {
  agents: number;
  /** Events per pass. */
  events: number;
  /** Rounds of one pass on each session (their medians are compared). */
  rounds: number;
  /** TRACE_SAMPLE_RATE of the "on" session (1: every trace exported). */
  sampleRate: number;
  /** Whether "on" collects metrics and exports traces (both by default; one alone tells what each costs). */
  metrics: boolean;
  export: boolean;
  ingestConcurrency: number;
  spawnConcurrency: number;
}

export interface ObservabilityOutcome {
  status: "ok" | "failed" | "skipped";
  message?: string;
  sampleRate?: number;
  on?: PhaseResult;
  off?: PhaseResult;
  /** Median events/s with everything on ÷ with everything off (1 = free; the target is ≥ 0.9). */
  throughputRatio?: number;
  /** Median p50 ingest→decision latency on ÷ off. */
  p50Ratio?: number;
  evidence?: { onDecisionsInMetrics: number; offDecisionsInMetrics: number; spansExported: number; exportRequests: number };
}

const OFF = { METRICS_ENABLED: "false", TRACE_SAMPLE_RATE: "0" } as const;

/** The sum of a Prometheus counter's samples in an exposition: all label sets, or those carrying every one of `labels`. */
export function counterTotal(exposition: string, name: string, labels: Readonly<Record<string, string>> = {}): number {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  let total = 0;
  for (const line of exposition.split("\n")) {
    if (!line.startsWith(name)) continue;
    const rest = line.slice(name.length);
    if (!(rest.startsWith("{") || rest.startsWith(" "))) continue; // another metric with this prefix
    if (!wanted.every((pair) => rest.includes(pair))) continue;
    const value = Number(line.slice(line.lastIndexOf(" ") + 1));
    if (Number.isFinite(value)) total += value;
  }
  return total;
}

/** GET /metrics as an operator: the Prometheus exposition. */
export async function scrape(driver: WaooawDriver): Promise<string> {
  const res = await fetch(`${driver.baseUrl}/metrics`, { headers: { authorization: `Bearer ${driver.token}` } });
  if (!res.ok) throw new Error(`GET /metrics answered ${res.status}: ${await res.text()}`);
  return res.text();
}

interface Receiver {
  url: string;
  child: ChildProcess;
}

/**
 * The local OTLP receiver in a process of its own, as a collector would be: decoding tens of
 * thousands of spans in the bench's process would slow the driver and charge "on" for it.
 */
async function startReceiver(): Promise<Receiver> {
  const child = spawn(process.execPath, ["--import", "tsx", join(REPO_ROOT, "test", "servers", "otlp-server.ts"), "--port", "0"], {
    cwd: REPO_ROOT,
    stdio: ["ignore", "pipe", "inherit"],
  });
  let out = "";
  child.stdout?.on("data", (d: Buffer) => {
    out += d.toString();
  });
  const deadline = Date.now() + 30_000;
  const urlOf = () => /^(http:\/\/\S+)/m.exec(out)?.[1];
  for (;;) {
    const url = urlOf();
    if (url) return { url, child };
    if (child.exitCode !== null) throw new Error(`the OTLP receiver exited with ${child.exitCode}`);
    if (Date.now() > deadline) throw new Error("the OTLP receiver did not start in 30 s");
    await Promise.race([once(child.stdout as NodeJS.ReadableStream, "data"), new Promise((r) => setTimeout(r, 200))]);
  }
}

export async function runLoadO(
  cfg: ObservabilityLoadConfig,
  runDir: string,
  progress: (line: string) => void,
): Promise<ObservabilityOutcome> {
  let receiver: Receiver | undefined;
  const drivers: WaooawDriver[] = [];
  const samplers: RssSampler[] = [];
  try {
    receiver = await startReceiver();
    const off = await startWaooaw(runDir, { label: "waooaw-o-off", vars: OFF });
    drivers.push(off);
    const on = await startWaooaw(runDir, {
      label: "waooaw-o-on",
      vars: {
        METRICS_ENABLED: cfg.metrics ? "true" : "false",
        TRACE_SAMPLE_RATE: String(cfg.sampleRate),
        ...(cfg.export ? { OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url } : {}),
      },
    });
    drivers.push(on);
    const scenario: ScenarioConfig = {
      a: { agents: cfg.agents, events: cfg.events, passes: cfg.rounds },
      b: { agents: 0, waveSize: 1, liveCap: 2_500, evictAfterMs: 12_000 },
      ingestConcurrency: cfg.ingestConcurrency,
      spawnConcurrency: cfg.spawnConcurrency,
    };
    const contextOf = (driver: WaooawDriver, name: string): ScenarioContext => {
      const sampler = new RssSampler(driver.pid);
      sampler.start();
      samplers.push(sampler);
      return {
        driver,
        sampler,
        log: new LogScanner(driver.logFile),
        budget: new LiveObjectBudget(2_500, 12_000),
        progress: (line) => progress(`${name}: ${line}`),
        record: () => {},
      };
    };
    const sessions = { on: contextOf(on, "on"), off: contextOf(off, "off") };
    const agents = makeAgents("o", 0, cfg.agents);
    for (const [name, ctx] of Object.entries(sessions)) {
      const ms = await spawnAgents(ctx.driver, agents, cfg.spawnConcurrency, () => progress(`${name}: spawn got 503; retrying`));
      progress(`${name}: spawned ${agents.length} agents in ${ms} ms`);
    }
    // A first pass each, not counted: fresh agents and cold caches are load A's A-first, not this.
    let seq = 0;
    for (const ctx of [sessions.on, sessions.off]) await passA(ctx, scenario, agents, seq);
    seq += cfg.events;
    const passes: Record<"on" | "off", PassResult[]> = { on: [], off: [] };
    for (let round = 1; round <= cfg.rounds; round++) {
      const order = round % 2 === 1 ? (["on", "off"] as const) : (["off", "on"] as const);
      for (const name of order) {
        const pass = await passA(sessions[name], scenario, agents, seq);
        passes[name].push(pass);
        progress(`round ${round}/${cfg.rounds} ${name}: ${pass.eventsPerSec} events/s, p50 ${pass.p50Ms} ms, p99 ${pass.p99Ms} ms`);
      }
      seq += cfg.events;
    }
    const onPhase = summarizePhase("A-warm", passes.on);
    const offPhase = summarizePhase("A-warm", passes.off);
    const median = (ps: PassResult[], f: (p: PassResult) => number) => spreadOf(ps.map(f)).median;
    const throughputRatio = median(passes.on, (p) => p.eventsPerSec) / median(passes.off, (p) => p.eventsPerSec);
    const p50Ratio =
      median(passes.on, (p) => p.p50Ms) /
      Math.max(
        1,
        median(passes.off, (p) => p.p50Ms),
      );
    // Evidence that the sessions were what they claim: exports arrive after the work, so wait a little.
    await new Promise((r) => setTimeout(r, 3_000));
    const exported = await otlpCounts(receiver.url);
    const evidence = {
      onDecisionsInMetrics: counterTotal(await scrape(on), "waooaw_decisions_total"),
      offDecisionsInMetrics: counterTotal(await scrape(off), "waooaw_decisions_total"),
      spansExported: exported.spans,
      exportRequests: exported.requests,
    };
    progress(
      `on ÷ off: ${throughputRatio.toFixed(2)}× events/s, ${p50Ratio.toFixed(2)}× p50; on recorded ${evidence.onDecisionsInMetrics} decisions in /metrics and exported ${evidence.spansExported} spans in ${evidence.exportRequests} requests; off recorded ${evidence.offDecisionsInMetrics}`,
    );
    return { status: "ok", sampleRate: cfg.sampleRate, on: onPhase, off: offPhase, throughputRatio, p50Ratio, evidence };
  } finally {
    for (const s of samplers) s.stop();
    for (const d of drivers) await d.stop().catch(() => {});
    receiver?.child.kill("SIGTERM");
  }
}
