/** Load O's figures (what metrics and tracing cost on load A) and its markdown section. */
import type { ObservabilityOutcome } from "./observability";
import { passRate, type PhaseResult } from "./results";
import { spreadOf } from "./spread";

/** The bar: load A with metrics and tracing on within 10% of it with them off. */
export const O_THRESHOLD = 0.9;

function rates(phase: PhaseResult | undefined): string {
  if (!phase) return "–";
  const s = spreadOf(phase.passes.map(passRate));
  return `${Math.round(s.median).toLocaleString("en-US")} (${Math.round(s.min).toLocaleString("en-US")}–${Math.round(s.max).toLocaleString("en-US")})`;
}

function p50s(phase: PhaseResult | undefined): string {
  if (!phase) return "–";
  return `${Math.round(spreadOf(phase.passes.map((p) => p.p50Ms)).median)} ms`;
}

export function observabilityMarkdown(o: ObservabilityOutcome): string[] {
  const lines = ["", "## Load O: load A with metrics and tracing on vs off", ""];
  if (o.status !== "ok") return [...lines, `Load O ${o.status}: ${o.message ?? ""}`];
  lines.push(
    "| Session | events/s, median (range) | p50 ingest→decision |",
    "|---|---:|---:|",
    `| off (METRICS_ENABLED=false, TRACE_SAMPLE_RATE=0) | ${rates(o.off)} | ${p50s(o.off)} |`,
    `| on (metrics, TRACE_SAMPLE_RATE=${o.sampleRate ?? 1}, OTLP export) | ${rates(o.on)} | ${p50s(o.on)} |`,
    "",
    `On ÷ off: **${o.throughputRatio?.toFixed(2)}×** events/s, ${o.p50Ratio?.toFixed(2)}× p50 latency.`,
  );
  if (o.evidence)
    lines.push(
      "",
      `Evidence: "on" counted ${o.evidence.onDecisionsInMetrics.toLocaleString("en-US")} decisions in \`/metrics\` and exported ${o.evidence.spansExported.toLocaleString("en-US")} spans in ${o.evidence.exportRequests} OTLP requests to the local receiver; "off" counted ${o.evidence.offDecisionsInMetrics}.`,
    );
  return lines;
}
