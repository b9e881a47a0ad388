import { describe, expect, it } from "vitest";
import { memoryQueries, memoryTexts } from "../../bench/lib/memory-corpus";
import { embedderQuality, qualityOf } from "../../bench/lib/memory-quality";
import { QUALITY_MEMORIES, QUALITY_QUERIES } from "../../bench/lib/memory-quality-set";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";

describe("load H's labelled set and measures", () => {
  it("is 60 memories and 30 queries, half literal, half paraphrased, each labelled with memories that exist", () => {
    const ids = new Set(QUALITY_MEMORIES.map((m) => m.id));
    expect(ids.size).toBe(60);
    expect(QUALITY_QUERIES).toHaveLength(30);
    expect(QUALITY_QUERIES.filter((q) => q.style === "paraphrase")).toHaveLength(15);
    for (const q of QUALITY_QUERIES) for (const id of q.relevant) expect(ids.has(id)).toBe(true);
  });

  it("scores recall@1, recall@5 and MRR from rankings", () => {
    const [a, b, c, d] = QUALITY_QUERIES.filter((q) => q.relevant.length === 1) as [
      (typeof QUALITY_QUERIES)[number],
      (typeof QUALITY_QUERIES)[number],
      (typeof QUALITY_QUERIES)[number],
      (typeof QUALITY_QUERIES)[number],
    ];
    const hit = (q: typeof a, at: number) => [...Array.from({ length: at - 1 }, (_, i) => `x${i}`), q.relevant[0] as string];
    const figures = qualityOf("model-x", [
      { query: a, ranked: hit(a, 1) },
      { query: b, ranked: hit(b, 2) },
      { query: c, ranked: hit(c, 7) },
      { query: d, ranked: ["x1", "x2"] },
    ]);
    expect(figures).toMatchObject({ model: "model-x", queries: 4, recallAt1: 0.25, recallAt5: 0.5 });
    expect(figures.mrr).toBeCloseTo((1 + 1 / 2 + 1 / 7 + 0) / 4, 12);
    expect(figures.missedAt5).toEqual([c.q, d.q]);
  });

  it("the lexical embedder finds every literal query's memory in its top 5 and misses paraphrases: lexical, not semantic", async () => {
    const figures = await embedderQuality(new LexicalEmbedder());
    expect(figures.model).toBe("waooaw-lexical-v1-512");
    expect(figures.byStyle.literal.recallAt5).toBe(1);
    expect(figures.byStyle.paraphrase.recallAt5).toBeLessThan(figures.byStyle.literal.recallAt5);
  });
});

describe("load H's generated memories", () => {
  it("are the same for the same seed, and a later batch continues the sequence", () => {
    expect(memoryTexts(1, 0, 20)).toEqual(memoryTexts(1, 0, 20));
    expect(memoryTexts(1, 10, 10)).toEqual(memoryTexts(1, 0, 20).slice(10));
    expect(memoryTexts(2, 0, 20)).not.toEqual(memoryTexts(1, 0, 20));
    expect(memoryQueries(1, 5)).toEqual(memoryQueries(1, 5));
  });

  it("are realistic texts of every kind an agent remembers, with no template slot left unfilled", () => {
    const memories = memoryTexts(1, 0, 2_000);
    expect(new Set(memories.map((m) => m.kind))).toEqual(new Set(["fact", "task", "deliverable", "correction", "rated_decision"]));
    expect(memories.every((m) => m.text.length > 20 && !/[{}]/.test(m.text))).toBe(true);
    expect(new Set(memories.map((m) => m.text)).size).toBeGreaterThan(1_500);
  });
});
