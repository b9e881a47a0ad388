// A trace as a waterfall: one row per span in the order the API gives them (tree order), the
// name indented by depth, a bar placed at the span's start and as wide as its duration on the
// trace's time axis, errors marked in words as well as colour. Pure: the same trace gives the
// same DOM, with no fetching and no globals, so it can be tested on a fixture.

import { h } from "../../js/dom.js";

/**
 * The trace view's shape, from the typed client (src/schemas/trace-views.ts: Trace, TraceSpan).
 * @typedef {import("@waooaw/client").Output<"adminGetTrace">} Trace
 * @typedef {Trace["spans"][number]} TraceSpan
 */

/** Indentation per depth level, in rem. */
const INDENT_REM = 1.25;

/** @param {number} ms */
function ms(ms) {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}

/** @param {number} n  a fraction of the axis, as a CSS percentage (kept inside 0–100) */
const percent = (n) => `${Math.min(100, Math.max(0, n * 100)).toFixed(3)}%`;

/**
 * What the span recorded (tier, tokens, cost, the agent…), folded away until asked for.
 * @param {TraceSpan} span
 */
function attributes(span) {
  const entries = Object.entries(span.attributes).filter(([, v]) => v !== null && v !== "");
  if (entries.length === 0) return null;
  return h(
    "details",
    { class: "wf-attrs" },
    h("summary", null, `${entries.length} attribute${entries.length === 1 ? "" : "s"}`),
    h(
      "dl",
      null,
      entries.flatMap(([k, v]) => [h("dt", null, k), h("dd", { class: "mono" }, String(v))]),
    ),
  );
}

/**
 * @param {Trace} trace
 * @param {number} [now]  where open spans end; defaults to the trace's end
 * @returns {HTMLElement}
 */
export function renderWaterfall(trace, now) {
  // The axis ends with the trace; only open spans stretch it to `now` (the trace's own duration
  // counted them up to when the API answered).
  const open = trace.spans.some((span) => span.durationMs === null);
  const end = Math.max(trace.startMs + trace.durationMs, open ? (now ?? 0) : 0);
  const total = Math.max(1, end - trace.startMs);
  const rows = trace.spans.map((span) => {
    const open = span.durationMs === null;
    const duration = span.durationMs ?? Math.max(0, end - span.startMs);
    const failed = span.status === "error";
    const label = `${span.name}: ${failed ? "error, " : ""}${open ? "still open after " : ""}${ms(duration)}, starts at +${ms(span.startMs - trace.startMs)}`;
    return h(
      "li",
      {
        class: `wf-row${failed ? " wf-error" : ""}${open ? " wf-open" : ""}`,
        "data-span-id": span.spanId,
        "data-depth": span.depth,
        "data-kind": span.kind,
      },
      h(
        "div",
        { class: "wf-name", style: `padding-left: ${(span.depth * INDENT_REM).toFixed(2)}rem` },
        failed ? h("span", { class: "wf-mark", "aria-hidden": "true" }, "✕ ") : null,
        h("span", { class: "wf-kind" }, span.kind),
        " ",
        span.name,
      ),
      h(
        "div",
        { class: "wf-track", role: "img", "aria-label": label },
        h("div", {
          class: "wf-bar",
          style: `left: ${percent((span.startMs - trace.startMs) / total)}; width: max(2px, ${percent(duration / total)})`,
        }),
      ),
      h("div", { class: "wf-time" }, open ? `${ms(duration)}+` : ms(duration)),
      failed && span.error ? h("div", { class: "wf-why" }, h("strong", null, "Error: "), span.error) : null,
      attributes(span),
    );
  });
  return h(
    "figure",
    { class: "waterfall", "data-trace-id": trace.traceId },
    h(
      "figcaption",
      null,
      `Trace ${trace.traceId}: ${trace.spanCount} span${trace.spanCount === 1 ? "" : "s"} over ${ms(trace.durationMs)}`,
      trace.errorCount ? `, ${trace.errorCount} with errors` : ", no errors",
    ),
    h("ol", { class: "wf-rows" }, rows),
  );
}
