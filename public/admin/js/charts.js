// The dashboard's charts: uPlot (public/vendor/uplot, copied from node_modules: no CDN) on the
// time buckets of GET /v1/admin/stats/timeseries. Every chart sits beside a table of the same
// numbers, which is what screen readers and exact readers use.

import uPlot from "uplot";
import { h } from "../../js/dom.js";

/** @import { Output } from "@waooaw/client" */
/** @typedef {Output<"adminGetStatsTimeseries">} Timeseries */

/** The decision tiers, cheapest first, and their colours (distinct in light and dark schemes). */
export const TIERS = /** @type {const} */ (["rules", "learned", "cache", "semantic", "llm", "fallback"]);
const TIER_COLOURS = ["#2563eb", "#0d9488", "#7c3aed", "#c026d3", "#ea580c", "#dc2626"];

/**
 * A chart in a figure with its caption; uPlot draws it once the figure is in the page (it
 * measures its width then).
 * @param {string} caption
 * @param {(width: number) => uPlot.Options} options
 * @param {uPlot.AlignedData} data
 */
function chart(caption, options, data) {
  const figure = h("figure", { class: "chart" }, h("figcaption", null, caption));
  const holder = h("div", { class: "chart-canvas", "aria-hidden": "true" });
  figure.append(holder);
  requestAnimationFrame(() => {
    if (!holder.isConnected) return;
    new uPlot(options(Math.max(320, holder.clientWidth)), data, holder);
  });
  return figure;
}

/** @param {Timeseries} series  x values: uPlot's time scale is in seconds */
const xs = (series) => series.buckets.map((b) => b.start / 1000);

/** @param {Timeseries} series */
export function throughputChart(series) {
  const decisions = series.buckets.map((b) => TIERS.reduce((n, t) => n + b.decisions[t], 0));
  return chart(
    "Throughput per bucket: events ingested, agent wakes and decisions",
    (width) => ({
      width,
      height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: "count" }],
      series: [
        {},
        { label: "Events", stroke: "#2563eb", width: 2 },
        { label: "Wakes", stroke: "#0d9488", width: 2, dash: [6, 3] },
        { label: "Decisions", stroke: "#ea580c", width: 2, dash: [2, 2] },
      ],
    }),
    [xs(series), series.buckets.map((b) => b.events), series.buckets.map((b) => b.wakes), decisions],
  );
}

/**
 * Decisions per tier, stacked: each series is drawn as the sum of its tier and the cheaper ones,
 * largest first so each fill sits on the next; the legend shows the tier's own count.
 * @param {Timeseries} series
 */
export function tierMixChart(series) {
  const own = TIERS.map((t) => series.buckets.map((b) => b.decisions[t]));
  const stacked = own.map((_, i) => series.buckets.map((_, j) => own.slice(0, i + 1).reduce((n, tier) => n + (tier[j] ?? 0), 0)));
  const order = TIERS.map((_, i) => i).reverse();
  return chart(
    "Tier mix per bucket: decisions by the tier that made them, stacked",
    (width) => ({
      width,
      height: 220,
      scales: { x: { time: true } },
      axes: [{}, { label: "decisions" }],
      series: [
        {},
        ...order.map((i) => ({
          label: TIERS[i],
          stroke: TIER_COLOURS[i],
          fill: `${TIER_COLOURS[i]}99`,
          width: 1,
          paths: uPlot.paths.stepped?.({ align: 1 }),
          /** @type {(u: uPlot, v: number | null, si: number, idx: number | null) => string} */
          value: (_u, _v, _si, idx) => (idx === null ? "" : String(own[i]?.[idx] ?? 0)),
        })),
      ],
    }),
    [xs(series), ...order.map((i) => stacked[i] ?? [])],
  );
}

/** @param {Timeseries} series */
export function costChart(series) {
  return chart(
    "Model spend per bucket (USD)",
    (width) => ({
      width,
      height: 180,
      scales: { x: { time: true } },
      axes: [{}, { label: "USD" }],
      series: [{}, { label: "Cost", stroke: "#7c3aed", width: 2, value: (_u, v) => (v === null ? "" : `$${v.toFixed(4)}`) }],
    }),
    [xs(series), series.buckets.map((b) => b.costUsd)],
  );
}
