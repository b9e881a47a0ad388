/** Result shapes shared by the scenarios and the report. */
import type { SystemName } from "./system";

export type PhaseName = "A-first" | "A-warm" | "B-cold";

export interface PhaseResult {
  phase: PhaseName;
  events: number;
  agents: number;
  /** Measured window: first ingest request to the last decision recorded (summed over B's waves). */
  activeMs: number;
  eventsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Peak total RSS of the serving workerd process(es) during the phase. */
  peakRssMb: number;
  /** Time to get every ingest request accepted (if close to activeMs, ingest is the bottleneck). */
  ingestMs: number;
  /** Wall time including B's pacing pauses and spawns. */
  wallMs: number;
  /** SQLITE_NOMEM lines the system logged during the phase (local-runtime cap; should be 0). */
  sqliteNomem: number;
  spawn?: { agents: number; ms: number; perSec: number };
  /** The system's own outcome counts for the phase, where it reports them. */
  outcomes?: Record<string, number>;
  waves?: number;
}

export interface SystemResult {
  system: SystemName;
  status: "ok" | "skipped" | "failed";
  message?: string;
  phases: PhaseResult[];
}
