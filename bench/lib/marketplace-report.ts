/** Load E's figures and its markdown section (no pass/fail targets: the figures are printed as measured). */
import type { MarketplaceLoadConfig } from "./marketplace";

/** One kind of request, timed at the client: `performance.now()` around `fetch` and reading the body. */
export interface LatencyRow {
  id: string;
  label: string;
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  meanMs: number | null;
  /** Requests ÷ the summed wall time of the passes that sent them (a fixed number in flight). */
  perSec: number | null;
  /** p50 ÷ the p50 of `GET /health` measured before the reads in the same session. */
  vsHealthP50: number | null;
  /** Share of answers with `x-cache: hit` (catalogue reads only). */
  hitRatio?: number | null;
  /** Answers that failed the row's expectation (status, header, body), the probe's included. */
  unexpected: number;
  /** The isolated probe: the same request one at a time (no queueing behind other requests). */
  serial?: { requests: number; p50Ms: number | null; p99Ms: number | null; vsHealthP50: number | null };
}

/** Search latency by kind of query (text, filter, sort, page2) and temperature. */
export interface KindRow {
  kind: string;
  requests: number;
  p50Ms: number | null;
  p99Ms: number | null;
}

export interface Check {
  name: string;
  expected: string;
  observed: string;
  ok: boolean;
}

export interface MarketplaceResult {
  status: "ok";
  /** As run (hires, trials and race pairs capped by customers × listings). */
  config: MarketplaceLoadConfig;
  catalogue: {
    listings: number;
    customers: number;
    queries: number;
    queriesByKind: Record<string, number>;
    /** Queries whose answer should be empty (a minimum rating nobody has, a text nobody matches...). */
    queriesExpectedEmpty: number;
    coes: Record<string, number>;
    roles: number;
    industries: number;
    languages: number;
    priceRange: [number, number];
  };
  /** Publishing (setup and every version bump) and sign-ups: few samples, for reference. */
  setup: LatencyRow[];
  rows: LatencyRow[];
  searchKinds: KindRow[];
  /** x-cache hits ÷ all search reads, cold and warm passes together (expected warmPasses ÷ (warmPasses + 1)). */
  searchHitRatio: number | null;
  versionBumps: number;
  counts: {
    hires: number;
    trials: number;
    instances: number;
    instanceStates: Record<string, number>;
    replayed: number;
    hireRequests201: number;
  };
  /** What was bundled: the commit, and uncommitted changes under src/, durable-objects/, migrations/ (when the bundle was built). */
  source: { commit: string; uncommitted: string[] };
  races: {
    sameKey: { pairs: number; created: number; inProgress409: number; replayed: number; other: number };
    /** `answers`: by status and error code, e.g. `201`, `409 trial_used`. */
    trials: { pairs: number; bothCreated: number; oneCreated: number; noneCreated: number; answers: Record<string, number> };
  };
  checks: Check[];
  /** The first few unexpected answers, verbatim. */
  problems: string[];
  problemCount: number;
  peakRssMb: { reads: number; beforeHires: number; hires: number };
  loadAvgAtEnd: number;
  logIssues: { errors: number; warnings: number; samples: string[]; sqliteNomem: number };
}

export type MarketplaceOutcome = MarketplaceResult | { status: "skipped" | "failed"; message: string };

const n = (x: number) => x.toLocaleString("en-US");
const ms = (x: number | null) => (x === null ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "" : `${(x * 100).toFixed(1)}%`);
const times = (x: number | null) => (x === null ? "–" : `${x.toFixed(1)}×`);
const rate = (x: number | null) => (x === null ? "–" : n(Math.round(x)));

function tableRow(r: LatencyRow): string {
  const s = r.serial;
  const serial = s ? `${ms(s.p50Ms)} / ${ms(s.p99Ms)} (${n(s.requests)}) | ${times(s.vsHealthP50)}` : "| ";
  return `| ${r.label} | ${n(r.requests)} | **${ms(r.p50Ms)}** | **${ms(r.p99Ms)}** | ${ms(r.maxMs)} | ${rate(r.perSec)} | ${times(r.vsHealthP50)} | ${pct(r.hitRatio)} | ${serial} | ${r.unexpected ? `**${n(r.unexpected)}**` : "0"} |`;
}

const HEADER = [
  "| Request | Requests | p50 ms | p99 ms | max ms | req/s | p50 ÷ /health p50 | x-cache hit | one in flight: p50 / p99 ms (n) | ÷ /health |  Unexpected |",
  "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
];

/** The client's cost: its p50 ÷ that of `fetch` + `res.json()` for the same reads, in the same session. */
function clientNote(rows: readonly LatencyRow[]): string {
  const p50 = (id: string) => rows.find((r) => r.id === id)?.p50Ms ?? null;
  const ratio = (client: string, floor: string) => {
    const [c, f] = [p50(client), p50(floor)];
    return c !== null && f ? `${(c / f).toFixed(2)}×` : "–";
  };
  return (
    "- `@waooaw/client` (the typed client) against its floor, `fetch` + `res.json()` on the same warm reads, passes alternating: " +
    `p50 ${ratio("search-client", "search-fetch")} for searches, ${ratio("profile-client", "profile-fetch")} for profiles (1.00× = no cost).`
  );
}

export function marketplaceMarkdown(e: MarketplaceOutcome): string[] {
  const lines = ["", "## Load E — marketplace API (catalogue, profiles, hires)", ""];
  if (e.status !== "ok") return [...lines, `Load E ${e.status}: ${e.message}`];
  const c = e.config;
  const cat = e.catalogue;
  lines.push(
    `Catalogue (seed ${c.seed}): ${n(cat.listings)} listings (${Object.entries(cat.coes)
      .map(([k, v]) => `${k} ${v}`)
      .join(
        ", ",
      )}; ${cat.roles} roles, ${cat.industries} industries, ${cat.languages} languages, $${cat.priceRange[0]}–${cat.priceRange[1]}/month), ` +
      `${n(cat.customers)} customers. Query mix: ${n(cat.queries)} searches (${Object.entries(cat.queriesByKind)
        .map(([k, v]) => `${v} ${k}`)
        .join(", ")}; ${cat.queriesExpectedEmpty} find nothing by design).`,
    "",
    `**${c.concurrency} requests in flight** in every pass; client-side wall time per request (Node \`performance.now()\` around \`fetch\` and reading the body). ` +
      `Cold = the first read of each query after a catalogue version bump (an unchanged listing re-published: ${n(e.versionBumps)} bumps); warm = ${c.warmPasses} more passes over the same queries at the same version. ` +
      `Search hit ratio over cold and warm passes together: ${pct(e.searchHitRatio)}. ` +
      `"One in flight": the isolated probe, the same requests one at a time after the main passes (${c.serialRounds} version bump(s) each for searches and profiles, ${n(c.serialHires)} hires, each replayed): latency without queueing behind the other requests.`,
    "",
    ...HEADER,
    ...e.rows.map(tableRow),
    "",
    "Search by kind of query (the main passes):",
    "",
    "| Query kind | Requests | p50 ms | p99 ms |",
    "|---|---:|---:|---:|",
    ...e.searchKinds.map((k) => `| ${k.kind} | ${n(k.requests)} | ${ms(k.p50Ms)} | ${ms(k.p99Ms)} |`),
    "",
    "Setup (few samples; publishing includes every version bump):",
    "",
    ...HEADER,
    ...e.setup.map(tableRow),
    "",
    "| Check | Expected | Observed | Result |",
    "|---|---|---|---|",
    ...e.checks.map((k) => `| ${k.name} | ${k.expected} | ${k.observed} | ${k.ok ? "ok" : "**FAIL**"} |`),
    "",
    `Peak workerd RSS: ${n(e.peakRssMb.reads)} MB during the reads, ${n(e.peakRssMb.hires)} MB during hire creation; load average at the end ${e.loadAvgAtEnd.toFixed(2)}. ` +
      `Worker log during the load: ${n(e.logIssues.errors)} errors, ${n(e.logIssues.warnings)} warnings, ${n(e.logIssues.sqliteNomem)} SQLITE_NOMEM.`,
  );
  lines.push(
    "",
    `Built from commit ${e.source.commit}${e.source.uncommitted.length ? ` with ${e.source.uncommitted.length} uncommitted change(s) under src/, durable-objects/, migrations/ (${e.source.uncommitted.map((l) => l.trim()).join("; ")})` : ", no uncommitted changes under src/, durable-objects/, migrations/"}.`,
  );
  if (e.problems.length)
    lines.push(
      "",
      `Unexpected answers (${n(e.problemCount)}; first ${e.problems.length}):`,
      ...e.problems.map((p) => `- \`${p.replace(/`/g, "'")}\``),
    );
  if (e.logIssues.samples.length)
    lines.push(
      "",
      "Worker log lines (most frequent first, digits as #):",
      ...e.logIssues.samples.map((s) => `- \`${s.replace(/`/g, "'")}\``),
    );
  lines.push(
    "",
    "Notes on E:",
    "- A cold read costs the version lookup (one D1 read), a Cache API miss, the D1 query (FTS5 for text) and the JSON; a warm one the version lookup and a Cache API hit. " +
      "The cache write runs after the response (`waitUntil`); the bench waits 100 ms after each cold pass so the warm passes find it.",
    "- Hires: each (customer, listing) pair once, in a seeded shuffle, each with a fresh `Idempotency-Key` (the one-in-flight probe then hires the first pairs of the shuffle a second time); a hire authenticates the key, claims the idempotency key, reads the definition, spawns the agent Durable Object (which writes its instance rows to D1) and inserts the hire. " +
      "Replays send the same key and body again: the stored answer comes back from D1 with `idempotent-replayed: true`.",
    clientNote(e.rows),
    "- `GET /health` is the Worker's floor in the same session (routing, the local dev proxy, Node's fetch); the ratio column reads the other rows against it.",
    "- Local `wrangler dev` on one machine: D1, the Cache API and every Durable Object share workerd's thread. Compare rows within a run, not with production.",
  );
  return lines;
}
