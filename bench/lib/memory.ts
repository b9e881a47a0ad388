/**
 * Load H ("semantic memory"): retrieval latency at 1,000, 10,000 and 50,000 memories in one
 * agent, on the local backend and through Pinecone's wire protocol (a local server), beside a
 * floor in the same session; and retrieval quality on a labelled set.
 *
 * Per backend, one platform session (`pinecone`: the local Pinecone protocol server first, its
 * own process, and the platform started with `PINECONE_API_KEY` and `PINECONE_INDEX_HOST`):
 * 1. Three agents of the bench definition for one customer: `big` (the memories), `empty` (the
 *    floor: the same search with nothing to find) and `quality` (the labelled set).
 * 2. The labelled set imported to `quality`; once searchable, its 30 queries (topK 10) → recall@1,
 *    recall@5, MRR, with the model the platform reports.
 * 3. For each level: memories imported to `big` up to it (500 per request), waited for until
 *    searchable, a short warm-up, then `queries` rounds one request at a time: search `big`,
 *    search `empty`, `GET /health`.
 * The operator API used: `POST /v1/admin/agents/{id}/memories` {memories: [{customerId?, kind,
 * text}]} → 201 {created, ids}; `GET /v1/admin/agents/{id}/memories/search?q=&customerId=&topK=`
 * → {matches: [{id, kind, text, score, createdAt}], tookMs, backend, model, searched}.
 */
import { join } from "node:path";
import { loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import { type Answer, call, field, num, Recorder, str } from "./api-call";
import { logIssues } from "./decisions";
import { forEachBounded, chunk } from "./load";
import { LogScanner } from "./logscan";
import { memoryQueries, memoryTexts } from "./memory-corpus";
import { embedderQuality, MRR_DEPTH, type QualityFigures, qualityOf, type Ranking } from "./memory-quality";
import { QUALITY_MEMORIES, QUALITY_QUERIES } from "./memory-quality-set";
import type { BackendFigures, LevelFigures, MemoryBackend, MemoryResult, SearchFigures } from "./memory-report";
import { percentiles } from "./organisation";
import type { Check } from "./organisation-report";
import { startLocalPinecone, type LocalPinecone } from "./pinecone-local";
import { sleep } from "./proc";
import { RssSampler } from "./rss";
import { BENCH_DEFINITION, startWaooaw, type WaooawDriver } from "./waooaw-driver";

export interface MemoryLoadConfig {
  /** Memories in the measured agent at each measurement, ascending (cumulative imports). */
  levels: number[];
  /** Timed rounds per level (search, floor search, /health), one request at a time. */
  queries: number;
  topK: number;
  /** Memories per import request (the API takes at most 500). */
  importBatch: number;
  /** Import requests in flight. */
  concurrency: number;
  backends: MemoryBackend[];
  seed: number;
  /** Give up waiting for imported memories to become searchable after this long. */
  indexWaitS: number;
}

/** The one customer whose memories the agents hold (a hired agent's memories are its customer's). */
const CUSTOMER = "bench-h-customer";
const WARM_UP = 5;
const POLL_MS = 250;

interface Session {
  d: WaooawDriver;
  backend: MemoryBackend;
  pinecone?: LocalPinecone;
  rec: Recorder;
  checks: Check[];
  /** Memories imported in this session so far, over every agent (Pinecone holds them all in one index). */
  imported: number;
}

const agentId = (backend: MemoryBackend, role: string) => `bench-h-${backend}-${role}`;

function search(s: Session, agent: string, q: string, topK: number): Promise<Answer> {
  const query = new URLSearchParams({ q, customerId: CUSTOMER, topK: String(topK) });
  return call(`${s.d.baseUrl}/v1/admin/agents/${agent}/memories/search?${query}`, { key: s.d.token });
}

async function spawn(s: Session, role: string): Promise<string> {
  const id = agentId(s.backend, role);
  const r = await call(`${s.d.baseUrl}/v1/admin/agents`, {
    key: s.d.token,
    body: { definition: BENCH_DEFINITION.slug, id, customerId: CUSTOMER },
  });
  if (r.status !== 201 && r.status !== 409) throw new Error(`spawning ${id}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return id;
}

/** Imports memories to `agent`, `importBatch` per request; the ids in order (missing where a request failed). */
async function importMemories(
  s: Session,
  cfg: MemoryLoadConfig,
  agent: string,
  memories: readonly { kind: string; text: string }[],
): Promise<{ ids: (string | undefined)[]; ms: number; created: number }> {
  const batches = chunk(
    memories.map((m, i) => ({ ...m, i })),
    cfg.importBatch,
  );
  const ids: (string | undefined)[] = new Array(memories.length);
  let created = 0;
  const t0 = performance.now();
  await forEachBounded(batches, cfg.concurrency, async (batch) => {
    const r = await call(`${s.d.baseUrl}/v1/admin/agents/${agent}/memories`, {
      key: s.d.token,
      body: { memories: batch.map((m) => ({ customerId: CUSTOMER, kind: m.kind, text: m.text })) },
      timeoutMs: 120_000,
    });
    const got = field(r.body, "ids");
    if (r.status !== 201 || !Array.isArray(got) || got.length !== batch.length) {
      s.rec.note(`import of ${batch.length} to ${agent}: HTTP ${r.status} ${r.text.slice(0, 200)}`);
      return;
    }
    created += num(r.body, "created") ?? 0;
    for (const [k, m] of batch.entries()) ids[m.i] = typeof got[k] === "string" ? (got[k] as string) : undefined;
  });
  s.imported += created;
  return { ids, ms: performance.now() - t0, created };
}

/**
 * Waits until what was imported is searchable: the local backend reports `searched` (vectors
 * compared) for the agent; Pinecone's count is read from the local server, over the session.
 */
async function waitSearchable(s: Session, cfg: MemoryLoadConfig, agent: string, expected: number): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  const deadline = Date.now() + cfg.indexWaitS * 1000;
  let seen = -1;
  while (Date.now() < deadline) {
    if (s.pinecone) seen = await s.pinecone.vectorCount();
    else seen = num((await search(s, agent, "warm up", 1)).body, "searched") ?? -1;
    if (seen >= (s.pinecone ? s.imported : expected)) return { ms: performance.now() - t0, ok: true };
    await sleep(POLL_MS);
  }
  s.rec.note(`${agent}: ${seen} searchable after ${cfg.indexWaitS} s, expected ${s.pinecone ? s.imported : expected}`);
  return { ms: performance.now() - t0, ok: false };
}

function searchFigures(answers: readonly Answer[]): SearchFigures {
  const ok = answers.filter((a) => a.status === 200 && typeof num(a.body, "tookMs") === "number");
  const searched = ok.map((a) => num(a.body, "searched")).filter((x): x is number => typeof x === "number");
  return {
    client: percentiles(ok.map((a) => a.ms)),
    took: percentiles(ok.map((a) => num(a.body, "tookMs") as number)),
    searched: searched.length ? (percentiles(searched).p50Ms ?? null) : null,
    failures: answers.length - ok.length,
  };
}

const over = (a: number | null, b: number | null) => (a !== null && b !== null && b > 0 ? a / b : null);

/** The labelled set through the platform: rankings of the set's ids, with the model reported. */
async function measureQuality(s: Session, cfg: MemoryLoadConfig, agent: string): Promise<QualityFigures | null> {
  const { ids } = await importMemories(s, cfg, agent, QUALITY_MEMORIES);
  const setId = new Map<string, string>();
  for (const [i, id] of ids.entries()) if (id) setId.set(id, (QUALITY_MEMORIES[i] as { id: string }).id);
  const ready = await waitSearchable(s, cfg, agent, QUALITY_MEMORIES.length);
  s.checks.push({
    name: `${s.backend}: the labelled set imported and searchable`,
    expected: String(QUALITY_MEMORIES.length),
    observed: ready.ok ? String(setId.size) : `${setId.size} imported, not all searchable in ${cfg.indexWaitS} s`,
    ok: ready.ok && setId.size === QUALITY_MEMORIES.length,
  });
  const rankings: Ranking[] = [];
  let model: string | undefined;
  for (const query of QUALITY_QUERIES) {
    const r = await search(s, agent, query.q, MRR_DEPTH);
    const matches = field(r.body, "matches");
    if (r.status !== 200 || !Array.isArray(matches)) {
      s.rec.note(`quality search "${query.q}": HTTP ${r.status} ${r.text.slice(0, 200)}`);
      continue;
    }
    model ??= str(r.body, "model");
    rankings.push({ query, ranked: matches.map((m) => setId.get(str(m, "id") ?? "") ?? "?") });
  }
  return rankings.length ? qualityOf(model ?? "unknown", rankings) : null;
}

async function measureLevel(
  s: Session,
  cfg: MemoryLoadConfig,
  big: string,
  empty: string,
  from: number,
  to: number,
  progress: (line: string) => void,
): Promise<LevelFigures> {
  const imported = await importMemories(s, cfg, big, memoryTexts(cfg.seed, from, to - from));
  progress(
    `${s.backend}: ${imported.created} memories imported in ${(imported.ms / 1000).toFixed(1)} s (${to} in the agent); waiting until searchable`,
  );
  s.checks.push({
    name: `${s.backend}: memories imported up to ${to.toLocaleString("en-US")} (201, every id)`,
    expected: String(to - from),
    observed: String(imported.created),
    ok: imported.created === to - from,
  });
  const indexed = imported.created > 0 ? await waitSearchable(s, cfg, big, to) : { ms: 0, ok: false };
  s.checks.push({
    name: `${s.backend}: all ${to.toLocaleString("en-US")} searchable within ${cfg.indexWaitS} s`,
    expected: "yes",
    observed: indexed.ok ? `yes, ${(indexed.ms / 1000).toFixed(1)} s` : "no",
    ok: indexed.ok,
  });
  const queries = memoryQueries(cfg.seed + to, cfg.queries + WARM_UP);
  for (const q of queries.slice(0, WARM_UP)) {
    await search(s, big, q, cfg.topK);
    await search(s, empty, q, cfg.topK);
  }
  const bigAnswers: Answer[] = [];
  const floorAnswers: Answer[] = [];
  const health: number[] = [];
  for (const q of queries.slice(WARM_UP)) {
    bigAnswers.push(await search(s, big, q, cfg.topK));
    floorAnswers.push(await search(s, empty, q, cfg.topK));
    const h = await call(`${s.d.baseUrl}/health`);
    if (h.status === 200) health.push(h.ms);
  }
  for (const a of [...bigAnswers, ...floorAnswers].filter((x) => x.status !== 200).slice(0, 3))
    s.rec.note(`${s.backend} search at ${to}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
  const wrongBackend = bigAnswers.filter((a) => a.status === 200 && str(a.body, "backend") !== s.backend).length;
  const search_ = searchFigures(bigAnswers);
  const floor = searchFigures(floorAnswers);
  s.checks.push({
    name: `${s.backend}: searches at ${to.toLocaleString("en-US")} answered 200 by the \`${s.backend}\` backend`,
    expected: String(bigAnswers.length),
    observed: `${bigAnswers.length - search_.failures - wrongBackend}${wrongBackend ? ` (${wrongBackend} from another backend)` : ""}`,
    ok: search_.failures === 0 && wrongBackend === 0,
  });
  const healthP = percentiles(health);
  progress(
    `${s.backend} at ${to}: search p50/p99 ${search_.client.p50Ms?.toFixed(1)}/${search_.client.p99Ms?.toFixed(1)} ms (tookMs ${search_.took.p50Ms?.toFixed(1)}), floor ${floor.client.p50Ms?.toFixed(1)} ms`,
  );
  return {
    memories: to,
    importMs: imported.ms,
    importedPerSec: imported.ms > 0 ? (imported.created / imported.ms) * 1000 : null,
    indexedMs: indexed.ms,
    search: search_,
    floor,
    health: healthP,
    ratio: {
      p50: over(search_.client.p50Ms, floor.client.p50Ms),
      p99: over(search_.client.p99Ms, floor.client.p99Ms),
      p50VsHealth: over(search_.client.p50Ms, healthP.p50Ms),
      tookP50: over(search_.took.p50Ms, floor.took.p50Ms),
    },
  };
}

async function runBackend(
  backend: MemoryBackend,
  cfg: MemoryLoadConfig,
  runDir: string,
  rec: Recorder,
  checks: Check[],
  progress: (line: string) => void,
): Promise<BackendFigures> {
  const figures: BackendFigures = {
    backend,
    status: "ok",
    reportedBackend: null,
    model: null,
    quality: null,
    levels: [],
    peakRssMb: 0,
    logIssues: { errors: 0, warnings: 0, samples: [] },
  };
  let pinecone: LocalPinecone | undefined;
  let d: WaooawDriver | undefined;
  let sampler: RssSampler | undefined;
  try {
    if (backend === "pinecone") pinecone = await startLocalPinecone(join(runDir, "pinecone-h.log"));
    d = await startWaooaw(runDir, {
      label: `waooaw-h-${backend}`,
      vars: pinecone
        ? {
            PINECONE_API_KEY: pinecone.key,
            PINECONE_INDEX_HOST: pinecone.url,
            // Upserts in larger batches than the default: the bench imports tens of thousands at once.
            MEMORY_EMBED_BATCH: String(cfg.importBatch),
          }
        : {},
    });
    sampler = new RssSampler(d.pid);
    sampler.start();
    const log = new LogScanner(d.logFile);
    const s: Session = { d, backend, rec, checks, imported: 0, ...(pinecone ? { pinecone } : {}) };
    const [big, empty, quality] = [await spawn(s, "big"), await spawn(s, "empty"), await spawn(s, "quality")];
    const probe = await search(s, empty, "hello", 1);
    figures.reportedBackend = str(probe.body, "backend") ?? null;
    figures.model = str(probe.body, "model") ?? null;
    // Without the memory API (or with it failing) there is nothing to measure: say so at once.
    if (probe.status !== 200) throw new Error(`memory search answered HTTP ${probe.status}: ${probe.text.slice(0, 200)}`);
    checks.push({
      name: `${backend}: the platform answers search with backend \`${backend}\``,
      expected: backend,
      observed: String(figures.reportedBackend),
      ok: figures.reportedBackend === backend,
    });
    figures.quality = await measureQuality(s, cfg, quality);
    progress(
      `${backend}: labelled set ${figures.quality ? `recall@5 ${(figures.quality.recallAt5 * 100).toFixed(1)}% (${figures.quality.model})` : "not measured"}`,
    );
    let from = 0;
    for (const to of cfg.levels) {
      figures.levels.push(await measureLevel(s, cfg, big, empty, from, to, progress));
      from = to;
    }
    const text = log.readNew();
    figures.logIssues = logIssues(text);
  } catch (err) {
    figures.status = "failed";
    figures.message = err instanceof Error ? err.message : String(err);
    progress(`${backend} failed: ${figures.message}`);
    rec.note(`${backend} failed: ${figures.message}`);
    checks.push({ name: `${backend}: session ran`, expected: "yes", observed: figures.message.slice(0, 200), ok: false });
  } finally {
    sampler?.stop();
    figures.peakRssMb = Math.round((sampler?.peakBytes() ?? 0) / (1024 * 1024));
    await d?.stop();
    await pinecone?.stop();
  }
  return figures;
}

export async function runLoadH(cfg: MemoryLoadConfig, runDir: string, progress: (line: string) => void): Promise<MemoryResult> {
  const node = await embedderQuality(new LexicalEmbedder());
  progress(
    `Node: ${node.model} on the labelled set: recall@1 ${(node.recallAt1 * 100).toFixed(1)}%, recall@5 ${(node.recallAt5 * 100).toFixed(1)}%, MRR ${node.mrr.toFixed(3)}`,
  );
  const rec = new Recorder();
  const checks: Check[] = [];
  const backends: BackendFigures[] = [];
  for (const backend of cfg.backends) backends.push(await runBackend(backend, cfg, runDir, rec, checks, progress));
  return {
    status: "ok",
    config: cfg,
    node,
    backends,
    checks,
    problems: rec.problems,
    problemCount: rec.count,
    loadAvgAtEnd: Math.round((loadavg()[0] ?? 0) * 100) / 100,
  };
}
