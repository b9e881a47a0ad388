import { DurableObject } from "cloudflare:workers";
import type { Series } from "../src/observability/metrics/series";
import { MetricsStore } from "../src/observability/metrics/store";

/**
 * One shard of the platform's metrics (`METRICS_SHARDS` of them, `shard:<n>`): isolates push
 * their aggregated deltas here every few seconds, and a scrape reads every shard's totals.
 */
export class MetricsDO extends DurableObject<Env> {
  private readonly store = new MetricsStore(this.ctx.storage.sql);

  add(deltas: Series[]): void {
    this.ctx.storage.transactionSync(() => this.store.add(deltas));
  }

  totals(): Series[] {
    return this.store.all();
  }
}
