/** Waiting for a system to finish: poll its stats until all sent events have a recorded decision. */
import { sleep } from "./proc";
import type { ProgressStats, SystemDriver } from "./system";

export class ProgressTimeout extends Error {
  override readonly name = "ProgressTimeout";
  constructor(
    readonly target: number,
    readonly reached: number,
    readonly waitedMs: number,
  ) {
    super(`only ${reached} of ${target} decisions recorded after ${Math.round(waitedMs / 1000)} s`);
  }
}

export interface Completion {
  /** Epoch ms at which the target was reached (the end of the measured window). */
  doneAt: number;
  stats: ProgressStats;
}

const MIN_POLL_MS = 25;
const MAX_POLL_MS = 1_000;
/** A poll may take at most a tenth of the time: the platform's stats query is not free. */
const POLL_DUTY = 10;

/**
 * Polls until `count >= target`. Polls are sparse while far from done and denser near the end,
 * but never more than a tenth of the time (stats queries run on the same cores as the system
 * under test). Progress polls skip latency percentiles; the final call fetches them. The end time is interpolated between the last two polls
 * at the observed drain rate, so sparser polls do not bias it late.
 */
export async function waitForCount(driver: SystemDriver, target: number, timeoutMs: number): Promise<Completion> {
  const start = Date.now();
  let prev: { at: number; count: number } | undefined;
  let rate = 0; // decisions per ms, smoothed
  for (;;) {
    const t0 = Date.now();
    const stats = await driver.stats(false);
    const t1 = Date.now();
    const at = (t0 + t1) / 2; // The server counted somewhere inside the request.
    if (stats.count >= target) {
      const estimate = prev && rate > 0 ? prev.at + (target - prev.count) / rate : at;
      const doneAt = prev ? Math.min(at, Math.max(prev.at, estimate)) : at;
      // Latency percentiles once, after the window closed: they never load the measured run.
      return { doneAt: Math.round(doneAt), stats: await driver.stats(true) };
    }
    if (t1 - start > timeoutMs) throw new ProgressTimeout(target, stats.count, t1 - start);
    if (prev) {
      const observed = (stats.count - prev.count) / Math.max(1, at - prev.at);
      rate = rate === 0 ? observed : 0.5 * rate + 0.5 * observed;
    }
    prev = { at, count: stats.count };
    const etaMs = rate > 0 ? (target - stats.count) / rate : MAX_POLL_MS;
    const floor = Math.max(MIN_POLL_MS, POLL_DUTY * (t1 - t0));
    await sleep(Math.min(MAX_POLL_MS, Math.max(floor, etaMs / 2)));
  }
}
