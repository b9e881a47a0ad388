import { METRICS, type MetricDefinition } from "./catalogue";
import type { Series } from "./series";

/**
 * Series in the Prometheus text exposition format (version 0.0.4): per metric of the catalogue a
 * HELP and a TYPE line, then its samples; histograms as cumulative `_bucket{le=…}` samples plus
 * `_sum` and `_count`. Series of names not in the catalogue are left out.
 */
export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

export function renderPrometheus(series: readonly Series[]): string {
  const byName = new Map<string, Series[]>();
  for (const s of series) {
    const list = byName.get(s.name);
    if (list) list.push(s);
    else byName.set(s.name, [s]);
  }
  const lines: string[] = [];
  for (const def of Object.values(METRICS) as MetricDefinition[]) {
    lines.push(`# HELP ${def.name} ${escapeHelp(def.help)}`, `# TYPE ${def.name} ${def.type}`);
    const samples = [...(byName.get(def.name) ?? [])].sort((a, b) => compareLabels(a.labels, b.labels));
    for (const s of samples)
      lines.push(...(def.type === "histogram" ? histogramLines(def, s) : [sample(def.name, def.labels, s.labels, s.value)]));
  }
  return `${lines.join("\n")}\n`;
}

function histogramLines(def: MetricDefinition, s: Series): string[] {
  const bounds = def.buckets ?? [];
  const counts = s.counts ?? [];
  const lines: string[] = [];
  let cumulative = 0;
  bounds.forEach((le, i) => {
    cumulative += counts[i] ?? 0;
    lines.push(sample(`${def.name}_bucket`, [...def.labels, "le"], [...s.labels, formatNumber(le)], cumulative));
  });
  cumulative += counts[bounds.length] ?? 0;
  lines.push(sample(`${def.name}_bucket`, [...def.labels, "le"], [...s.labels, "+Inf"], cumulative));
  lines.push(sample(`${def.name}_sum`, def.labels, s.labels, s.sum ?? 0));
  lines.push(sample(`${def.name}_count`, def.labels, s.labels, cumulative));
  return lines;
}

function sample(name: string, labelNames: readonly string[], values: readonly string[], value: number): string {
  const pairs = labelNames.map((n, i) => `${n}="${escapeLabel(values[i] ?? "")}"`);
  return `${name}${pairs.length ? `{${pairs.join(",")}}` : ""} ${formatNumber(value)}`;
}

/** Label values escape backslash, double quote and line feed (the format's rule). */
export function escapeLabel(value: string): string {
  return value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

/** HELP text escapes backslash and line feed only. */
function escapeHelp(text: string): string {
  return text.replace(/\\/g, "\\\\").replace(/\n/g, "\\n");
}

export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Number.POSITIVE_INFINITY) return "+Inf";
  if (n === Number.NEGATIVE_INFINITY) return "-Inf";
  return String(n);
}

function compareLabels(a: readonly string[], b: readonly string[]): number {
  const x = a.join("\u0000");
  const y = b.join("\u0000");
  return x < y ? -1 : x > y ? 1 : 0;
}
