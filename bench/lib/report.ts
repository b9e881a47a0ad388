/** Builds the results document, checks the targets and renders it as markdown. */
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchConfig } from "./config";
import { decisionsMarkdown, decisionTargets, type DecisionsOutcome } from "./decisions-report";
import { marketplaceMarkdown, type MarketplaceOutcome } from "./marketplace-report";
import { REPO_ROOT } from "./proc";
import { countProcesses } from "./proctree";
import type { PhaseName, SystemResult } from "./results";
import type { SystemName } from "./system";

export interface Machine {
  cores: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  wrangler: string;
  /** 1-minute load average when the run began: other work on the machine skews every figure. */
  loadAvgAtStart: number;
  /** workerd processes already running when the bench began (other dev servers, tests). */
  otherWorkerdAtStart: number;
}

export interface TargetCheck {
  name: string;
  value: number | null;
  threshold: number;
  /** How value compares with threshold to pass; `>=` when absent. */
  op?: ">=" | "<=";
  /** How to print value and threshold; absent: a ratio below 10, a count otherwise. */
  unit?: "ms" | "share";
  /** null when a figure is missing (system skipped or failed). */
  pass: boolean | null;
}

export interface Ratio {
  phase: PhaseName;
  vsBare: number | null;
  /** Against the bare object fed the way the platform feeds its agents (packed messages): informational. */
  vsBarePacked: number | null;
  vsSdk: number | null;
}

export interface BenchReport {
  runId: string;
  startedAt: string;
  finishedAt: string;
  durationS: number;
  quick: boolean;
  machine: Machine;
  config: BenchConfig;
  systems: SystemResult[];
  /** Load D (decisions), when it ran. */
  decisions?: DecisionsOutcome;
  /** Load E (marketplace API), when it ran. It has no targets: its figures are printed as measured. */
  marketplace?: MarketplaceOutcome;
  ratios: Ratio[];
  targets: TargetCheck[];
}

/** Call before starting any system, so the load and process counts are someone else's. */
export function machineInfo(): Machine {
  const pkg = JSON.parse(readFileSync(join(REPO_ROOT, "node_modules", "wrangler", "package.json"), "utf8")) as { version?: string };
  return {
    cores: cpus().length,
    cpuModel: cpus()[0]?.model ?? "unknown",
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${osType()} ${release()}`,
    node: process.version,
    wrangler: pkg.version ?? "unknown",
    loadAvgAtStart: Math.round((loadavg()[0] ?? 0) * 100) / 100,
    otherWorkerdAtStart: countProcesses("workerd"),
  };
}

function rate(systems: readonly SystemResult[], system: SystemName, phase: PhaseName): number | null {
  const r = systems.find((s) => s.system === system && s.status === "ok");
  return r?.phases.find((p) => p.phase === phase)?.eventsPerSec ?? null;
}

/** Unrounded, so a target is never passed by rounding; the markdown shows two decimals. */
function ratio(a: number | null, b: number | null): number | null {
  return a === null || b === null || b === 0 ? null : a / b;
}

function fmtRatio(n: number | null): string {
  return n === null ? "–" : n.toFixed(2);
}

function check(name: string, value: number | null, threshold: number): TargetCheck {
  return { name, value, threshold, pass: value === null ? null : value >= threshold };
}

/** Targets of the loads that ran: A/B when either ran, D when it ran. */
export function evaluate(
  systems: readonly SystemResult[],
  loads: BenchConfig["loads"],
  decisions?: DecisionsOutcome,
): { ratios: Ratio[]; targets: TargetCheck[] } {
  const phases: PhaseName[] = ["A-warm", "B-cold", "A-first"];
  const ratios = phases.map((phase) => ({
    phase,
    vsBare: ratio(rate(systems, "waooaw", phase), rate(systems, "bare", phase)),
    vsBarePacked: ratio(rate(systems, "waooaw", phase), rate(systems, "bare-packed", phase)),
    vsSdk: ratio(rate(systems, "waooaw", phase), rate(systems, "agents-sdk", phase)),
  }));
  const byPhase = (p: PhaseName): Ratio | undefined => ratios.find((r) => r.phase === p);
  const abTargets = [
    check("waooaw A-warm events/s >= 1,000", rate(systems, "waooaw", "A-warm"), 1_000),
    check("waooaw/bare A-warm >= 0.6", byPhase("A-warm")?.vsBare ?? null, 0.6),
    check("waooaw/bare B-cold >= 0.6", byPhase("B-cold")?.vsBare ?? null, 0.6),
    check("waooaw/agents-sdk A-warm >= 1.0", byPhase("A-warm")?.vsSdk ?? null, 1.0),
    check("waooaw/agents-sdk B-cold >= 1.0", byPhase("B-cold")?.vsSdk ?? null, 1.0),
  ];
  const dTargets: TargetCheck[] = decisionTargets(decisions).map((t) => ({ ...t, pass: t.value === null ? null : t.value <= t.threshold }));
  return { ratios, targets: [...(loads.a || loads.b ? abTargets : []), ...(loads.d ? dTargets : [])] };
}

function verdict(t: TargetCheck): string {
  return t.pass === null ? "N/A" : t.pass ? "PASS" : "FAIL";
}

function fmt(n: number | null): string {
  return n === null ? "–" : n.toLocaleString("en-US");
}

function show(t: TargetCheck, n: number | null): string {
  if (n === null) return "–";
  if (t.unit === "ms") return `${n.toFixed(2)} ms`;
  if (t.unit === "share") return `${(n * 100).toFixed(2)}%`;
  return t.threshold < 10 ? fmtRatio(n) : fmt(n); // ratios vs events/s
}

export function toMarkdown(r: BenchReport): string {
  const ab = r.config.loads.a || r.config.loads.b;
  const lines = [`# WAOOAW benchmark — ${r.startedAt}${r.quick ? " (quick)" : ""}`];
  if (ab)
    lines.push(
      "",
      "End to end: HTTP ingest → Queue → consumer → agent Durable Object → decision recorded.",
      "Events/s = events ÷ (first ingest request → last decision recorded); B sums its waves' windows.",
      "Latency = decision recorded − ingest, as each system reports it; under A's burst it is mostly queueing.",
      "",
      "| System | Phase | Events | Agents | Events/s | p50 ms | p99 ms | Peak workerd RSS MB | Ingest s | Active s | Wall s | Spawn/s | SQLITE_NOMEM |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
  for (const s of r.systems) {
    if (s.status !== "ok")
      lines.push(`| ${s.system} | ${s.status}: ${(s.message ?? "").replace(/\|/g, "/").slice(0, 160)} | | | | | | | | | | | |`);
    for (const p of s.phases) {
      lines.push(
        `| ${s.system} | ${p.phase} | ${fmt(p.events)} | ${fmt(p.agents)} | **${fmt(p.eventsPerSec)}** | ${fmt(p.p50Ms)} | ${fmt(p.p99Ms)} | ${fmt(p.peakRssMb)} | ${(p.ingestMs / 1000).toFixed(1)} | ${(p.activeMs / 1000).toFixed(1)} | ${(p.wallMs / 1000).toFixed(1)} | ${p.spawn ? fmt(p.spawn.perSec) : ""} | ${p.sqliteNomem} |`,
      );
    }
  }
  if (ab) {
    lines.push("", "| Phase | waooaw / bare | waooaw / agents-sdk | waooaw / bare-packed (no target) |", "|---|---:|---:|---:|");
    for (const q of r.ratios) lines.push(`| ${q.phase} | ${fmtRatio(q.vsBare)} | ${fmtRatio(q.vsSdk)} | ${fmtRatio(q.vsBarePacked)} |`);
  }
  if (r.decisions) lines.push(...decisionsMarkdown(r.decisions));
  if (r.marketplace) lines.push(...marketplaceMarkdown(r.marketplace));
  lines.push("", "## Targets", "");
  if (r.targets.length === 0) lines.push("None for the loads that ran (load E has none: its figures are printed as measured).");
  else lines.push("| Target | Value | Threshold | Result |", "|---|---:|---:|---|");
  for (const t of r.targets) lines.push(`| ${t.name} | ${show(t, t.value)} | ${t.op ?? ">="} ${show(t, t.threshold)} | ${verdict(t)} |`);
  const m = r.machine;
  const b = r.config.scenario.b;
  lines.push(
    "",
    "## Setup",
    "",
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, ${m.os}; Node ${m.node}; wrangler ${m.wrangler} (local workerd).`,
    `- Load average at start ${m.loadAvgAtStart}; other workerd processes running at start: ${m.otherWorkerdAtStart}${m.otherWorkerdAtStart > 0 ? " (**figures may be skewed by other work on the machine**)" : ""}.`,
    `- Date: ${r.startedAt}; run took ${Math.round(r.durationS)} s. Systems ran one after another, each in a fresh \`wrangler dev\`.`,
    ...(!ab
      ? []
      : [
          `- A: ${fmt(r.config.scenario.a.events)} events over ${r.config.scenario.a.agents} agents, twice: A-first right after spawning, then A-warm (the target figure).`,
          `- B: ${fmt(b.agents)} events, one per agent, in waves of ${fmt(b.waveSize)}: each agent is spawned, left idle ≥ ${b.evictAfterMs / 1000} s so workerd evicts it, then woken by its event (every measured wake is cold). Wall time includes those pauses; events/s does not.`,
        ]),
    ...(ab || r.config.loads.d
      ? [
          `- Ingest: batches of 100, ${r.config.scenario.ingestConcurrency} requests in flight. Live-object caps (local SQLITE_NOMEM guard): ${Object.entries(
            r.config.liveCaps,
          )
            .map(([k, v]) => `${k} ${v}`)
            .join(", ")}.`,
        ]
      : []),
    ...(r.config.loads.d
      ? [
          `- D: ${fmt(r.config.d.events)} events over ${r.config.d.agents} agents (seed ${r.config.d.seed}, ${fmt(r.config.d.templates)} templates), sent as one burst like A, in a separate \`wrangler dev\` of the platform with a local Anthropic API server as its LLM provider.`,
        ]
      : []),
    ...(r.config.loads.e
      ? [
          `- E: ${r.config.e.listings} listings, ${r.config.e.customers} customers, ${r.config.e.concurrency} requests in flight; ${r.config.e.searchRounds} search and ${r.config.e.profileRounds} profile version bumps, each with 1 cold and ${r.config.e.warmPasses} warm passes; up to ${fmt(r.config.e.hires)} hires and ${fmt(r.config.e.trials)} trials, in a separate \`wrangler dev\` of the platform (no LLM provider).`,
        ]
      : []),
    "- Local figures from one process on a small machine: compare systems within a run, not with production.",
  );
  return `${lines.join("\n")}\n`;
}

export function printSummary(r: BenchReport): void {
  console.log(`\n${toMarkdown(r).split("\n## Setup")[0]}`);
  const failed = r.targets.filter((t) => t.pass === false).length;
  const missing = r.targets.filter((t) => t.pass === null).length;
  console.log(`Targets: ${r.targets.length - failed - missing} PASS, ${failed} FAIL, ${missing} N/A`);
}
