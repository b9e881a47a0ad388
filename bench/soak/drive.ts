/**
 * Driving one phase of the soak: spawn its agents, send its trace (with the driver's duplicates)
 * while the schedule pauses and retires agents and starts the model outage, then wait until the
 * pipeline has settled (every event delivered or dead-lettered).
 */
import { HttpError, countsAt, numberAt } from "../lib/http";
import { forEachBounded } from "../lib/load";
import { sleep } from "../lib/proc";
import type { LiveObjectBudget } from "../lib/budget";
import type { WaooawDriver } from "../lib/waooaw-driver";
import { agentIdOf, customerOf, makeTrace, sendOrder, type TraceItem } from "./trace";

const BATCH = 100;
const ATTEMPTS = 5;

/** What the harness saw of the local runtime: requests it answered "restarted mid-request" (503). */
export const runtimeSeen = { restarts: 0 };

/** A call that a restarting runtime (503) or a fault may fail: every call here is idempotent. */
export async function withRetry<T>(what: string, call: () => Promise<T>, onRetry?: (l: string) => void): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      if (err instanceof Error && err.message.includes("restarted mid-request")) runtimeSeen.restarts++;
      const retriable = !(err instanceof HttpError) || err.status >= 500 || err.status === 429;
      if (!retriable || attempt >= ATTEMPTS) throw err;
      onRetry?.(`${what}: ${err instanceof Error ? err.message.slice(0, 120) : String(err)}; retry ${attempt}`);
      await sleep(500 * attempt);
    }
  }
}

export async function spawnRouters(
  driver: WaooawDriver,
  phase: string,
  agents: number,
  concurrency: number,
  liveBudget?: LiveObjectBudget,
): Promise<number> {
  const start = Date.now();
  let spawned = 0;
  await forEachBounded(
    Array.from({ length: agents }, (_, i) => i),
    concurrency,
    (i) =>
      withRetry(`spawn ${agentIdOf(phase, i)}`, async () => {
        await driver.api("/v1/admin/agents", {
          body: { definition: "soak-router", id: agentIdOf(phase, i), customerId: customerOf(phase, i) },
          okStatuses: [409],
          timeoutMs: 60_000,
        });
        // Each spawn wakes its agent: counted in hundreds, the budget's list stays short.
        if (++spawned % 100 === 0 || spawned === agents) liveBudget?.touch(spawned % 100 || 100, Date.now());
      }),
  );
  return Date.now() - start;
}

/** Something the schedule does once the given share of the phase's batches has been sent. */
export interface ScheduledAction {
  at: number;
  name: string;
  run: () => Promise<string>;
  /** Agents the action wakes (pausing, retiring), for the live-object budget. */
  touches?: number;
}

export interface SendOutcome {
  trace: TraceItem[];
  /** Events sent, duplicates included. */
  sent: number;
  /** Answered `queued`: new events. */
  accepted: number;
  /** Answered `duplicate`: the driver's repeats, dropped by idempotent ingest. */
  duplicates: number;
  firstAt: number;
  lastAt: number;
  log: string[];
  /** Milliseconds spent waiting for earlier waves' agents to be evicted (liveBudget). */
  paced: number;
}

export interface PhaseOptions {
  seed: string;
  phase: string;
  agents: number;
  events: number;
  duplicateRate: number;
  llmRate: number;
  concurrency: number;
  actions: ScheduledAction[];
  /**
   * Batches per wave: after each, wait until nothing is in flight. Many agents' events at once
   * wake more cold objects than one local workerd holds (bench/README.md, "Live-object caps"), so
   * phase 2 goes in waves, as load B does; 0: no waves.
   */
  waveBatches?: number;
  /**
   * Paces the waves so the objects they wake, and those woken just before, stay under the local
   * runtime's cap of live objects (bench/lib/budget.ts): a wave waits until enough earlier ones
   * have idled past eviction.
   */
  liveBudget?: LiveObjectBudget;
  /** Event n to agent n mod agents (see TraceOptions). */
  sequential?: boolean;
  say: (l: string) => void;
}

/** Sends the phase's trace; scheduled actions run in order as their share of batches is reached. */
export async function sendPhase(driver: WaooawDriver, o: PhaseOptions): Promise<SendOutcome> {
  const trace = makeTrace(o);
  const batches = sendOrder(trace, BATCH);
  const out: SendOutcome = { trace, sent: 0, accepted: 0, duplicates: 0, firstAt: Date.now(), lastAt: 0, log: [], paced: 0 };
  const actions = [...o.actions].sort((a, b) => a.at - b.at);
  let done = 0;
  let reported = 0;
  // Sent in slices between the scheduled actions, so each runs when its share has gone out.
  const actionCuts = actions.map((a) => Math.floor(a.at * batches.length));
  const wave = o.waveBatches ?? 0;
  const waveCuts =
    wave > 0 ? Array.from({ length: Math.ceil(batches.length / wave) }, (_, w) => (w + 1) * wave).filter((c) => c < batches.length) : [];
  // Slices end at each action's cut (the action runs there) and at each wave's end (the wave drains there).
  const cuts = [...new Set([...actionCuts, ...waveCuts, batches.length])].sort((a, b) => a - b);
  let from = 0;
  let nextAction = 0;
  // Agents one wave wakes: its events go to consecutive agents, one each (sequential).
  const waveAgents = Math.min(o.agents, wave * BATCH);
  for (let k = 0; k < cuts.length; k++) {
    const to = Math.max(from, cuts[k] as number);
    if (o.liveBudget && (from === 0 || waveCuts.includes(from))) {
      const wait = o.liveBudget.waitFor(waveAgents, Date.now());
      if (wait > 0) {
        out.paced += wait;
        await sleep(wait);
      }
    }
    await forEachBounded(batches.slice(from, to), o.concurrency, async (events) => {
      const body = await withRetry("ingest", () => driver.api("/v1/events/batch", { body: { events }, timeoutMs: 120_000 }), o.say);
      const results = (body as { results?: { status: string }[] } | null)?.results ?? [];
      for (const r of results) {
        if (r.status === "duplicate") out.duplicates++;
        else out.accepted++;
      }
      out.sent += events.length;
      done++;
      if (done - reported >= Math.max(1, Math.floor(batches.length / 10))) {
        reported = done;
        o.say(`${o.phase}: sent ${out.sent.toLocaleString("en-US")} events (${Math.round((done / batches.length) * 100)}%)`);
      }
    });
    from = to;
    if (waveCuts.includes(to) || to === batches.length) {
      if (wave > 0) await drained(driver, out.firstAt - 1, 120_000);
      o.liveBudget?.touch(waveAgents, Date.now());
    }
    while (nextAction < actions.length && actionCuts[nextAction] === to) {
      const action = actions[nextAction++] as ScheduledAction;
      const line = `${action.name}: ${await action.run()}`;
      out.log.push(line);
      o.say(line);
      // The agents an action paused or retired were woken by it too.
      if (action.touches) o.liveBudget?.touch(action.touches, Date.now());
    }
  }
  out.lastAt = Date.now();
  return out;
}

/** Waits (at most `timeoutMs`) until no event received since `since` is in flight. */
async function drained(driver: WaooawDriver, since: number, timeoutMs: number): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const stats = await withRetry("stats", () => driver.api(`/v1/admin/stats?since=${since}&latency=false`, { timeoutMs: 60_000 }));
    const s = countsAt(stats, "events.byStatus") ?? {};
    if ((s["pending"] ?? 0) + (s["queued"] ?? 0) + (s["enqueue_failed"] ?? 0) === 0) return;
    await sleep(250);
  }
}

export interface Settled {
  settledAt: number;
  /** Why the pipeline did not settle in time (then the reconciliation names what is left in flight), or null. */
  stalled: string | null;
  byStatus: Record<string, number>;
  byOutcome: Record<string, number>;
  p50: number | null;
  p99: number | null;
  decided: number;
}

/** Waits until every event received since `since` is delivered or dead (none in flight), then reads the latency. */
export async function waitSettled(
  driver: WaooawDriver,
  since: number,
  expected: number,
  timeoutMs: number,
  say: (l: string) => void,
): Promise<Settled> {
  const start = Date.now();
  let last = "";
  for (;;) {
    const stats = await withRetry("stats", () => driver.api(`/v1/admin/stats?since=${since}&latency=false`, { timeoutMs: 60_000 }));
    const byStatus = countsAt(stats, "events.byStatus") ?? {};
    const total = numberAt(stats, "events.total") ?? 0;
    const inFlight = (byStatus["pending"] ?? 0) + (byStatus["queued"] ?? 0) + (byStatus["enqueue_failed"] ?? 0);
    if (total >= expected && inFlight === 0) {
      // Delivered is not idle: a wake may still wait in its agent's inbox (for the cache or the model).
      const idle = await withRetry("reconciliation", () => driver.api(`/v1/admin/reconciliation?since=${since}`, { timeoutMs: 300_000 }));
      const busy = (numberAt(idle, "events.byClass.waking") ?? 0) + (numberAt(idle, "events.byClass.in_flight") ?? 0);
      if (busy > 0) {
        const line = `waiting: ${busy} events still being worked (waiting in an agent's inbox)`;
        if (Date.now() - start > timeoutMs)
          return stalledAt(driver, since, `not settled after ${Math.round(timeoutMs / 1000)} s: ${line}`, say);
        if (line !== last) say(line);
        last = line;
        await sleep(1_000);
        continue;
      }
      const full = await driver.api(`/v1/admin/stats?since=${since}&latency=true`, { timeoutMs: 120_000 });
      return {
        settledAt: Date.now(),
        stalled: null,
        byStatus,
        byOutcome: countsAt(full, "wakes.byOutcome") ?? {},
        p50: numberAt(full, "latencyMs.p50") ?? null,
        p99: numberAt(full, "latencyMs.p99") ?? null,
        decided: numberAt(full, "latencyMs.count") ?? 0,
      };
    }
    const line = `waiting: ${total}/${expected} events recorded, ${inFlight} in flight, ${byStatus["dead"] ?? 0} dead`;
    if (Date.now() - start > timeoutMs)
      return stalledAt(driver, since, `not settled after ${Math.round(timeoutMs / 1000)} s: ${line}`, say);
    if (line !== last && Date.now() - start > 5_000) {
      say(line);
      last = line;
    }
    await sleep(1_000);
  }
}

/** The figures of a pipeline that stopped moving: the run goes on to reconcile, which names what is stuck. */
async function stalledAt(driver: WaooawDriver, since: number, why: string, say: (l: string) => void): Promise<Settled> {
  say(`STALLED: ${why}`);
  const full = await driver.api(`/v1/admin/stats?since=${since}&latency=true`, { timeoutMs: 120_000 });
  return {
    settledAt: Date.now(),
    stalled: why,
    byStatus: countsAt(full, "events.byStatus") ?? {},
    byOutcome: countsAt(full, "wakes.byOutcome") ?? {},
    p50: numberAt(full, "latencyMs.p50") ?? null,
    p99: numberAt(full, "latencyMs.p99") ?? null,
    decided: numberAt(full, "latencyMs.count") ?? 0,
  };
}

/** Pauses (or retires) the given agents of a phase; answers how many changed. */
export async function lifecycle(
  driver: WaooawDriver,
  phase: string,
  agents: readonly number[],
  action: "pause" | "resume" | "retire",
): Promise<number> {
  let n = 0;
  await forEachBounded(agents, 4, async (i) => {
    await withRetry(`${action} ${agentIdOf(phase, i)}`, () =>
      driver.api(`/v1/admin/agents/${agentIdOf(phase, i)}/${action}`, {
        method: "POST",
        ...(action === "retire" ? { body: {} } : {}),
        okStatuses: [409],
      }),
    );
    n++;
  });
  return n;
}
