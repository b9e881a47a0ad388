/**
 * Where a run's results go. Every run: bench/results/runs/<run>.json and .md (git-ignored, so
 * smoke and partial runs leave git alone). A full run at the default settings also replaces
 * bench/results/latest.json and latest.md (committed: the figures the READMEs may quote).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type BenchConfig, loadConfig } from "./config";
import { REPO_ROOT } from "./proc";
import { type BenchReport, toMarkdown } from "./report";

const RESULTS = join(REPO_ROOT, "bench", "results");

/**
 * Why this run must not replace latest.*, or null when it may. Only a run whose configuration
 * equals the defaults' (no BENCH_QUICK, BENCH_ONLY, BENCH_SYSTEMS or tuning knob) may, unless
 * BENCH_WRITE_LATEST=1 says so.
 */
export function notLatestBecause(cfg: BenchConfig, env: NodeJS.ProcessEnv): string | null {
  if (env.BENCH_WRITE_LATEST === "1") return null;
  const reference = loadConfig({});
  const keys = Object.keys(reference) as (keyof BenchConfig)[]; // loadConfig builds every key.
  const differ: string[] = keys.filter((k) => JSON.stringify(cfg[k]) !== JSON.stringify(reference[k]));
  // Not part of the config, but it changes the platform's figures (see bench/README.md).
  if (env.BENCH_INSPECTOR === "1") differ.push("BENCH_INSPECTOR");
  return differ.length === 0 ? null : `not a full run at the default settings (differs in: ${differ.join(", ")})`;
}

/** Writes the run's files; returns their paths and, when latest.* was left alone, why. */
export function writeReport(r: BenchReport, notLatest: string | null): { files: string[]; skippedLatest?: string } {
  const runs = join(RESULTS, "runs");
  mkdirSync(runs, { recursive: true });
  const json = `${JSON.stringify(r, null, 2)}\n`;
  const md = toMarkdown(r);
  const files: [string, string][] = [
    [join(runs, `${r.runId}.json`), json],
    [join(runs, `${r.runId}.md`), md],
  ];
  if (notLatest === null) files.push([join(RESULTS, "latest.json"), json], [join(RESULTS, "latest.md"), md]);
  for (const [file, text] of files) writeFileSync(file, text);
  return { files: files.map(([file]) => file), ...(notLatest === null ? {} : { skippedLatest: notLatest }) };
}
