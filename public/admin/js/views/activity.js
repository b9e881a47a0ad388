// #/activity?range=…: throughput and tier mix over time (charts), and the same numbers as a
// table for screen readers and for reading exact values.

import { h } from "../../../js/dom.js";
import { call } from "../api.js";
import { TIERS, costChart, throughputChart, tierMixChart } from "../charts.js";
import { clock, count, usd } from "../format.js";
import { section, setTitle, table, view } from "../shell.js";

const HOUR = 3_600_000;
/** Each range with a bucket width that gives a readable number of points. */
const RANGES = {
  "1h": { label: "Last hour", span: HOUR, step: 60_000 },
  "6h": { label: "Last 6 hours", span: 6 * HOUR, step: 10 * 60_000 },
  "24h": { label: "Last 24 hours", span: 24 * HOUR, step: HOUR },
  "7d": { label: "Last 7 days", span: 7 * 24 * HOUR, step: 6 * HOUR },
};

/**
 * @param {URLSearchParams} params
 * @param {AbortSignal} signal
 */
export async function showActivity(params, signal) {
  setTitle("Throughput and tier mix");
  const key = params.get("range") ?? "1h";
  const range = RANGES[/** @type {keyof typeof RANGES} */ (key)] ?? RANGES["1h"];
  // Buckets end on a step boundary, so the same range asked twice lines up.
  const until = Math.ceil(Date.now() / range.step) * range.step;
  const series = await call("adminGetStatsTimeseries", { query: { since: until - range.span, until, step: range.step } }, { signal });

  const picker = h(
    "nav",
    { class: "ranges", "aria-label": "Time range" },
    Object.entries(RANGES).map(([k, r]) => h("a", { href: `#/activity?range=${k}`, "aria-current": r === range ? "page" : null }, r.label)),
  );
  // The charts show every bucket; the table only those with something in them.
  const busy = series.buckets.filter((b) => b.events + b.wakes + TIERS.reduce((n, t) => n + b.decisions[t], 0) > 0);
  const rows = busy.map((b) => [
    clock(b.start),
    count(b.events),
    count(b.wakes),
    ...TIERS.map((t) => count(b.decisions[t])),
    usd(b.costUsd),
  ]);
  view.append(
    picker,
    section(`Throughput, ${range.label.toLowerCase()}`, throughputChart(series)),
    section("Tier mix", tierMixChart(series)),
    section("Spend", costChart(series)),
    section(
      "The numbers",
      table(
        `Per ${range.step >= HOUR ? `${range.step / HOUR} h` : `${range.step / 60_000} min`} bucket (UTC start); ${series.buckets.length - busy.length} of ${series.buckets.length} buckets had nothing and are left out`,
        ["Bucket", ...["Events", "Wakes", ...TIERS, "Cost"].map((label) => ({ label, numeric: true }))],
        rows,
        { id: "activity-table", empty: "Nothing happened in this range." },
      ),
    ),
  );
}
