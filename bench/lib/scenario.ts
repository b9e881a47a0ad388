/**
 * The two reference loads, run against one started system:
 *  A: events spread over 200 agents; a first pass (fresh agents), then a measured warm pass.
 *  B: every event to a distinct agent; each agent is spawned, left to be evicted, then woken
 *     by its one event, so every measured wake is cold.
 */
import type { LiveObjectBudget } from "./budget";
import { makeAgents, makeEvents, sendEvents, spawnAgents } from "./load";
import type { LogScanner } from "./logscan";
import { sleep } from "./proc";
import type { PhaseName, PhaseResult } from "./results";
import type { RssSampler } from "./rss";
import type { AgentRef, ProgressStats, SystemDriver } from "./system";
import { waitForCount } from "./wait";

export interface ScenarioConfig {
  a: { agents: number; events: number };
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
}

const NOMEM = /SQLITE_NOMEM/;
const MB = 1024 * 1024;

/** Generous: a system slower than 50 events/s is broken for this bench, not slow. */
function timeoutFor(events: number): number {
  return 30_000 + events * 20;
}

function phaseResult(
  name: PhaseName,
  ctx: ScenarioContext,
  fields: Omit<PhaseResult, "phase" | "eventsPerSec" | "peakRssMb" | "sqliteNomem">,
): PhaseResult {
  return {
    phase: name,
    ...fields,
    eventsPerSec: Math.round((fields.events / Math.max(1, fields.activeMs)) * 1000),
    peakRssMb: Math.round(ctx.sampler.peakBytes() / MB),
    sqliteNomem: ctx.log.countNew(NOMEM),
  };
}

export async function runLoadA(ctx: ScenarioContext, cfg: ScenarioConfig): Promise<PhaseResult[]> {
  const { driver } = ctx;
  const agents = makeAgents("a", 0, cfg.a.agents);
  const spawnMs = await spawnAgents(driver, agents, cfg.spawnConcurrency, () =>
    ctx.progress("spawn request got 503 (worker restarted); retrying"),
  );
  ctx.budget.touch(agents.length, Date.now());
  const spawn = { agents: agents.length, ms: spawnMs, perSec: Math.round((agents.length / Math.max(1, spawnMs)) * 1000) };
  ctx.progress(`spawned ${agents.length} agents in ${spawnMs} ms`);

  const out: PhaseResult[] = [];
  for (const name of ["A-first", "A-warm"] as const) {
    const events = makeEvents(agents, cfg.a.events, out.length * cfg.a.events);
    await driver.beginPhase();
    ctx.sampler.resetPeak();
    ctx.log.countNew(NOMEM); // Only this phase's errors count.
    const sent = await sendEvents(driver, events, cfg.ingestConcurrency);
    const done = await waitForCount(driver, events.length, timeoutFor(events.length));
    ctx.budget.touch(agents.length, done.doneAt);
    const activeMs = done.doneAt - sent.firstRequestAt;
    const result = phaseResult(name, ctx, {
      events: events.length,
      agents: agents.length,
      activeMs,
      p50Ms: done.stats.p50,
      p99Ms: done.stats.p99,
      ingestMs: sent.lastAcceptedAt - sent.firstRequestAt,
      wallMs: activeMs,
      ...(name === "A-first" ? { spawn } : {}),
      ...(done.stats.outcomes ? { outcomes: done.stats.outcomes } : {}),
    });
    out.push(result);
    ctx.progress(
      `${name}: ${result.eventsPerSec} events/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, peak RSS ${result.peakRssMb} MB`,
    );
  }
  return out;
}

/** Load B in waves: spawn a wave, let it be evicted, then send it one event per agent. */
export async function runLoadB(ctx: ScenarioContext, cfg: ScenarioConfig): Promise<PhaseResult> {
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
      activeMs += done.doneAt - sent.firstRequestAt;
      ingestMs += sent.lastAcceptedAt - sent.firstRequestAt;
      last = done.stats;
      ctx.progress(`B wave ${nextEvent + 1}/${waves.length}: ${eventWave.length} cold wakes in ${done.doneAt - sent.firstRequestAt} ms`);
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
  const result = phaseResult("B-cold", ctx, {
    events: cfg.b.agents,
    agents: cfg.b.agents,
    activeMs,
    p50Ms: last.p50,
    p99Ms: last.p99,
    ingestMs,
    wallMs: Date.now() - wallStart,
    spawn,
    waves: waves.length,
    ...(last.outcomes ? { outcomes: last.outcomes } : {}),
  });
  ctx.progress(
    `B-cold: ${result.eventsPerSec} events/s, p50 ${result.p50Ms} ms, p99 ${result.p99Ms} ms, peak RSS ${result.peakRssMb} MB (spawn ${spawn.perSec}/s)`,
  );
  return result;
}
