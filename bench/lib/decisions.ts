/**
 * Load D ("decisions"): a reference trace through the platform's decision engine (rules →
 * decision cache → LLM) with a local Anthropic API server behind the LLM tier. Runs in its own
 * `wrangler dev` (fresh state, ANTHROPIC_API_KEY and ANTHROPIC_BASE_URL set), then reads every
 * decision back from the agents and rolls the trace up per tier.
 */
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { canonicalSituation } from "../../src/decisions/situation-key";
import { startLocalAnthropic, type LocalAnthropic } from "./anthropic";
import { runLearningPasses } from "./decisions-learning";
import {
  analyzeDecisions,
  EVENTS_PER_AGENT_MONTH,
  type DecisionRecord,
  type DecisionsResult,
  type D1Totals,
  type ProbeSample,
} from "./decisions-report";
import {
  agentId,
  agentSubject,
  decisionDefinition,
  makeDecisionTrace,
  modelAnswers,
  prng,
  type DecisionTrace,
  type DecisionTraceConfig,
  type TraceEvent,
} from "./decisions-trace";
import { HttpError, numberAt, requestJson } from "./http";
import { chunk, forEachBounded, MAX_BATCH } from "./load";
import { LogScanner } from "./logscan";
import { sleep } from "./proc";
import { RssSampler } from "./rss";
import { waitForCount } from "./wait";
import { startWaooaw, type WaooawDriver } from "./waooaw-driver";

export interface DecisionLoadConfig extends DecisionTraceConfig {
  ingestConcurrency: number;
  spawnConcurrency: number;
  /** Events per kind in the isolated probe after the trace (one event in flight at a time). */
  probePerKind: number;
  /** Run the trace a second time after feedback (see decisions-learning.ts). */
  learning: boolean;
  /** The exact caches' TTL in this load: short, so they expire before the second pass. */
  cacheTtlSeconds: number;
}

/** Any value: the local server accepts every key. */
const LOCAL_API_KEY = "bench-local-key";
const PAGE = 200;
const READ_CONCURRENCY = 4;
const SPAWN_ATTEMPTS = 3;

/** The trace's situations as the platform's own normalization sees them (src/decisions/situation-key.ts). */
export function situationsOf(trace: DecisionTrace): { byEvent: Map<string, string>; problems: string[] } {
  const byEvent = new Map<string, string>();
  const byLabel = new Map<string, string>();
  const labelOf = new Map<string, string>();
  const problems: string[] = [];
  for (const item of trace.items) {
    const key = canonicalSituation(item.event);
    byEvent.set(item.event.id, key);
    if (item.kind === "rule") continue;
    // Every event of a template must normalize to one situation, and templates to different ones.
    const seen = byLabel.get(item.label);
    if (seen === undefined) byLabel.set(item.label, key);
    else if (seen !== key && problems.length < 5) problems.push(`${item.label} normalizes to more than one situation: ${seen} vs ${key}`);
    const other = labelOf.get(key);
    if (other === undefined) labelOf.set(key, item.label);
    else if (other !== item.label && problems.length < 5) problems.push(`${other} and ${item.label} share a situation: ${key}`);
  }
  return { byEvent, problems };
}

async function spawnAll(driver: WaooawDriver, agents: number, concurrency: number, progress: (line: string) => void): Promise<number> {
  const start = Date.now();
  const definition = decisionDefinition().slug;
  await forEachBounded(
    Array.from({ length: agents }, (_, i) => i),
    concurrency,
    async (i) => {
      const body = {
        definition,
        id: agentId(i),
        subscriptions: [
          { event: "customer.message", subject: agentSubject(i) },
          { event: "feedback.received", subject: agentSubject(i) },
        ],
      };
      for (let attempt = 1; ; attempt++) {
        try {
          await driver.api("/v1/admin/agents", { body, okStatuses: [409], timeoutMs: 60_000 });
          return;
        } catch (err) {
          if (!(err instanceof HttpError) || err.status !== 503 || attempt >= SPAWN_ATTEMPTS) throw err;
          progress("spawn request got 503 (worker restarted); retrying");
          await sleep(1_000 * attempt);
        }
      }
    },
  );
  return Date.now() - start;
}

/** Every decision of one agent, oldest first (the API pages newest first by a seq cursor). */
async function readAgentDecisions(driver: WaooawDriver, agent: string): Promise<DecisionRecord[]> {
  const out: DecisionRecord[] = [];
  let cursor: number | null = null;
  do {
    const body = (await driver.api(`/v1/admin/agents/${agent}/decisions?limit=${PAGE}${cursor === null ? "" : `&cursor=${cursor}`}`)) as {
      items: DecisionRecord[];
      nextCursor: number | null;
    };
    out.push(...body.items);
    cursor = body.nextCursor;
  } while (cursor !== null);
  return out.reverse();
}

type ProbeKind = ProbeSample["kind"];

/**
 * Probe events, sent after the trace when the caches are warm: copies of trace events re-addressed
 * so that each lands on a known tier — a rule; a situation the agent itself decided (its own
 * cache); one only other agents decided (the shared cache); wording never seen (the LLM).
 */
function probeEvents(
  trace: DecisionTrace,
  situations: Map<string, string>,
  records: Map<string, DecisionRecord[]>,
  perKind: number,
): { kind: ProbeKind; agent: number; event: TraceEvent }[] {
  const rng = prng(trace.config.seed + 7_919);
  const seenBy = new Map<number, Set<string>>(); // agent -> situations it decided by llm or cache
  const learned = new Set<string>(); // situations some agent's LLM decision put in the shared cache
  for (const [agent, list] of records) {
    const index = Number(agent.slice(agent.lastIndexOf("-") + 1));
    const set = seenBy.get(index) ?? new Set<string>();
    for (const d of list) {
      const key = situations.get(d.eventId);
      if (key === undefined || (d.tier !== "llm" && d.tier !== "cache")) continue;
      set.add(key);
      if (d.tier === "llm") learned.add(key);
    }
    seenBy.set(index, set);
  }
  const repeats = trace.items.filter((i) => i.kind === "template" && learned.has(situations.get(i.event.id) ?? ""));
  const rules = trace.items.filter((i) => i.kind === "rule");
  const out: { kind: ProbeKind; agent: number; event: TraceEvent }[] = [];
  const agents = trace.config.agents;
  const copy = (event: TraceEvent, agent: number, n: number): TraceEvent => ({
    ...event,
    id: `dp-${trace.config.seed}-${n}`,
    subject: agentSubject(agent),
  });
  for (let k = 0; k < perKind; k++) {
    const rule = rules[Math.floor(rng() * rules.length)];
    if (rule) out.push({ kind: "rules", agent: rule.agent, event: copy(rule.event, rule.agent, out.length) });
    // Own: an agent re-meets a situation it decided. Shared: an agent meets one it never saw.
    for (let tries = 0; tries < 1_000; tries++) {
      const item = repeats[Math.floor(rng() * repeats.length)];
      const key = item ? situations.get(item.event.id) : undefined;
      const mine = [...seenBy.entries()].filter(([, s]) => key !== undefined && s.has(key)).map(([a]) => a);
      if (!item || key === undefined || mine.length === 0) continue;
      const own = mine[Math.floor(rng() * mine.length)] as number;
      const stranger = Math.floor(rng() * agents);
      if (seenBy.get(stranger)?.has(key)) continue;
      out.push({ kind: "cache (own)", agent: own, event: copy(item.event, own, out.length) });
      out.push({ kind: "cache (shared)", agent: stranger, event: copy(item.event, stranger, out.length) });
      seenBy.get(stranger)?.add(key); // it learns the situation now: later probes must not count on a shared hit
      break;
    }
    const base = trace.items[0]?.event;
    const agent = Math.floor(rng() * agents);
    if (base) {
      const words = Array.from({ length: 6 }, () =>
        Math.floor(rng() * 1e9)
          .toString(36)
          .replace(/\d/g, ""),
      ).join(" ");
      out.push({
        kind: "llm",
        agent,
        event: {
          ...copy(base, agent, out.length),
          payload: { channel: "chat", priority: "normal", intent: "general", text: `Probe ${k}: ${words}` },
        },
      });
    }
  }
  return out;
}

/** Longer than one LLM call with its retries (LLM_TIMEOUT_MS 20 s), so a slow call still shows as slow. */
const PROBE_WAIT_MS = 45_000;
const PROBE_MAX_TIMEOUTS = 3;

/** What the platform says about a probe event that got no decision (`GET /v1/events/:id`). */
async function eventDiagnosis(driver: WaooawDriver, id: string): Promise<string> {
  try {
    const e = (await driver.api(`/v1/events/${id}`)) as Record<string, unknown>;
    const wakes = Array.isArray(e["wakes"]) ? e["wakes"].length : "?";
    return `status ${String(e["status"])}, attempts ${String(e["attempts"])}, wakes ${wakes}, lastError ${JSON.stringify(e["lastError"] ?? null).slice(0, 300)}`;
  } catch (err) {
    return `GET /v1/events/${id} failed: ${err instanceof Error ? err.message.slice(0, 200) : String(err)}`;
  }
}

/**
 * Sends probe events one at a time and reads each one's decision from its agent. A probe with
 * no decision in PROBE_WAIT_MS is recorded with what the platform says about its event; after a
 * few of those the probe stops (the trace's figures stand either way).
 */
async function runProbe(
  driver: WaooawDriver,
  probes: ReturnType<typeof probeEvents>,
  progress: (line: string) => void,
): Promise<ProbeSample[]> {
  const out: ProbeSample[] = [];
  let timeouts = 0;
  for (const p of probes) {
    const sentAt = Date.now();
    const accepted = numberAt(await driver.api("/v1/events/batch", { body: { events: [p.event] } }), "accepted");
    if (accepted !== 1) throw new Error(`probe event ${p.event.id} not accepted`);
    for (;;) {
      const body = (await driver.api(`/v1/admin/agents/${agentId(p.agent)}/decisions?limit=1`)) as { items: DecisionRecord[] };
      const d = body.items[0];
      if (d?.eventId === p.event.id) {
        out.push({ kind: p.kind, tier: d.tier, cache: d.cache, latencyMs: d.latencyMs, seenAfterMs: Date.now() - sentAt });
        break;
      }
      if (Date.now() - sentAt > PROBE_WAIT_MS) {
        const diagnosis = await eventDiagnosis(driver, p.event.id);
        progress(`probe ${p.event.id} (${p.kind}, agent ${agentId(p.agent)}): no decision in ${PROBE_WAIT_MS / 1000} s; ${diagnosis}`);
        out.push({
          kind: p.kind,
          tier: "none",
          cache: null,
          latencyMs: Number.NaN,
          seenAfterMs: null,
          diagnosis: `${p.event.id} to ${agentId(p.agent)}: ${diagnosis}`,
        });
        timeouts++;
        break;
      }
      await sleep(20);
    }
    if (timeouts >= PROBE_MAX_TIMEOUTS) {
      progress(`probe stopped after ${timeouts} events without a decision`);
      break;
    }
  }
  return out;
}

async function d1Totals(driver: WaooawDriver, since: number): Promise<D1Totals | null> {
  // All of load D's agents share one definition (CoE "support") in a fresh database.
  const body = await driver.api(`/v1/admin/costs?groupBy=coe&since=${since}`);
  const items = (body as { items?: Record<string, unknown>[] }).items ?? [];
  if (items.length === 0) return null;
  const sum = (k: string) => items.reduce((s, it) => s + (typeof it[k] === "number" ? it[k] : 0), 0);
  return {
    decisions: sum("decisions"),
    rules: sum("rules"),
    cache: sum("cache"),
    llm: sum("llm"),
    fallback: sum("fallback"),
    inputTokens: sum("inputTokens"),
    outputTokens: sum("outputTokens"),
    costUsd: sum("costUsd"),
  };
}

/** Distinct problem lines the worker logged during the load (errors and warnings), with counts. */
export function logIssues(text: string): DecisionsResult["logIssues"] {
  const counts = new Map<string, number>();
  let errors = 0;
  let warnings = 0;
  for (const line of text.split("\n")) {
    const isError = /\berror\b|✘/i.test(line);
    const isWarning = !isError && /\bwarn(ing)?\b|▲/i.test(line);
    if (!isError && !isWarning) continue;
    if (isError) errors++;
    else warnings++;
    const shape = line.trim().replace(/\d+/g, "#").slice(0, 240);
    counts.set(shape, (counts.get(shape) ?? 0) + 1);
  }
  const samples = [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([line, n]) => `${n}× ${line}`);
  return { errors, warnings, samples };
}

export async function runLoadD(cfg: DecisionLoadConfig, runDir: string, progress: (line: string) => void): Promise<DecisionsResult> {
  const trace = makeDecisionTrace(cfg);
  const situations = situationsOf(trace);
  for (const p of situations.problems) progress(`trace check: ${p}`);
  progress(
    `trace: ${trace.items.length} events over ${cfg.agents} agents: ${trace.counts.rule} rule-matched, ${trace.counts.template} from ${trace.templatesUsed} of ${cfg.templates} templates, ${trace.counts.novel} novel (seed ${cfg.seed})`,
  );

  let anthropic: LocalAnthropic | undefined;
  let driver: WaooawDriver | undefined;
  let sampler: RssSampler | undefined;
  try {
    anthropic = await startLocalAnthropic(join(runDir, "anthropic.log"));
    progress(`local Anthropic API at ${anthropic.url}`);
    // The model decides by topic: escalation topics escalated, except two it gets wrong.
    await requestJson(`${anthropic.url}/__answers`, { body: { answers: modelAnswers() } });
    driver = await startWaooaw(runDir, {
      label: "waooaw-d",
      vars: {
        ANTHROPIC_API_KEY: LOCAL_API_KEY,
        ANTHROPIC_BASE_URL: anthropic.url,
        DECISION_CACHE_TTL_SECONDS: String(cfg.cacheTtlSeconds),
      },
      definition: decisionDefinition(),
    });
    sampler = new RssSampler(driver.pid);
    sampler.start();
    const log = new LogScanner(driver.logFile); // from the first spawn on: startup noise is not the load's
    const spawnMs = await spawnAll(driver, cfg.agents, cfg.spawnConcurrency, progress);
    progress(`spawned ${cfg.agents} agents in ${spawnMs} ms`);

    const requestsBefore = await anthropic.requests();
    await driver.beginPhase();
    const since = driver.phaseSince;
    sampler.resetPeak();
    const events = trace.items.map((i) => i.event);
    const firstRequestAt = Date.now();
    const d = driver;
    await forEachBounded(chunk(events, MAX_BATCH), cfg.ingestConcurrency, async (batch) => {
      const accepted = numberAt(await d.api("/v1/events/batch", { body: { events: batch } }), "accepted");
      if (accepted !== batch.length) throw new Error(`waooaw accepted ${String(accepted)} of ${batch.length} events`);
    });
    const lastAcceptedAt = Date.now();
    // Generous: LLM-tier wakes are slower than load A's, and a stuck trace should fail, not hang.
    const done = await waitForCount(driver, events.length, 60_000 + events.length * 30);
    const activeMs = done.doneAt - firstRequestAt;
    const loadAvgAtEnd = Math.round((loadavg()[0] ?? 0) * 100) / 100;
    const peakRssMb = Math.round(sampler.peakBytes() / (1024 * 1024));
    const serverRequests = (await anthropic.requests()) - requestsBefore;
    progress(
      `D: ${events.length} decisions in ${(activeMs / 1000).toFixed(1)} s (${Math.round((events.length / activeMs) * 1000)} events/s); LLM server got ${serverRequests} requests; reading decisions back`,
    );

    const records = new Map<string, DecisionRecord[]>();
    await forEachBounded(
      Array.from({ length: cfg.agents }, (_, i) => agentId(i)),
      READ_CONCURRENCY,
      async (agent) => {
        records.set(agent, await readAgentDecisions(d, agent));
      },
    );
    const d1 = await d1Totals(driver, since);
    writeFileSync(join(runDir, "decisions-d.json"), JSON.stringify(Object.fromEntries(records)));
    const logText = log.readNew();

    const probes = probeEvents(trace, situations.byEvent, records, cfg.probePerKind);
    progress(`probe: ${probes.length} events one at a time (rules, own cache, shared cache, LLM)`);
    const probe = await runProbe(driver, probes, progress);
    const learning = cfg.learning
      ? await runLearningPasses({
          driver,
          trace,
          records,
          serverRequestsFirst: serverRequests,
          firstPassDoneAt: done.doneAt,
          cacheTtlSeconds: cfg.cacheTtlSeconds,
          ingestConcurrency: cfg.ingestConcurrency,
          eventsPerAgentMonth: EVENTS_PER_AGENT_MONTH,
          requests: () => (anthropic as LocalAnthropic).requests(),
          readDecisions: (agent) => readAgentDecisions(d, agent),
          progress,
        })
      : undefined;
    const result = analyzeDecisions({
      trace,
      situations: situations.byEvent,
      traceProblems: situations.problems,
      records,
      serverRequests,
      d1,
      timing: {
        activeMs,
        ingestMs: lastAcceptedAt - firstRequestAt,
        spawnMs,
        e2eP50Ms: done.stats.p50,
        e2eP99Ms: done.stats.p99,
        outcomes: done.stats.outcomes,
      },
      loadAvgAtEnd,
      peakRssMb,
      logIssues: logIssues(logText + log.readNew()),
      probe,
    });
    return learning ? { ...result, learning } : result;
  } finally {
    sampler?.stop();
    await driver?.stop();
    await anthropic?.stop();
  }
}
