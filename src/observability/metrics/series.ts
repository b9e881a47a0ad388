import { METRIC_BY_NAME, type MetricDefinition } from "./catalogue";

/**
 * One aggregated series: a counter's or gauge's value, or a histogram's per-bucket counts (not
 * cumulative: `counts[i]` observations fell in bucket i, the last one being +Inf), sum and count.
 * Deltas travel between isolates and the metrics shards in this shape, and so do totals.
 */
export interface Series {
  name: string;
  /** Label values in the catalogue's label order. */
  labels: string[];
  value: number;
  counts?: number[];
  sum?: number;
}

/** The key that identifies a series: its name and label values. */
export function seriesKey(name: string, labels: readonly string[]): string {
  return JSON.stringify([name, ...labels]);
}

export function definitionOf(name: string): MetricDefinition | undefined {
  return METRIC_BY_NAME.get(name);
}

/** Adds `delta` into `into` (same series): counters add values, histograms add bucket by bucket. */
export function addSeries(into: Series, delta: Series): void {
  into.value += delta.value;
  if (delta.counts) {
    const counts = into.counts ?? delta.counts.map(() => 0);
    delta.counts.forEach((c, i) => {
      counts[i] = (counts[i] ?? 0) + c;
    });
    into.counts = counts;
    into.sum = (into.sum ?? 0) + (delta.sum ?? 0);
  }
}

/** Several sets of series as one, summed by key (shards' totals into the platform's). */
export function mergeSeries(sets: readonly (readonly Series[])[]): Series[] {
  const out = new Map<string, Series>();
  for (const set of sets) {
    for (const s of set) {
      const key = seriesKey(s.name, s.labels);
      const existing = out.get(key);
      if (existing) addSeries(existing, s);
      else
        out.set(key, {
          name: s.name,
          labels: [...s.labels],
          value: s.value,
          ...(s.counts ? { counts: [...s.counts], sum: s.sum ?? 0 } : {}),
        });
    }
  }
  return [...out.values()];
}
