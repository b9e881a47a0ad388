/**
 * Where load A's CPU goes (`npm run bench:profile`): spawns the agents, runs a warm-up pass and
 * PROFILE_PASSES measured passes (default 1), and prints each pass's events/s and the CPU
 * seconds of every workerd thread. PROFILE_SYSTEM=bare|bare-packed|agents-sdk measures a baseline instead.
 *
 * With BENCH_INSPECTOR=1 (served by `wrangler dev`, whose inspector this needs) the last pass
 * also records a V8 CPU profile of the worker isolate, written to
 * `bench/results/profile-<time>.cpuprofile` (open it in Chrome DevTools), and prints the
 * functions with the most self time. D1 and the queue run in miniflare's own workers, outside
 * that isolate. Self time after an `await` is attributed loosely; the per-thread CPU is the
 * number to trust.
 */
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import WebSocket from "ws";
import { makeAgents, makeEvents, sendEvents, spawnAgents } from "./lib/load";
import { descendants, readStat } from "./lib/proctree";
import { installCleanupHandlers, isolateDevRegistry, REPO_ROOT } from "./lib/proc";
import { waitForCount } from "./lib/wait";
import { startBaseline } from "./lib/baseline-driver";
import type { SystemDriver } from "./lib/system";
import { startWaooaw } from "./lib/waooaw-driver";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** A minimal Chrome DevTools Protocol session over the inspector's WebSocket. */
async function connect(port: number): Promise<{ send(method: string, params?: object): Promise<unknown>; close(): void }> {
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as { webSocketDebuggerUrl: string; title?: string }[];
  const target = targets.find((t) => !String(t.title ?? "").startsWith("Core:")) ?? targets[0];
  if (!target) throw new Error("no inspector target");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((resolve, reject) => ws.once("open", resolve).once("error", reject));
  let next = 1;
  const pending = new Map<number, (value: unknown) => void>();
  ws.on("message", (data: Buffer) => {
    const msg = JSON.parse(data.toString()) as { id?: number; result?: unknown };
    if (msg.id !== undefined) pending.get(msg.id)?.(msg.result);
  });
  return {
    send(method, params = {}) {
      const id = next++;
      ws.send(JSON.stringify({ id, method, params }));
      return new Promise((resolve) => pending.set(id, resolve));
    },
    close: () => ws.close(),
  };
}

function summarize(profile: CpuProfile, top: number): string {
  const self = new Map<number, number>();
  profile.samples.forEach((node, i) => {
    self.set(node, (self.get(node) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byFn = new Map<string, number>();
  let idle = 0;
  let total = 0;
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    total += us;
    const { functionName, url, lineNumber } = node.callFrame;
    if (functionName === "(idle)") idle += us;
    const file = url.split("/").pop() ?? url;
    const key = `${functionName || "(anonymous)"} ${file}:${lineNumber + 1}`;
    byFn.set(key, (byFn.get(key) ?? 0) + us);
  }
  const rows = [...byFn].sort((a, b) => b[1] - a[1]).slice(0, top);
  const ms = (us: number) => (us / 1000).toFixed(0).padStart(7);
  return [
    `sampled ${ms(total)} ms, idle ${ms(idle)} ms (${((idle / Math.max(1, total)) * 100).toFixed(0)}%)`,
    ...rows.map(([key, us]) => `${ms(us)} ms  ${((us / Math.max(1, total)) * 100).toFixed(1).padStart(5)}%  ${key}`),
  ].join("\n");
}

/** CPU seconds (user + system) per thread of every workerd under `root`, keyed "pid/tid comm". */
function threadCpu(root: number): Map<string, number> {
  const out = new Map<string, number>();
  for (const proc of descendants(root).filter((p) => p.comm === "workerd")) {
    for (const tid of readdirSync(`/proc/${proc.pid}/task`)) {
      const stat = readStat(`/proc/${proc.pid}/task/${tid}/stat`);
      // utime and stime, in clock ticks (100 per second on Linux).
      if (stat) out.set(`${proc.pid}/${tid} ${stat.comm}`, (Number(stat.fields[11]) + Number(stat.fields[12])) / 100);
    }
  }
  return out;
}

function cpuDelta(before: Map<string, number>, after: Map<string, number>): string {
  const rows = [...after].map(([k, v]) => [k, v - (before.get(k) ?? 0)] as const).filter(([, v]) => v > 0.05);
  const total = rows.reduce((sum, [, v]) => sum + v, 0);
  return [`workerd CPU ${total.toFixed(2)} s`, ...rows.sort((a, b) => b[1] - a[1]).map(([k, v]) => `  ${v.toFixed(2)} s  ${k}`)].join("\n");
}

async function main(): Promise<void> {
  installCleanupHandlers();
  const runDir = mkdtempSync(join(tmpdir(), "waooaw-profile-"));
  isolateDevRegistry(join(runDir, "registry"));
  const events = Number(process.env.BENCH_A_EVENTS ?? 10_000);
  // PROFILE_SYSTEM=bare|bare-packed|agents-sdk measures a baseline's CPU the same way (no V8 profile).
  const system = process.env.PROFILE_SYSTEM ?? "waooaw";
  const driver: SystemDriver & { inspectorPort?: number } =
    system === "bare" || system === "bare-packed" || system === "agents-sdk"
      ? await startBaseline(system, runDir)
      : await startWaooaw(runDir);
  try {
    const agents = makeAgents("a", 0, 200);
    await spawnAgents(driver, agents, system === "waooaw" ? 16 : 1);
    // PROFILE_PASSES measured passes (the last one profiled) after one warm-up pass.
    const measured = Number(process.env.PROFILE_PASSES ?? 1);
    const passes = ["warm-up", ...Array.from({ length: measured - 1 }, (_, i) => `pass ${i + 1}`), "profiled"];
    for (const [n, pass] of passes.entries()) {
      const batch = makeEvents(agents, events, n * events);
      await driver.beginPhase();
      const session =
        pass === "profiled" && driver.inspectorPort && process.env.PROFILE_CPU !== "0" ? await connect(driver.inspectorPort) : undefined;
      await session?.send("Profiler.enable");
      await session?.send("Profiler.setSamplingInterval", { interval: 200 });
      await session?.send("Profiler.start");
      const cpuBefore = threadCpu(driver.pid);
      const sent = await sendEvents(driver, batch, 6);
      const done = await waitForCount(driver, batch.length, 120_000);
      console.log(`${pass}: ${Math.round((batch.length / Math.max(1, done.doneAt - sent.firstRequestAt)) * 1000)} events/s`);
      console.log(cpuDelta(cpuBefore, threadCpu(driver.pid)));
      if (!session) continue;
      const { profile } = (await session.send("Profiler.stop")) as { profile: CpuProfile };
      session.close();
      const dir = join(REPO_ROOT, "bench", "results");
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `profile-${new Date().toISOString().replace(/[:.]/g, "-")}.cpuprofile`);
      writeFileSync(file, JSON.stringify(profile));
      console.log(`${file}\n${summarize(profile, Number(process.env.PROFILE_TOP ?? 40))}`);
    }
  } finally {
    await driver.stop();
  }
}

await main();
