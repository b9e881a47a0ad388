import { describe, expect, it } from "vitest";
import { formatDuration, renderTrace } from "../../packages/cli/src/render/trace";
import { Trace, type TraceSpan } from "../../src/schemas/trace-views";

const T0 = 1_764_000_000_000;
let n = 0;
function span(depth: number, name: string, start: number, duration: number | null, extra: Partial<TraceSpan> = {}): TraceSpan {
  n += 1;
  return {
    traceId: "trace-1",
    spanId: n.toString(16).padStart(16, "0"),
    parentSpanId: depth === 0 ? null : "0000000000000001",
    depth,
    kind: "wake",
    name,
    startMs: T0 + start,
    durationMs: duration,
    status: "ok",
    error: null,
    instanceId: null,
    eventId: null,
    attributes: {},
    ...extra,
  };
}

// A handoff chain: ingest → wake → decision, then a handoff whose LLM call failed, and an output still open.
const trace = Trace.parse({
  traceId: "trace-1",
  startMs: T0,
  durationMs: 1000,
  spanCount: 5,
  errorCount: 1,
  spans: [
    span(0, "ingest customer.message", 0, 1000),
    span(1, "wake support-1", 100, 400),
    span(2, "decision rules act", 200, 0),
    span(2, "llm claude", 500, 250, { status: "error", error: "overloaded (529)", kind: "llm" }),
    span(1, "output github comment", 800, null, { status: "unset", kind: "output" }),
  ],
});

/** The bar column of a rendered line: everything between the name and the duration. */
const barOf = (line: string, nameWidth: number, width: number) => line.padEnd(width).slice(nameWidth + 1, width - 10);

describe("renderTrace", () => {
  const text = renderTrace(trace, { width: 80, nameWidth: 30, ascii: true });
  const lines = text.split("\n");

  it("heads the waterfall with the trace's id, span and error counts and its duration", () => {
    expect(lines[0]).toBe("trace trace-1  5 spans, 1 error, 1.00s");
  });

  it("draws one line per span in the given order, indented by depth and marked by status", () => {
    const spanLines = lines.filter((l) => /^[+x-] /.test(l));
    expect(spanLines.map((l) => l.slice(0, 30).trimEnd())).toEqual([
      "+ ingest customer.message",
      "+   wake support-1",
      "+     decision rules act",
      "x     llm claude",
      "-   output github comment",
    ]);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
  });

  it("places each bar by its start and length on the trace's axis; an instant still shows, an open span runs to the end", () => {
    const bars = lines.filter((l) => /^[+x-] /.test(l)).map((l) => barOf(l, 30, 80));
    const width = bars[0]?.length ?? 0;
    expect(bars[0]?.trim()).toBe("=".repeat(width)); // the root spans the whole trace
    expect(bars[1]?.indexOf("=")).toBe(Math.floor(0.1 * width));
    expect(bars[1]?.trim().length).toBe(Math.round(0.4 * width));
    expect(bars[2]?.trim()).toBe("="); // 0 ms: one character
    expect(bars[3]?.indexOf("=")).toBe(Math.floor(0.5 * width));
    expect(bars[4]?.indexOf(".")).toBe(Math.floor(0.8 * width));
    expect(bars[4]?.trimEnd().endsWith(".")).toBe(true);
    expect(bars[4]?.trimEnd().length).toBe(width);
  });

  it("prints durations, `open` for a span still running, and an error's reason under its span", () => {
    expect(
      lines
        .find((l) => l.includes("wake support-1"))
        ?.trimEnd()
        .endsWith("400ms"),
    ).toBe(true);
    expect(
      lines
        .find((l) => l.includes("output github"))
        ?.trimEnd()
        .endsWith("open"),
    ).toBe(true);
    const llm = lines.findIndex((l) => l.includes("llm claude"));
    expect(lines[llm + 1]).toBe("      ! overloaded (529)"); // under the name
  });

  it("cuts long names to the name column, and draws with Unicode unless asked for ASCII", () => {
    const long = Trace.parse({ ...trace, spans: [span(0, "x".repeat(100), 0, 1000)], spanCount: 1, errorCount: 0 });
    const [, , line] = renderTrace(long, { width: 60, nameWidth: 20 }).split("\n");
    expect(line?.slice(0, 20)).toBe(`✓ ${"x".repeat(17)}…`);
    expect(line).toContain("█");
    expect(renderTrace(trace)).toContain("✗");
  });

  it("is pure: the same trace and options give the same text", () => {
    expect(renderTrace(trace, { width: 80, nameWidth: 30, ascii: true })).toBe(text);
  });
});

describe("formatDuration", () => {
  it("reads as people say it", () => {
    expect([formatDuration(850), formatDuration(2400), formatDuration(12_300), formatDuration(192_000)]).toEqual([
      "850ms",
      "2.40s",
      "12.3s",
      "3m12s",
    ]);
  });
});
