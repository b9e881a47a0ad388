import { describe, expect, it } from "vitest";
import { cosine } from "../../src/memory/embedding/embedder";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import { dequantize, fromBlob, quantize, toBlob } from "../../src/memory/vectors/quantize";
import { VectorMatrix } from "../../src/memory/vectors/vector-matrix";

const embedder = new LexicalEmbedder();
const embed = (text: string) => embedder.embedNow(text);

const TEXTS = [
  "We are a dental clinic in Ohio",
  "Our budget is five thousand dollars a month",
  "I prefer e-mail over phone calls",
  "Write a launch post announcing dark mode",
  "The quarterly newsletter for our dental patients",
  "Handmade soap shop based in Lyon",
];

describe("int8 quantization", () => {
  it("keeps cosine similarities within 0.01 of the exact ones, and round-trips through a blob", () => {
    let worst = 0;
    for (const a of TEXTS) {
      for (const b of TEXTS) {
        const exact = cosine(embed(a), embed(b));
        const q = quantize(embed(b));
        const approx = cosine(embed(a), dequantize({ values: fromBlob(toBlob(q.values)), scale: q.scale }));
        worst = Math.max(worst, Math.abs(exact - approx));
      }
    }
    expect(worst).toBeLessThan(0.01);
  });
});

describe("VectorMatrix: exact cosine search", () => {
  it("ranks by similarity to the query, best first, and honours topK", () => {
    const matrix = new VectorMatrix(embedder.dimension, 2);
    for (const [i, t] of TEXTS.entries()) matrix.put(`m${i}`, quantize(embed(t)));
    const found = matrix.search(embed("dental clinic"), 2);
    expect(found.map((f) => f.id)).toEqual(["m0", "m4"]);
    expect(found[0]?.score).toBeGreaterThan(found[1]?.score ?? 1);
    const exact = TEXTS.map((t, i) => ({ id: `m${i}`, score: cosine(embed("budget per month"), embed(t)) })).sort(
      (a, b) => b.score - a.score,
    );
    expect(matrix.search(embed("budget per month"), 6).map((f) => f.id)).toEqual(exact.map((e) => e.id));
  });

  it("forgets removed rows and replaces a re-put one", () => {
    const matrix = new VectorMatrix(embedder.dimension);
    for (const [i, t] of TEXTS.entries()) matrix.put(`m${i}`, quantize(embed(t)));
    matrix.remove("m0");
    matrix.remove("m0");
    expect(matrix.size).toBe(5);
    expect(matrix.search(embed("dental clinic"), 1).map((f) => f.id)).toEqual(["m4"]);
    matrix.put("m5", quantize(embed("dental clinic")));
    expect(matrix.size).toBe(5);
    expect(matrix.search(embed("dental clinic"), 1)[0]).toMatchObject({ id: "m5" });
    expect(matrix.search(embed("dental clinic"), 1)[0]?.score).toBeCloseTo(1, 2);
  });

  it("searches 50,000 vectors of 512 dimensions quickly", () => {
    const matrix = new VectorMatrix(512);
    const rng = mulberry32(7);
    const v = new Float32Array(512);
    for (let n = 0; n < 50_000; n++) {
      for (let i = 0; i < 512; i++) v[i] = rng() - 0.5;
      matrix.put(`m${n}`, quantize(v));
    }
    const started = performance.now();
    const found = matrix.search(embed("dental clinic"), 10);
    const took = performance.now() - started;
    expect(found).toHaveLength(10);
    // Measured ~25 ms in Node (~25-55 ms in workerd) on the 2-core dev machine; the bound leaves room for a busy one.
    expect(took).toBeLessThan(500);
  });
});

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
