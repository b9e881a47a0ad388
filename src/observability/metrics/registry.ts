import { METRICS, type LabelsOf, type MetricKey } from "./catalogue";
import { addSeries, type Series, seriesKey } from "./series";

/**
 * An isolate's metrics since its last flush: counters and histograms aggregated by labels in
 * memory, so recording costs no I/O. `drain` hands the deltas over (to a metrics shard) and
 * starts again; `restore` puts them back when the hand-over failed.
 */
export class MetricsRegistry {
  private readonly pending = new Map<string, Series>();

  count<K extends MetricKey>(metric: K, labels: LabelsOf<K>, by = 1): void {
    if (!(by > 0) || !Number.isFinite(by)) return; // counters only go up
    const def = METRICS[metric];
    this.add({ name: def.name, labels: labelValues(def.labels, labels), value: by });
  }

  /** One observation (seconds) in a histogram. */
  observe<K extends MetricKey>(metric: K, labels: LabelsOf<K>, value: number): void {
    const def = METRICS[metric];
    if (!("buckets" in def) || !Number.isFinite(value)) return;
    const buckets: readonly number[] = def.buckets;
    const counts = new Array<number>(buckets.length + 1).fill(0);
    const at = buckets.findIndex((le) => value <= le);
    counts[at === -1 ? buckets.length : at] = 1;
    this.add({ name: def.name, labels: labelValues(def.labels, labels), value: 1, counts, sum: value });
  }

  get size(): number {
    return this.pending.size;
  }

  /** The deltas recorded since the last drain; the registry is empty afterwards. */
  drain(): Series[] {
    const out = [...this.pending.values()];
    this.pending.clear();
    return out;
  }

  /** Deltas that could not be handed over go back, to be sent with the next flush. */
  restore(deltas: readonly Series[]): void {
    for (const d of deltas) this.add(d);
  }

  private add(delta: Series): void {
    const key = seriesKey(delta.name, delta.labels);
    const existing = this.pending.get(key);
    if (existing) addSeries(existing, delta);
    else this.pending.set(key, { ...delta, labels: [...delta.labels], ...(delta.counts ? { counts: [...delta.counts] } : {}) });
  }
}

function labelValues(names: readonly string[], labels: Record<string, string>): string[] {
  return names.map((n) => labels[n] ?? "");
}
