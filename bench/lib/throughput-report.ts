/** Loads A and B in the report: ratios between systems from medians, their targets, and the tables. */
import type { BenchConfig } from "./config";
import { type PhaseName, type PhaseResult, rateSpread, type SystemResult } from "./results";
import { type RatioSpread, ratioOf, type Spread, spreadOf } from "./spread";
import type { SystemName } from "./system";

export interface Ratio {
  phase: PhaseName;
  vsBare: RatioSpread | null;
  /** Against the bare object fed the way the platform feeds its agents (packed messages): informational. */
  vsBarePacked: RatioSpread | null;
  vsSdk: RatioSpread | null;
}

/** A target on A or B: `value` is the median figure, `range` its spread when it has several passes. */
export interface ThroughputCheck {
  name: string;
  value: number | null;
  range?: { low: number; high: number };
  threshold: number;
}

const PHASES: readonly PhaseName[] = ["A-warm", "B-cold", "A-first"];

/** The phases of the loads that ran (B-cold only with load B, the others only with A). */
function ran(phase: PhaseName, loads: BenchConfig["loads"]): boolean {
  return phase === "B-cold" ? loads.b : loads.a;
}

/**
 * A system's phase once it completed all its passes, even if the system failed in a later phase
 * (its figures stand; the failure is shown in the table).
 */
function phaseOf(systems: readonly SystemResult[], system: SystemName, phase: PhaseName): PhaseResult | undefined {
  return systems.find((s) => s.system === system && s.status !== "skipped")?.phases.find((p) => p.phase === phase);
}

/** Unrounded events/s of a phase, so a target is never passed by rounding. */
function rate(systems: readonly SystemResult[], system: SystemName, phase: PhaseName): Spread | null {
  const p = phaseOf(systems, system, phase);
  return p ? rateSpread(p) : null;
}

export function ratiosOf(systems: readonly SystemResult[], loads: BenchConfig["loads"]): Ratio[] {
  return PHASES.filter((phase) => ran(phase, loads)).map((phase) => {
    const waooaw = rate(systems, "waooaw", phase);
    return {
      phase,
      vsBare: ratioOf(waooaw, rate(systems, "bare", phase)),
      vsBarePacked: ratioOf(waooaw, rate(systems, "bare-packed", phase)),
      vsSdk: ratioOf(waooaw, rate(systems, "agents-sdk", phase)),
    };
  });
}

/** The targets the issue set for A and B, checked on the medians. */
export function throughputChecks(
  systems: readonly SystemResult[],
  ratios: readonly Ratio[],
  loads: BenchConfig["loads"],
): ThroughputCheck[] {
  const warm = rate(systems, "waooaw", "A-warm");
  const ratioCheck = (phase: PhaseName, name: string, r: RatioSpread | null | undefined, threshold: number) => ({
    phase,
    name,
    value: r?.median ?? null,
    ...(r && r.n > 1 ? { range: { low: r.low, high: r.high } } : {}),
    threshold,
  });
  const byPhase = (p: PhaseName): Ratio | undefined => ratios.find((r) => r.phase === p);
  const checks: (ThroughputCheck & { phase: PhaseName })[] = [
    {
      phase: "A-warm",
      name: "waooaw A-warm events/s >= 1,000",
      value: warm?.median ?? null,
      ...(warm && warm.n > 1 ? { range: { low: warm.min, high: warm.max } } : {}),
      threshold: 1_000,
    },
    ratioCheck("A-warm", "waooaw/bare A-warm >= 0.6", byPhase("A-warm")?.vsBare, 0.6),
    ratioCheck("B-cold", "waooaw/bare B-cold >= 0.6", byPhase("B-cold")?.vsBare, 0.6),
    ratioCheck("A-warm", "waooaw/agents-sdk A-warm >= 1.0", byPhase("A-warm")?.vsSdk, 1.0),
    ratioCheck("B-cold", "waooaw/agents-sdk B-cold >= 1.0", byPhase("B-cold")?.vsSdk, 1.0),
  ];
  return checks.filter((c) => ran(c.phase, loads)).map(({ phase: _, ...check }) => check);
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");
const sec = (ms: number) => (ms / 1000).toFixed(1);

function passesOf(cfg: BenchConfig, phase: PhaseName): number {
  return phase === "A-warm" ? cfg.scenario.a.passes : 1;
}

/** "median (min–max)" for several passes, the bare figure for one. */
function spreadCell(s: Spread, show: (n: number) => string): string {
  return s.n > 1 ? `**${show(s.median)}** (${show(s.min)}–${show(s.max)})` : `**${show(s.median)}**`;
}

function ratioCell(r: RatioSpread | null): string {
  if (r === null) return "–";
  return r.n > 1 ? `**${r.median.toFixed(2)}** (${r.low.toFixed(2)}–${r.high.toFixed(2)})` : r.median.toFixed(2);
}

export function throughputMarkdown(systems: readonly SystemResult[], ratios: readonly Ratio[], cfg: BenchConfig): string[] {
  const a = cfg.scenario.a;
  const lines = [
    "",
    "End to end: HTTP ingest → Queue → consumer → agent Durable Object → decision recorded.",
    "Events/s = events ÷ (first ingest request → last decision recorded), per pass; B sums its waves' windows.",
    ...(cfg.loads.a
      ? [
          `A-warm is ${a.passes} passes of ${fmt(a.events)} events back to back: its row gives the **median** events/s and, in brackets, the slowest–fastest pass. A-first is one pass (only one can be first).`,
        ]
      : []),
    "Over a phase's passes, p50, p99, ingest, active and wall are medians, peak RSS the highest, SQLITE_NOMEM the sum.",
    ...(cfg.loads.b ? ["B-cold is one run (it takes minutes per system); the spread over its waves is below the table."] : []),
    "Latency = decision recorded − ingest, as each system reports it; under A's burst it is mostly queueing.",
    "",
    "| System | Phase | Passes × events | Agents | Events/s | p50 ms | p99 ms | Peak workerd RSS MB | Ingest s | Active s | Wall s | Spawn/s | SQLITE_NOMEM |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const s of systems) {
    if (s.status !== "ok")
      lines.push(`| ${s.system} | ${s.status}: ${(s.message ?? "").replace(/\|/g, "/").slice(0, 160)} | | | | | | | | | | | |`);
    for (const p of s.phases) {
      lines.push(
        `| ${s.system} | ${p.phase} | ${p.passes.length} × ${fmt(p.events)} | ${fmt(p.agents)} | ${spreadCell(p.eventsPerSec, fmt)} | ${fmt(p.p50Ms.median)} | ${fmt(p.p99Ms.median)} | ${fmt(p.peakRssMb)} | ${sec(p.ingestMs)} | ${sec(p.activeMs)} | ${sec(p.wallMs)} | ${p.spawn ? fmt(p.spawn.perSec) : ""} | ${p.sqliteNomem} |`,
      );
    }
  }
  const waves = systems.flatMap((s) => {
    const rates = s.phases.find((p) => p.phase === "B-cold")?.passes[0]?.waveEventsPerSec;
    if (!rates?.length) return [];
    const w = spreadOf(rates);
    return [`${s.system} ${fmt(w.min)}–${fmt(w.median)}–${fmt(w.max)}`];
  });
  if (waves.length > 0)
    lines.push(
      "",
      `B-cold is a single run. Its waves' own events/s (each wave's events ÷ its window; min–median–max), the noise inside that run, not between runs: ${waves.join("; ")}.`,
    );
  lines.push(
    "",
    "Ratios are median ÷ median. In brackets (several passes only): the range over every pairing of a waooaw pass with a baseline pass, slowest ÷ fastest to fastest ÷ slowest; the systems ran minutes apart, so no pairing is privileged and the range is conservative. A-first and B-cold are single runs: no range.",
    "",
    "| Phase | Passes | waooaw / bare | waooaw / agents-sdk | waooaw / bare-packed (no target) |",
    "|---|---:|---:|---:|---:|",
  );
  for (const q of ratios) {
    const n = passesOf(cfg, q.phase);
    lines.push(`| ${q.phase} | ${n} | ${ratioCell(q.vsBare)} | ${ratioCell(q.vsSdk)} | ${ratioCell(q.vsBarePacked)} |`);
  }
  return lines;
}
