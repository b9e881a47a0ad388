/**
 * Retrieval quality on load H's labelled set (memory-quality-set.ts): recall@1, recall@5 and MRR
 * (over the top 10) of ranked memory ids, overall and per query style. Used for the platform's
 * answers in load H and, in Node, for an embedder alone:
 *
 *   npx tsx bench/lib/memory-quality.ts      # the local lexical embedder on the set, no platform
 */
import { pathToFileURL } from "node:url";
import { cosine, type Embedder } from "../../src/memory/embedding/embedder";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import { type LabelledQuery, QUALITY_MEMORIES, QUALITY_QUERIES } from "./memory-quality-set";

/** How deep the ranking MRR reads (and the platform is asked for). */
export const MRR_DEPTH = 10;

export interface QualityScores {
  queries: number;
  recallAt1: number;
  recallAt5: number;
  /** Mean reciprocal rank of the first relevant memory within the top {@link MRR_DEPTH} (0 when absent). */
  mrr: number;
}

export interface QualityFigures extends QualityScores {
  /** The embedding model that ranked (as the platform names it, or the embedder's `model`). */
  model: string;
  byStyle: Record<LabelledQuery["style"], QualityScores>;
  /** Queries whose answer was not in the top 5, for the report. */
  missedAt5: string[];
}

export interface Ranking {
  query: LabelledQuery;
  /** Memory ids of the set, best first. */
  ranked: readonly string[];
}

/** 1-based rank of the first relevant id within the first `depth`, or null. */
function firstRelevant(r: Ranking, depth: number): number | null {
  const at = r.ranked.slice(0, depth).findIndex((id) => r.query.relevant.includes(id));
  return at < 0 ? null : at + 1;
}

function scores(rankings: readonly Ranking[]): QualityScores {
  const n = rankings.length;
  const ranks = rankings.map((r) => firstRelevant(r, MRR_DEPTH));
  const share = (hit: (rank: number | null) => boolean) => (n ? ranks.filter(hit).length / n : 0);
  return {
    queries: n,
    recallAt1: share((k) => k === 1),
    recallAt5: share((k) => k !== null && k <= 5),
    mrr: n ? ranks.reduce<number>((sum, k) => sum + (k === null ? 0 : 1 / k), 0) / n : 0,
  };
}

export function qualityOf(model: string, rankings: readonly Ranking[]): QualityFigures {
  return {
    model,
    ...scores(rankings),
    byStyle: {
      literal: scores(rankings.filter((r) => r.query.style === "literal")),
      paraphrase: scores(rankings.filter((r) => r.query.style === "paraphrase")),
    },
    missedAt5: rankings.filter((r) => (firstRelevant(r, 5) ?? 99) > 5).map((r) => r.query.q),
  };
}

/** An embedder alone on the set, in this process: memories as passages, queries as queries, exact cosine. */
export async function embedderQuality(embedder: Embedder): Promise<QualityFigures> {
  const memoryVectors = await embedder.embed(
    QUALITY_MEMORIES.map((m) => m.text),
    "passage",
  );
  const queryVectors = await embedder.embed(
    QUALITY_QUERIES.map((q) => q.q),
    "query",
  );
  const rankings = QUALITY_QUERIES.map((query, i) => {
    const qv = queryVectors[i] as Float32Array;
    const ranked = QUALITY_MEMORIES.map((m, j) => ({ id: m.id, score: cosine(memoryVectors[j] as Float32Array, qv) }))
      .sort((a, b) => b.score - a.score || a.id.localeCompare(b.id))
      .map((x) => x.id);
    return { query, ranked };
  });
  return qualityOf(embedder.model, rankings);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/** One line per score set, for the console and the report. */
export function qualityLine(label: string, s: QualityScores): string {
  return `${label}: recall@1 ${pct(s.recallAt1)}, recall@5 ${pct(s.recallAt5)}, MRR ${s.mrr.toFixed(3)} (${s.queries} queries)`;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const figures = await embedderQuality(new LexicalEmbedder());
  console.log(`${figures.model}, in Node, on ${QUALITY_MEMORIES.length} memories:`);
  console.log(qualityLine("  all", figures));
  console.log(qualityLine("  literal", figures.byStyle.literal));
  console.log(qualityLine("  paraphrase", figures.byStyle.paraphrase));
  console.log(`  not in the top 5: ${figures.missedAt5.map((q) => `"${q}"`).join(", ") || "none"}`);
}
