/** Builds the results document, checks the targets and renders it as markdown. */
import { cpus, loadavg, release, totalmem, type as osType } from "node:os";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { BenchConfig } from "./config";
import { decisionsMarkdown, decisionTargets, type DecisionsOutcome } from "./decisions-report";
import { brokenOutputs, githubMarkdown, type GithubOutcome } from "./github-report";
import { marketplaceMarkdown, type MarketplaceOutcome } from "./marketplace-report";
import { failedMemoryChecks, memoryMarkdown, type MemoryOutcome } from "./memory-report";
import type { ObservabilityOutcome } from "./observability";
import { O_THRESHOLD, observabilityMarkdown } from "./observability-report";
import { organisationMarkdown, type OrganisationOutcome, unfinishedChains } from "./organisation-report";
import { REPO_ROOT } from "./proc";
import { countProcesses } from "./proctree";
import type { SystemResult } from "./results";
import { type Ratio, ratiosOf, throughputChecks, throughputMarkdown } from "./throughput-report";

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
  /** A and B: the median over the passes. */
  value: number | null;
  /** A and B: the spread behind the median (events/s: slowest–fastest pass; ratios: see throughput-report). */
  range?: { low: number; high: number };
  threshold: number;
  /** How value compares with threshold to pass; `>=` when absent. */
  op?: ">=" | "<=";
  /** How to print value and threshold; absent: a ratio below 10, a count otherwise. */
  unit?: "ms" | "share" | "count";
  /** null when a figure is missing (system skipped or failed). */
  pass: boolean | null;
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
  /** Load F (the organisation), when it ran: its one target is that every chain ends `done`. */
  organisation?: OrganisationOutcome;
  /** Load G (GitHub in, outputs out), when it ran: its one target is that every webhook's outputs are posted, once each (reviews for pull requests, issues for pushes to the default branch). */
  github?: GithubOutcome;
  /** Load H (semantic memory), when it ran: its target is that its checks pass (imports, memories searchable, searches answered by the configured backend). */
  memory?: MemoryOutcome;
  /** Load O (load A with metrics and tracing on vs off), when it ran: its target is on ÷ off events/s ≥ 0.9. */
  observability?: ObservabilityOutcome;
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

/** Targets of the loads that ran: A/B (on medians) when either ran, D, F and G when each ran. */
export function evaluate(
  systems: readonly SystemResult[],
  loads: BenchConfig["loads"],
  decisions?: DecisionsOutcome,
  organisation?: OrganisationOutcome,
  github?: GithubOutcome,
  memory?: MemoryOutcome,
  observability?: ObservabilityOutcome,
): { ratios: Ratio[]; targets: TargetCheck[] } {
  const ratios = ratiosOf(systems, loads);
  const abTargets: TargetCheck[] = throughputChecks(systems, ratios, loads).map((t) => ({
    ...t,
    pass: t.value === null ? null : t.value >= t.threshold,
  }));
  const dTargets: TargetCheck[] = decisionTargets(decisions).map((t) => ({ ...t, pass: t.value === null ? null : t.value <= t.threshold }));
  const unfinished = unfinishedChains(organisation);
  const fTargets: TargetCheck[] = [
    // A count, not a ratio: a threshold of 0 would print as one (see show()); unit "count" keeps it whole.
    {
      name: "F: chains that did not end done (platform and floor)",
      value: unfinished,
      threshold: 0,
      op: "<=",
      unit: "count",
      pass: unfinished === null ? null : unfinished <= 0,
    },
  ];
  const broken = brokenOutputs(github);
  const gTargets: TargetCheck[] = [
    {
      name: "G: every webhook's outputs posted, one review per PR and no issue from it, one issue per violation pushed to the default branch (webhooks, issues or repositories that break it)",
      value: broken,
      threshold: 0,
      op: "<=",
      unit: "count",
      pass: broken === null ? null : broken <= 0,
    },
  ];
  const failedH = failedMemoryChecks(memory);
  const hTargets: TargetCheck[] = [
    {
      name: "H: memory checks that failed (imports answered, every memory searchable, searches answered by the configured backend)",
      value: failedH,
      threshold: 0,
      op: "<=",
      unit: "count",
      pass: failedH === null ? null : failedH <= 0,
    },
  ];
  const oRatio = observability?.throughputRatio ?? null;
  const oTargets: TargetCheck[] = [
    {
      name: "O: load A events/s with metrics and tracing on ÷ off (medians of alternating A-warm passes)",
      value: oRatio,
      threshold: O_THRESHOLD,
      pass: oRatio === null ? null : oRatio >= O_THRESHOLD,
    },
  ];
  return {
    ratios,
    targets: [
      ...(loads.a || loads.b ? abTargets : []),
      ...(loads.d ? dTargets : []),
      ...(loads.f ? fTargets : []),
      ...(loads.g ? gTargets : []),
      ...(loads.h ? hTargets : []),
      ...(loads.o ? oTargets : []),
    ],
  };
}

function verdict(t: TargetCheck): string {
  return t.pass === null ? "N/A" : t.pass ? "PASS" : "FAIL";
}

function fmt(n: number | null): string {
  return n === null ? "–" : Math.round(n).toLocaleString("en-US");
}

function show(t: TargetCheck, n: number | null): string {
  if (n === null) return "–";
  if (t.unit === "ms") return `${n.toFixed(2)} ms`;
  if (t.unit === "share") return `${(n * 100).toFixed(2)}%`;
  if (t.unit === "count") return fmt(n);
  return t.threshold < 10 ? n.toFixed(2) : fmt(n); // ratios vs events/s
}

export function toMarkdown(r: BenchReport): string {
  const ab = r.config.loads.a || r.config.loads.b;
  const lines = [`# WAOOAW benchmark — ${r.startedAt}${r.quick ? " (quick)" : ""}`];
  if (ab) lines.push(...throughputMarkdown(r.systems, r.ratios, r.config));
  if (r.decisions) lines.push(...decisionsMarkdown(r.decisions));
  if (r.marketplace) lines.push(...marketplaceMarkdown(r.marketplace));
  if (r.organisation) lines.push(...organisationMarkdown(r.organisation));
  if (r.github) lines.push(...githubMarkdown(r.github));
  if (r.memory) lines.push(...memoryMarkdown(r.memory));
  if (r.observability) lines.push(...observabilityMarkdown(r.observability));
  lines.push("", "## Targets", "");
  if (r.targets.length === 0) lines.push("None for the loads that ran (load E has none: its figures are printed as measured).");
  else {
    if (ab)
      lines.push(
        "A and B are checked on the medians; the range beside each is the spread of the tables above (none for a single run).",
        "",
      );
    lines.push("| Target | Value | Range | Threshold | Result |", "|---|---:|---:|---:|---|");
  }
  for (const t of r.targets) {
    const range = t.range ? `${show(t, t.range.low)}–${show(t, t.range.high)}` : "";
    lines.push(`| ${t.name} | ${show(t, t.value)} | ${range} | ${t.op ?? ">="} ${show(t, t.threshold)} | ${verdict(t)} |`);
  }
  const m = r.machine;
  const b = r.config.scenario.b;
  const { loads } = r.config;
  const platformRan = r.config.systems.includes("waooaw") || loads.d || loads.e || loads.f || loads.g || loads.h || loads.o;
  lines.push(
    "",
    "## Setup",
    "",
    `- Machine: ${m.cores} cores (${m.cpuModel}), ${m.memoryGb} GB, ${m.os}; Node ${m.node}; wrangler ${m.wrangler} (local workerd).`,
    `- Load average at start ${m.loadAvgAtStart}; other workerd processes running at start: ${m.otherWorkerdAtStart}${m.otherWorkerdAtStart > 0 ? " (**figures may be skewed by other work on the machine**)" : ""}.`,
    `- Date: ${r.startedAt}; run took ${Math.round(r.durationS)} s. Systems ran one after another, each in a fresh \`wrangler dev\`.`,
    ...(platformRan
      ? [
          `- Platform sessions: abuse limits raised for the load generator (exact limits \`1000000/60\`, the rate-limiting bindings 1,000,000 a minute, in \`.wrangler.bench.toml\`); encryption at rest ${r.config.encryptionAtRest ? "on (a fresh `ENCRYPTION_KEYS` per session)" : "**off** (BENCH_ENCRYPTION=0)"}.`,
        ]
      : []),
    ...(!ab
      ? []
      : [
          `- A: ${fmt(r.config.scenario.a.events)} events over ${r.config.scenario.a.agents} agents per pass: A-first right after spawning, then ${r.config.scenario.a.passes} A-warm passes (their median is the target figure).`,
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
    ...(r.config.loads.f
      ? [
          `- F: ${fmt(r.config.f.customers)} customers (an SDR and an AE each), ${fmt(r.config.f.chains)} chains and ${fmt(r.config.f.routes)} routes, ${r.config.f.concurrency} requests in flight (floor: ${r.config.f.floorBatch} chain(s) per request), seed ${r.config.f.seed}; platform sessions with \`ORG_COORDINATOR_SHARDS\` ${r.config.f.routingOrder.join(", ")} in that order (the first also runs the chains), the floor on the baselines worker after the first.`,
        ]
      : []),
    ...(r.config.loads.g
      ? [
          `- G: ${fmt(r.config.g.customers)} customers (WowVision Prime hired, a repository connected, a pull request each), ${r.config.g.concurrency} requests in flight; signed \`pull_request\` webhooks \`opened\` then \`synchronize\`, then two \`push\` webhooks to the default branch, against \`vision-check\` tasks before and after them (the floor), in a separate \`wrangler dev\` of the platform with the local GitHub REST server as \`GITHUB_API_URL\`.`,
        ]
      : []),
    ...(r.config.loads.h
      ? [
          `- H: memories per agent ${r.config.h.levels.map(fmt).join(", ")} (seed ${r.config.h.seed}), ${fmt(r.config.h.queries)} timed rounds per level, one request at a time; backends ${r.config.h.backends.join(", ")}, each in its own \`wrangler dev\` of the platform (\`pinecone\`: with the local Pinecone protocol server as \`PINECONE_INDEX_HOST\`).`,
        ]
      : []),
    ...(r.config.loads.o
      ? [
          `- O: ${r.config.o.agents} agents, ${fmt(r.config.o.events)} events per pass, ${r.config.o.rounds} rounds alternating which session goes first; two \`wrangler dev\` sessions of the platform side by side, "off" with \`METRICS_ENABLED=false\` and \`TRACE_SAMPLE_RATE=0\`, "on" with metrics and \`TRACE_SAMPLE_RATE=${r.config.o.sampleRate}\`, exporting over OTLP/HTTP to a local receiver (test/servers/otlp-server.ts).`,
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
