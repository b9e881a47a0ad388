/**
 * `npm run bench`: the reference load through the whole path (ingest → Queue → consumer → agent
 * Durable Object → decision recorded) for the platform and two baselines, one after another.
 *
 *   BENCH_QUICK=1        smoke run (3 A-warm passes of 2,000 events, 2,000 for D, 1,000 agents for B, a short E)
 *   BENCH_A_PASSES=5     A-warm passes (their median is the target figure; quick: 3)
 *   BENCH_ONLY=A|B|D|E|F|G|H|O one load only (or a list: A,D)
 *   BENCH_SYSTEMS=bare,agents-sdk   a subset of waooaw,bare,bare-packed,agents-sdk
 *   BENCH_WRITE_LATEST=1 replace results/latest.* even if this is not a full default run
 */
import { join } from "node:path";
import { startBaseline } from "./lib/baseline-driver";
import { loadConfig, type BenchConfig } from "./lib/config";
import { runLoadD } from "./lib/decisions";
import type { DecisionsOutcome } from "./lib/decisions-report";
import { runLoadG } from "./lib/github";
import type { GithubOutcome } from "./lib/github-report";
import { runLoadE } from "./lib/marketplace";
import type { MarketplaceOutcome } from "./lib/marketplace-report";
import { runLoadH } from "./lib/memory";
import type { MemoryOutcome } from "./lib/memory-report";
import { embedderQuality } from "./lib/memory-quality";
import { LexicalEmbedder } from "../src/memory/embedding/lexical";
import { runLoadO, type ObservabilityOutcome } from "./lib/observability";
import { runLoadF } from "./lib/organisation";
import type { OrganisationOutcome } from "./lib/organisation-report";
import { LiveObjectBudget } from "./lib/budget";
import { LogScanner } from "./lib/logscan";
import { installCleanupHandlers, isolateDevRegistry, REPO_ROOT } from "./lib/proc";
import { evaluate, machineInfo, printSummary, type BenchReport } from "./lib/report";
import { notLatestBecause, writeReport } from "./lib/results-files";
import type { PhaseResult, SystemResult } from "./lib/results";
import { RssSampler } from "./lib/rss";
import { runLoadA, runLoadB, type ScenarioConfig } from "./lib/scenario";
import type { SystemDriver, SystemName } from "./lib/system";
import { startWaooaw } from "./lib/waooaw-driver";

function start(system: SystemName, runDir: string): Promise<SystemDriver> {
  return system === "waooaw" ? startWaooaw(runDir) : startBaseline(system, runDir);
}

function log(system: SystemName, line: string): void {
  console.log(`[${new Date().toISOString().slice(11, 19)}] ${system}: ${line}`);
}

async function benchSystem(system: SystemName, cfg: BenchConfig, runDir: string): Promise<SystemResult> {
  const result: SystemResult = { system, status: "ok", phases: [] };
  log(system, "starting");
  let driver: SystemDriver;
  try {
    driver = await start(system, runDir);
  } catch (err) {
    // The platform may not be runnable yet: skip it, keep the baselines' figures.
    const message = `startup failed, skipped: ${err instanceof Error ? err.message : String(err)}`;
    log(system, message);
    return { ...result, status: "skipped", message };
  }
  const sampler = new RssSampler(driver.pid);
  sampler.start();
  const scenario: ScenarioConfig = {
    ...cfg.scenario,
    b: { ...cfg.scenario.b, liveCap: cfg.liveCaps[system] },
    spawnConcurrency: driver.spawnBatchSize === 1 ? cfg.spawnConcurrency.perAgent : cfg.spawnConcurrency.batched,
  };
  const ctx = {
    driver,
    sampler,
    log: new LogScanner(join(runDir, `${system}.log`)),
    budget: new LiveObjectBudget(scenario.b.liveCap, scenario.b.evictAfterMs),
    progress: (line: string) => log(system, line),
    record: (phase: PhaseResult) => result.phases.push(phase),
  };
  try {
    if (cfg.loads.a) await runLoadA(ctx, scenario);
    if (cfg.loads.b) await runLoadB(ctx, scenario);
  } catch (err) {
    result.status = "failed";
    result.message = err instanceof Error ? err.message : String(err);
    log(system, `failed: ${result.message} (log: ${join(runDir, `${system}.log`)})`);
  } finally {
    sampler.stop();
    await driver.stop();
  }
  return result;
}

async function benchDecisions(cfg: BenchConfig, runDir: string): Promise<DecisionsOutcome> {
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] D: ${line}`);
  if (!cfg.systems.includes("waooaw")) {
    say("skipped: load D runs on the platform (waooaw), which BENCH_SYSTEMS leaves out");
    return { status: "skipped", message: "waooaw not in BENCH_SYSTEMS" };
  }
  try {
    return await runLoadD(cfg.d, runDir, say);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say(`failed: ${message} (logs: ${runDir})`);
    return { status: "failed", message };
  }
}

async function benchMarketplace(cfg: BenchConfig, runDir: string): Promise<MarketplaceOutcome> {
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] E: ${line}`);
  if (!cfg.systems.includes("waooaw")) {
    say("skipped: load E runs on the platform (waooaw), which BENCH_SYSTEMS leaves out");
    return { status: "skipped", message: "waooaw not in BENCH_SYSTEMS" };
  }
  try {
    return await runLoadE(cfg.e, runDir, say);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say(`failed: ${message} (logs: ${runDir})`);
    return { status: "failed", message };
  }
}

async function benchOrganisation(cfg: BenchConfig, runDir: string): Promise<OrganisationOutcome> {
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] F: ${line}`);
  if (!cfg.systems.includes("waooaw")) {
    say("skipped: load F runs on the platform (waooaw), which BENCH_SYSTEMS leaves out");
    return { status: "skipped", message: "waooaw not in BENCH_SYSTEMS" };
  }
  try {
    return await runLoadF(cfg.f, runDir, say);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say(`failed: ${message} (logs: ${runDir})`);
    return { status: "failed", message };
  }
}

async function benchGithub(cfg: BenchConfig, runDir: string): Promise<GithubOutcome> {
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] G: ${line}`);
  if (!cfg.systems.includes("waooaw")) {
    say("skipped: load G runs on the platform (waooaw), which BENCH_SYSTEMS leaves out");
    return { status: "skipped", message: "waooaw not in BENCH_SYSTEMS" };
  }
  try {
    return await runLoadG(cfg.g, runDir, say);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say(`failed: ${message} (logs: ${runDir})`);
    return { status: "failed", message };
  }
}

async function benchMemory(cfg: BenchConfig, runDir: string): Promise<MemoryOutcome> {
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] H: ${line}`);
  // The Node-side quality of the lexical embedder needs no platform: reported whatever happens.
  const node = await embedderQuality(new LexicalEmbedder());
  if (!cfg.systems.includes("waooaw")) {
    say("skipped: load H runs on the platform (waooaw), which BENCH_SYSTEMS leaves out");
    return { status: "skipped", message: "waooaw not in BENCH_SYSTEMS", node };
  }
  try {
    return await runLoadH(cfg.h, runDir, say);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say(`failed: ${message} (logs: ${runDir})`);
    return { status: "failed", message, node };
  }
}

async function benchObservability(cfg: BenchConfig, runDir: string): Promise<ObservabilityOutcome> {
  const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] O: ${line}`);
  if (!cfg.systems.includes("waooaw")) {
    say("skipped: load O runs on the platform (waooaw), which BENCH_SYSTEMS leaves out");
    return { status: "skipped", message: "waooaw not in BENCH_SYSTEMS" };
  }
  try {
    return await runLoadO(cfg.o, runDir, say);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    say(`failed: ${message} (logs: ${runDir})`);
    return { status: "failed", message };
  }
}

async function main(): Promise<void> {
  installCleanupHandlers();
  const cfg = loadConfig(process.env);
  const started = new Date();
  const runId = started.toISOString().replace(/[:.]/g, "-");
  const runDir = join(REPO_ROOT, "bench", ".tmp", runId);
  console.log(`bench ${runId}${cfg.quick ? " (quick)" : ""}: systems ${cfg.systems.join(", ")}; logs in ${runDir}`);
  isolateDevRegistry(join(runDir, "registry"));

  const machine = machineInfo();
  if (machine.otherWorkerdAtStart > 0)
    console.log(`note: ${machine.otherWorkerdAtStart} other workerd process(es) running; figures may be skewed`);
  const systems: SystemResult[] = [];
  // Strictly one system at a time: the machine has few cores and all share them.
  if (cfg.loads.a || cfg.loads.b) for (const system of cfg.systems) systems.push(await benchSystem(system, cfg, runDir));
  // Load D measures the platform's decision engine alone, in its own session, after the others.
  let decisions: DecisionsOutcome | undefined;
  if (cfg.loads.d) decisions = await benchDecisions(cfg, runDir);
  // Load E measures the marketplace API, again in its own session.
  let marketplace: MarketplaceOutcome | undefined;
  if (cfg.loads.e) marketplace = await benchMarketplace(cfg, runDir);
  // Load F measures the organisation (handoff chains, their floor, coordinator routing), in sessions of its own.
  let organisation: OrganisationOutcome | undefined;
  if (cfg.loads.f) organisation = await benchOrganisation(cfg, runDir);
  // Load G measures GitHub in, outputs out (webhooks → WowVision Prime → reviews on pull requests, issues from pushes to the default branch), in its own session.
  let github: GithubOutcome | undefined;
  if (cfg.loads.g) github = await benchGithub(cfg, runDir);
  // Load H measures semantic memory (retrieval at scale on both backends, retrieval quality), a session per backend.
  let memory: MemoryOutcome | undefined;
  if (cfg.loads.h) memory = await benchMemory(cfg, runDir);
  // Load O measures what metrics and tracing cost on load A: two platform sessions, on and off, alternating.
  let observability: ObservabilityOutcome | undefined;
  if (cfg.loads.o) observability = await benchObservability(cfg, runDir);

  const finished = new Date();
  const report: BenchReport = {
    runId,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    durationS: (finished.getTime() - started.getTime()) / 1000,
    quick: cfg.quick,
    machine,
    config: cfg,
    systems,
    ...(decisions ? { decisions } : {}),
    ...(marketplace ? { marketplace } : {}),
    ...(organisation ? { organisation } : {}),
    ...(github ? { github } : {}),
    ...(memory ? { memory } : {}),
    ...(observability ? { observability } : {}),
    ...evaluate(systems, cfg.loads, decisions, organisation, github, memory, observability),
  };
  printSummary(report);
  const written = writeReport(report, notLatestBecause(cfg, process.env));
  for (const file of written.files) console.log(`wrote ${file}`);
  if (written.skippedLatest)
    console.log(`left bench/results/latest.* as they were: ${written.skippedLatest}; BENCH_WRITE_LATEST=1 overrides`);
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
