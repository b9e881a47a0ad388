/** Load F's figures (the organisation: handoff chains, their floor, coordinator routing) and its markdown section. */
import type { OrganisationLoadConfig } from "./organisation";

/** p50 / p99 / max of one interval over the chains, in ms, from the records' timestamps. */
export interface Percentiles {
  n: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
}

export interface ChainFigures {
  chains: number;
  /** Chains that ended `done` (the platform) or answered (the floor). */
  done: number;
  /** By final status, for the platform's tasks (done, needs_hire, failed, still queued or delegated at the deadline...). */
  statuses: Record<string, number>;
  /** First chain started (the bench's first request) → last chain done (its finishedAt), ms. */
  windowMs: number;
  chainsPerSec: number | null;
  /** Task created → finished. */
  endToEnd: Percentiles;
  /** Task created → handoff message created: the SDR's wake and decision, rolled up. */
  hop1: Percentiles;
  /** Handoff created → ack created: routing by the coordinator, delivery, the AE's wake and decision. */
  hop2: Percentiles;
  /** Ack created → task finished: the AE's act and the task written back. */
  hop3: Percentiles;
  /** Time to get every chain's first request answered (the platform: every task posted). */
  postMs: number;
  /** Client-side latency of `POST /v1/hires/{id}/tasks` (the platform) or of one floor request. */
  post: Percentiles;
  peakRssMb: number;
}

export interface RouteFigures {
  /** Which platform session (1 = the one that also ran the chains). */
  session: number;
  shards: number;
  routes: number;
  /** Answers 202 with the customer's SDR. */
  ok: number;
  /** Other answers, by status. */
  failures: Record<string, number>;
  wallMs: number;
  routesPerSec: number | null;
  latency: Percentiles;
  /** Distinct coordinator shards the customers map to (of `shards`). */
  shardsUsed: number;
  /** The routed tasks (an unqualified lead: the SDR scores it and keeps it) after the drain, by status. */
  drained: Record<string, number>;
  drainMs: number;
  peakRssMb: number;
  logIssues: { errors: number; warnings: number; samples: string[]; sqliteNomem: number };
}

export interface Check {
  name: string;
  expected: string;
  observed: string;
  ok: boolean;
}

export interface OrganisationResult {
  status: "ok";
  config: OrganisationLoadConfig;
  setup: { customers: number; hires: number; signupMs: number; hireMs: number };
  platform: ChainFigures;
  floor: ChainFigures | null;
  /** Platform chains/s ÷ floor chains/s. */
  ratio: number | null;
  routing: RouteFigures[];
  /** Mean routes/s with the most shards ÷ with the fewest (16 ÷ 1 by default), over their sessions. */
  routingRatio: { most: number; fewest: number; ratio: number } | null;
  checks: Check[];
  problems: string[];
  problemCount: number;
  /** Worker log of session 1 during the chains. */
  logIssues: { errors: number; warnings: number; samples: string[]; sqliteNomem: number };
  loadAvgAtEnd: number;
}

export type OrganisationOutcome = OrganisationResult | { status: "skipped" | "failed"; message: string };

/** Chains that did not end `done` (platform and floor), or null when load F did not run to the end. */
export function unfinishedChains(f: OrganisationOutcome | undefined): number | null {
  if (f?.status !== "ok") return null;
  return f.platform.chains - f.platform.done + (f.floor ? f.floor.chains - f.floor.done : 0);
}

const n = (x: number) => x.toLocaleString("en-US");
const ms = (x: number | null) => (x === null ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const rate = (x: number | null) => (x === null ? "–" : x < 100 ? x.toFixed(1) : n(Math.round(x)));
const pc = (p: Percentiles) => `${ms(p.p50Ms)} / ${ms(p.p99Ms)}`;
const counts = (r: Record<string, number>) =>
  Object.entries(r)
    .map(([k, v]) => `${k} ${n(v)}`)
    .join(", ") || "none";

export function organisationMarkdown(f: OrganisationOutcome): string[] {
  const lines = ["", "## Load F — the organisation (handoff chains, their floor, coordinator routing)", ""];
  if (f.status !== "ok") return [...lines, `Load F ${f.status}: ${f.message}`];
  const c = f.config;
  const p = f.platform;
  const fl = f.floor;
  lines.push(
    `${n(f.setup.customers)} customers, each with an SDR and an account executive hired (${n(f.setup.hires)} hires). ` +
      `${n(c.chains)} chains (a qualified lead given to a random customer's SDR: it scores the lead, hands it to the AE through the sales coordinator, the AE plans the close), ` +
      `posted ${c.concurrency} in flight. Chains/s = chains ÷ (first task posted → last task finished); the hops come from the records' own timestamps (task createdAt, handoff createdAt, ack createdAt, task finishedAt).`,
    "",
    "| System | Chains | Done | chains/s | end-to-end p50 / p99 ms | hop 1: task → handoff | hop 2: handoff → ack | hop 3: ack → finished | window s | posting s | peak RSS MB |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    chainRow(`waooaw (platform, ${c.routingOrder[0] ?? 16} shards)`, p),
    fl ? chainRow(`floor (bare DO RPC, ${c.floorBatch} chain(s) per request)`, fl) : "| floor | – | – | – | – | – | – | – | – | – | – |",
    "",
    `**Platform ÷ floor (chains/s): ${f.ratio === null ? "–" : `${f.ratio.toFixed(4)}× (the floor is ${(1 / f.ratio).toFixed(1)}× faster)`}.** ` +
      `Platform task statuses at the end: ${counts(p.statuses)}.`,
    "",
    `Coordinator routing: \`POST /v1/coordinators/sales/tasks\` (\`inbound-lead\`, an unqualified lead: the SDR scores it and keeps it), ${n(c.routes)} routes to random customers, ${c.concurrency} in flight, ` +
      "each in a fresh platform session (one per row) after the same setup and an unmeasured warm-up (one route per customer, drained), client-side latency.",
    "",
    "| Session | Shards | Shards used | Routes | 202 | routes/s | p50 / p99 ms | max ms | other answers | routed tasks after the drain | drain s | peak RSS MB | log errors |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|",
    ...f.routing.map(
      (r) =>
        `| ${r.session} | ${r.shards} | ${r.shardsUsed} | ${n(r.routes)} | ${n(r.ok)} | **${rate(r.routesPerSec)}** | ${pc(r.latency)} | ${ms(r.latency.maxMs)} | ${counts(r.failures)} | ${counts(r.drained)} | ${(r.drainMs / 1000).toFixed(1)} | ${n(r.peakRssMb)} | ${n(r.logIssues.errors)} |`,
    ),
    "",
    f.routingRatio === null
      ? "**Routes/s by shard count: no ratio (one shard count, or a session failed).**"
      : `**Routes/s, ${f.routingRatio.most} shards ÷ ${f.routingRatio.fewest} (mean over each one's sessions): ${f.routingRatio.ratio.toFixed(2)}×.** ` +
          `Sessions ran in the order ${f.config.routingOrder.join(", ")}; session 1 also ran the chains afterwards, each session started fresh.`,
    "",
    "| Check | Expected | Observed | Result |",
    "|---|---|---|---|",
    ...f.checks.map((k) => `| ${k.name} | ${k.expected} | ${k.observed} | ${k.ok ? "ok" : "**FAIL**"} |`),
    "",
    `Setup: sign-ups ${(f.setup.signupMs / 1000).toFixed(1)} s, hires ${(f.setup.hireMs / 1000).toFixed(1)} s (session 1). Worker log during the chains: ${n(f.logIssues.errors)} errors, ${n(f.logIssues.warnings)} warnings, ${n(f.logIssues.sqliteNomem)} SQLITE_NOMEM; load average at the end ${f.loadAvgAtEnd.toFixed(2)}.`,
  );
  if (f.problems.length)
    lines.push(
      "",
      `Problems (${n(f.problemCount)}; first ${f.problems.length}):`,
      ...f.problems.map((x) => `- \`${x.replace(/`/g, "'")}\``),
    );
  const samples = [
    ...f.logIssues.samples,
    ...f.routing.flatMap((r) => r.logIssues.samples.map((s) => `(routing, session ${r.session}, ${r.shards} shard(s)) ${s}`)),
  ];
  if (samples.length)
    lines.push("", "Worker log lines (most frequent first, digits as #):", ...samples.map((s) => `- \`${s.replace(/`/g, "'")}\``));
  lines.push(
    "",
    "Notes on F:",
    "- The platform's chain: `POST /v1/hires/{id}/tasks` → `task.assigned` on the wake queue → the SDR's rule runs `sdr.score-lead` and decides `delegate` → a handoff row in `agent_messages`, routed by the customer's sales coordinator (a Durable Object per CoE and shard) → a `handoff.requested` wake for the AE → ack, `ae.plan-close`, task `done`. No LLM anywhere.",
    "- The floor: a Worker stamps each chain and calls the customer's SDR object, which scores the lead, records it in SQLite and calls the customer's AE object over RPC; the AE records it and answers; the SDR writes the answer back. No queue, no D1, no coordinator. Its chains are synchronous, so its in-flight count is the requests in flight × chains per request; the platform's chains run asynchronously after each post (all of them may be in flight at once).",
    "- Both chains/s figures are bounded by the requests in flight: the platform's window is mostly the posting (compare the window and posting columns: each `POST /v1/hires/{id}/tasks` is answered while earlier chains run in the same process), the floor's by its synchronous requests. The ratio compares the two systems at the same client concurrency, not their capacity (`BENCH_F_CONCURRENCY`, `BENCH_F_FLOOR_BATCH` raise it).",
    "- The bench polls the SDR hires' task lists (about once a second) until every chain has left `queued`/`delegated`; the end of the window is the last task's own `finishedAt`, so the polling's timing does not move the figure, only adds a little load.",
    "- Timestamps are workerd's `Date.now()`, which advances only across I/O: sub-millisecond steps read 0.",
  );
  return lines;
}

function chainRow(label: string, x: ChainFigures): string {
  return `| ${label} | ${n(x.chains)} | ${x.done === x.chains ? n(x.done) : `**${n(x.done)}**`} | **${rate(x.chainsPerSec)}** | ${pc(x.endToEnd)} | ${pc(x.hop1)} | ${pc(x.hop2)} | ${pc(x.hop3)} | ${(x.windowMs / 1000).toFixed(2)} | ${(x.postMs / 1000).toFixed(2)} | ${n(x.peakRssMb)} |`;
}
