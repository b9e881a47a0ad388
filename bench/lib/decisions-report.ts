/** Load D's figures: per-tier mix and latency, LLM calls, cache, spend and the cost projection. */
import { cpus } from "node:os";
import { learningMarkdown, type LearningResult } from "./decisions-learning";
import type { DecisionTrace } from "./decisions-trace";

/** A decision as `GET /v1/agents/:id/decisions` returns it (the fields the bench reads). */
export interface DecisionRecord {
  id: string;
  eventId: string;
  action: string;
  reason: string;
  tier: "rules" | "learned" | "cache" | "semantic" | "llm" | "fallback";
  ruleId: string | null;
  latencyMs: number;
  decidedAt: number;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  cache: "hit" | "miss" | null;
}

/** The same trace as D1's `decisions` roll-up sees it (`GET /v1/admin/costs`). */
export interface D1Totals {
  decisions: number;
  rules: number;
  cache: number;
  llm: number;
  fallback: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
}

/** One probe event: the tier it was sent to exercise, and what it got. */
export interface ProbeSample {
  kind: "rules" | "cache (own)" | "cache (shared)" | "llm";
  /** `none` when no decision appeared in time. */
  tier: string;
  cache: "hit" | "miss" | null;
  latencyMs: number;
  /** From ingest request to the bench seeing the decision (queue batch wait and polling included). */
  seenAfterMs: number | null;
  /** For a probe without a decision: the event's state as the platform reports it. */
  diagnosis?: string;
}

export interface ProbeRow {
  kind: ProbeSample["kind"];
  count: number;
  /** Probes decided by another tier than intended. */
  offTier: number;
  /** Probes that got no decision within the wait. */
  noDecision: number;
  /** Median time from the ingest request to the bench seeing the decision. */
  seenP50Ms: number | null;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface TierRow {
  tier: string;
  count: number;
  share: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
  /** Decisions recorded at exactly 0 ms (answered without any I/O: workerd's clock did not move). */
  zeroMs: number;
}

/** The seed's traffic: 1,000 events/hour across 200 agents, over a 30-day month. */
export const EVENTS_PER_AGENT_MONTH = (1_000 * 24 * 30) / 200;
/** The seed's estimate of the platform's cost per agent-month, USD. */
export const SEED_COST_RANGE_USD: readonly [number, number] = [1.12, 1.62];

export interface DecisionsResult {
  status: "ok";
  trace: {
    events: number;
    agents: number;
    seed: number;
    templates: number;
    templatesUsed: number;
    ruleEvents: number;
    templateEvents: number;
    novelEvents: number;
    /** Distinct normalized situations among the events no rule matches: the fewest LLM calls possible. */
    distinctUnmatchedSituations: number;
    /**
     * The same fewest, were every agent's cache scope its own (e.g. each agent hired by its own
     * customer: the scope includes the customer): the sum over agents of their distinct situations.
     */
    perAgentScopeLlmCalls: number;
    /** Where the trace's templates do not normalize as intended (should be empty). */
    problems: string[];
  };
  timing: { activeMs: number; ingestMs: number; spawnMs: number; eventsPerSec: number; e2eP50Ms: number; e2eP99Ms: number };
  /** The machine's 1-minute load average when the trace was done (other work skews the figures). */
  loadAvgAtEnd: number;
  outcomes?: Record<string, number>;
  peakRssMb: number;
  decisions: number;
  /** Trace events with no decision read back, and decisions for no trace event. */
  missing: number;
  unexpected: number;
  tiers: TierRow[];
  cache: { lookups: number; hits: number; misses: number; hitRate: number | null; localHits: number; sharedHits: number };
  llm: {
    /** Messages requests the local server received during the load. */
    serverRequests: number;
    /** Decisions with tier `llm`. */
    decisions: number;
    /** Decisions that spent tokens (any tier; a repair round is two calls in one decision). */
    decisionsWithTokens: number;
    /** LLM decisions beyond the first for their situation (asked while another agent was asking). */
    repeatCalls: number;
    share: number;
    inputTokens: number;
    outputTokens: number;
    costUsd: number;
  };
  tokens: { input: number; output: number };
  costUsd: number;
  /** Decisions whose tier contradicts the trace: rule events not decided by their rule, unmatched ones decided by a rule. */
  tierMismatches: { ruleEventNotByItsRule: number; unmatchedByRule: number };
  fallbackReasons: Record<string, number>;
  d1: D1Totals | null;
  /** Differences between D1's roll-up and the decisions read from the agents (empty = they agree). */
  d1Differences: string[];
  projection: {
    eventsPerAgentMonth: number;
    costPerEventUsd: number;
    perAgentMonthUsd: number;
    costPerLlmDecisionUsd: number | null;
    llmEveryDecisionPerAgentMonthUsd: number | null;
    seedRangeUsd: readonly [number, number];
  };
  logIssues: { errors: number; warnings: number; samples: string[] };
  /** The trace again after feedback (decisions-learning.ts); absent when BENCH_D_LEARNING=0. */
  learning?: LearningResult;
  /** The same tiers with one event in flight at a time, after the trace (caches warm). */
  probe: ProbeRow[];
  /** p99 over all cache-tier probe decisions (own and shared hits together). */
  probeCacheP99Ms: number | null;
  /** Probe events that got no decision, with the platform's view of each. */
  probeFailures: string[];
}

export type DecisionsOutcome = DecisionsResult | { status: "skipped" | "failed"; message: string };

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? null;
}

function tierRow(tier: string, latencies: number[], total: number): TierRow {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    tier,
    count: sorted.length,
    share: total ? sorted.length / total : 0,
    p50Ms: percentile(sorted, 0.5),
    p99Ms: percentile(sorted, 0.99),
    maxMs: sorted.length ? (sorted[sorted.length - 1] ?? null) : null,
    meanMs: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
    zeroMs: sorted.filter((x) => x === 0).length,
  };
}

export function probeRows(samples: readonly ProbeSample[]): ProbeRow[] {
  const expected = (s: ProbeSample) => (s.kind === "rules" ? "rules" : s.kind === "llm" ? "llm" : "cache");
  return (["rules", "cache (own)", "cache (shared)", "llm"] as const).map((kind) => {
    const all = samples.filter((s) => s.kind === kind);
    const of = all.filter((s) => s.tier !== "none");
    const row = tierRow(
      kind,
      of.map((s) => s.latencyMs),
      of.length,
    );
    const seen = of.flatMap((s) => (s.seenAfterMs === null ? [] : [s.seenAfterMs])).sort((a, b) => a - b);
    return {
      kind,
      count: all.length,
      offTier: of.filter((s) => s.tier !== expected(s)).length,
      noDecision: all.length - of.length,
      seenP50Ms: percentile(seen, 0.5),
      p50Ms: row.p50Ms,
      p99Ms: row.p99Ms,
      maxMs: row.maxMs,
    };
  });
}

export interface AnalysisInput {
  trace: DecisionTrace;
  /** Canonical situation per event id (the platform's normalization). */
  situations: Map<string, string>;
  traceProblems: string[];
  /** Each agent's decisions, oldest first. */
  records: Map<string, DecisionRecord[]>;
  serverRequests: number;
  d1: D1Totals | null;
  timing: { activeMs: number; ingestMs: number; spawnMs: number; e2eP50Ms: number; e2eP99Ms: number; outcomes?: Record<string, number> };
  loadAvgAtEnd: number;
  peakRssMb: number;
  logIssues: DecisionsResult["logIssues"];
  probe: ProbeSample[];
}

export function analyzeDecisions(input: AnalysisInput): DecisionsResult {
  const { trace, situations, records } = input;
  const byEvent = new Map(trace.items.map((i) => [i.event.id, i]));
  const all = [...records.values()].flat();
  const total = all.length;
  const latencies: Record<string, number[]> = { rules: [], cache: [], llm: [], fallback: [], local: [], shared: [] };
  const fallbackReasons: Record<string, number> = {};
  const mismatches = { ruleEventNotByItsRule: 0, unmatchedByRule: 0 };
  let unexpected = 0;

  // Replay each agent's decisions in order to tell its own cache's hits from the shared cache's:
  // an agent's cache holds what it learned from its LLM calls and its earlier shared hits.
  let localHits = 0;
  let sharedHits = 0;
  for (const list of records.values()) {
    const known = new Set<string>();
    for (const d of list) {
      const key = situations.get(d.eventId);
      if (d.tier === "cache" && key !== undefined) {
        if (known.has(key)) {
          localHits++;
          latencies.local?.push(d.latencyMs);
        } else {
          sharedHits++;
          latencies.shared?.push(d.latencyMs);
        }
      }
      if ((d.tier === "llm" || d.tier === "cache") && key !== undefined) known.add(key);
    }
  }

  const llmByKey = new Map<string, number>();
  for (const d of all) {
    latencies[d.tier]?.push(d.latencyMs);
    const item = byEvent.get(d.eventId);
    if (!item) unexpected++;
    else if (item.kind === "rule" && (d.tier !== "rules" || d.ruleId !== item.label)) mismatches.ruleEventNotByItsRule++;
    else if (item.kind !== "rule" && d.tier === "rules") mismatches.unmatchedByRule++;
    if (d.tier === "fallback") {
      const code = d.reason.split(":")[0] ?? d.reason;
      fallbackReasons[code] = (fallbackReasons[code] ?? 0) + 1;
    }
    if (d.tier === "llm") {
      const key = situations.get(d.eventId) ?? d.eventId;
      llmByKey.set(key, (llmByKey.get(key) ?? 0) + 1);
    }
  }
  const decidedEvents = new Set(all.map((d) => d.eventId));
  const missing = trace.items.filter((i) => !decidedEvents.has(i.event.id)).length;

  const sum = (f: (d: DecisionRecord) => number, of: readonly DecisionRecord[] = all) => of.reduce((s, d) => s + f(d), 0);
  const llmDecisions = all.filter((d) => d.tier === "llm");
  const hits = all.filter((d) => d.cache === "hit").length;
  const misses = all.filter((d) => d.cache === "miss").length;
  const costUsd = sum((d) => d.costUsd);
  const llmCost = sum((d) => d.costUsd, llmDecisions);
  const costPerLlmDecision = llmDecisions.length ? llmCost / llmDecisions.length : null;
  const unmatchedKeys = new Set(trace.items.filter((i) => i.kind !== "rule").map((i) => situations.get(i.event.id) ?? i.label));
  const perAgentKeys = new Set(
    trace.items.filter((i) => i.kind !== "rule").map((i) => `${i.agent}|${situations.get(i.event.id) ?? i.label}`),
  );

  const tokens = { input: sum((d) => d.inputTokens), output: sum((d) => d.outputTokens) };
  const d1Differences: string[] = [];
  if (input.d1) {
    const mine: D1Totals = {
      decisions: total,
      rules: latencies.rules?.length ?? 0,
      cache: latencies.cache?.length ?? 0,
      llm: latencies.llm?.length ?? 0,
      fallback: latencies.fallback?.length ?? 0,
      inputTokens: tokens.input,
      outputTokens: tokens.output,
      costUsd,
    };
    for (const k of Object.keys(mine) as (keyof D1Totals)[]) {
      const tolerance = k === "costUsd" ? 1e-6 : 0;
      if (Math.abs(mine[k] - input.d1[k]) > tolerance) d1Differences.push(`${k}: agents ${mine[k]}, D1 ${input.d1[k]}`);
    }
  } else d1Differences.push("D1 returned no rows for the load");

  return {
    status: "ok",
    trace: {
      events: trace.items.length,
      agents: trace.config.agents,
      seed: trace.config.seed,
      templates: trace.config.templates,
      templatesUsed: trace.templatesUsed,
      ruleEvents: trace.counts.rule,
      templateEvents: trace.counts.template,
      novelEvents: trace.counts.novel,
      distinctUnmatchedSituations: unmatchedKeys.size,
      perAgentScopeLlmCalls: perAgentKeys.size,
      problems: input.traceProblems,
    },
    timing: {
      activeMs: input.timing.activeMs,
      ingestMs: input.timing.ingestMs,
      spawnMs: input.timing.spawnMs,
      eventsPerSec: Math.round((trace.items.length / Math.max(1, input.timing.activeMs)) * 1000),
      e2eP50Ms: input.timing.e2eP50Ms,
      e2eP99Ms: input.timing.e2eP99Ms,
    },
    loadAvgAtEnd: input.loadAvgAtEnd,
    ...(input.timing.outcomes ? { outcomes: input.timing.outcomes } : {}),
    peakRssMb: input.peakRssMb,
    decisions: total,
    missing,
    unexpected,
    tiers: [
      tierRow("rules", latencies.rules ?? [], total),
      tierRow("cache", latencies.cache ?? [], total),
      tierRow("cache: own (agent SQLite)", latencies.local ?? [], total),
      tierRow("cache: shared (DecisionCacheDO)", latencies.shared ?? [], total),
      tierRow("llm", latencies.llm ?? [], total),
      tierRow("fallback", latencies.fallback ?? [], total),
    ],
    cache: { lookups: hits + misses, hits, misses, hitRate: hits + misses ? hits / (hits + misses) : null, localHits, sharedHits },
    llm: {
      serverRequests: input.serverRequests,
      decisions: llmDecisions.length,
      decisionsWithTokens: all.filter((d) => d.inputTokens > 0 || d.outputTokens > 0).length,
      repeatCalls: [...llmByKey.values()].reduce((s, n) => s + n - 1, 0),
      share: total ? llmDecisions.length / total : 0,
      inputTokens: sum((d) => d.inputTokens, llmDecisions),
      outputTokens: sum((d) => d.outputTokens, llmDecisions),
      costUsd: llmCost,
    },
    tokens,
    costUsd,
    tierMismatches: mismatches,
    fallbackReasons,
    d1: input.d1,
    d1Differences,
    projection: {
      eventsPerAgentMonth: EVENTS_PER_AGENT_MONTH,
      costPerEventUsd: total ? costUsd / total : 0,
      perAgentMonthUsd: total ? (costUsd / total) * EVENTS_PER_AGENT_MONTH : 0,
      costPerLlmDecisionUsd: costPerLlmDecision,
      llmEveryDecisionPerAgentMonthUsd: costPerLlmDecision === null ? null : costPerLlmDecision * EVENTS_PER_AGENT_MONTH,
      seedRangeUsd: SEED_COST_RANGE_USD,
    },
    logIssues: input.logIssues,
    probe: probeRows(input.probe),
    probeFailures: input.probe.flatMap((p) => (p.diagnosis ? [p.diagnosis] : [])),
    probeCacheP99Ms: percentile(
      input.probe
        .filter((p) => p.tier === "cache")
        .map((p) => p.latencyMs)
        .sort((a, b) => a - b),
      0.99,
    ),
  };
}

/** Load D's targets: rules and cache tiers p99 ≤ 5 ms; LLM share ≤ 5% of decisions. */
export function decisionTargets(
  d: DecisionsOutcome | undefined,
): { name: string; value: number | null; threshold: number; op: "<="; unit: "ms" | "share" | "count" }[] {
  const ok = d?.status === "ok" ? d : undefined;
  const p99 = (tier: string) => ok?.tiers.find((t) => t.tier === tier)?.p99Ms ?? null;
  return [
    { name: "D rules tier p99 <= 5 ms", value: p99("rules"), threshold: 5, op: "<=", unit: "ms" },
    { name: "D cache tier p99 <= 5 ms", value: p99("cache"), threshold: 5, op: "<=", unit: "ms" },
    { name: "D cache tier p99 <= 5 ms, isolated probe", value: ok ? ok.probeCacheP99Ms : null, threshold: 5, op: "<=", unit: "ms" },
    { name: "D LLM share of decisions <= 5%", value: ok ? ok.llm.share : null, threshold: 0.05, op: "<=", unit: "share" },
    ...(ok?.learning
      ? [
          {
            name: "D LLM share after feedback <= 2%",
            value: ok.learning.second.llmShare,
            threshold: 0.02,
            op: "<=" as const,
            unit: "share" as const,
          },
          {
            name: "D wrong decisions after feedback <= before",
            value: ok.learning.second.wrong.total,
            threshold: ok.learning.first.wrong.total,
            op: "<=" as const,
            unit: "count" as const,
          },
        ]
      : []),
  ];
}

const n = (x: number) => x.toLocaleString("en-US");
const ms = (x: number | null) => (x === null ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pct = (x: number | null) => (x === null ? "–" : `${(x * 100).toFixed(2)}%`);
const usd = (x: number | null, digits = 4) => (x === null ? "–" : `$${x.toFixed(digits)}`);

export function decisionsMarkdown(d: DecisionsOutcome): string[] {
  const lines = ["", "## Load D — decisions (rules → cache → LLM)", ""];
  if (d.status !== "ok") return [...lines, `Load D ${d.status}: ${d.message}`];
  const t = d.trace;
  lines.push(
    `Trace (seed ${t.seed}): ${n(t.events)} customer messages over ${n(t.agents)} agents of one definition, no customer binding: ` +
      `${n(t.ruleEvents)} match a rule, ${n(t.templateEvents)} come from ${n(t.templatesUsed)} of ${n(t.templates)} situation templates ` +
      `(same wording, other numbers/ids/e-mails/URLs), ${n(t.novelEvents)} are novel; ${n(t.distinctUnmatchedSituations)} distinct unmatched situations ` +
      `(the fewest LLM calls possible: ${pct(t.distinctUnmatchedSituations / Math.max(1, t.events))} of events; ` +
      `were each agent's cache scope its own, as with one customer per agent, the fewest would be ${n(t.perAgentScopeLlmCalls)}: ${pct(t.perAgentScopeLlmCalls / Math.max(1, t.events))}).`,
    "",
    `Events/s **${n(d.timing.eventsPerSec)}** (${n(t.events)} events, first ingest → last decision ${(d.timing.activeMs / 1000).toFixed(1)} s; ingest ${(d.timing.ingestMs / 1000).toFixed(1)} s); ` +
      `ingest → decision p50 ${n(d.timing.e2eP50Ms)} ms, p99 ${n(d.timing.e2eP99Ms)} ms (a burst: mostly queueing); peak workerd RSS ${n(d.peakRssMb)} MB; load average at the end ${d.loadAvgAtEnd.toFixed(2)} on ${cpus().length} cores.`,
    "",
    "| Tier | Decisions | Share | p50 ms | p99 ms | max ms | mean ms | at 0 ms |",
    "|---|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const r of d.tiers) {
    const name = r.tier.startsWith("cache: ") ? `↳ ${r.tier.slice(7)}` : r.tier;
    lines.push(
      `| ${name} | ${n(r.count)} | ${pct(r.share)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${ms(r.meanMs)} | ${n(r.zeroMs)} |`,
    );
  }
  lines.push(`| **all** | ${n(d.decisions)} | | | | | | |`);
  const agree = d.llm.serverRequests === d.llm.decisions;
  lines.push(
    "",
    "| Figure | Value |",
    "|---|---:|",
    `| LLM requests received by the local server | ${n(d.llm.serverRequests)} |`,
    `| Decisions with tier \`llm\` | ${n(d.llm.decisions)}${agree ? " (match)" : ` (**mismatch: ${n(d.llm.serverRequests - d.llm.decisions)}**)`} |`,
    `| Decisions that spent tokens | ${n(d.llm.decisionsWithTokens)} |`,
    `| LLM calls beyond one per situation (concurrent misses) | ${n(d.llm.repeatCalls)} |`,
    `| Cache hit rate (hits ÷ lookups) | ${pct(d.cache.hitRate)} (${n(d.cache.hits)} of ${n(d.cache.lookups)}; own ${n(d.cache.localHits)}, shared ${n(d.cache.sharedHits)}) |`,
    `| Tokens in / out (whole trace) | ${n(d.tokens.input)} / ${n(d.tokens.output)} |`,
    `| Tokens per LLM decision in / out | ${d.llm.decisions ? `${Math.round(d.llm.inputTokens / d.llm.decisions)} / ${Math.round(d.llm.outputTokens / d.llm.decisions)}` : "–"} |`,
    `| Cost over the trace | ${usd(d.costUsd)} |`,
    `| Decisions read back / missing / unexpected | ${n(d.decisions)} / ${n(d.missing)} / ${n(d.unexpected)} |`,
    `| Tier contradicting the trace (rule event not by its rule / unmatched by a rule) | ${n(d.tierMismatches.ruleEventNotByItsRule)} / ${n(d.tierMismatches.unmatchedByRule)} |`,
    `| Fallbacks by reason | ${
      Object.entries(d.fallbackReasons)
        .map(([k, v]) => `${k} ${n(v)}`)
        .join(", ") || "none"
    } |`,
    `| D1 roll-up (\`/v1/admin/costs\`) vs agents | ${d.d1Differences.length ? d.d1Differences.join("; ") : "agree"} |`,
    `| Worker log during the load: errors / warnings | ${n(d.logIssues.errors)} / ${n(d.logIssues.warnings)} |`,
  );
  if (d.probe.some((r) => r.count > 0)) {
    lines.push(
      "",
      "Isolated probe after the trace (caches warm; one event in flight at a time, so no other agent's work shares workerd's thread):",
      "",
      "| Probe | Events | Off tier | No decision | p50 ms | p99 ms | max ms | ingest → seen p50 ms |",
      "|---|---:|---:|---:|---:|---:|---:|---:|",
      ...d.probe.map(
        (r) =>
          `| ${r.kind} | ${n(r.count)} | ${n(r.offTier)} | ${n(r.noDecision)} | ${ms(r.p50Ms)} | ${ms(r.p99Ms)} | ${ms(r.maxMs)} | ${r.seenP50Ms === null ? "–" : n(r.seenP50Ms)} |`,
      ),
    );
    if (d.probeFailures.length) lines.push("", "Probe events without a decision:", ...d.probeFailures.map((f) => `- ${f}`));
  }
  const p = d.projection;
  lines.push(
    "",
    `| Projected cost per agent-month (${n(p.eventsPerAgentMonth)} events: 1,000 events/h across 200 agents, 30 days) | USD |`,
    "|---|---:|",
    `| Measured: ${usd(p.costPerEventUsd, 6)} per event × ${n(p.eventsPerAgentMonth)} | **${usd(p.perAgentMonthUsd, 3)}** |`,
    `| Seed's estimate | $${p.seedRangeUsd[0].toFixed(2)}–${p.seedRangeUsd[1].toFixed(2)} |`,
    `| LLM on every decision: ${usd(p.costPerLlmDecisionUsd, 6)} per LLM decision × ${n(p.eventsPerAgentMonth)} | ${usd(p.llmEveryDecisionPerAgentMonthUsd, 3)} |`,
    "",
    "Notes on D:",
    "- Tier latency is the agent's own `latencyMs` (read back from every agent's decisions, not D1, which rounds to whole ms). " +
      "Inside workerd the clock advances essentially only at I/O, so a tier that answers synchronously — rules, a hit in the agent's own cache — " +
      "records 0 ms (now and then 1 ms) whatever its CPU time: its p99 ≤ 5 ms shows it did no I/O, not how long it computed. Shared-cache hits and LLM decisions do I/O and record real time.",
    "- The local Anthropic server answers at once (no model think time), so LLM-tier latency is the platform's overhead: shared-cache lookup, " +
      "budget reserve and settle in the agent's BudgetDO, breaker acquire and report in the one CircuitBreakerDO, the SDK's HTTP round trip, and writing the answer to both caches. A real model adds its own seconds.",
    "- Tokens: input is the server's estimate (⌈characters of system + messages ÷ 4⌉), output a fixed 24 per call. The real API also bills the tool definition and its tool-use system prompt as input " +
      "(several hundred tokens a call) and real answers are longer, so real cost per LLM decision is higher: read the costs as a lower bound. Prices are claude-haiku-4-5's ($1/M in, $5/M out).",
    "- workerd's clock has 1 ms resolution, so every latency is a whole number of ms. During the burst all 200 agents run in one workerd thread: a tier that awaits " +
      "(shared cache, LLM) records the time other agents' work in the same queue batch held the thread, too. The isolated probe shows the tiers without that contention.",
    "- Own vs shared cache hits are inferred by replaying each agent's decisions in order (a hit on a situation the agent had not yet seen must have come from the shared cache).",
  );
  if (t.problems.length) lines.push(`- **Trace check failed** (templates do not normalize as designed): ${t.problems.join("; ")}`);
  if (d.logIssues.samples.length)
    lines.push(
      "- Worker log lines (most frequent first, digits as #):",
      ...d.logIssues.samples.map((s) => `  - \`${s.replace(/`/g, "'")}\``),
    );
  if (d.learning) lines.push(...learningMarkdown(d.learning));
  return lines;
}
