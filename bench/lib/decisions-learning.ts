/**
 * Load D's learning effect: the same trace run twice with customers' feedback between, so what
 * the agents learned shows as a lower LLM share and cost on the second pass, with no rise in
 * wrong decisions.
 *
 * Between the passes the exact decision caches expire (load D runs with a short
 * `DECISION_CACHE_TTL_SECONDS`, standing for the day-long TTL running out many times over an
 * agent-month): what is left is what feedback taught — learned rules and the semantic cache of
 * well-rated decisions. Feedback is a rating of every model-made decision (tier llm, cache or
 * semantic) on an unmatched event: 5 stars when its action is the one the trace calls right, 1
 * otherwise.
 */
import { chunk, forEachBounded, MAX_BATCH } from "./load";
import type { DecisionRecord } from "./decisions-report";
import { agentId, agentSubject, type DecisionTrace, type TraceEvent, type TraceItem } from "./decisions-trace";
import { HttpError, numberAt } from "./http";
import { sleep } from "./proc";
import { waitForCount } from "./wait";
import type { WaooawDriver } from "./waooaw-driver";

/** Tiers that reuse or make a model decision: what feedback rates and learning learns from. */
const MODEL_TIERS = new Set(["llm", "cache", "semantic"]);

export interface PassFigures {
  events: number;
  decisions: number;
  tiers: Record<string, number>;
  /** LLM decisions ÷ events. */
  llmShare: number;
  /** Requests the local model server received during the pass. */
  serverRequests: number;
  costUsd: number;
  /** `costUsd` per event × the seed's events per agent-month. */
  perAgentMonthUsd: number;
  /** Decisions the trace calls wrong, by how they were made. */
  wrong: { total: number; byTier: Record<string, number>; ruleEventNotByItsRule: number; unmatchedByDeclaredRule: number };
}

export interface LearningResult {
  first: PassFigures;
  second: PassFigures;
  feedback: { sent: number; good: number; bad: number; tookMs: number };
  /** Active learned rules after the feedback (null when the platform has no learned-rules API). */
  learnedRules: number | null;
  /** How long the bench waited for the exact caches to expire. */
  cacheTtlSeconds: number;
  waitedForExpiryMs: number;
}

/** Is this decision the one the trace calls right? */
export function isWrong(item: TraceItem, d: DecisionRecord): boolean {
  if (item.kind === "rule") return d.tier !== "rules" || d.ruleId !== item.label || d.action !== item.expected;
  return d.tier === "rules" || d.action !== item.expected;
}

/** The figures of one pass, from its decisions (matched to trace items by event id). */
export function passFigures(
  items: ReadonlyMap<string, TraceItem>,
  decisions: readonly DecisionRecord[],
  serverRequests: number,
  eventsPerAgentMonth: number,
): PassFigures {
  const tiers: Record<string, number> = {};
  const byTier: Record<string, number> = {};
  let ruleEventNotByItsRule = 0;
  let unmatchedByDeclaredRule = 0;
  let costUsd = 0;
  let wrong = 0;
  for (const d of decisions) {
    const item = items.get(d.eventId);
    if (!item) continue;
    tiers[d.tier] = (tiers[d.tier] ?? 0) + 1;
    costUsd += d.costUsd;
    if (!isWrong(item, d)) continue;
    wrong++;
    byTier[d.tier] = (byTier[d.tier] ?? 0) + 1;
    if (item.kind === "rule") ruleEventNotByItsRule++;
    else if (d.tier === "rules") unmatchedByDeclaredRule++;
  }
  const events = items.size;
  return {
    events,
    decisions: Object.values(tiers).reduce((s, n) => s + n, 0),
    tiers,
    llmShare: events ? (tiers["llm"] ?? 0) / events : 0,
    serverRequests,
    costUsd,
    perAgentMonthUsd: events ? (costUsd / events) * eventsPerAgentMonth : 0,
    wrong: { total: wrong, byTier, ruleEventNotByItsRule, unmatchedByDeclaredRule },
  };
}

/** The feedback a customer would give on pass 1: every model-made decision on an unmatched event, rated by the trace's truth. */
export function feedbackEvents(trace: DecisionTrace, records: ReadonlyMap<string, readonly DecisionRecord[]>): TraceEvent[] {
  const items = new Map(trace.items.map((i) => [i.event.id, i]));
  const out: TraceEvent[] = [];
  for (const list of records.values()) {
    for (const d of list) {
      const item = items.get(d.eventId);
      if (!item || item.kind === "rule" || !MODEL_TIERS.has(d.tier)) continue;
      out.push({
        id: `df-${trace.config.seed}-${out.length}`,
        type: "feedback.received" as TraceEvent["type"],
        source: "bench",
        subject: agentSubject(item.agent),
        occurredAt: new Date().toISOString(),
        payload: { decisionId: d.id, rating: d.action === item.expected ? 5 : 1 },
      });
    }
  }
  return out;
}

/** Pass 2's events: the trace again, with its own ids. */
export function secondPass(trace: DecisionTrace): TraceItem[] {
  return trace.items.map((i) => ({ ...i, event: { ...i.event, id: i.event.id.replace(/^d-/, "d2-") } }));
}

async function send(driver: WaooawDriver, events: readonly TraceEvent[], concurrency: number): Promise<void> {
  await forEachBounded(chunk(events, MAX_BATCH), concurrency, async (batch) => {
    const accepted = numberAt(await driver.api("/v1/events/batch", { body: { events: batch } }), "accepted");
    if (accepted !== batch.length) throw new Error(`waooaw accepted ${String(accepted)} of ${batch.length} events`);
  });
}

/** Active learned rules, or null when the platform has no such API. */
async function countLearnedRules(driver: WaooawDriver): Promise<number | null> {
  let total = 0;
  let cursor: string | null = null;
  try {
    do {
      const page = (await driver.api(`/v1/admin/learned-rules?status=active&limit=200${cursor ? `&cursor=${cursor}` : ""}`)) as {
        items: unknown[];
        nextCursor: string | number | null;
      };
      total += page.items.length;
      cursor = page.nextCursor === null ? null : String(page.nextCursor);
    } while (cursor);
    return total;
  } catch (err) {
    if (err instanceof HttpError && err.status === 404) return null;
    throw err;
  }
}

export interface LearningRun {
  driver: WaooawDriver;
  trace: DecisionTrace;
  /** Pass 1's decisions per agent, as read back after it. */
  records: ReadonlyMap<string, readonly DecisionRecord[]>;
  serverRequestsFirst: number;
  /** When pass 1's last decision was recorded: the exact caches' newest entries date from then. */
  firstPassDoneAt: number;
  cacheTtlSeconds: number;
  ingestConcurrency: number;
  eventsPerAgentMonth: number;
  requests: () => Promise<number>;
  readDecisions: (agent: string) => Promise<DecisionRecord[]>;
  progress: (line: string) => void;
}

export async function runLearningPasses(run: LearningRun): Promise<LearningResult> {
  const { driver, trace, progress } = run;
  const firstItems = new Map(trace.items.map((i) => [i.event.id, i]));
  const first = passFigures(firstItems, [...run.records.values()].flat(), run.serverRequestsFirst, run.eventsPerAgentMonth);

  const feedback = feedbackEvents(trace, run.records);
  const good = feedback.filter((e) => e.payload["rating"] === 5).length;
  progress(`learning: ${feedback.length} ratings of pass 1's model-made decisions (${good} good, ${feedback.length - good} bad)`);
  const feedbackStart = Date.now();
  await driver.beginPhase();
  // Ratings arrive over time, not as one burst: a request of 100 at a time, each waited for. Each
  // rating is one D1 batch (evidence, promotion): 1,500 at once kept local D1 busy for longer
  // than the bench's 30 s request timeout, stalling even the stats it polls.
  let sent = 0;
  for (const batch of chunk(feedback, MAX_BATCH)) {
    await send(driver, batch, 1);
    sent += batch.length;
    await waitForCount(driver, sent, 60_000 + batch.length * 300);
  }
  const feedbackMs = Date.now() - feedbackStart;
  const learnedRules = await countLearnedRules(driver);
  progress(`learning: feedback recorded in ${(feedbackMs / 1000).toFixed(1)} s; ${learnedRules ?? "?"} learned rules active`);

  const expiry = run.firstPassDoneAt + run.cacheTtlSeconds * 1000 + 2_000;
  const waited = Math.max(0, expiry - Date.now());
  progress(`learning: waiting ${(waited / 1000).toFixed(0)} s for the exact caches to expire (TTL ${run.cacheTtlSeconds} s)`);
  await sleep(waited);

  const items = secondPass(trace);
  const secondItems = new Map(items.map((i) => [i.event.id, i]));
  const before = await run.requests();
  await driver.beginPhase();
  await send(
    driver,
    items.map((i) => i.event),
    run.ingestConcurrency,
  );
  await waitForCount(driver, items.length, 60_000 + items.length * 30);
  const serverRequests = (await run.requests()) - before;
  const decisions: DecisionRecord[] = [];
  await forEachBounded(
    Array.from({ length: trace.config.agents }, (_, i) => agentId(i)),
    4,
    async (agent) => {
      for (const d of await run.readDecisions(agent)) if (secondItems.has(d.eventId)) decisions.push(d);
    },
  );
  const second = passFigures(secondItems, decisions, serverRequests, run.eventsPerAgentMonth);
  progress(
    `learning: pass 2 LLM share ${(second.llmShare * 100).toFixed(2)}% (pass 1 ${(first.llmShare * 100).toFixed(2)}%), wrong ${second.wrong.total} (pass 1 ${first.wrong.total})`,
  );
  return {
    first,
    second,
    feedback: { sent: feedback.length, good, bad: feedback.length - good, tookMs: feedbackMs },
    learnedRules,
    cacheTtlSeconds: run.cacheTtlSeconds,
    waitedForExpiryMs: waited,
  };
}

/** The learning section of load D's report. */
export function learningMarkdown(r: LearningResult): string[] {
  const pct = (x: number) => `${(x * 100).toFixed(2)}%`;
  const tiers = ["rules", "learned", "cache", "semantic", "llm", "fallback"];
  const row = (label: string, p: PassFigures) =>
    `| ${label} | ${tiers.map((t) => (p.tiers[t] ?? 0).toLocaleString("en-US")).join(" | ")} | **${pct(p.llmShare)}** | ${p.serverRequests} | $${p.costUsd.toFixed(4)} | $${p.perAgentMonthUsd.toFixed(4)} | ${p.wrong.total} |`;
  const wrongBy = (p: PassFigures) =>
    Object.entries(p.wrong.byTier)
      .map(([t, n]) => `${t} ${n}`)
      .join(", ") || "none";
  return [
    "",
    "### Learning: the trace twice, with feedback between",
    "",
    `Pass 1 is the trace above. Then every model-made decision (tier llm, cache or semantic) on an unmatched event was rated: 5 stars when its action is the trace's right one, 1 otherwise (${r.feedback.sent.toLocaleString("en-US")} ratings: ${r.feedback.good.toLocaleString("en-US")} good, ${r.feedback.bad} bad, recorded in ${(r.feedback.tookMs / 1000).toFixed(1)} s). The bench's model answers \`escalate\` for most escalation topics but \`act\` for two of them (wrong), so some ratings are bad. The exact caches then expired (TTL ${r.cacheTtlSeconds} s in this load, standing for the day-long default running out over a month; waited ${(r.waitedForExpiryMs / 1000).toFixed(0)} s) and pass 2 sent the same trace again. Learned rules active after the feedback: ${r.learnedRules ?? "n/a"}.`,
    "",
    `| Pass | ${tiers.join(" | ")} | LLM share | model requests | cost | per agent-month | wrong |`,
    `|---|${tiers.map(() => "---:").join("|")}|---:|---:|---:|---:|---:|`,
    row("1 (before feedback)", r.first),
    row("2 (after feedback)", r.second),
    "",
    `Wrong decisions (the trace's truth: a rule event by its rule with its action; an unmatched event not by a declared rule, with its topic's action): pass 1 ${r.first.wrong.total} (${wrongBy(r.first)}), pass 2 ${r.second.wrong.total} (${wrongBy(r.second)}). The model's own mistakes recur in pass 2 because nothing rated badly is learned or reused.`,
  ];
}
