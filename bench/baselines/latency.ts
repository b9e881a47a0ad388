/**
 * Counts and latencies of recorded events, kept in module memory. Bench-only: locally the
 * consumer and the /stats route share one isolate, so module state is the whole picture.
 */
export class LatencyLog {
  private latencies: number[] = [];
  private failures = 0;
  private lastRecordedAt = 0;

  add(latencyMs: number, recordedAt: number): void {
    this.latencies.push(latencyMs);
    if (recordedAt > this.lastRecordedAt) this.lastRecordedAt = recordedAt;
  }

  fail(): void {
    this.failures++;
  }

  reset(): void {
    this.latencies = [];
    this.failures = 0;
    this.lastRecordedAt = 0;
  }

  snapshot(): { count: number; p50: number; p99: number; failures: number; lastRecordedAt: number } {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return {
      count: sorted.length,
      p50: percentile(sorted, 0.5),
      p99: percentile(sorted, 0.99),
      failures: this.failures,
      lastRecordedAt: this.lastRecordedAt,
    };
  }
}

/** Nearest-rank percentile of an ascending array; 0 when empty. */
function percentile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}
