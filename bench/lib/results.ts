/** Result shapes shared by the scenarios and the report, and how a phase's passes are summed up. */
import { median, roundSpread, type Spread, spreadOf } from "./spread";
import type { SystemName } from "./system";

export type PhaseName = "A-first" | "A-warm" | "B-cold";

/** One measured pass of a phase. */
export interface PassResult {
  events: number;
  agents: number;
  /** Measured window: first ingest request to the last decision recorded (summed over B's waves). */
  activeMs: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Peak total RSS of the serving workerd process(es) during the pass. */
  peakRssMb: number;
  /** Time to get every ingest request accepted (if close to activeMs, ingest is the bottleneck). */
  ingestMs: number;
  /** Wall time including B's pacing pauses and spawns. */
  wallMs: number;
  /** SQLITE_NOMEM lines the system logged during the pass (local-runtime cap; should be 0). */
  sqliteNomem: number;
  spawn?: { agents: number; ms: number; perSec: number };
  /** The system's own outcome counts for the pass, where it reports them. */
  outcomes?: Record<string, number>;
  waves?: number;
  /** B: each wave's events ÷ its own window, in wave order (the spread within the one run). */
  waveEventsPerSec?: number[];
}

/**
 * A phase over its passes (A-warm runs several; A-first and B-cold one each). The report and the
 * targets use the medians; min and max show how far a single pass strayed.
 */
export interface PhaseResult {
  phase: PhaseName;
  /** Events and agents of one pass. */
  events: number;
  agents: number;
  eventsPerSec: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** Medians over the passes. */
  ingestMs: number;
  activeMs: number;
  wallMs: number;
  /** Highest over the passes. */
  peakRssMb: number;
  /** Summed over the passes. */
  sqliteNomem: number;
  /** Spawn of the phase's agents, when the phase began with one (A-first, B-cold). */
  spawn?: { agents: number; ms: number; perSec: number };
  passes: PassResult[];
}

export interface SystemResult {
  system: SystemName;
  status: "ok" | "skipped" | "failed";
  message?: string;
  /** Phases that completed all their passes (kept even if a later phase failed). */
  phases: PhaseResult[];
}

/** A pass's events/s, unrounded: ratios and targets are computed from these. */
export function passRate(p: Pick<PassResult, "events" | "activeMs">): number {
  return (p.events / Math.max(1, p.activeMs)) * 1000;
}

/** Unrounded median and range of a phase's events/s, for ratios and targets. */
export function rateSpread(phase: PhaseResult): Spread {
  return spreadOf(phase.passes.map(passRate));
}

export function summarizePhase(phase: PhaseName, passes: readonly PassResult[]): PhaseResult {
  const first = passes[0];
  if (!first) throw new Error(`${phase}: no passes to summarize`);
  const of = (f: (p: PassResult) => number) => passes.map(f);
  return {
    phase,
    events: first.events,
    agents: first.agents,
    eventsPerSec: roundSpread(spreadOf(of(passRate))),
    p50Ms: spreadOf(of((p) => p.p50Ms)),
    p99Ms: spreadOf(of((p) => p.p99Ms)),
    ingestMs: median(of((p) => p.ingestMs)),
    activeMs: median(of((p) => p.activeMs)),
    wallMs: median(of((p) => p.wallMs)),
    peakRssMb: Math.max(...of((p) => p.peakRssMb)),
    sqliteNomem: of((p) => p.sqliteNomem).reduce((a, b) => a + b, 0),
    ...(first.spawn ? { spawn: first.spawn } : {}),
    passes: [...passes],
  };
}
