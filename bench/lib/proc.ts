/**
 * Child-process control for `wrangler dev`: start on free ports, wait for health, stop the whole
 * process tree (wrangler -> node -> workerd), and kill everything we started on exit or Ctrl-C.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readdirSync, rmSync } from "node:fs";
import { freePort } from "../../test/servers/listen";
import { dirname, join } from "node:path";
import { descendants } from "./proctree";

export const REPO_ROOT = join(dirname(new URL(import.meta.url).pathname), "..", "..");
const WRANGLER_BIN = join(REPO_ROOT, "node_modules", "wrangler", "bin", "wrangler.js");
const START_WORKER = join(REPO_ROOT, "bench", "lib", "start-worker.mjs");

let registryDir: string | undefined;

/**
 * Gives this run's wrangler sessions a private dev registry. Every `wrangler dev` on the machine
 * shares ~/.config/.wrangler/registry and reloads its config on some registry changes; a private
 * one keeps other sessions (someone's `wrangler dev` of waooaw, with the same worker and queue
 * names) out of the measurement.
 */
export function isolateDevRegistry(dir: string): void {
  mkdirSync(dir, { recursive: true });
  registryDir = dir;
}

/** Environment for every wrangler child: no prompts, no telemetry (there is no network). */
function childEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    CI: "true",
    WRANGLER_SEND_METRICS: "false",
    NO_COLOR: "1",
    ...(registryDir ? { WRANGLER_REGISTRY_PATH: registryDir } : {}),
  };
}

const live = new Set<ChildProcess>();

/** Kills every process group we started; used on exit paths where nothing can be awaited. */
function killAllSync(): void {
  for (const child of live) killTree(child, "SIGKILL");
  live.clear();
}

let handlersInstalled = false;
/** Installs once: children die with us on normal exit, uncaught errors, SIGINT and SIGTERM. */
export function installCleanupHandlers(): void {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on("exit", killAllSync);
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      console.error(`\n${signal}: stopping child processes`);
      killAllSync();
      process.exit(130);
    });
  }
}

function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  // Descendants first, by pid: workerd could leave the group, and the group kill needs a live leader.
  for (const proc of descendants(child.pid)) tryKill(proc.pid, signal);
  tryKill(-child.pid, signal);
}

function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // Already gone.
  }
}

export { freePort };

/** Runs a wrangler command to completion (e.g. D1 migrations), output appended to `logFile`. */
export function runWrangler(args: readonly string[], logFile: string, timeoutMs: number): Promise<void> {
  mkdirSync(dirname(logFile), { recursive: true });
  const out = createWriteStream(logFile, { flags: "a" });
  const child = spawn(process.execPath, [WRANGLER_BIN, ...args], {
    cwd: REPO_ROOT,
    env: childEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      killTree(child, "SIGKILL");
      reject(new Error(`wrangler ${args.join(" ")} timed out after ${timeoutMs} ms (see ${logFile})`));
    }, timeoutMs);
    child.once("exit", (code) => {
      clearTimeout(timer);
      live.delete(child);
      if (code === 0) resolve();
      else reject(new Error(`wrangler ${args.join(" ")} exited with ${code} (see ${logFile})`));
    });
  });
}

/**
 * Bundles a worker once (`wrangler deploy --dry-run`) and returns the entry file. Serving that
 * snapshot with `--no-bundle` means edits made during a run (someone working in src/) cannot
 * make wrangler reload the worker mid-measurement.
 */
export async function buildWorker(config: string, outDir: string, logFile: string): Promise<string> {
  // outDir must be absolute: wrangler resolves a relative one against the config's folder.
  await runWrangler(["deploy", "--dry-run", "--config", config, "--outdir", outDir], logFile, 120_000);
  const entry = readdirSync(outDir).find((f) => f.endsWith(".js"));
  if (!entry) throw new Error(`no bundle in ${outDir} (see ${logFile})`);
  return join(outDir, entry);
}

/** A running `wrangler dev`. */
export interface DevServer {
  readonly baseUrl: string;
  readonly pid: number;
  readonly logFile: string;
  /** workerd's DevTools inspector (via wrangler's proxy, BENCH_INSPECTOR=1 only), for CPU profiles. */
  readonly inspectorPort: number | undefined;
  stop(): Promise<void>;
}

export interface DevServerOptions {
  /** Wrangler config, relative to the repo root. */
  config: string;
  /** A prebuilt bundle (from buildWorker) to serve as is. */
  script: string;
  persistTo: string;
  logFile: string;
  vars?: Readonly<Record<string, string>>;
  /** Static assets directory served instead of the config's (`--assets`): pass a snapshot. */
  assets?: string;
  healthPath?: string;
  startTimeoutMs?: number;
}

/** Starts the local runtime (miniflare via wrangler) on a free port and resolves once `healthPath` answers 200. */
export async function startDevServer(opts: DevServerOptions): Promise<DevServer> {
  const port = await freePort();
  const inspectorPort = await freePort();
  const args = [
    "dev",
    opts.script,
    "--no-bundle",
    "--config",
    opts.config,
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    opts.persistTo,
    "--show-interactive-dev-session=false",
    // Request lines and worker console.log would cost every system terminal I/O; errors still
    // show. BENCH_LOG_LEVEL=debug helps when a system misbehaves.
    "--log-level",
    process.env.BENCH_LOG_LEVEL ?? "warn",
  ];
  for (const [key, value] of Object.entries(opts.vars ?? {})) args.push("--var", `${key}:${value}`);
  if (opts.assets) args.push("--assets", opts.assets);

  const baseUrl = `http://127.0.0.1:${port}`;
  // BENCH_INSPECTOR=1 serves through `wrangler dev` itself, DevTools inspector and all; by
  // default the same runtime is started with the inspector off (see start-worker.mjs).
  const viaWranglerDev = process.env.BENCH_INSPECTOR === "1";
  const launcherArgs = [
    START_WORKER,
    JSON.stringify({
      config: opts.config,
      script: opts.script,
      persistTo: opts.persistTo,
      port,
      vars: opts.vars ?? {},
      assets: opts.assets,
      logLevel: process.env.BENCH_LOG_LEVEL ?? "warn",
    }),
  ];
  const child = await startHealthyChild({
    name: viaWranglerDev ? "wrangler dev" : "start-worker",
    argv: viaWranglerDev ? [WRANGLER_BIN, ...args] : launcherArgs,
    logFile: opts.logFile,
    healthUrl: baseUrl + (opts.healthPath ?? "/health"),
    startTimeoutMs: opts.startTimeoutMs ?? 90_000,
    stopGraceMs: 5_000,
    // Stray workerd children die with the group; give the OS a moment to reap them.
    reapMs: 300,
  });
  return { baseUrl, pid: child.pid, logFile: opts.logFile, inspectorPort: viaWranglerDev ? inspectorPort : undefined, stop: child.stop };
}

interface HealthyChildOptions {
  name: string;
  /** Arguments to Node (the script first). */
  argv: readonly string[];
  logFile: string;
  healthUrl: string;
  startTimeoutMs: number;
  /** How long SIGTERM gets before SIGKILL. */
  stopGraceMs: number;
  /** After stopping, wait this long and SIGKILL the group again (for grandchildren). */
  reapMs?: number;
}

/**
 * Starts a Node child in its own process group, output appended to `logFile`, and resolves once
 * `healthUrl` answers 200. It is killed on exit, error and Ctrl-C; `stop()` sends SIGTERM first.
 */
async function startHealthyChild(opts: HealthyChildOptions): Promise<{ pid: number; stop(): Promise<void> }> {
  mkdirSync(dirname(opts.logFile), { recursive: true });
  const out = createWriteStream(opts.logFile, { flags: "a" });
  const child = spawn(process.execPath, [...opts.argv], {
    cwd: REPO_ROOT,
    env: childEnv(),
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  live.add(child);
  child.stdout?.pipe(out);
  child.stderr?.pipe(out);
  let exited: number | null | undefined;
  const exitPromise = new Promise<void>((resolve) =>
    child.once("exit", (code) => {
      exited = code;
      live.delete(child);
      resolve();
    }),
  );
  const pid = child.pid;
  const stop = async (): Promise<void> => {
    if (exited !== undefined) return;
    killTree(child, "SIGTERM");
    const gone = await Promise.race([exitPromise.then(() => true), sleep(opts.stopGraceMs).then(() => false)]);
    if (!gone) killTree(child, "SIGKILL");
    if (opts.reapMs !== undefined) {
      await sleep(opts.reapMs);
      killTree(child, "SIGKILL");
    }
  };
  if (pid === undefined) throw new Error(`${opts.name} did not start`);
  const deadline = Date.now() + opts.startTimeoutMs;
  while (Date.now() < deadline) {
    if (exited !== undefined)
      throw new Error(`${opts.name} exited with ${exited} before answering ${opts.healthUrl} (see ${opts.logFile})`);
    try {
      const res = await fetch(opts.healthUrl, { signal: AbortSignal.timeout(2_000) });
      await res.arrayBuffer();
      if (res.status === 200) return { pid, stop };
    } catch {
      // Not listening yet.
    }
    await sleep(250);
  }
  await stop();
  throw new Error(`${opts.name} did not answer ${opts.healthUrl} within ${opts.startTimeoutMs} ms (see ${opts.logFile})`);
}

/** A helper service the bench runs as a child process (e.g. the local Anthropic API server). */
export interface ChildService {
  readonly baseUrl: string;
  readonly pid: number;
  stop(): Promise<void>;
}

export interface ChildServiceOptions {
  /** Arguments to Node itself (e.g. `--import tsx script.ts --port N`); cwd is the repo root. */
  nodeArgs: readonly string[];
  baseUrl: string;
  /** Answers 200 once the service is up. */
  healthPath: string;
  logFile: string;
  startTimeoutMs?: number;
}

/**
 * Starts a Node child in its own process group and waits until `healthPath` answers 200. Like
 * the wrangler children, it is killed on exit, error and Ctrl-C; `stop()` sends SIGTERM first.
 */
export async function startNodeService(opts: ChildServiceOptions): Promise<ChildService> {
  const child = await startHealthyChild({
    name: opts.nodeArgs.join(" "),
    argv: opts.nodeArgs,
    logFile: opts.logFile,
    healthUrl: opts.baseUrl + opts.healthPath,
    startTimeoutMs: opts.startTimeoutMs ?? 30_000,
    stopGraceMs: 3_000,
  });
  return { baseUrl: opts.baseUrl, pid: child.pid, stop: child.stop };
}

/**
 * Deletes a stopped system's persisted state and bundle: a full run leaves gigabytes of SQLite
 * files (one per object). Logs stay. BENCH_KEEP_STATE=1 keeps everything for inspection.
 */
export function discardState(...dirs: string[]): void {
  if (process.env.BENCH_KEEP_STATE === "1") return;
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
