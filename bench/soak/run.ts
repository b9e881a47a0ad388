/**
 * `npm run soak`: proof under load and faults. Drives the local runtime with a seeded mixed trace
 * (phase 1: events over few agents; phase 2: many agents; customers hiring, tasking and
 * messaging, and signed GitHub webhooks, alongside) with FAULTS on, duplicate sends, agents paused and retired mid-run and the
 * model provider's outage; then reconciles from the records alone, replays the dead letters,
 * reconciles again, and runs the same trace faults-off for the comparison. Exits non-zero on any
 * discrepancy. `--short` is the seconds-long variant `npm test` runs. See README, "Soak".
 */
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { requestJson } from "../lib/http";
import { installCleanupHandlers, isolateDevRegistry, REPO_ROOT, sleep } from "../lib/proc";
import { countProcesses } from "../lib/proctree";
import type { Reconciliation } from "../../src/schemas/operator-views";
import { renderChart } from "./chart";
import { faultsVar, loadSoakConfig, type PhaseSize } from "./config";
import { runCustomers, type CustomerOutcome } from "./customers";
import { lifecycle, runtimeSeen, sendPhase, spawnRouters, waitSettled, type ScheduledAction } from "./drive";
import { accountingTable, checkLedgers, reconcile, replayDeadLetters, timeouts } from "./reconcile";
import { LiveObjectBudget } from "../lib/budget";
import { RESULTS, writeSoakReport, type PhaseFigures, type SoakReport } from "./report";
import { SoakSampler } from "./sampler";
import { startOutage, startSession, type SoakSession } from "./session";
import { prng } from "../lib/decisions-trace";
import { seedOf } from "./trace";
import { checkWebhooks, runWebhooks, webhookChecks } from "./webhooks";

const cfg = loadSoakConfig(process.argv.slice(2));
/** Phase 2's waves: 1,000 events to 1,000 consecutive agents, then drain (as load B's waves). */
const WAVE_BATCHES = 10;
/**
 * One local workerd holds only so many live SQLite-backed objects: past ~2,000-3,000 it drops
 * every object at once (a stall of up to a minute, requests in flight failing) or answers
 * SQLITE_NOMEM (bench/README.md, "Live-object caps"). Load B's cap and eviction time.
 */
const LIVE_CAP = 2_500;
const EVICT_AFTER_MS = 12_000;
const t0 = Date.now();
const say = (line: string) => console.log(`[${((Date.now() - t0) / 1000).toFixed(1).padStart(6)} s] ${line}`);

/** Agents of a phase chosen for pausing and retiring: a seeded draw, disjoint. */
function chosen(phase: string, agents: number): { paused: number[]; retired: number[] } {
  const rng = prng(seedOf(cfg.seed, `${phase}:lifecycle`));
  const order = Array.from({ length: agents }, (_, i) => i).sort(() => rng() - 0.5);
  const p = Math.max(1, Math.round(agents * cfg.pauseRate));
  const r = Math.max(1, Math.round(agents * cfg.retireRate));
  return { paused: order.slice(0, p), retired: order.slice(p, p + r) };
}

async function runPhase(
  s: SoakSession,
  name: string,
  phase: string,
  size: PhaseSize,
  actions: (spawned: number) => ScheduledAction[],
  alongside?: () => Promise<unknown>,
  waves = false,
): Promise<PhaseFigures> {
  // Phase 2's many agents are paced under the local runtime's cap of live objects (waves only).
  const liveBudget = waves ? new LiveObjectBudget(LIVE_CAP, EVICT_AFTER_MS) : undefined;
  const spawnMs = await spawnRouters(s.driver, phase, size.agents, cfg.spawnConcurrency, liveBudget);
  say(`${name}: spawned ${size.agents.toLocaleString("en-US")} agents in ${(spawnMs / 1000).toFixed(1)} s`);
  const since = Date.now() - 1;
  const side = alongside?.();
  const sent = await sendPhase(s.driver, {
    seed: cfg.seed,
    phase,
    agents: size.agents,
    events: size.events,
    duplicateRate: cfg.duplicateRate,
    llmRate: cfg.llmRate,
    concurrency: cfg.ingestConcurrency,
    // Without lifecycle changes, only the outage stays on the schedule.
    actions: actions(size.agents).filter((a) => cfg.lifecycle || a.name === "LLM outage"),
    ...(waves ? { sequential: true, waveBatches: WAVE_BATCHES } : {}),
    ...(liveBudget ? { liveBudget } : {}),
    say,
  });
  await side;
  const settled = await waitSettled(s.driver, since, sent.accepted, cfg.drainTimeoutMs, say);
  const wallMs = settled.settledAt - sent.firstAt;
  const figures: PhaseFigures = {
    name,
    agents: size.agents,
    events: sent.trace.length,
    sent: sent.sent,
    duplicatesSent: sent.trace.filter((t) => t.duplicate).length,
    duplicatesDropped: sent.duplicates,
    spawnMs,
    wallMs,
    eventsPerSec: Math.round((sent.trace.length / Math.max(1, wallMs)) * 1000),
    p50Ms: settled.p50,
    p99Ms: settled.p99,
    outcomes: settled.byOutcome,
    dead: settled.byStatus["dead"] ?? 0,
    stalled: settled.stalled,
    schedule: sent.log,
    pacedMs: sent.paced,
  };
  say(
    `${name}: ${figures.events.toLocaleString("en-US")} events (+${figures.duplicatesSent} duplicate sends) settled in ${(wallMs / 1000).toFixed(1)} s: ${figures.eventsPerSec} events/s, p50 ${figures.p50Ms} ms, p99 ${figures.p99Ms} ms, ${figures.dead} dead-lettered; wakes ${JSON.stringify(settled.byOutcome)}`,
  );
  return figures;
}

async function outageOver(s: SoakSession, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const state = (await requestJson(`${s.anthropic.url}/__outage`, { okStatuses: [404] }).catch(() => null)) as {
      active?: boolean;
    } | null;
    if (!state?.active || Date.now() > end) return;
    await sleep(1_000);
  }
}

async function main(): Promise<number> {
  installCleanupHandlers();
  const started = new Date();
  const runId = started.toISOString().replace(/[:.]/g, "-");
  const runDir = join(REPO_ROOT, "bench", ".tmp", `soak-${runId}`);
  isolateDevRegistry(join(runDir, "registry"));
  const otherWorkerd = countProcesses("workerd");
  say(
    `soak ${runId} (${cfg.mode}, seed ${cfg.seed}); logs in ${runDir}${otherWorkerd ? `; ${otherWorkerd} other workerd process(es) running: figures may be skewed` : ""}`,
  );
  const checks: SoakReport["checks"] = [];
  const check = (name: string, ok: boolean, detail: string) => {
    checks.push({ name, ok, detail });
    if (!ok) say(`CHECK FAILED: ${name} (${detail})`);
  };

  // --- The faults session: phase 1, phase 2, reconciliation, replay, reconciliation. ---
  const s = await startSession(runDir, "soak", cfg.noFaults ? undefined : faultsVar(cfg), say, { github: cfg.repositories > 0 });
  let outage = cfg.noFaults ? "off (--no-faults)" : "not started";
  const sampler = new SoakSampler(s.driver, Date.now() - 1, cfg.sampleMs, t0);
  const runSince = Date.now() - 1;
  let customers: CustomerOutcome | null = null;
  const phases: PhaseFigures[] = [];
  let before: Reconciliation;
  let after: Reconciliation;
  let replay: SoakReport["replay"];
  let ledgers: SoakReport["ledgers"];
  let stuck: SoakReport["runtime"]["timeouts"] = null;
  let github: Awaited<ReturnType<typeof runWebhooks>> | null = null;
  let webhooks: SoakReport["webhooks"] = null;
  try {
    sampler.start();
    sampler.label = "phase 1";
    const life = chosen("p1", cfg.phase1.agents);
    const phase1Actions = (): ScheduledAction[] => [
      {
        at: 0.2,
        name: "LLM outage",
        run: async () => {
          if (cfg.noFaults) return "skipped (--no-faults)";
          const phasesOf = [
            { status: 529 as const, seconds: cfg.outage.overloadS },
            { status: 429 as const, seconds: cfg.outage.rateLimitS, retryAfter: cfg.outage.retryAfterS },
          ];
          const on = await startOutage(s.anthropic, phasesOf);
          outage = on
            ? `529 for ${cfg.outage.overloadS} s, then 429 (retry-after ${cfg.outage.retryAfterS} s) for ${cfg.outage.rateLimitS} s, then healthy`
            : "not available: the local Anthropic server answers 404 to /__outage (an older server); carried on without it";
          return outage;
        },
      },
      {
        at: 0.33,
        name: "pause and retire",
        run: async () =>
          `${await lifecycle(s.driver, "p1", life.paused, "pause")} agents paused, ${await lifecycle(s.driver, "p1", life.retired, "retire")} retired; they keep getting events`,
      },
      {
        at: 0.66,
        name: "resume",
        run: async () =>
          `${await lifecycle(s.driver, "p1", life.paused.slice(0, Math.ceil(life.paused.length / 2)), "resume")} of the paused agents resumed; the rest stay paused to the end`,
      },
    ];
    phases.push(
      await runPhase(s, "phase 1", "p1", cfg.phase1, phase1Actions, async () => {
        const gh = s.github;
        await Promise.all([
          runCustomers(s.driver, cfg.seed, cfg.customers, cfg.tasksPerCustomer, say).then((c) => {
            customers = c;
          }),
          gh &&
            runWebhooks(s.driver, gh, cfg.seed, cfg.repositories, cfg.webhookDuplicateRate, say).then((w) => {
              github = w;
            }),
        ]);
      }),
    );
    sampler.label = "phase 2";
    const life2 = chosen("p2", cfg.phase2.agents);
    phases.push(
      await runPhase(
        s,
        "phase 2",
        "p2",
        cfg.phase2,
        () => [
          {
            at: 0.5,
            name: "pause and retire",
            touches: life2.paused.length + life2.retired.length,
            run: async () =>
              `${await lifecycle(s.driver, "p2", life2.paused, "pause")} agents paused, ${await lifecycle(s.driver, "p2", life2.retired, "retire")} retired`,
          },
        ],
        undefined,
        true,
      ),
    );

    before = await reconcile(s.driver, runSince);
    say(accountingTable(before, "reconciliation before replay"));
    // Replays after the outage: while the provider still fails, a replay would only die again.
    await outageOver(s, (cfg.outage.overloadS + cfg.outage.rateLimitS + 30) * 1000);
    sampler.label = "replay";
    replay = await replayDeadLetters(s.driver);
    say(`replayed ${replay.replayed} dead letters${replay.failed.length ? `; ${replay.failed.length} replays failed` : ""}`);
    const final = await waitSettled(s.driver, runSince, before.events.total, cfg.drainTimeoutMs, say);
    if (final.stalled) check("settled after replay", false, final.stalled);
    after = await reconcile(s.driver, runSince);
    ledgers = await checkLedgers(s.driver, runSince);
    stuck = await timeouts(s.driver);
    say(
      `stuck agents: the consumer gave up waiting on ${stuck.wakes} event(s) of stuck agents and ${stuck.batches} batch(es), and retried them`,
    );
    const gw = github as Awaited<ReturnType<typeof runWebhooks>> | null;
    if (gw && s.github)
      webhooks = {
        sent: gw.outcome,
        seen: await checkWebhooks(s.driver, s.cron, s.github, gw.repos, gw.eventIds, runSince, cfg.drainTimeoutMs / 2, say),
      };
    await sampler.stop();
  } finally {
    await sampler.stop();
    await s.stop();
  }
  const table = accountingTable(after, "reconciliation after replay");
  say(table);

  const c = customers as CustomerOutcome | null;
  const expectedEvents = phases.reduce((a, p) => a + p.events, 0) + (c ? c.tasks + c.messages + c.handoffs + c.routed : 0);
  check("reconciliation after replay", after.ok, after.ok ? "every event accounted for once" : after.discrepancies.join("; "));
  check(
    "every ingested event recorded",
    after.events.total >= expectedEvents,
    `${after.events.total} recorded, ${expectedEvents} sent (distinct)`,
  );
  for (const p of phases)
    check(`${p.name}: settled (every event delivered or dead-lettered in time)`, p.stalled === null, p.stalled ?? "settled");
  for (const p of phases)
    check(
      `${p.name}: every duplicate send dropped by idempotent ingest`,
      p.duplicatesDropped >= p.duplicatesSent,
      `${p.duplicatesDropped} answered duplicate of ${p.duplicatesSent} sent twice`,
    );
  check(
    "duplicate sends at least 10% of events",
    phases.every((p) => p.duplicatesSent >= 0.1 * p.events * 0.9),
    phases.map((p) => `${p.name} ${p.duplicatesSent}/${p.events}`).join(", "),
  );
  check(
    "every replayable dead letter replayed",
    replay.failed.length === 0 && after.deadLetters.replayable === 0,
    `${replay.replayed} replayed, ${replay.failed.length} failed, ${after.deadLetters.replayable} left`,
  );
  check(
    "no budget charged twice (ledgers vs decisions)",
    ledgers.overcharged.length === 0 && after.decisions.duplicateCostUsd === 0,
    ledgers.overcharged.join("; ") || `${ledgers.agents} ledgers checked`,
  );
  check("the cron ran every minute (its sweep re-sends what a restart dropped)", s.cron.runs > 0 && s.cron.failures === 0, s.cron.summary);
  if (webhooks) for (const w of webhookChecks(webhooks.sent, webhooks.seen)) check(w.name, w.ok, w.detail);
  if (c) check("customers' work all created", c.refused === 0, `${c.tasks} tasks, ${c.messages} messages, ${c.refused} refused`);

  // --- The faults-off pass: the same trace shape, no FAULTS, no outage, no lifecycle changes. ---
  let clean: PhaseFigures | null = null;
  let cleanRec: Reconciliation | null = null;
  if (cfg.clean.events > 0) {
    const cs = await startSession(runDir, "soak-clean", undefined, say);
    const cleanSampler = new SoakSampler(cs.driver, Date.now() - 1, cfg.sampleMs, t0);
    try {
      cleanSampler.start();
      cleanSampler.label = "faults off";
      const since = Date.now() - 1;
      clean = await runPhase(cs, "faults off", "p1", cfg.clean, () => []);
      cleanRec = await reconcile(cs.driver, since);
      say(accountingTable(cleanRec, "reconciliation, faults off"));
      check("reconciliation, faults off", cleanRec.ok, cleanRec.discrepancies.join("; ") || "ok");
    } finally {
      await cleanSampler.stop();
      await cs.stop();
      sampler.points.push(...cleanSampler.points);
    }
  }

  const ok = checks.every((x) => x.ok);
  // Only the preset run (sizes, faults and lifecycle all as published) replaces the published figures.
  const preset = cfg.mode === "full" && !cfg.resized && !cfg.noFaults && cfg.lifecycle;
  const latest = (preset && ok) || process.env.SOAK_WRITE_LATEST === "1";
  const chartFile = join(RESULTS, latest ? "soak-latest.png" : join("runs", `soak-${runId}.png`));
  const chartNote = await renderChart(sampler.points, `WAOOAW soak ${runId} (${cfg.mode}, seed ${cfg.seed})`, chartFile).catch(
    (err: unknown) => `chart failed: ${err instanceof Error ? err.message : String(err)}`,
  );
  if (chartNote) say(chartNote);
  const report: SoakReport = {
    runId,
    startedAt: started.toISOString(),
    durationS: (Date.now() - t0) / 1000,
    config: cfg,
    machine: {
      cpus: cpus().length,
      memGb: Math.round(totalmem() / 1024 ** 3),
      otherWorkerd,
      note: otherWorkerd ? `shared: ${otherWorkerd} other workerd process(es) at start` : "no other workerd at start",
    },
    faults: cfg.noFaults
      ? "off"
      : `FAULTS=${faultsVar(cfg)} (${s.faults === "on" ? "reported on by /health" : "not reported by /health: this build ignores it"})`,
    outage,
    customers: c,
    webhooks,
    phases,
    clean,
    breakerOpenS: sampler.breakerOpenSeconds,
    peakRssMb: sampler.peakRssMb,
    runtime: { restarts: runtimeSeen.restarts, cron: s.cron.summary, timeouts: stuck },
    reconciliation: { before, afterReplay: after, clean: cleanRec },
    replay,
    ledgers,
    checks,
    ok,
    series: sampler.points,
    chart: chartNote ? null : chartFile.slice(RESULTS.length + 1),
  };
  for (const f of writeSoakReport(report, table, latest)) say(`wrote ${f}`);
  if (!chartNote) say(`wrote ${chartFile}`);
  say(`soak ${ok ? "passed" : "FAILED"} in ${Math.round(report.durationS)} s`);
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
