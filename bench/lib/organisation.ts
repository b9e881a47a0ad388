/**
 * Load F ("the organisation"): handoff chains between a customer's agents, their floor on bare
 * Durable Objects, and the coordinator's routing with and without sharding.
 *
 * 1. A fresh platform session with `ORG_COORDINATOR_SHARDS=16`: the SDR and AE definitions are
 *    published once (as operator), customers sign up and hire one of each; routing is timed
 *    (`POST /v1/coordinators/sales/tasks`) and its tasks drained; then the chains: qualified
 *    leads posted to random customers' SDR hires, a fixed number in flight, read back when every
 *    one has left the chain (task createdAt/finishedAt, handoff and ack createdAt).
 * 2. The baselines worker: the same chains as direct RPC, SDR object → AE object, per customer.
 * 3. More fresh platform sessions, routing only (`routingOrder` after its first entry; default
 *    1, 1, 16: with the first session, 16 1 1 16, so drift over the run falls on both evenly).
 */
import { accountExecutive, sdr } from "../../test/organisation/definitions";
import { join } from "node:path";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { shardOf } from "../../src/organisation/balancer";
import { call, countBy, field, hireAgent, num, Recorder, signUpCustomers, str } from "./api-call";
import { logIssues } from "./decisions";
import { prng } from "./decisions-trace";
import { chunk, forEachBounded } from "./load";
import { LogScanner } from "./logscan";
import type { ChainFigures, Check, OrganisationResult, Percentiles, RouteFigures } from "./organisation-report";
import { buildWorker, discardState, sleep, startDevServer, type DevServer } from "./proc";
import { RssSampler } from "./rss";
import { startWaooaw, type WaooawDriver } from "./waooaw-driver";

export interface OrganisationLoadConfig {
  customers: number;
  chains: number;
  routes: number;
  /** Requests in flight: task posts, routes, floor requests (and the read-backs). */
  concurrency: number;
  /** Chains per floor request (1: one chain per request, like one task per post). */
  floorBatch: number;
  seed: number;
  /** Give up on chains that have not moved for this long (they count as not done). */
  stallS: number;
  /**
   * `ORG_COORDINATOR_SHARDS` of each platform session, in order: the first runs the routing and
   * the chains, the others (after the floor) routing only. Full: 16,1,1,16 (ABBA: drift over the
   * run weighs on both settings alike); quick: 16,1.
   */
  routingOrder: number[];
}

// --- The definitions: the organisation tests' SDR and account executive (test/organisation/definitions.ts). ---

export const SDR_DEFINITION = sdr("bench-org-sdr");
export const AE_DEFINITION = accountExecutive("bench-org-ae");

/** A qualified lead (the SDR hands it on), and the deal the AE plans. */
function qualifiedLead(i: number) {
  return {
    kind: "qualify-lead",
    lead: { company: `Nordwind ${i} GmbH`, authority: "economic-buyer", need: "critical", timelineMonths: 2, budget: 80_000 },
    now: "2026-12-01T09:00:00Z",
    deal: `Nordwind ${i} platform`,
    closeDate: "2027-03-31",
  };
}

/** An unqualified lead for the routing phase: the SDR scores it and keeps it (one hop, no handoff). */
function unqualifiedLead(i: number) {
  return { kind: "qualify-lead", lead: { company: `Tiny ${i} Co`, need: "low", authority: "end-user" }, now: "2026-12-01T09:00:00Z" };
}

/** Nearest-rank percentiles. */
export function percentiles(values: readonly number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (p: number) => (s.length ? (s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))] ?? null) : null);
  return { n: s.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: s.length ? (s[s.length - 1] ?? null) : null };
}

interface Customer {
  id: string;
  key: string;
  sdrHire: string;
  aeHire: string;
}

/** Signs the customers up and hires an SDR and an AE for each. */
async function setUp(d: WaooawDriver, cfg: OrganisationLoadConfig): Promise<{ customers: Customer[]; signupMs: number; hireMs: number }> {
  const base = d.baseUrl;
  for (const def of [AE_DEFINITION]) {
    const r = await call(`${base}/v1/admin/definitions`, { body: def, key: d.token });
    if (r.status !== 201 && r.status !== 409) throw new Error(`publishing ${def.slug}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  }
  let t0 = performance.now();
  const signed = await signUpCustomers(base, cfg.customers, cfg.concurrency, "f", d.token);
  const signupMs = performance.now() - t0;
  t0 = performance.now();
  const customers: Customer[] = [];
  await forEachBounded(
    signed.map((s, i) => ({ ...s, i })),
    cfg.concurrency,
    async (s) => {
      const sdrHire = await hireAgent(base, s, SDR_DEFINITION.slug);
      customers[s.i] = { id: s.id, key: s.key, sdrHire, aeHire: await hireAgent(base, s, AE_DEFINITION.slug) };
    },
  );
  return { customers, signupMs, hireMs: performance.now() - t0 };
}

interface TaskRecord {
  id: string;
  status: string;
  createdAt: number;
  finishedAt: number | null;
}

/**
 * Polls the SDR hires' task lists until every task in `wanted` has left the chain (not queued,
 * not delegated), or none has moved for `stallMs`. Returns the last view of each task.
 */
async function waitForTasks(
  base: string,
  wanted: ReadonlyMap<string, Customer>,
  concurrency: number,
  stallMs: number,
  progress: (line: string) => void,
): Promise<Map<string, TaskRecord>> {
  const seen = new Map<string, TaskRecord>();
  const open = () => [...wanted.keys()].filter((id) => !isFinal(seen.get(id)));
  let lastOpen = Number.POSITIVE_INFINITY;
  let lastMove = Date.now();
  let lastSay = Date.now();
  for (;;) {
    const pending = open();
    if (pending.length === 0) return seen;
    if (pending.length < lastOpen) {
      lastOpen = pending.length;
      lastMove = Date.now();
    } else if (Date.now() - lastMove > stallMs) {
      progress(`${pending.length} task(s) have not left the chain for ${stallMs / 1000} s; giving up on them`);
      return seen;
    }
    if (Date.now() - lastSay > 10_000) {
      progress(`waiting: ${pending.length} of ${wanted.size} task(s) still in the chain`);
      lastSay = Date.now();
    }
    const hires = new Map<string, Customer>();
    for (const id of pending) {
      const c = wanted.get(id);
      if (c) hires.set(c.sdrHire, c);
    }
    await forEachBounded([...hires.values()], concurrency, async (c) => {
      for (const t of await listTasks(base, c)) if (wanted.has(t.id)) seen.set(t.id, t);
    });
    if (open().length > 0) await sleep(1_000);
  }
}

function isFinal(t: TaskRecord | undefined): boolean {
  return t !== undefined && t.status !== "queued" && t.status !== "delegated";
}

async function listTasks(base: string, c: Customer): Promise<TaskRecord[]> {
  const out: TaskRecord[] = [];
  let cursor: string | undefined;
  do {
    const r = await call(`${base}/v1/hires/${c.sdrHire}/tasks?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
      key: c.key,
    });
    if (r.status !== 200) throw new Error(`GET /v1/hires/${c.sdrHire}/tasks: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    for (const item of (field(r.body, "items") as unknown[] | undefined) ?? []) {
      const id = str(item, "id");
      const createdAt = num(item, "createdAt");
      if (!id || createdAt === undefined) continue;
      out.push({ id, status: str(item, "status") ?? "?", createdAt, finishedAt: num(item, "finishedAt") ?? null });
    }
    cursor = str(r.body, "nextCursor");
  } while (cursor);
  return out;
}

/** Routing: `routes` tasks to random customers through the sales coordinator, then drained. */
async function runRoutes(
  d: WaooawDriver,
  cfg: OrganisationLoadConfig,
  shards: number,
  customers: readonly Customer[],
  rec: Recorder,
  progress: (line: string) => void,
): Promise<RouteFigures> {
  const base = d.baseUrl;
  // Warm-up, not measured: one route per customer, so every coordinator shard in use has started
  // and the hires' agents have taken a task before the timed pass (16 shards start up to 16
  // objects, 1 shard one: without it the comparison is mostly cold starts).
  const warm = new Map<string, Customer>();
  await forEachBounded(customers, cfg.concurrency, async (c) => {
    const r = await call(`${base}/v1/coordinators/sales/tasks`, {
      key: c.key,
      body: { type: "inbound-lead", title: "Warm-up lead", instructions: "Qualify this lead", inputs: unqualifiedLead(-1) },
    });
    const taskId = str(r.body, "taskId");
    if (r.status !== 202 || !taskId) throw new Error(`warm-up route for ${c.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    warm.set(taskId, c);
  });
  await waitForTasks(base, warm, cfg.concurrency, cfg.stallS * 1000, progress);
  const rng = prng(cfg.seed * 97 + 3);
  const items = Array.from({ length: cfg.routes }, (_, i) => ({ i, c: customers[Math.floor(rng() * customers.length)] as Customer }));
  const sampler = new RssSampler(d.pid);
  sampler.start();
  const log = new LogScanner(d.logFile);
  const latencies: number[] = [];
  const failures: string[] = [];
  const routed = new Map<string, Customer>();
  const t0 = performance.now();
  await forEachBounded(items, cfg.concurrency, async ({ i, c }) => {
    const r = await call(`${base}/v1/coordinators/sales/tasks`, {
      key: c.key,
      body: { type: "inbound-lead", title: `Inbound lead ${i}`, instructions: "Qualify this lead", inputs: unqualifiedLead(i) },
    });
    latencies.push(r.ms);
    const taskId = str(r.body, "taskId");
    if (r.status !== 202 || !taskId) {
      failures.push(String(r.status));
      rec.note(`route (${shards} shard(s)) for ${c.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      return;
    }
    if (str(r.body, "hireId") !== c.sdrHire || str(r.body, "instanceId") !== `agent-${c.sdrHire}`) {
      failures.push("wrong agent");
      rec.note(`route (${shards} shard(s)) for ${c.id}: went to ${str(r.body, "instanceId")}, not the customer's SDR agent-${c.sdrHire}`);
      return;
    }
    routed.set(taskId, c);
  });
  const wallMs = performance.now() - t0;
  progress(`${shards} shard(s): ${routed.size} of ${items.length} routed in ${(wallMs / 1000).toFixed(2)} s; draining their tasks`);
  const d0 = performance.now();
  const seen = await waitForTasks(base, routed, cfg.concurrency, cfg.stallS * 1000, progress);
  const drainMs = performance.now() - d0;
  sampler.stop();
  const logText = log.readNew();
  return {
    session: 0,
    shards,
    routes: items.length,
    ok: routed.size,
    failures: countBy(failures),
    wallMs,
    routesPerSec: wallMs > 0 ? (items.length / wallMs) * 1000 : null,
    latency: percentiles(latencies),
    shardsUsed: new Set(customers.map((c) => shardOf(c.id, shards))).size,
    drained: countBy([...routed.keys()].map((id) => seen.get(id)?.status ?? "not seen")),
    drainMs,
    peakRssMb: Math.round(sampler.peakBytes() / (1024 * 1024)),
    logIssues: { ...logIssues(logText), sqliteNomem: (logText.match(/SQLITE_NOMEM/g) ?? []).length },
  };
}

interface ChainItem {
  i: number;
  c: Customer;
}

function chainItems(cfg: OrganisationLoadConfig, customers: readonly Customer[]): ChainItem[] {
  const rng = prng(cfg.seed);
  return Array.from({ length: cfg.chains }, (_, i) => ({ i, c: customers[Math.floor(rng() * customers.length)] as Customer }));
}

/** The chains on the platform: posted, waited for, read back (task and chain records). */
async function runPlatformChains(
  d: WaooawDriver,
  cfg: OrganisationLoadConfig,
  customers: readonly Customer[],
  rec: Recorder,
  checks: Check[],
  progress: (line: string) => void,
): Promise<ChainFigures> {
  const base = d.baseUrl;
  const items = chainItems(cfg, customers);
  const sampler = new RssSampler(d.pid);
  sampler.start();
  const posted = new Map<string, Customer>();
  const postMs: number[] = [];
  let postFailures = 0;
  const firstPostAt = Date.now();
  const t0 = performance.now();
  await forEachBounded(items, cfg.concurrency, async ({ i, c }) => {
    const r = await call(`${base}/v1/hires/${c.sdrHire}/tasks`, {
      key: c.key,
      body: { title: `Lead ${i}`, instructions: "Qualify this lead and hand it on", inputs: qualifiedLead(i) },
    });
    postMs.push(r.ms);
    const id = str(r.body, "id");
    if (r.status !== 202 || !id) {
      postFailures++;
      rec.note(`task post for ${c.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      return;
    }
    posted.set(id, c);
  });
  const postWall = performance.now() - t0;
  progress(`posted ${posted.size} of ${items.length} chains in ${(postWall / 1000).toFixed(2)} s; waiting for them`);
  const seen = await waitForTasks(base, posted, cfg.concurrency, cfg.stallS * 1000, progress);
  sampler.stop();

  // Read every chain back: the handoff and its ack, with their own timestamps.
  const hop1: number[] = [];
  const hop2: number[] = [];
  const hop3: number[] = [];
  const e2e: number[] = [];
  let shapeProblems = 0;
  let lastFinished = 0;
  await forEachBounded([...posted], cfg.concurrency, async ([taskId, c]) => {
    const t = seen.get(taskId);
    if (!t) return;
    if (t.finishedAt !== null) lastFinished = Math.max(lastFinished, t.finishedAt);
    if (t.status !== "done" || t.finishedAt === null) return;
    e2e.push(t.finishedAt - t.createdAt);
    const r = await call(`${base}/v1/tasks/${taskId}/chain`, { key: c.key });
    const messages = (field(r.body, "messages") as unknown[] | undefined) ?? [];
    const handoff = messages.find((m) => str(m, "type") === "handoff");
    const ack = messages.find((m) => str(m, "type") === "ack" && str(m, "correlationId") === str(handoff, "id"));
    const shape = messages.map((m) => `${str(m, "type")}:${str(m, "status")}`).join(",");
    const to = str(field(handoff, "to"), "instanceId");
    if (r.status !== 200 || !handoff || !ack || shape !== "handoff:done,ack:recorded" || to !== `agent-${c.aeHire}`) {
      shapeProblems++;
      rec.note(
        `chain of ${taskId}: HTTP ${r.status}, messages ${shape || "none"}, handoff to ${String(to)} (the customer's AE: agent-${c.aeHire})`,
      );
      return;
    }
    const handoffAt = num(handoff, "createdAt") ?? 0;
    const ackAt = num(ack, "createdAt") ?? 0;
    hop1.push(handoffAt - t.createdAt);
    hop2.push(ackAt - handoffAt);
    hop3.push(t.finishedAt - ackAt);
  });
  const statuses = countBy([...posted.keys()].map((id) => seen.get(id)?.status ?? "not seen"));
  if (postFailures) statuses["post failed"] = postFailures;
  const done = statuses["done"] ?? 0;
  const windowMs = Math.max(0, lastFinished - firstPostAt);
  checks.push(
    {
      name: "platform: task posts answered 202",
      expected: String(items.length),
      observed: String(posted.size),
      ok: posted.size === items.length,
    },
    {
      name: "platform: chains that ended `done`",
      expected: String(items.length),
      observed: `${done} (${Object.entries(statuses)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`,
      ok: done === items.length,
    },
    {
      name: "platform: done chains whose record is a handoff (done) to the customer's own AE and its ack",
      expected: String(done),
      observed: String(done - shapeProblems),
      ok: shapeProblems === 0,
    },
  );
  return {
    chains: items.length,
    done,
    statuses,
    windowMs,
    chainsPerSec: windowMs > 0 ? (done / windowMs) * 1000 : null,
    endToEnd: percentiles(e2e),
    hop1: percentiles(hop1),
    hop2: percentiles(hop2),
    hop3: percentiles(hop3),
    postMs: postWall,
    post: percentiles(postMs),
    peakRssMb: Math.round(sampler.peakBytes() / (1024 * 1024)),
  };
}

/** The floor: the same chains (same customers, same order, same concurrency) on the baselines worker. */
async function runFloor(
  runDir: string,
  cfg: OrganisationLoadConfig,
  customers: readonly Customer[],
  rec: Recorder,
  checks: Check[],
  progress: (line: string) => void,
): Promise<ChainFigures> {
  const config = "bench/baselines/wrangler.toml";
  const logFile = join(runDir, "floor-f.log");
  const buildDir = join(runDir, "floor-f-build");
  const stateDir = join(runDir, "floor-f-state");
  let server: DevServer | undefined;
  try {
    const script = await buildWorker(config, buildDir, logFile);
    server = await startDevServer({ config, script, persistTo: stateDir, logFile });
    const base = server.baseUrl;
    for (const batch of chunk(customers, 100)) {
      const r = await call(`${base}/chain/spawn`, { body: { customerIds: batch.map((c) => c.id) } });
      if (r.status !== 201) throw new Error(`floor spawn: HTTP ${r.status} ${r.text.slice(0, 200)}`);
    }
    const sampler = new RssSampler(server.pid);
    sampler.start();
    const items = chainItems(cfg, customers);
    const requests = chunk(items, cfg.floorBatch);
    const times: { createdAt: number; handoffAt: number; ackAt: number; finishedAt: number; verdict: string }[] = [];
    const postMs: number[] = [];
    let failed = 0;
    const firstPostAt = Date.now();
    const t0 = performance.now();
    await forEachBounded(requests, cfg.concurrency, async (batch) => {
      const r = await call(`${base}/chain`, {
        body: { chains: batch.map(({ i, c }) => ({ customerId: c.id, id: `chain-${i}`, lead: qualifiedLead(i).lead })) },
      });
      postMs.push(r.ms);
      const answered = (field(r.body, "chains") as unknown[] | undefined) ?? [];
      if (r.status !== 200 || answered.length !== batch.length) {
        failed += batch.length;
        rec.note(`floor /chain: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        return;
      }
      for (const a of answered)
        times.push({
          createdAt: num(a, "createdAt") ?? 0,
          handoffAt: num(a, "handoffAt") ?? 0,
          ackAt: num(a, "ackAt") ?? 0,
          finishedAt: num(a, "finishedAt") ?? 0,
          verdict: str(a, "verdict") ?? "?",
        });
    });
    const postWall = performance.now() - t0;
    sampler.stop();
    const done = times.filter((t) => t.verdict === "SQL").length;
    const lastFinished = Math.max(0, ...times.map((t) => t.finishedAt));
    const windowMs = Math.max(0, lastFinished - firstPostAt);
    progress(`floor: ${done} of ${items.length} chains in ${(windowMs / 1000).toFixed(2)} s`);
    checks.push({
      name: "floor: chains answered, lead qualified and handed to the AE",
      expected: String(items.length),
      observed: `${done}${failed ? ` (${failed} failed)` : ""}`,
      ok: done === items.length,
    });
    const sqlTimes = times.filter((t) => t.verdict === "SQL");
    return {
      chains: items.length,
      done,
      statuses: { done, ...(failed ? { failed } : {}) },
      windowMs,
      chainsPerSec: windowMs > 0 ? (done / windowMs) * 1000 : null,
      endToEnd: percentiles(sqlTimes.map((t) => t.finishedAt - t.createdAt)),
      hop1: percentiles(sqlTimes.map((t) => t.handoffAt - t.createdAt)),
      hop2: percentiles(sqlTimes.map((t) => t.ackAt - t.handoffAt)),
      hop3: percentiles(sqlTimes.map((t) => t.finishedAt - t.ackAt)),
      postMs: postWall,
      post: percentiles(postMs),
      peakRssMb: Math.round(sampler.peakBytes() / (1024 * 1024)),
    };
  } finally {
    await server?.stop();
    discardState(buildDir, stateDir);
  }
}

export async function runLoadF(cfg: OrganisationLoadConfig, runDir: string, progress: (line: string) => void): Promise<OrganisationResult> {
  const rec = new Recorder();
  const checks: Check[] = [];
  const routing: RouteFigures[] = [];

  const [firstShards = 16, ...laterShards] = cfg.routingOrder;
  // 1. The platform (16 shards by default): setup, routing, then the chains.
  let platform: ChainFigures;
  let customers: Customer[];
  let setup: OrganisationResult["setup"];
  let chainLog: OrganisationResult["logIssues"];
  let d: WaooawDriver | undefined;
  try {
    d = await startWaooaw(runDir, {
      label: `waooaw-f-1-${firstShards}`,
      vars: { ORG_COORDINATOR_SHARDS: String(firstShards) },
      definition: SDR_DEFINITION,
    });
    const s = await setUp(d, cfg);
    customers = s.customers;
    setup = { customers: customers.length, hires: customers.length * 2, signupMs: s.signupMs, hireMs: s.hireMs };
    progress(`session 1 (${firstShards} shards): ${customers.length} customers signed up, ${setup.hires} hires`);
    routing.push({ ...(await runRoutes(d, cfg, firstShards, customers, rec, progress)), session: 1 });
    const log = new LogScanner(d.logFile);
    platform = await runPlatformChains(d, cfg, customers, rec, checks, progress);
    const logText = log.readNew();
    chainLog = { ...logIssues(logText), sqliteNomem: (logText.match(/SQLITE_NOMEM/g) ?? []).length };
    progress(
      `platform: ${platform.done} of ${platform.chains} chains done, ${platform.chainsPerSec?.toFixed(1)} chains/s, end-to-end p50 ${platform.endToEnd.p50Ms} ms`,
    );
  } finally {
    await d?.stop();
  }

  // 2. The floor.
  let floor: ChainFigures | null = null;
  try {
    floor = await runFloor(runDir, cfg, customers, rec, checks, progress);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    progress(`floor failed: ${message}`);
    rec.note(`floor failed: ${message}`);
    checks.push({ name: "floor ran", expected: "yes", observed: message.slice(0, 200), ok: false });
  }

  // 3. More platform sessions, routing only.
  for (const [k, shards] of laterShards.entries()) {
    const session = k + 2;
    let dn: WaooawDriver | undefined;
    try {
      dn = await startWaooaw(runDir, {
        label: `waooaw-f-${session}-${shards}`,
        vars: { ORG_COORDINATOR_SHARDS: String(shards) },
        definition: SDR_DEFINITION,
      });
      const s = await setUp(dn, cfg);
      progress(`session ${session} (${shards} shard(s)): ${s.customers.length} customers signed up`);
      routing.push({ ...(await runRoutes(dn, cfg, shards, s.customers, rec, progress)), session });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      progress(`session ${session} (${shards} shard(s)) failed: ${message}`);
      rec.note(`session ${session} (${shards} shard(s)) failed: ${message}`);
      checks.push({
        name: `session ${session}: routing with ${shards} shard(s) ran`,
        expected: "yes",
        observed: message.slice(0, 200),
        ok: false,
      });
    } finally {
      await dn?.stop();
    }
  }

  for (const r of routing) {
    checks.push(
      {
        name: `routing, session ${r.session} (${r.shards} shard(s)): answered 202 with the customer's SDR`,
        expected: String(r.routes),
        observed: String(r.ok),
        ok: r.ok === r.routes,
      },
      {
        name: `routing, session ${r.session} (${r.shards} shard(s)): routed tasks ended \`done\` (the SDR kept the unqualified lead)`,
        expected: String(r.ok),
        observed: Object.entries(r.drained)
          .map(([k, v]) => `${k} ${v}`)
          .join(", "),
        ok: (r.drained["done"] ?? 0) === r.ok,
      },
    );
  }
  // Most shards ÷ fewest, each the mean routes/s over its sessions.
  const counts = routing.map((r) => r.shards);
  const meanRate = (shards: number) => {
    const rates = routing.filter((r) => r.shards === shards && r.routesPerSec !== null).map((r) => r.routesPerSec as number);
    return rates.length ? rates.reduce((a, b) => a + b, 0) / rates.length : null;
  };
  const most = Math.max(...counts);
  const fewest = Math.min(...counts);
  const rMost = most === fewest ? null : meanRate(most);
  const rFewest = meanRate(fewest);
  return {
    status: "ok",
    config: cfg,
    setup,
    platform,
    floor,
    ratio: floor?.chainsPerSec && platform.chainsPerSec !== null ? platform.chainsPerSec / floor.chainsPerSec : null,
    routing,
    routingRatio: rMost !== null && rFewest ? { most, fewest, ratio: rMost / rFewest } : null,
    checks,
    problems: rec.problems,
    problemCount: rec.count,
    logIssues: chainLog,
    loadAvgAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
