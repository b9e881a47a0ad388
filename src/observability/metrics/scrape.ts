import { scrapeGauges } from "./gauges";
import { flushMetrics, readShards } from "./recorder";
import { renderPrometheus } from "./render";
import { mergeSeries } from "./series";

/**
 * What `GET /metrics` serves: this isolate's own counts flushed first, then every shard's totals
 * summed per series, plus the gauges read now, in the Prometheus text format.
 */
export async function scrapeMetrics(env: Env): Promise<string> {
  await flushMetrics(env);
  const [shards, gauges] = await Promise.all([readShards(env), scrapeGauges(env)]);
  return renderPrometheus([...mergeSeries(shards), ...gauges]);
}
