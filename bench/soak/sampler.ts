/**
 * The soak's time series, sampled while it runs: events ingested, wakes recorded, decisions,
 * events dead-lettered (the DLQ depth), the model provider's breaker and workerd's memory.
 * One cheap stats query (no latency sort) and one breaker read per sample.
 */
import { countsAt, numberAt } from "../lib/http";
import { descendants, rssBytes } from "../lib/proctree";
import type { WaooawDriver } from "../lib/waooaw-driver";

export interface SamplePoint {
  /** Seconds since the run's series began. */
  t: number;
  /** Which part of the run (phase 1, phase 2, replay, clean…). */
  label: string;
  ingested: number;
  wakes: number;
  decided: number;
  /** Events dead-lettered and not (yet) replayed: the DLQ depth. */
  dead: number;
  /** Events recorded but neither delivered nor dead yet. */
  inFlight: number;
  breakerOpen: boolean;
  rssMb: number;
}

export class SoakSampler {
  readonly points: SamplePoint[] = [];
  label = "";
  private timer: NodeJS.Timeout | undefined;
  private busy = false;
  private breakerOpenMs = 0;
  private lastAt = 0;
  private workerd: number[] = [];

  constructor(
    private readonly driver: WaooawDriver,
    private readonly since: number,
    private readonly everyMs: number,
    private readonly origin = Date.now(),
  ) {}

  start(): void {
    this.workerd = descendants(this.driver.pid)
      .filter((p) => p.comm === "workerd")
      .map((p) => p.pid);
    this.lastAt = Date.now();
    this.timer = setInterval(() => void this.sample(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.sample();
  }

  /** Total time the breaker was seen open or half-open, in seconds. */
  get breakerOpenSeconds(): number {
    return Math.round(this.breakerOpenMs / 100) / 10;
  }

  get peakRssMb(): number {
    return Math.max(0, ...this.points.map((p) => p.rssMb));
  }

  async sample(): Promise<SamplePoint | undefined> {
    if (this.busy) return undefined; // A slow answer under load: skip a tick rather than pile up.
    this.busy = true;
    try {
      const [stats, breaker] = await Promise.all([
        this.driver.api(`/v1/admin/stats?since=${this.since}&latency=false`, { timeoutMs: 60_000 }),
        this.driver.api("/v1/admin/breakers/anthropic", { timeoutMs: 60_000 }).catch(() => null),
      ]);
      const now = Date.now();
      const byStatus = countsAt(stats, "events.byStatus") ?? {};
      const byOutcome = countsAt(stats, "wakes.byOutcome") ?? {};
      const open = typeof breaker === "object" && breaker !== null && (breaker as { phase?: string }).phase !== "closed";
      if (open) this.breakerOpenMs += now - this.lastAt;
      this.lastAt = now;
      const point: SamplePoint = {
        t: Math.round((now - this.origin) / 100) / 10,
        label: this.label,
        ingested: numberAt(stats, "events.total") ?? 0,
        wakes: numberAt(stats, "wakes.total") ?? 0,
        decided: byOutcome["decided"] ?? 0,
        dead: byStatus["dead"] ?? 0,
        inFlight: (byStatus["pending"] ?? 0) + (byStatus["queued"] ?? 0) + (byStatus["enqueue_failed"] ?? 0),
        breakerOpen: open,
        rssMb: Math.round(this.workerd.reduce((s, pid) => s + rssBytes(pid), 0) / (1024 * 1024)),
      };
      this.points.push(point);
      return point;
    } catch {
      return undefined; // A missed sample is a gap in the chart, not a failed run.
    } finally {
      this.busy = false;
    }
  }
}
