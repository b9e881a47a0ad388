/**
 * Samples the resident memory of the workerd process(es) under a wrangler process tree. workerd
 * is what serves the worker and its Durable Objects; wrangler's own node process is excluded.
 */
import { descendants, rssBytes } from "./proctree";

const SAMPLE_MS = 200;
const RESCAN_MS = 2_000;

export class RssSampler {
  private timer: NodeJS.Timeout | undefined;
  private pids: number[] = [];
  private lastScan = 0;
  private peak = 0;
  private current = 0;

  constructor(private readonly rootPid: number) {}

  start(): void {
    this.sample();
    this.timer = setInterval(() => this.sample(), SAMPLE_MS);
    this.timer.unref(); // Never keeps the bench alive by itself.
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Starts a new measurement window (one bench phase). */
  resetPeak(): void {
    this.sample();
    this.peak = this.current;
  }

  /** Peak total workerd RSS (bytes) since the last resetPeak, including a final sample now. */
  peakBytes(): number {
    this.sample();
    return this.peak;
  }

  private sample(): void {
    const now = Date.now();
    // The process table scan is dear; workerd pids are stable, so rescan only now and then.
    if (now - this.lastScan > RESCAN_MS || this.pids.length === 0) {
      this.pids = descendants(this.rootPid)
        .filter((p) => p.comm === "workerd")
        .map((p) => p.pid);
      this.lastScan = now;
    }
    this.current = this.pids.reduce((sum, pid) => sum + rssBytes(pid), 0);
    if (this.current > this.peak) this.peak = this.current;
  }
}
