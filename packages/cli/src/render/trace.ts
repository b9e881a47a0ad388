import type { Trace, TraceSpan } from "../../../../src/schemas/trace-views";

// A trace as a text waterfall, for `waooaw traces show`: one line per span, in the tree order the
// API gives, the name indented by depth, then a bar placed by the span's start and length on the
// trace's time axis, then its duration. Pure: the same trace and options give the same text.

export interface TraceRenderOptions {
  /** Characters per line (default 100). */
  width?: number;
  /** Characters for the mark, indent and name (default 40); longer names are cut with `…` (`~` in ASCII). */
  nameWidth?: number;
  /** Only ASCII (for terminals and logs that mangle Unicode). */
  ascii?: boolean;
}

const GLYPHS = {
  unicode: { ok: "✓", error: "✗", unset: "·", bar: "█", open: "░", cut: "…", errorLead: "↳" },
  ascii: { ok: "+", error: "x", unset: "-", bar: "=", open: ".", cut: "~", errorLead: "!" },
} as const;

/** `850ms`, `2.4s`, `3m12s`. */
export function formatDuration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)}s`;
  const minutes = Math.floor(ms / 60_000);
  return `${minutes}m${Math.round((ms % 60_000) / 1000)}s`;
}

function fit(text: string, width: number, cut: string): string {
  if (width <= 0) return "";
  if (text.length <= width) return text.padEnd(width);
  return `${text.slice(0, Math.max(0, width - cut.length))}${cut}`.slice(0, width);
}

export function renderTrace(trace: Trace, options: TraceRenderOptions = {}): string {
  const g = options.ascii ? GLYPHS.ascii : GLYPHS.unicode;
  const width = Math.max(options.width ?? 100, 40);
  const nameWidth = Math.min(Math.max(options.nameWidth ?? 40, 10), width - 20);
  const durationWidth = 9;
  const barWidth = width - nameWidth - durationWidth - 2;
  const total = Math.max(trace.durationMs, 1);
  const end = trace.startMs + trace.durationMs;

  const header = `trace ${trace.traceId}  ${trace.spanCount} span${trace.spanCount === 1 ? "" : "s"}, ${trace.errorCount} error${trace.errorCount === 1 ? "" : "s"}, ${formatDuration(trace.durationMs)}`;
  const axis = `${" ".repeat(nameWidth)} ${fit("0", Math.floor(barWidth / 2), g.cut)}${formatDuration(trace.durationMs).padStart(Math.ceil(barWidth / 2))}`;
  const lines = [header, axis.trimEnd()];

  for (const span of trace.spans) {
    const label = fit(`${g[span.status]} ${"  ".repeat(span.depth)}${span.name}`, nameWidth, g.cut);
    lines.push(`${label} ${bar(span, trace.startMs, end, total, barWidth, g)} ${durationLabel(span).padStart(durationWidth)}`.trimEnd());
    if (span.status === "error" && span.error) {
      const indent = `  ${"  ".repeat(span.depth)}`;
      lines.push(fit(`${indent}${g.errorLead} ${span.error}`, width, g.cut).trimEnd());
    }
  }
  return lines.join("\n");
}

function durationLabel(span: TraceSpan): string {
  return span.durationMs === null ? "open" : formatDuration(span.durationMs);
}

/** The span's place on the axis: at least one character, so an instant span still shows. */
function bar(span: TraceSpan, start: number, end: number, total: number, width: number, g: (typeof GLYPHS)[keyof typeof GLYPHS]): string {
  const from = Math.min(Math.max(span.startMs - start, 0), total);
  const to = span.durationMs === null ? end - start : Math.min(from + span.durationMs, total);
  const left = Math.min(Math.floor((from / total) * width), width - 1);
  const length = Math.max(1, Math.min(Math.round(((to - from) / total) * width), width - left));
  const fill = span.durationMs === null ? g.open : g.bar;
  return `${" ".repeat(left)}${fill.repeat(length)}${" ".repeat(width - left - length)}`;
}
