/** Load H's figures (semantic memory: retrieval latency at scale on both backends, retrieval quality) and its markdown section. */
import type { MemoryLoadConfig } from "./memory";
import { type QualityFigures, type QualityScores, MRR_DEPTH } from "./memory-quality";
import type { Check, Percentiles } from "./organisation-report";

export type MemoryBackend = "local" | "pinecone";

export interface SearchFigures {
  /** Client-side: `GET …/memories/search` sent → answer read. */
  client: Percentiles;
  /** Server-side: the answer's `tookMs` (inside the agent: embedding the query and searching). */
  took: Percentiles;
  /** Median of the answers' `searched` (vectors compared; the local backend), null when not reported (Pinecone). */
  searched: number | null;
  failures: number;
}

export interface LevelFigures {
  /** Memories in the measured agent (one customer's) when it was searched. */
  memories: number;
  /** Client time to import this level's new memories (500 per request). */
  importMs: number;
  importedPerSec: number | null;
  /** Import answered → every memory searchable (embedded and indexed; Pinecone: upserted). */
  indexedMs: number;
  search: SearchFigures;
  /** The same search, interleaved, on an agent with no memories: the floor of the same path. */
  floor: SearchFigures;
  /** `GET /health`, interleaved: the Worker's floor. */
  health: Percentiles;
  /** Client p50 and p99 over the floor search's, and p50 over health's; server tookMs p50 over the floor's. */
  ratio: { p50: number | null; p99: number | null; p50VsHealth: number | null; tookP50: number | null };
}

export interface BackendFigures {
  backend: MemoryBackend;
  status: "ok" | "failed";
  message?: string;
  /** What the API answered as `backend` and `model`. */
  reportedBackend: string | null;
  model: string | null;
  quality: QualityFigures | null;
  levels: LevelFigures[];
  peakRssMb: number;
  logIssues: { errors: number; warnings: number; samples: string[] };
}

export interface MemoryResult {
  status: "ok";
  config: MemoryLoadConfig;
  /** The local lexical embedder on the labelled set, in the bench's Node process (no platform). */
  node: QualityFigures;
  backends: BackendFigures[];
  checks: Check[];
  problems: string[];
  problemCount: number;
  loadAvgAtEnd: number;
}

export type MemoryOutcome = MemoryResult | { status: "skipped" | "failed"; message: string; node?: QualityFigures };

/** Checks of H that failed, or null when it did not run to the end. */
export function failedMemoryChecks(h: MemoryOutcome | undefined): number | null {
  return h?.status === "ok" ? h.checks.filter((c) => !c.ok).length : null;
}

const n = (x: number) => x.toLocaleString("en-US");
const ms = (x: number | null) => (x === null ? "–" : x < 10 ? x.toFixed(2) : x.toFixed(1));
const pc = (p: Percentiles) => `${ms(p.p50Ms)} / ${ms(p.p99Ms)}`;
const ratio = (x: number | null) => (x === null ? "–" : `${x.toFixed(2)}×`);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
const scoreCells = (s: QualityScores) => `${pct(s.recallAt1)} | ${pct(s.recallAt5)} | ${s.mrr.toFixed(3)}`;

function qualityRow(where: string, q: QualityFigures): string {
  return `| ${where} | \`${q.model}\` | ${scoreCells(q)} | ${scoreCells(q.byStyle.literal)} | ${scoreCells(q.byStyle.paraphrase)} |`;
}

export function memoryMarkdown(h: MemoryOutcome): string[] {
  const lines = ["", "## Load H — semantic memory (retrieval at 1,000 to 50,000 memories per agent; retrieval quality)", ""];
  const qualityHeader = [
    "| Where | Embedding model | recall@1 | recall@5 | MRR | literal r@1 | r@5 | MRR | paraphrase r@1 | r@5 | MRR |",
    "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  if (h.status !== "ok") {
    lines.push(`Load H ${h.status}: ${h.message}`);
    if (h.node) lines.push("", ...qualityHeader, qualityRow("Node (no platform)", h.node));
    return lines;
  }
  const c = h.config;
  lines.push(
    `A platform session per backend: \`local\` (vectors in the agent's SQLite, exact cosine) and \`pinecone\` (the platform started with \`PINECONE_API_KEY\` and \`PINECONE_INDEX_HOST\` pointing at the local Pinecone protocol server, \`test/servers/pinecone-server.ts\`, its own Node process: **this measures our client and a local server, not Pinecone's service**). ` +
      `In each, one agent gets one customer's memories through \`POST /v1/admin/agents/{id}/memories\` (${c.importBatch} per request, ${c.concurrency} in flight; seeded, realistic texts: customer facts, task briefs, deliverables, corrections and rated decisions of six businesses), up to ${c.levels.map(n).join(", then ")}; ` +
      `at each level, once every memory is searchable, ${n(c.queries)} rounds, one request at a time, of: a search of that agent (\`GET …/memories/search?q=&customerId=&topK=${c.topK}\`), the same search on an agent with no memories (the floor), and \`GET /health\`.`,
    "",
    "| Backend | Memories | search p50 / p99 ms (client) | max | tookMs p50 / p99 (server) | searched | floor search p50 / p99 | floor tookMs p50 / p99 | /health p50 / p99 | ÷ floor p50 | ÷ floor p99 | ÷ /health p50 | tookMs ÷ floor p50 | import memories/s | indexed s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  );
  for (const b of h.backends) {
    if (b.status !== "ok") lines.push(`| \`${b.backend}\` | failed: ${(b.message ?? "").replace(/\|/g, "/").slice(0, 200)} |||||||||||||`);
    for (const l of b.levels)
      lines.push(
        `| \`${b.backend}\` | ${n(l.memories)} | **${pc(l.search.client)}** | ${ms(l.search.client.maxMs)} | **${pc(l.search.took)}** | ${l.search.searched === null ? "–" : n(l.search.searched)} | ${pc(l.floor.client)} | ${pc(l.floor.took)} | ${pc(l.health)} | **${ratio(l.ratio.p50)}** | ${ratio(l.ratio.p99)} | ${ratio(l.ratio.p50VsHealth)} | ${ratio(l.ratio.tookP50)} | ${l.importedPerSec === null ? "–" : n(Math.round(l.importedPerSec))} | ${(l.indexedMs / 1000).toFixed(1)} |`,
      );
  }
  lines.push(
    "",
    `Retrieval quality on the labelled set (\`bench/lib/memory-quality-set.ts\`: 60 memories of one agent, 30 queries each labelled with the memories that answer it; 15 share words with their answer, 15 are paraphrases with few words in common). Hit: a labelled memory in the top 1 or 5; MRR over the top ${MRR_DEPTH}. Through the platform (its own agent, searched with \`topK=${MRR_DEPTH}\`) with the model the platform reported, and in Node for the local lexical embedder alone:`,
    "",
    ...qualityHeader,
    qualityRow("Node (no platform)", h.node),
    ...h.backends.filter((b) => b.quality).map((b) => qualityRow(`platform, \`${b.backend}\``, b.quality as QualityFigures)),
    "",
    `Not in the top 5 through the platform: ${
      h.backends
        .filter((b) => b.quality)
        .map(
          (b) =>
            `\`${b.backend}\` ${b.quality?.missedAt5.length ?? 0} (${(b.quality?.missedAt5 ?? []).map((q) => `"${q}"`).join(", ") || "none"})`,
        )
        .join("; ") || "–"
    }.`,
    "",
    "| Check | Expected | Observed | Result |",
    "|---|---|---|---|",
    ...h.checks.map((k) => `| ${k.name} | ${k.expected} | ${k.observed} | ${k.ok ? "ok" : "**FAIL**"} |`),
    "",
    `Peak RSS of the platform: ${h.backends.map((b) => `\`${b.backend}\` ${n(b.peakRssMb)} MB`).join(", ")}. Worker log: ${h.backends
      .map((b) => `\`${b.backend}\` ${n(b.logIssues.errors)} errors, ${n(b.logIssues.warnings)} warnings`)
      .join("; ")}; load average at the end ${h.loadAvgAtEnd.toFixed(2)}.`,
  );
  if (h.problems.length)
    lines.push(
      "",
      `Problems (${n(h.problemCount)}; first ${h.problems.length}):`,
      ...h.problems.map((x) => `- \`${x.replace(/`/g, "'")}\``),
    );
  lines.push(
    "",
    "Notes on H:",
    "- The ratios divide the search of the agent holding the memories by the same search on an agent holding none, in the same session and interleaved with it (so drift weighs on both): what remains is the cost of the memories themselves (the scan, or the Pinecone round trip, and joining the matches with their rows). `tookMs` is measured inside the agent; workerd's clock advances only across I/O, so on the local backend it can read 0 for a search that never leaves the object.",
    "- The `pinecone` rows time our client (`@pinecone-database/pinecone`) and a local Node server that answers each query by exact search in memory, on the same machine: no network, no Pinecone service. Pinecone's own service time and the network to it would come on top.",
    "- The local lexical embedder (feature hashing of word stems, word pairs and trigrams) is lexical, not semantic: the literal queries show what it finds, the paraphrases what it misses. A hosted embedding model can be compared on the same set by starting the platform with it: the `Embedding model` column names what answered.",
  );
  return lines;
}
