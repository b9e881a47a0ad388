/**
 * The two reference loads, run against one started system:
 *  A: events spread over 200 agents; a first pass (fresh agents), then several warm passes
 *     (their median is the target figure: one ~1 s pass alone is mostly noise here).
 *  B: every event to a distinct agent; each agent is spawned, left to be evicted, then woken
 *     by its one event, so every measured wake is cold. One run: it lasts minutes.
 */
import type { LiveObjectBudget } from "./budget";
import { makeAgents, makeEvents, sendEvents, spawnAgents } from "./load";
import type { LogScanner } from "./logscan";
import { sleep } from "./proc";
import { type PassResult, type PhaseResult, passRate, summarizePhase } from "./results";
import type { RssSampler } from "./rss";
import { spreadOf } from "./spread";
import type { AgentRef, ProgressStats, SystemDriver } from "./system";
import { waitForCount } from "./wait";

export interface ScenarioConfig {
  /** `passes`: measured A-warm passes of `events` each, one after another. */
  a: { agents: number; events: number; passes: number };
  b: { agents: number; waveSize: number; liveCap: number; evictAfterMs: number };
  ingestConcurrency: number;
  spawnConcurrency: number;
}

export interface ScenarioContext {
  driver: SystemDriver;
  sampler: RssSampler;
  log: LogScanner;
  budget: LiveObjectBudget;
  progress: (line: string) => void;
  /** Keeps a phase as soon as all its passes are in, so a later failure cannot lose it. */
  record: (phase: PhaseResult) => void;
}

const NOMEM = /SQLITE_NOMEM/;
const MB = 1024 * 1024;

/** Generous: a system slower than 50 events/s is broken for this bench, not slow. */
function timeoutFor(events: number): number {
  return 30_000 + events * 20;
}

function passResult(ctx: ScenarioContext, fields: Omit<PassResult, "eventsPerSec" | "peakRssMb" | "sqliteNomem">): PassResult {
  return {
    ...fields,
    eventsPerSec: Math.round(passRate(fields)),
    peakRssMb: Math.round(ctx.sampler.peakBytes() / MB),
    sqliteNomem: ctx.log.countNew(NOMEM),
  };
}

const rps = (n: number) => Math.round(n).toLocaleString("en-US");

/** One pass of load A: `events` over the spawned agents as one burst, timed to the last decision. */
export async function passA(ctx: ScenarioContext, cfg: ScenarioConfig, agents: readonly AgentRef[], seqStart: number): Promise<PassResult> {
  const { driver } = ctx;
  const events = makeEvents(agents, cfg.a.events, seqStart);
  await driver.beginPhase();
  ctx.sampler.resetPeak();
  ctx.log.countNew(NOMEM); // Only this pass's errors count.
  const sent = await sendEvents(driver, events, cfg.ingestConcurrency);
  const done = await waitForCount(driver, events.length, timeoutFor(events.length));
  ctx.budget.touch(agents.length, done.doneAt);
  const activeMs = done.doneAt - sent.firstRequestAt;
  return passResult(ctx, {
    events: events.length,
    agents: agents.length,
    activeMs,
    p50Ms: done.stats.p50,
    p99Ms: done.stats.p99,
    ingestMs: sent.lastAcceptedAt - sent.firstRequestAt,
    wallMs: activeMs,
    ...(done.stats.outcomes ? { outcomes: done.stats.outcomes } : {}),
  });
}

/**
 * Load A: spawn, one A-first pass, then `cfg.a.passes` A-warm passes back to back. Passes of at
 * most ~10,000 events: the local queue failed with a quota error past ~10,000 pending messages,
 * and bare and agents-sdk send one message per event.
 */
export async function runLoadA(ctx: ScenarioContext, cfg: ScenarioConfig): Promise<void> {
  const agents = makeAgents("a", 0, cfg.a.agents);
  const spawnMs = await spawnAgents(ctx.driver, agents, cfg.spawnConcurrency, () =>
    ctx.progress("spawn request got 503 (worker restarted); retrying"),
  );
  ctx.budget.touch(agents.length, Date.now());
  const spawn = { agents: agents.length, ms: spawnMs, perSec: Math.round((agents.length / Math.max(1, spawnMs)) * 1000) };
  ctx.progress(`spawned ${agents.length} agents in ${spawnMs} ms`);

  let seq = 0;
  const first = { ...(await passA(ctx, cfg, agents, seq)), spawn };
  seq += cfg.a.events;
  ctx.record(summarizePhase("A-first", [first]));
  ctx.progress(
    `A-first: ${rps(first.eventsPerSec)} events/s, p50 ${first.p50Ms} ms, p99 ${first.p99Ms} ms, peak RSS ${first.peakRssMb} MB`,
  );

  const warm: PassResult[] = [];
  for (let i = 1; i <= cfg.a.passes; i++) {
    const pass = await passA(ctx, cfg, agents, seq);
    seq += cfg.a.events;
    warm.push(pass);
    ctx.progress(
      `A-warm pass ${i}/${cfg.a.passes}: ${rps(pass.eventsPerSec)} events/s, p50 ${pass.p50Ms} ms, p99 ${pass.p99Ms} ms, peak RSS ${pass.peakRssMb} MB`,
    );
  }
  const summary = summarizePhase("A-warm", warm);
  ctx.record(summary);
  const r = summary.eventsPerSec;
  ctx.progress(`A-warm: median ${rps(r.median)} events/s over ${r.n} passes (min ${rps(r.min)}, max ${rps(r.max)})`);
}

/** Load B in waves: spawn a wave, let it be evicted, then send it one event per agent. */
export async function runLoadB(ctx: ScenarioContext, cfg: ScenarioConfig): Promise<void> {
  const { driver, budget } = ctx;
  const { waveSize, evictAfterMs } = cfg.b;
  const waves: AgentRef[][] = [];
  for (let from = 0; from < cfg.b.agents; from += waveSize) waves.push(makeAgents("b", from, Math.min(waveSize, cfg.b.agents - from)));

  const wallStart = Date.now();
  await driver.beginPhase();
  ctx.sampler.resetPeak();
  ctx.log.countNew(NOMEM);
  const spawnedAt: number[] = [];
  let spawnMs = 0;
  let activeMs = 0;
  let ingestMs = 0;
  let sentTotal = 0;
  let last: ProgressStats = { count: 0, p50: 0, p99: 0 };
  const waveRates: number[] = [];

  // Greedy pipeline: an event wave runs once its agents have idled past eviction and the live
  // budget allows; otherwise the next spawn wave runs if the budget allows; otherwise wait.
  // Events have priority: a spawn never takes budget an eligible event wave is waiting for.
  while (sentTotal < cfg.b.agents) {
    const now = Date.now();
    const nextEvent = Math.floor(sentTotal / waveSize);
    const eventWave = waves[nextEvent];
    const eventSpawnedAt = spawnedAt[nextEvent];
    const eventDueIn = eventSpawnedAt === undefined ? Infinity : eventSpawnedAt + evictAfterMs - now;
    if (eventWave && eventDueIn <= 0) {
      const budgetIn = budget.waitFor(eventWave.length, now);
      if (budgetIn > 0) {
        await sleep(budgetIn);
        continue;
      }
      const events = makeEvents(eventWave, eventWave.length, sentTotal);
      const sent = await sendEvents(driver, events, cfg.ingestConcurrency);
      sentTotal += events.length;
      const done = await waitForCount(driver, sentTotal, timeoutFor(events.length));
      budget.touch(eventWave.length, done.doneAt);
      const windowMs = done.doneAt - sent.firstRequestAt;
      activeMs += windowMs;
      waveRates.push(Math.round((events.length / Math.max(1, windowMs)) * 1000));
      ingestMs += sent.lastAcceptedAt - sent.firstRequestAt;
      last = done.stats;
      ctx.progress(`B wave ${nextEvent + 1}/${waves.length}: ${eventWave.length} cold wakes in ${windowMs} ms`);
      continue;
    }
    const spawnWave = waves[spawnedAt.length];
    const spawnIn = spawnWave ? budget.waitFor(spawnWave.length, now) : Infinity;
    if (spawnWave && spawnIn === 0) {
      spawnMs += await spawnAgents(driver, spawnWave, cfg.spawnConcurrency, () =>
        ctx.progress("spawn request got 503 (worker restarted); retrying"),
      );
      spawnedAt.push(Date.now());
      budget.touch(spawnWave.length, Date.now());
      continue;
    }
    await sleep(Math.max(20, Math.min(eventDueIn, spawnIn, 1_000)));
  }

  const spawn = { agents: cfg.b.agents, ms: spawnMs, perSec: Math.round((cfg.b.agents / Math.max(1, spawnMs)) * 1000) };
  const pass = passResult(ctx, {
    events: cfg.b.agents,
    agents: cfg.b.agents,
    activeMs,
    p50Ms: last.p50,
    p99Ms: last.p99,
    ingestMs,
    wallMs: Date.now() - wallStart,
    spawn,
    waves: waves.length,
    waveEventsPerSec: waveRates,
    ...(last.outcomes ? { outcomes: last.outcomes } : {}),
  });
  ctx.record(summarizePhase("B-cold", [pass]));
  const w = spreadOf(waveRates);
  ctx.progress(
    `B-cold: ${rps(pass.eventsPerSec)} events/s (waves ${rps(w.min)}–${rps(w.max)}), p50 ${pass.p50Ms} ms, p99 ${pass.p99Ms} ms, peak RSS ${pass.peakRssMb} MB (spawn ${spawn.perSec}/s)`,
  );
}
