import type { Series } from "./series";
import { definitionOf } from "./series";

/** Workers' limit on data points one invocation may write. */
export const MAX_DATA_POINTS = 250;

const WHO = ["agent", "coe", "customer"];

/**
 * A flush's deltas as Analytics Engine data points, one per series: blob1 the metric name (also
 * the index), blob2–4 agent, CoE and customer ("" where they do not apply), blob5 the metric's
 * other labels joined by "/" (tier, outcome, source…); double1 the delta (a histogram's count of
 * observations), double2 a histogram's sum of observed seconds. See README "Metrics" for queries.
 */
export function dataPoints(deltas: readonly Series[]): AnalyticsEngineDataPoint[] {
  return deltas.flatMap((s) => {
    const def = definitionOf(s.name);
    if (!def) return [];
    const byName = new Map(def.labels.map((l, i) => [l, s.labels[i] ?? ""]));
    const detail = def.labels.filter((l) => !WHO.includes(l)).map((l) => byName.get(l) ?? "");
    return [
      {
        indexes: [s.name],
        blobs: [s.name, ...WHO.map((l) => byName.get(l) ?? ""), detail.join("/")],
        doubles: [s.value, s.sum ?? 0],
      },
    ];
  });
}

/** Writes the deltas when the ANALYTICS binding is configured; never throws. */
export function writeDataPoints(dataset: AnalyticsEngineDataset | undefined, deltas: readonly Series[]): void {
  if (!dataset) return;
  const points = dataPoints(deltas);
  if (points.length > MAX_DATA_POINTS) {
    console.warn(`metrics: ${points.length} series in one flush; Analytics Engine gets the first ${MAX_DATA_POINTS}`);
  }
  try {
    for (const point of points.slice(0, MAX_DATA_POINTS)) dataset.writeDataPoint(point);
  } catch (error) {
    console.warn("metrics: Analytics Engine write failed", String(error));
  }
}
