/**
 * The soak's chart: throughput (decisions/s) and DLQ depth over time, drawn by uPlot (a
 * devDependency, as the dashboard uses it) in headless Chromium and screenshot to a PNG.
 * Without Chromium the chart is skipped with a note; the figures do not depend on it.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { REPO_ROOT } from "../lib/proc";
import type { SamplePoint } from "./sampler";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Decisions per second between consecutive samples (0 across a session change: counters restart). */
export function throughputSeries(points: readonly SamplePoint[]): number[] {
  return points.map((p, i) => {
    const prev = points[i - 1];
    if (!prev || prev.label !== p.label || p.t <= prev.t) return 0;
    return Math.max(0, Math.round((p.decided - prev.decided) / (p.t - prev.t)));
  });
}

export async function renderChart(points: readonly SamplePoint[], title: string, file: string): Promise<string | null> {
  if (!existsSync(CHROMIUM)) return `chart skipped: ${CHROMIUM} not found (set CHROMIUM_PATH)`;
  if (points.length < 2) return "chart skipped: fewer than two samples";
  const uplot = join(REPO_ROOT, "node_modules", "uplot", "dist");
  const data = [points.map((p) => p.t), throughputSeries(points), points.map((p) => p.dead), points.map((p) => p.rssMb)];
  const html = `<!doctype html><html><head><style>${readFileSync(join(uplot, "uPlot.min.css"), "utf8")}
body{margin:0;font:13px sans-serif;background:#fff}</style></head><body><div id="c"></div>
<script>${readFileSync(join(uplot, "uPlot.iife.min.js"), "utf8")}</script>
<script>
const data = ${JSON.stringify(data)};
new uPlot({
  title: ${JSON.stringify(title)}, width: 1100, height: 500,
  scales: { x: { time: false }, dlq: {}, mb: {} },
  axes: [{ label: "seconds since start" }, { label: "decisions/s" }, { scale: "dlq", side: 1, label: "DLQ depth (events)", grid: { show: false } }],
  series: [{}, { label: "decisions/s", stroke: "#1f77b4", width: 2 },
    { label: "DLQ depth", stroke: "#d62728", width: 2, scale: "dlq" },
    { label: "workerd RSS (MB)", stroke: "#2ca02c", width: 1, scale: "mb", dash: [4, 4] }],
}, data, document.getElementById("c"));
</script></body></html>`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [...(process.getuid?.() === 0 ? ["--no-sandbox"] : []), "--disable-dev-shm-usage"],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1120, height: 560 } });
    await page.setContent(html);
    await page.waitForSelector(".uplot canvas");
    await page.screenshot({ path: file, fullPage: true });
    return null;
  } finally {
    await browser.close();
  }
}
