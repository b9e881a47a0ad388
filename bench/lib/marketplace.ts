/**
 * Load E ("marketplace API"): the customer-facing API on a fresh `wrangler dev` of the platform.
 * Publishes a seeded catalogue, signs customers up (each at a company domain of its own; the
 * operator verifies their addresses, as trials need), then times, from the client (Node's
 * `performance.now()` around `fetch` and reading the body), with a fixed number of requests in
 * flight: catalogue searches and profiles cold (the first read after a catalogue version bump:
 * x-cache miss) and warm (x-cache hit), hire creation with fresh Idempotency-Keys, their
 * idempotent replays, and trials; `GET /health` in the same session is the Worker's floor.
 * Every answer is checked (status, x-cache, replay header, bodies against the catalogue) and the
 * hires are counted back at the end.
 */
import { createClient } from "@waooaw/client";
import { execSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { logIssues } from "./decisions";
import { forEachBounded } from "./load";
import { LogScanner } from "./logscan";
import {
  expectedSlugs,
  makeCatalogue,
  makeQueries,
  mustMatch,
  queryString,
  QUERY_KINDS,
  shuffle,
  type ListedDefinition,
  type MarketplaceCatalogue,
  type QueryKind,
} from "./marketplace-catalogue";
import { prng } from "./decisions-trace";
import type { Check, KindRow, LatencyRow, MarketplaceResult } from "./marketplace-report";
import { REPO_ROOT, sleep } from "./proc";
import { RssSampler } from "./rss";
import { startWaooaw, type WaooawDriver } from "./waooaw-driver";

export interface MarketplaceLoadConfig {
  listings: number;
  customers: number;
  /** Requests in flight in every measured pass. */
  concurrency: number;
  seed: number;
  /** Version bumps for searches; each is followed by one cold pass and `warmPasses` warm passes over the query mix. */
  searchRounds: number;
  /** The same for profiles, over every listing. */
  profileRounds: number;
  warmPasses: number;
  /** Hires to create (at most customers × listings: each pair at most once). */
  hires: number;
  trials: number;
  /** Concurrent pairs for the two race probes (same Idempotency-Key; same customer and agent trialled twice). */
  racePairs: number;
  /** `GET /health` requests, before the reads and again at the end. */
  health: number;
  /** The isolated probe, one request in flight: version bumps for searches and for profiles (1 cold + 1 warm pass each), and hires (each replayed once). */
  serialRounds: number;
  serialHires: number;
}

/** Lets the cache writes of a cold pass (`waitUntil(cache.put)`, after the response) finish before the warm passes. */
const SETTLE_MS = 100;
const REQUEST_TIMEOUT_MS = 30_000;
const MAX_PROBLEMS = 12;

interface Timed {
  ms: number;
  status: number;
  headers: Headers;
  text: string;
}

/** One request, timed from just before `fetch` to the body read in full. Network errors are status 0. */
async function timedFetch(url: string, init: RequestInit = {}): Promise<Timed> {
  const signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
  const t0 = performance.now();
  try {
    const res = await fetch(url, { ...init, signal });
    const text = await res.text();
    return { ms: performance.now() - t0, status: res.status, headers: res.headers, text };
  } catch (err) {
    return { ms: performance.now() - t0, status: 0, headers: new Headers(), text: err instanceof Error ? err.message : String(err) };
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

const field = (v: unknown, k: string): unknown => (typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined);

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? null;
}

const SERIES: Series[] = [];
/** Terminal colour codes in wrangler's log (ESC [ … m). */
const ANSI_COLOUR = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
let LOAD_START = 0;

/** Latencies of one kind of request and the wall time of the passes that produced them. */
class Series {
  readonly ms: number[] = [];
  /** When each request ended (ms since the load began), for the raw dump. */
  readonly endAt: number[] = [];
  wallMs = 0;
  hits = 0;
  misses = 0;
  /** Answers that failed this series' expectation (status, header or body). */
  unexpected = 0;

  constructor(
    readonly id: string,
    readonly label: string,
  ) {
    SERIES.push(this);
  }

  add(ms: number): void {
    this.ms.push(ms);
    this.endAt.push(Math.round(performance.now() - LOAD_START));
  }

  row(healthP50: number | null, opts: { withHits?: boolean; serial?: Series; serialHealthP50?: number | null } = {}): LatencyRow {
    const sorted = [...this.ms].sort((a, b) => a - b);
    const p50 = percentile(sorted, 0.5);
    const withHits = opts.withHits ?? false;
    const serial = opts.serial ? [...opts.serial.ms].sort((a, b) => a - b) : undefined;
    const serialP50 = serial ? percentile(serial, 0.5) : null;
    return {
      id: this.id,
      label: this.label,
      requests: sorted.length,
      p50Ms: p50,
      p99Ms: percentile(sorted, 0.99),
      maxMs: sorted.length ? (sorted[sorted.length - 1] ?? null) : null,
      meanMs: sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : null,
      perSec: this.wallMs > 0 ? (sorted.length / this.wallMs) * 1000 : null,
      vsHealthP50: p50 !== null && healthP50 ? p50 / healthP50 : null,
      ...(withHits ? { hitRatio: this.hits + this.misses ? this.hits / (this.hits + this.misses) : null } : {}),
      unexpected: this.unexpected + (opts.serial?.unexpected ?? 0),
      ...(serial
        ? {
            serial: {
              requests: serial.length,
              p50Ms: serialP50,
              p99Ms: percentile(serial, 0.99),
              vsHealthP50: serialP50 !== null && opts.serialHealthP50 ? serialP50 / opts.serialHealthP50 : null,
            },
          }
        : {}),
    };
  }
}

/** Runs `task` over `items`, `concurrency` in flight, and adds the pass's wall time to `series`. */
async function pass<T>(series: Series, items: readonly T[], concurrency: number, task: (item: T) => Promise<void>): Promise<void> {
  const t0 = performance.now();
  await forEachBounded(items, concurrency, task);
  series.wallMs += performance.now() - t0;
}

interface Customer {
  id: string;
  key: string;
}

interface ResolvedQuery {
  kind: QueryKind;
  path: string;
  /** Expected slugs in order (non-text queries), or slugs that must be present (text). */
  exact?: string[];
  mustInclude?: string[];
  /** For page2: the first page's slugs, none of which may appear again. */
  firstPageSlugs?: string[];
}

class Recorder {
  readonly problems: string[] = [];
  problemCount = 0;

  note(what: string): void {
    this.problemCount++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(what.slice(0, 300));
  }
}

export async function runLoadE(cfg: MarketplaceLoadConfig, runDir: string, progress: (line: string) => void): Promise<MarketplaceResult> {
  SERIES.length = 0;
  LOAD_START = performance.now();
  const catalogue = makeCatalogue(cfg.listings, cfg.seed);
  const queries = makeQueries(catalogue, cfg.seed);
  const pairs = cfg.customers * cfg.listings;
  const hires = Math.min(cfg.hires, pairs);
  const trials = Math.min(cfg.trials, pairs);
  const racePairs = Math.min(cfg.racePairs, pairs - trials);
  if (hires < cfg.hires) progress(`hires capped at ${hires} (${cfg.customers} customers × ${cfg.listings} listings)`);
  const [first, ...rest] = catalogue.definitions;
  if (!first) throw new Error("load E needs at least one listing");

  let driver: WaooawDriver | undefined;
  let sampler: RssSampler | undefined;
  const source = sourceState(); // the bundle is built right after
  try {
    driver = await startWaooaw(runDir, { label: "waooaw-e", definition: first });
    const d = driver;
    const base = d.baseUrl;
    sampler = new RssSampler(d.pid);
    sampler.start();
    const log = new LogScanner(d.logFile);
    const rec = new Recorder();
    const checks: Check[] = [];
    const check = (name: string, expected: string, observed: string, ok: boolean) => {
      checks.push({ name, expected, observed, ok });
      if (!ok) progress(`check failed: ${name}: expected ${expected}, observed ${observed}`);
    };
    const json = (body: unknown, headers: Record<string, string> = {}): RequestInit => ({
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify(body),
    });
    const adminHeaders = { authorization: `Bearer ${d.token}` };

    // --- Setup: the catalogue and the customers (timed too, but few samples). ---
    const publish = new Series("publish", "POST /v1/admin/definitions (publish; bumps the catalogue version)");
    const publishOne = async (definition: unknown): Promise<void> => {
      const r = await timedFetch(`${base}/v1/admin/definitions`, json(definition, adminHeaders));
      publish.add(r.ms);
      if (r.status !== 201) {
        publish.unexpected++;
        throw new Error(`publish failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);
      }
    };
    await pass(publish, rest, cfg.concurrency, publishOne);
    progress(`published ${catalogue.definitions.length} listings`);

    const signup = new Series("signup", "POST /v1/customers (sign-up: customer and API key)");
    const customers: Customer[] = [];
    await pass(
      signup,
      Array.from({ length: cfg.customers }, (_, i) => i),
      cfg.concurrency,
      async (i) => {
        // A company domain per customer: a trial counts against its e-mail domain (one per agent per domain).
        const r = await timedFetch(
          `${base}/v1/customers`,
          json({ name: `Bench Customer ${i}`, email: `bench-e-${i}@c${i}.bench.example` }),
        );
        signup.add(r.ms);
        const body = parse(r.text);
        const id = field(field(body, "customer"), "id");
        const key = field(field(body, "apiKey"), "key");
        if (r.status !== 201 || typeof id !== "string" || typeof key !== "string") {
          signup.unexpected++;
          throw new Error(`sign-up failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);
        }
        customers[i] = { id, key };
      },
    );
    progress(`signed up ${customers.length} customers`);
    // Trials need a verified address. The bench has no mailbox to follow the sign-up link from, so
    // the operator vouches for each customer (as support would), outside the timed series.
    // Verifying is idempotent: a 503 "worker restarted mid-request" (the runtime reloads once
    // shortly after a start: see README, "A request now and then goes unanswered") is retried.
    let verifyRetries = 0;
    for (const c of customers) {
      let r = await timedFetch(`${base}/v1/admin/customers/${c.id}/verify-email`, json({}, adminHeaders));
      for (let attempt = 1; attempt < 3 && r.status === 503; attempt++) {
        verifyRetries++;
        await sleep(500);
        r = await timedFetch(`${base}/v1/admin/customers/${c.id}/verify-email`, json({}, adminHeaders));
      }
      if (r.status !== 200 || typeof field(parse(r.text), "emailVerifiedAt") !== "number")
        throw new Error(`verify-email of ${c.id}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
    }
    if (verifyRetries) rec.note(`verify-email: ${verifyRetries} request(s) answered 503 and retried`);
    progress(
      `verified ${customers.length} customers' e-mail addresses (operator endpoint${verifyRetries ? `, ${verifyRetries} retried after a 503` : ""})`,
    );

    // The query mix, with the cursors of the second pages, each answer checked once against the catalogue.
    const resolved = await resolveQueries(base, catalogue, queries, rec);
    const listed = await timedFetch(`${base}/v1/agents?limit=50&sort=price`);
    const listedCount = (field(parse(listed.text), "items") as unknown[] | undefined)?.length ?? 0;
    check(
      "catalogue lists every published listing (GET /v1/agents?limit=50)",
      String(Math.min(50, cfg.listings)),
      String(listedCount),
      listedCount === Math.min(50, cfg.listings),
    );
    const empty = resolved.filter((q) => q.exact?.length === 0).length;
    progress(`query mix: ${resolved.length} queries (${QUERY_KINDS_COUNT(resolved)}); ${empty} expected to find nothing`);

    // --- The floor: GET /health at the same concurrency, and one at a time. ---
    const healthBefore = new Series("health", "GET /health (the Worker's floor), before");
    const healthSerial = new Series("health-serial", "GET /health, one in flight");
    await runHealth(base, healthBefore, cfg.health, cfg.concurrency, rec);
    await runHealth(base, healthSerial, Math.max(20, Math.round(cfg.health / 5)), 1, rec);
    const floor = percentile(
      [...healthBefore.ms].sort((a, b) => a - b),
      0.5,
    );
    const serialFloor = percentile(
      [...healthSerial.ms].sort((a, b) => a - b),
      0.5,
    );
    progress(`GET /health: p50 ${floor?.toFixed(2)} ms at ${cfg.concurrency} in flight, ${serialFloor?.toFixed(2)} ms one at a time`);

    const rng = prng(cfg.seed * 31 + 5);
    let version = 0;
    const bump = async () => {
      // Re-publishing an unchanged listing: the catalogue version moves, every cached read is cold.
      await publishOne(catalogue.definitions[version++ % catalogue.definitions.length] as ListedDefinition);
    };

    interface ReadItem {
      path: string;
      kind: string;
      verify?: (body: unknown) => string | undefined;
    }
    const byKind = new Map<string, number[]>();
    const reference = new Map<string, string>(); // path -> first body seen (every later body must equal it)
    const readOne = async (series: Series, item: ReadItem, expect: "hit" | "miss", trackKind: boolean) => {
      const r = await timedFetch(base + item.path);
      series.add(r.ms);
      if (trackKind) {
        const key = `${item.kind} ${expect === "miss" ? "cold" : "warm"}`;
        const list = byKind.get(key) ?? [];
        list.push(r.ms);
        byKind.set(key, list);
      }
      const cache = r.headers.get("x-cache");
      if (cache === "hit") series.hits++;
      else if (cache === "miss") series.misses++;
      let problem: string | undefined;
      if (r.status !== 200) problem = `HTTP ${r.status}: ${r.text.slice(0, 200)}`;
      else if (cache !== expect) problem = `x-cache ${String(cache)}, expected ${expect}`;
      else {
        const seen = reference.get(item.path);
        if (seen === undefined) {
          reference.set(item.path, r.text);
          problem = item.verify?.(parse(r.text));
        } else if (seen !== r.text) problem = "body differs from the first answer to the same request";
      }
      if (problem) {
        series.unexpected++;
        rec.note(`${series.id} ${item.path}: ${problem}`);
      }
    };
    /** Per round: bump the version, read every item once (cold), let the cache writes land, then `warmPasses` passes (warm). */
    const readRounds = async (
      cold: Series,
      warm: Series,
      items: readonly ReadItem[],
      rounds: number,
      warmPasses: number,
      concurrency: number,
      trackKind: boolean,
    ) => {
      for (let round = 0; round < rounds; round++) {
        await bump();
        await pass(cold, shuffle(rng, items), concurrency, (item) => readOne(cold, item, "miss", trackKind));
        await sleep(SETTLE_MS);
        for (let w = 0; w < warmPasses; w++)
          await pass(warm, shuffle(rng, items), concurrency, (item) => readOne(warm, item, "hit", trackKind));
      }
    };

    // --- Catalogue search: cold (first read after a bump) and warm (repeats) passes. ---
    const searchCold = new Series("search-cold", "GET /v1/agents (search), cold: first read after a version bump");
    const searchWarm = new Series("search-warm", "GET /v1/agents (search), warm: repeated reads, same version");
    const searchColdSerial = new Series("search-cold-serial", "search, cold, one in flight");
    const searchWarmSerial = new Series("search-warm-serial", "search, warm, one in flight");
    const searchItems: ReadItem[] = resolved.map((q) => ({ path: q.path, kind: q.kind, verify: (body) => verifyPage(q, body) }));
    sampler.resetPeak();
    await readRounds(searchCold, searchWarm, searchItems, cfg.searchRounds, cfg.warmPasses, cfg.concurrency, true);
    await readRounds(searchColdSerial, searchWarmSerial, searchItems, cfg.serialRounds, 1, 1, false);
    progress(
      `search: ${searchCold.ms.length} cold, ${searchWarm.ms.length} warm reads (+ ${searchColdSerial.ms.length + searchWarmSerial.ms.length} one at a time)`,
    );

    // --- Profiles: the same over every listing's slug. ---
    const profileCold = new Series("profile-cold", "GET /v1/agents/:slug (profile), cold: first read after a version bump");
    const profileWarm = new Series("profile-warm", "GET /v1/agents/:slug (profile), warm: repeated reads, same version");
    const profileColdSerial = new Series("profile-cold-serial", "profile, cold, one in flight");
    const profileWarmSerial = new Series("profile-warm-serial", "profile, warm, one in flight");
    const verifyProfile = (slug: string) => (body: unknown) => {
      const def = catalogue.definitions.find((x) => x.slug === slug);
      if (field(body, "slug") !== slug) return `profile of ${String(field(body, "slug"))}`;
      if (field(body, "priceUsdPerMonth") !== def?.listing.priceUsdPerMonth)
        return `price ${String(field(body, "priceUsdPerMonth"))}, expected ${def?.listing.priceUsdPerMonth}`;
      if (field(body, "description") !== def?.listing.description) return "description differs from the published one";
      return undefined;
    };
    const slugs = catalogue.definitions.map((x) => x.slug);
    const profileItems: ReadItem[] = slugs.map((slug) => ({ path: `/v1/agents/${slug}`, kind: "profile", verify: verifyProfile(slug) }));
    await readRounds(profileCold, profileWarm, profileItems, cfg.profileRounds, cfg.warmPasses, cfg.concurrency, false);
    await readRounds(profileColdSerial, profileWarmSerial, profileItems, cfg.serialRounds, 1, 1, false);
    const readRssMb = Math.round(sampler.peakBytes() / (1024 * 1024));
    const unknown = await timedFetch(`${base}/v1/agents/no-such-agent-${cfg.seed}`);
    check("unknown profile slug", "404", String(unknown.status), unknown.status === 404);
    progress(
      `profiles: ${profileCold.ms.length} cold, ${profileWarm.ms.length} warm reads (+ ${profileColdSerial.ms.length + profileWarmSerial.ms.length} one at a time)`,
    );

    // --- @waooaw/client beside its floor: the same warm reads through the typed client and through
    // `fetch` + `res.json()` (what a customer would write by hand), alternating pass by pass. ---
    const waooaw = createClient({ baseUrl: base });
    const fetchSearch = new Series("search-fetch", "search, warm: fetch + res.json() (the client's floor)");
    const clientSearch = new Series("search-client", "search, warm: @waooaw/client listAgents()");
    const fetchProfile = new Series("profile-fetch", "profile, warm: fetch + res.json() (the client's floor)");
    const clientProfile = new Series("profile-client", "profile, warm: @waooaw/client getAgent()");
    const itemsOf = (body: unknown) => (field(body, "items") as unknown[] | undefined)?.length ?? -1;
    const byFetch = async (series: Series, path: string, expected: (body: unknown) => boolean) => {
      const t0 = performance.now();
      const res = await fetch(base + path, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      const body = (await res.json()) as unknown;
      series.add(performance.now() - t0);
      if (res.status !== 200 || !expected(body)) series.unexpected++;
    };
    const byClient = async (series: Series, call: () => Promise<unknown>, expected: (body: unknown) => boolean) => {
      const t0 = performance.now();
      const body = await call().catch((e: unknown) => e);
      series.add(performance.now() - t0);
      if (!expected(body)) series.unexpected++;
    };
    const searchCount = new Map<string, number>(); // path -> items in the first answer
    for (const item of searchItems) searchCount.set(item.path, itemsOf(parse(reference.get(item.path) ?? "")));
    for (let round = 0; round < cfg.warmPasses * 2; round++) {
      const viaClient = round % 2 === 1;
      await pass(viaClient ? clientSearch : fetchSearch, shuffle(rng, searchItems), cfg.concurrency, async (item) => {
        const same = (body: unknown) => itemsOf(body) === searchCount.get(item.path);
        if (!viaClient) return byFetch(fetchSearch, item.path, same);
        // The mix's query strings, as the query object the client serialises (values as typed: the API coerces them).
        const query = Object.fromEntries(new URL(item.path, base).searchParams) as NonNullable<
          Parameters<typeof waooaw.listAgents>[0]
        >["query"];
        return byClient(clientSearch, () => waooaw.listAgents({ query }), same);
      });
      await pass(viaClient ? clientProfile : fetchProfile, shuffle(rng, slugs), cfg.concurrency, (slug) => {
        const same = (body: unknown) => field(body, "slug") === slug;
        return viaClient
          ? byClient(clientProfile, () => waooaw.getAgent({ path: { ref: slug } }), same)
          : byFetch(fetchProfile, `/v1/agents/${slug}`, same);
      });
    }
    progress(`client: ${clientSearch.ms.length + clientProfile.ms.length} reads through @waooaw/client, as many through fetch`);

    // --- Hires: each (customer, listing) pair at most once, each with a fresh Idempotency-Key. ---
    const hireCreate = new Series("hire", "POST /v1/hires (fresh Idempotency-Key: spawns the customer's agent)");
    const hireReplay = new Series("hire-replay", "POST /v1/hires, replay of the same key and body");
    const hireSerial = new Series("hire-serial", "hire, one in flight");
    const replaySerial = new Series("hire-replay-serial", "replay, one in flight");
    const allPairs = shuffle(
      rng,
      customers.flatMap((c) => slugs.map((slug) => ({ customer: c, slug }))),
    );
    const hirePairs = allPairs.slice(0, hires);
    // The probe hires the first pairs of the shuffle again (a second hire of the same agent is allowed).
    const serialPairs = allPairs.slice(0, Math.min(cfg.serialHires, allPairs.length));
    type Made = { customer: Customer; slug: string; key: string; id: string; text: string };
    let hire201 = 0;
    const hireHeaders = (c: Customer, key: string) => ({ authorization: `Bearer ${c.key}`, "idempotency-key": key });
    const hireOne =
      (series: Series, into: Made[]) =>
      async ({ customer, slug }: { customer: Customer; slug: string }) => {
        const key = randomUUID();
        const r = await timedFetch(`${base}/v1/hires`, json({ agent: slug }, hireHeaders(customer, key)));
        series.add(r.ms);
        const body = parse(r.text);
        const id = field(body, "id");
        if (r.status === 201 && r.headers.get("idempotent-replayed") === null) hire201++;
        if (
          r.status !== 201 ||
          typeof id !== "string" ||
          field(body, "agent") !== slug ||
          field(body, "kind") !== "hire" ||
          field(body, "status") !== "active" ||
          r.headers.get("idempotent-replayed") !== null
        ) {
          series.unexpected++;
          rec.note(`hire ${slug} for ${customer.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
          return;
        }
        into.push({ customer, slug, key, id, text: r.text });
      };
    const made: Made[] = [];
    const madeSerial: Made[] = [];
    const rssBeforeHires = sampler.peakBytes();
    sampler.resetPeak();
    await pass(hireCreate, hirePairs, cfg.concurrency, hireOne(hireCreate, made));
    const hireRssMb = Math.round(sampler.peakBytes() / (1024 * 1024));
    await pass(hireSerial, serialPairs, 1, hireOne(hireSerial, madeSerial));
    progress(
      `hires: ${made.length} of ${hirePairs.length} created (${hireCreate.row(floor).perSec?.toFixed(0)} hires/s), + ${madeSerial.length} one at a time`,
    );

    let replayed = 0;
    const replayOne = (series: Series) => async (h: Made) => {
      const r = await timedFetch(`${base}/v1/hires`, json({ agent: h.slug }, hireHeaders(h.customer, h.key)));
      series.add(r.ms);
      const flag = r.headers.get("idempotent-replayed");
      if (flag === "true") replayed++;
      if (r.status !== 201 || flag !== "true" || r.text !== h.text) {
        series.unexpected++;
        rec.note(
          `replay of ${h.id}: HTTP ${r.status}, idempotent-replayed ${String(flag)}, ${r.text === h.text ? "same body" : `body ${r.text.slice(0, 150)}`}`,
        );
      }
    };
    await pass(hireReplay, shuffle(rng, made), cfg.concurrency, replayOne(hireReplay));
    await pass(replaySerial, madeSerial, 1, replayOne(replaySerial));
    const replays = made.length + madeSerial.length;
    const badReplays = hireReplay.unexpected + replaySerial.unexpected;
    check(
      "hire replays answered 201, idempotent-replayed: true, the first body",
      String(replays),
      String(replays - badReplays),
      badReplays === 0,
    );

    // The same key with another body is refused (422), and creates nothing.
    const reuse = made.slice(0, Math.min(10, made.length));
    let refused = 0;
    for (const h of reuse) {
      const other = slugs.find((s) => s !== h.slug) ?? h.slug;
      const r = await timedFetch(`${base}/v1/hires`, json({ agent: other }, hireHeaders(h.customer, h.key)));
      if (r.status === 422 && field(field(parse(r.text), "error"), "code") === "idempotency_key_reused") refused++;
      else rec.note(`key reused with another agent: HTTP ${r.status} ${r.text.slice(0, 150)}`);
    }
    check(
      "same Idempotency-Key, different body → 422 idempotency_key_reused",
      String(reuse.length),
      String(refused),
      refused === reuse.length,
    );

    // Race probe: the same key sent twice at once (a client retrying before the first answer).
    const dup = { pairs: 0, created: 0, inProgress409: 0, replayed: 0, other: 0 };
    for (let i = 0; i < racePairs; i++) {
      const { customer, slug } = hirePairs[i % hirePairs.length] as (typeof hirePairs)[number];
      const key = randomUUID();
      const init = json({ agent: slug }, hireHeaders(customer, key));
      const answers = await Promise.all([timedFetch(`${base}/v1/hires`, init), timedFetch(`${base}/v1/hires`, init)]);
      dup.pairs++;
      for (const r of answers) {
        if (r.status === 201 && r.headers.get("idempotent-replayed") === "true") dup.replayed++;
        else if (r.status === 201) dup.created++;
        else if (r.status === 409 && field(field(parse(r.text), "error"), "code") === "request_in_progress") dup.inProgress409++;
        else {
          dup.other++;
          rec.note(`same key twice at once: HTTP ${r.status} ${r.text.slice(0, 150)}`);
        }
      }
    }
    check(
      "same Idempotency-Key twice at once: hires created",
      String(dup.pairs),
      `${dup.created} (other answers: ${dup.inProgress409}× 409 request_in_progress, ${dup.replayed}× replay, ${dup.other}× other)`,
      dup.created === dup.pairs && dup.other === 0,
    );

    // --- Trials: one per agent per customer; a second is 409 trial_used. ---
    const trialCreate = new Series("trial", "POST /v1/trials (spawns the agent and sets its trial budget)");
    const trialAgain = new Series("trial-again", "POST /v1/trials, second trial of the same agent (→ 409 trial_used)");
    const trialPairs = allPairs.slice(allPairs.length - trials); // the far end of the shuffle: mostly pairs with no hire
    const racePairList = allPairs.slice(allPairs.length - trials - racePairs, allPairs.length - trials);
    let trial201 = 0;
    await pass(trialCreate, trialPairs, cfg.concurrency, async ({ customer, slug }) => {
      const r = await timedFetch(`${base}/v1/trials`, json({ agent: slug }, hireHeaders(customer, randomUUID())));
      trialCreate.add(r.ms);
      const body = parse(r.text);
      if (r.status === 201) trial201++;
      if (r.status !== 201 || field(body, "kind") !== "trial" || field(body, "agent") !== slug) {
        trialCreate.unexpected++;
        rec.note(`trial ${slug} for ${customer.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      }
    });
    await pass(trialAgain, trialPairs, cfg.concurrency, async ({ customer, slug }) => {
      const r = await timedFetch(`${base}/v1/trials`, json({ agent: slug }, hireHeaders(customer, randomUUID())));
      trialAgain.add(r.ms);
      if (r.status !== 409 || field(field(parse(r.text), "error"), "code") !== "trial_used") {
        trialAgain.unexpected++;
        rec.note(`second trial ${slug} for ${customer.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      }
    });
    check(
      "second trial of the same agent by the same customer → 409 trial_used",
      String(trialPairs.length),
      String(trialPairs.length - trialAgain.unexpected),
      trialAgain.unexpected === 0,
    );

    // Race probe: the same customer starts a trial of the same agent twice at once (two tabs; different keys).
    const trialRace = { pairs: 0, bothCreated: 0, oneCreated: 0, noneCreated: 0, answers: {} as Record<string, number> };
    let raceTrials = 0;
    for (const { customer, slug } of racePairList) {
      const answers = await Promise.all(
        [0, 1].map(() => timedFetch(`${base}/v1/trials`, json({ agent: slug }, hireHeaders(customer, randomUUID())))),
      );
      const created = answers.filter((r) => r.status === 201).length;
      raceTrials += created;
      trialRace.pairs++;
      if (created === 2) trialRace.bothCreated++;
      else if (created === 1) trialRace.oneCreated++;
      else trialRace.noneCreated++;
      for (const r of answers) {
        const code = field(field(parse(r.text), "error"), "code");
        const label = `${r.status}${typeof code === "string" ? ` ${code}` : ""}`;
        trialRace.answers[label] = (trialRace.answers[label] ?? 0) + 1;
        if (r.status !== 201 && !(r.status === 409 && (code === "trial_used" || code === "trial_used_by_identity")))
          rec.note(`trial race: HTTP ${r.status} ${r.text.slice(0, 150)}`);
      }
    }
    const raceAnswers = Object.entries(trialRace.answers)
      .map(([k, v]) => `${v}× ${k}`)
      .join(", ");
    check(
      "two trials of one agent by one customer at once: pairs where both were created",
      "0",
      `${trialRace.bothCreated} of ${trialRace.pairs}`,
      trialRace.bothCreated === 0,
    );
    // The loser may be refused by either unique index (the customer's, or the e-mail identity's,
    // which is the same customer here): SQLite picks which fails first, so both codes count.
    const raceRefused = (trialRace.answers["409 trial_used"] ?? 0) + (trialRace.answers["409 trial_used_by_identity"] ?? 0);
    check(
      "two trials at once: one 201 and one 409 (trial_used or trial_used_by_identity) per pair",
      `${trialRace.pairs}× 201, ${trialRace.pairs}× 409`,
      raceAnswers || "none",
      trialRace.answers["201"] === trialRace.pairs && raceRefused === trialRace.pairs,
    );
    progress(
      `trials: ${trial201} created, ${trialAgain.ms.length} second attempts; race: ${trialRace.bothCreated} of ${trialRace.pairs} pairs got two trials`,
    );

    // --- Count back: every customer's hires (their own API), and the agent instances (operator API). ---
    const counted = { hire: 0, trial: 0 };
    for (const c of customers) {
      let cursor: string | null = null;
      do {
        const r = await timedFetch(`${base}/v1/hires?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`, {
          headers: { authorization: `Bearer ${c.key}` },
        });
        if (r.status !== 200) throw new Error(`GET /v1/hires for ${c.id}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
        const body = parse(r.text);
        for (const item of (field(body, "items") as unknown[] | undefined) ?? []) {
          const kind = field(item, "kind");
          if (kind === "hire" || kind === "trial") counted[kind]++;
        }
        cursor = (field(body, "nextCursor") as string | null | undefined) ?? null;
      } while (cursor);
    }
    // Agent instances behind hires and trials (`agent-hir_…`), by lifecycle state.
    const instanceStates: Record<string, number> = {};
    let cursor: string | null = null;
    do {
      const body = await d.api(`/v1/admin/agents?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      for (const item of (field(body, "items") as unknown[] | undefined) ?? []) {
        if (!String(field(item, "id")).startsWith("agent-hir_")) continue;
        const state = String(field(item, "state"));
        instanceStates[state] = (instanceStates[state] ?? 0) + 1;
      }
      cursor = (field(body, "nextCursor") as string | null | undefined) ?? null;
    } while (cursor);
    const instances = Object.values(instanceStates).reduce((a, b) => a + b, 0);
    const retired = instanceStates["retired"] ?? 0;
    const hiresExpected = hire201 + dup.created;
    check(
      "hires in D1 (customers' GET /v1/hires) = hire requests answered 201, not replayed",
      String(hiresExpected),
      String(counted.hire),
      counted.hire === hiresExpected,
    );
    const asked = hirePairs.length + serialPairs.length + dup.pairs;
    check(
      "hires in D1 = hires the bench asked for (pairs, probe, race pairs)",
      String(asked),
      String(counted.hire),
      counted.hire === asked,
    );
    check(
      "trials in D1 = trial requests answered 201",
      String(trial201 + raceTrials),
      String(counted.trial),
      counted.trial === trial201 + raceTrials,
    );
    check(
      "agent instances (agent-hir_…) not retired = hires + trials (none was cancelled)",
      String(counted.hire + counted.trial),
      `${instances - retired} (states: ${Object.entries(instanceStates)
        .map(([k, v]) => `${k} ${v}`)
        .join(", ")})`,
      instances - retired === counted.hire + counted.trial,
    );
    const raceLosers = trialRace.pairs * 2 - raceTrials;
    check(
      "retired agent instances ≤ trial requests that lost the race (a loser's agent may be spawned, then retired)",
      `≤ ${raceLosers}`,
      String(retired),
      retired <= raceLosers,
    );

    const healthAfter = new Series("health-after", "GET /health (the Worker's floor), at the end");
    await runHealth(base, healthAfter, cfg.health, cfg.concurrency, rec);

    const cacheCheck = (name: string, expect: "hit" | "miss", ...series: Series[]) => {
      const total = series.reduce((t, x) => t + x.ms.length, 0);
      const hits = series.reduce((t, x) => t + x.hits, 0);
      const misses = series.reduce((t, x) => t + x.misses, 0);
      const good = expect === "hit" ? hits : misses;
      check(
        name,
        `${total} ${expect === "hit" ? "hits" : "misses"}`,
        `${hits} hits, ${misses} misses, ${total - hits - misses} without x-cache`,
        good === total,
      );
    };
    cacheCheck(
      "cold search reads answered x-cache: miss (a hit right after a bump would be a stale read)",
      "miss",
      searchCold,
      searchColdSerial,
    );
    cacheCheck("warm search reads answered x-cache: hit", "hit", searchWarm, searchWarmSerial);
    cacheCheck("cold profile reads answered x-cache: miss", "miss", profileCold, profileColdSerial);
    cacheCheck("warm profile reads answered x-cache: hit", "hit", profileWarm, profileWarmSerial);
    const readProblems = [
      searchCold,
      searchWarm,
      profileCold,
      profileWarm,
      searchColdSerial,
      searchWarmSerial,
      profileColdSerial,
      profileWarmSerial,
    ].reduce((t, x) => t + x.unexpected, 0);
    check(
      "catalogue answers: status 200, expected listings, same body on every repeat",
      "0 problems",
      `${readProblems} problems`,
      readProblems === 0,
    );
    check(
      "hire requests answered 201 with the hire",
      String(hirePairs.length + serialPairs.length),
      String(made.length + madeSerial.length),
      made.length + madeSerial.length === hirePairs.length + serialPairs.length,
    );
    check("trial requests answered 201 with the trial", String(trialPairs.length), String(trial201), trial201 === trialPairs.length);
    const healthN = healthBefore.ms.length + healthSerial.ms.length + healthAfter.ms.length;
    const healthBad = healthBefore.unexpected + healthSerial.unexpected + healthAfter.unexpected;
    check("GET /health answered 200", String(healthN), String(healthN - healthBad), healthBad === 0);

    const logText = log.readNew().replace(ANSI_COLOUR, ""); // without terminal colours
    const rows: LatencyRow[] = [
      healthBefore.row(floor, { serial: healthSerial, serialHealthP50: serialFloor }),
      searchCold.row(floor, { withHits: true, serial: searchColdSerial, serialHealthP50: serialFloor }),
      searchWarm.row(floor, { withHits: true, serial: searchWarmSerial, serialHealthP50: serialFloor }),
      profileCold.row(floor, { withHits: true, serial: profileColdSerial, serialHealthP50: serialFloor }),
      profileWarm.row(floor, { withHits: true, serial: profileWarmSerial, serialHealthP50: serialFloor }),
      fetchSearch.row(floor),
      clientSearch.row(floor),
      fetchProfile.row(floor),
      clientProfile.row(floor),
      hireCreate.row(floor, { serial: hireSerial, serialHealthP50: serialFloor }),
      hireReplay.row(floor, { serial: replaySerial, serialHealthP50: serialFloor }),
      trialCreate.row(floor),
      trialAgain.row(floor),
      healthAfter.row(floor),
    ];
    const kinds: KindRow[] = [...byKind.entries()].map(([key, values]) => {
      const sorted = [...values].sort((a, b) => a - b);
      return { kind: key, requests: sorted.length, p50Ms: percentile(sorted, 0.5), p99Ms: percentile(sorted, 0.99) };
    });
    kinds.sort((a, b) => a.kind.localeCompare(b.kind));
    const searchAll = searchCold.ms.length + searchWarm.ms.length;
    const result: MarketplaceResult = {
      status: "ok",
      config: { ...cfg, hires, trials, racePairs },
      catalogue: {
        listings: catalogue.definitions.length,
        customers: customers.length,
        queries: resolved.length,
        queriesByKind: Object.fromEntries(QUERY_KINDS.map((k) => [k, resolved.filter((q) => q.kind === k).length])),
        queriesExpectedEmpty: empty,
        coes: countBy(catalogue.entries.map((e) => e.coe)),
        roles: new Set(catalogue.entries.map((e) => e.role)).size,
        industries: new Set(catalogue.entries.flatMap((e) => e.industries)).size,
        languages: new Set(catalogue.entries.flatMap((e) => e.languages)).size,
        priceRange: [Math.min(...catalogue.entries.map((e) => e.price)), Math.max(...catalogue.entries.map((e) => e.price))],
      },
      setup: [publish.row(floor), signup.row(floor)],
      rows,
      searchKinds: kinds,
      searchHitRatio: searchAll ? (searchCold.hits + searchWarm.hits) / searchAll : null,
      versionBumps: version,
      counts: { hires: counted.hire, trials: counted.trial, instances, instanceStates, replayed, hireRequests201: hire201 },
      source,
      races: { sameKey: dup, trials: trialRace },
      checks,
      problems: rec.problems,
      problemCount: rec.problemCount,
      peakRssMb: { reads: readRssMb, beforeHires: Math.round(rssBeforeHires / (1024 * 1024)), hires: hireRssMb },
      loadAvgAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
      logIssues: { ...logIssues(logText), sqliteNomem: (logText.match(/SQLITE_NOMEM/g) ?? []).length },
    };
    // Every request's latency and end time, per series, for a closer look (e.g. latency over the hire phase).
    const raw = Object.fromEntries(SERIES.map((x) => [x.id, { ms: x.ms.map((v) => Math.round(v * 100) / 100), endAt: x.endAt }]));
    writeFileSync(join(runDir, "marketplace-e.json"), JSON.stringify({ rows, kinds, checks, problems: rec.problems, raw }));
    return result;
  } finally {
    sampler?.stop();
    await driver?.stop();
  }
}

/** The commit the bundle was built from, and uncommitted changes to what it is built from (src/ may be edited concurrently). */
function sourceState(): { commit: string; uncommitted: string[] } {
  const git = (args: string) => execSync(`git ${args}`, { cwd: REPO_ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  try {
    return {
      commit: git("rev-parse --short HEAD"),
      uncommitted: git("status --porcelain -- src durable-objects migrations wrangler.toml")
        .split("\n")
        .filter((l) => l !== ""),
    };
  } catch {
    return { commit: "unknown", uncommitted: [] };
  }
}

const QUERY_KINDS_COUNT = (qs: readonly ResolvedQuery[]) =>
  QUERY_KINDS.map((k) => `${qs.filter((q) => q.kind === k).length} ${k}`).join(", ");

function countBy(values: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of values) out[v] = (out[v] ?? 0) + 1;
  return out;
}

async function runHealth(base: string, series: Series, requests: number, concurrency: number, rec: Recorder): Promise<void> {
  await pass(
    series,
    Array.from({ length: requests }, (_, i) => i),
    concurrency,
    async () => {
      const r = await timedFetch(`${base}/health`);
      series.add(r.ms);
      if (r.status !== 200) {
        series.unexpected++;
        rec.note(`GET /health: HTTP ${r.status} ${r.text.slice(0, 100)}`);
      }
    },
  );
}

/** Checks one search answer against the catalogue (non-text queries exactly; text ones by what must be there). */
function verifyPage(q: ResolvedQuery, body: unknown): string | undefined {
  const items = field(body, "items");
  if (!Array.isArray(items)) return "no items array";
  const got = items.map((i) => String(field(i, "slug")));
  if (q.exact && got.join(",") !== q.exact.join(","))
    return `listings ${got.join(",") || "(none)"}, expected ${q.exact.join(",") || "(none)"}`;
  if (q.mustInclude) {
    const missing = q.mustInclude.filter((s) => !got.includes(s));
    const limit = Number(new URLSearchParams(q.path.split("?")[1]).get("limit") ?? 20);
    if (missing.length && got.length < limit) return `text search missed ${missing.join(",")} (contain every query word)`;
  }
  if (q.firstPageSlugs) {
    const again = got.filter((s) => q.firstPageSlugs?.includes(s));
    if (again.length) return `second page repeats ${again.join(",")} from the first`;
  }
  return undefined;
}

/** Turns the query mix into request paths: second pages get the first page's cursor. */
async function resolveQueries(
  base: string,
  cat: MarketplaceCatalogue,
  queries: ReturnType<typeof makeQueries>,
  rec: Recorder,
): Promise<ResolvedQuery[]> {
  const out: ResolvedQuery[] = [];
  for (const q of queries) {
    if (q.kind !== "page2") {
      out.push({
        kind: q.kind,
        path: `/v1/agents?${queryString(q.params)}`,
        ...optional("exact", expectedSlugs(cat, q.params)),
        ...optional("mustInclude", mustMatch(cat, q.params)),
      });
      continue;
    }
    const firstPage = q.firstPage ?? q.params;
    const r = await timedFetch(`${base}/v1/agents?${queryString(firstPage)}`);
    const body = parse(r.text);
    const cursor = field(body, "nextCursor");
    const firstSlugs = ((field(body, "items") as unknown[] | undefined) ?? []).map((i) => String(field(i, "slug")));
    if (r.status !== 200 || typeof cursor !== "string") {
      rec.note(`first page ${queryString(firstPage)}: HTTP ${r.status}, nextCursor ${String(cursor)}; its second page is left out`);
      continue;
    }
    const expectedFirst = expectedSlugs(cat, firstPage);
    if (expectedFirst && expectedFirst.join(",") !== firstSlugs.join(","))
      rec.note(`first page ${queryString(firstPage)}: ${firstSlugs.join(",")}, expected ${expectedFirst.join(",")}`);
    const limit = Number(firstPage["limit"] ?? 20);
    out.push({
      kind: "page2",
      path: `/v1/agents?${queryString({ ...firstPage, cursor })}`,
      ...optional("exact", expectedSlugs(cat, firstPage, limit)),
      firstPageSlugs: firstSlugs,
    });
  }
  return out;
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
