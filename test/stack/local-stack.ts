// A fresh local platform for end-to-end tests that run as Node scripts (the browser tests, the
// CLI's): like scripts/start.mjs but isolated: a temporary --persist-to directory, the D1
// migrations, a local Anthropic Messages API server (test/servers/anthropic-server.ts, in this
// process) and `wrangler dev` on free ports pointed at it, then the demo catalogue seeded.
// Every child runs in its own process group and is killed on exit, error and Ctrl-C.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { startAnthropicServer, type AnthropicServer } from "../servers/anthropic-server";
import { freePort } from "../servers/listen";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const ARTIFACTS = join(ROOT, "test-artifacts");
const WRANGLER = join(ROOT, "node_modules", "wrangler", "bin", "wrangler.js");

export interface LocalStack {
  baseUrl: string;
  anthropicUrl: string;
  adminToken: string;
  /** wrangler dev's output. */
  log: string;
  /** The --persist-to directory: `wrangler d1 execute --local` there reads and writes the stack's D1. */
  persistTo: string;
}

export interface StackOptions {
  /** Names the temporary directory and the log (test-artifacts/<name>-wrangler.log). */
  name: string;
  /** Extra `--var NAME:value` for wrangler dev. */
  vars?: Record<string, string>;
  /** Seed the demo catalogue (POST /v1/admin/seed); default true. */
  seed?: boolean;
}

const children = new Set<ChildProcess>();
const cleanups: (() => Promise<unknown>)[] = [];
let tempDir: string | undefined;
let anthropic: AnthropicServer | undefined;
let interruptedBySignal = false;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs at stop, before the children are killed (a browser to close, say). */
export function atStop(cleanup: () => Promise<unknown>): void {
  cleanups.push(cleanup);
}

/** True once Ctrl-C (or SIGTERM) started stopping everything. */
export function interrupted(): boolean {
  return interruptedBySignal;
}

/** After Ctrl-C a test fails as its stack goes away: let the signal handler end the run. */
export const untilInterruptHandled = () => new Promise<never>(() => {});

function descendants(root: number): number[] {
  const byParent = new Map<number, number[]>();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      byParent.set(ppid, [...(byParent.get(ppid) ?? []), Number(name)]);
    } catch {
      // exited meanwhile
    }
  }
  const out: number[] = [];
  const stack = [root];
  for (let parent = stack.pop(); parent !== undefined; parent = stack.pop()) {
    for (const pid of byParent.get(parent) ?? []) {
      out.push(pid);
      stack.push(pid);
    }
  }
  return out;
}
function tryKill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
/** The child, its process group and any descendant that left the group (workerd). */
function killTree(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  for (const pid of existsSync("/proc") ? descendants(child.pid) : []) tryKill(pid, signal);
  tryKill(-child.pid, signal); // the group outlives its leader: workerd is killed even if wrangler is gone
}
function killAllSync(): void {
  for (const child of children) killTree(child, "SIGKILL");
  children.clear();
  if (tempDir) rmSync(tempDir, { recursive: true, force: true });
  tempDir = undefined;
}

/** Stops what {@link startLocalStack} started (and the {@link atStop} cleanups), gently first. */
export async function stopLocalStack(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) await cleanup().catch(() => {});
  for (const child of children) killTree(child, "SIGTERM");
  const deadline = Date.now() + 5_000;
  while ([...children].some((c) => c.exitCode === null && c.signalCode === null) && Date.now() < deadline) await sleep(100);
  await anthropic?.close().catch(() => {});
  anthropic = undefined;
  killAllSync();
}

process.on("exit", killAllSync);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    interruptedBySignal = true;
    console.error(`\n${signal}: stopping wrangler and the local servers`);
    void stopLocalStack().finally(() => process.exit(130));
  });
}

export function tail(file: string, lines = 60): string {
  try {
    return readFileSync(file, "utf8").split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

export async function startLocalStack(options: StackOptions): Promise<LocalStack> {
  tempDir = mkdtempSync(join(tmpdir(), `waooaw-${options.name}-`));
  const persistTo = join(tempDir, "state");
  const env = {
    ...process.env,
    CI: "true", // wrangler never prompts
    WRANGLER_SEND_METRICS: "false",
    NO_COLOR: "1",
    // A private dev registry: another `wrangler dev` of waooaw on this machine (npm start) has the
    // same worker and queue names and must not see, or be seen by, this one.
    WRANGLER_REGISTRY_PATH: join(tempDir, "registry"),
  };
  mkdirSync(env.WRANGLER_REGISTRY_PATH, { recursive: true });
  mkdirSync(ARTIFACTS, { recursive: true });
  const logFile = join(ARTIFACTS, `${options.name}-wrangler.log`);
  const log = createWriteStream(logFile, { flags: "w" });

  const migrate = spawnSync(process.execPath, [WRANGLER, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo], {
    cwd: ROOT,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  log.write(`$ wrangler d1 migrations apply\n${migrate.stdout}${migrate.stderr}\n`);
  if (migrate.status !== 0)
    throw new Error(`D1 migrations failed (${migrate.status ?? migrate.signal}):\n${migrate.stdout}${migrate.stderr}`);

  anthropic = await startAnthropicServer();
  const port = await freePort();
  const inspectorPort = await freePort();
  const adminToken = randomBytes(18).toString("base64url");
  const vars: Record<string, string> = {
    ADMIN_TOKEN: adminToken,
    ANTHROPIC_API_KEY: "test",
    ANTHROPIC_BASE_URL: anthropic.url,
    ...options.vars,
  };
  const args = [
    WRANGLER,
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--inspector-port",
    String(inspectorPort),
    "--persist-to",
    persistTo,
    "--show-interactive-dev-session=false",
    ...Object.entries(vars).flatMap(([name, value]) => ["--var", `${name}:${value}`]),
  ];
  const dev = spawn(process.execPath, args, { cwd: ROOT, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
  children.add(dev);
  dev.stdout?.pipe(log);
  dev.stderr?.pipe(log);

  const baseUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (dev.exitCode !== null || dev.signalCode !== null)
      throw new Error(`wrangler dev exited (${dev.exitCode ?? dev.signalCode}) before answering:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not answer /health within 60 s:\n${tail(logFile)}`);
    await sleep(250);
  }
  if (options.seed !== false) {
    const seeded = await fetch(`${baseUrl}/v1/admin/seed`, { method: "POST", headers: { authorization: `Bearer ${adminToken}` } });
    if (!seeded.ok) throw new Error(`seeding the demo catalogue failed: ${seeded.status} ${await seeded.text()}`);
  }
  return { baseUrl, anthropicUrl: anthropic.url, adminToken, log: logFile, persistTo };
}

/**
 * Runs SQL on the stack's local D1 with `wrangler d1 execute --local`, for what no route does
 * (a test putting the database in a state the platform reaches only through a failure). Not
 * spawnSync: the local Anthropic server and wrangler dev's log live on this process's event loop.
 */
export async function executeD1(stack: LocalStack, sql: string): Promise<void> {
  const run = spawn(process.execPath, [WRANGLER, "d1", "execute", "DB", "--local", "--persist-to", stack.persistTo, "--command", sql], {
    cwd: ROOT,
    env: { ...process.env, CI: "true", WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.add(run);
  let output = "";
  run.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  run.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => run.on("exit", resolve));
  children.delete(run);
  if (code !== 0) throw new Error(`wrangler d1 execute failed (${code}):\n${output}`);
}

/**
 * The e-mail verification link wrangler dev logged for `email` (the stack has no e-mail
 * service, so sign-up writes the link to the dev log, as for a developer running `npm start`).
 */
export async function verificationLinkInLog(stack: LocalStack, email: string, timeoutMs = 10_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = readFileSync(stack.log, "utf8")
      .split("\n")
      .filter((l) => l.includes(`verification link for ${email}:`));
    const link = lines.at(-1)?.match(/https?:\/\/\S+/)?.[0];
    if (link) return link;
    if (Date.now() > deadline) throw new Error(`no verification link for ${email} in ${stack.log}`);
    await sleep(200);
  }
}
