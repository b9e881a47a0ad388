#!/usr/bin/env node
// Runs npm scripts at the same time and fails if any fails: npm test's end-to-end steps (the
// browser test, the CLI's, the short soak) each start their own local platform on free ports and
// spend much of their time waiting for it, so together they take about as long as the longest.
// Each step's output is printed whole when it ends (interleaved lines would be unreadable).
import { spawn } from "node:child_process";

const scripts = process.argv.slice(2);
if (scripts.length === 0) {
  console.error("usage: node scripts/run-parallel.mjs <npm script>...");
  process.exit(2);
}

const npm = process.platform === "win32" ? "npm.cmd" : "npm";
const runs = scripts.map(
  (script) =>
    new Promise((resolve) => {
      const started = Date.now();
      const child = spawn(npm, ["run", "-s", script], { stdio: ["ignore", "pipe", "pipe"] });
      const out = [];
      child.stdout.on("data", (chunk) => out.push(chunk));
      child.stderr.on("data", (chunk) => out.push(chunk));
      child.on("close", (code, signal) => {
        const seconds = ((Date.now() - started) / 1000).toFixed(0);
        process.stdout.write(
          `\n──── npm run ${script}: ${code === 0 ? "passed" : `FAILED (${signal ?? `exit ${code}`})`} in ${seconds} s ────\n`,
        );
        process.stdout.write(Buffer.concat(out));
        resolve(code === 0);
      });
    }),
);
const results = await Promise.all(runs);
const failed = scripts.filter((_, i) => !results[i]);
if (failed.length) {
  console.error(`\nfailed: ${failed.join(", ")}`);
  process.exit(1);
}
