/**
 * Turns text into vectors for semantic memory and the semantic cache. `model` is recorded with
 * every vector: vectors of different models are never compared (a changed model re-embeds).
 *
 * Vectors are L2-normalized, so cosine similarity is their dot product.
 */
export interface Embedder {
  /** Names the vector space: provider, model and dimension (`waooaw-lexical-v1-512`, `pinecone:multilingual-e5-large`). */
  readonly model: string;
  readonly dimension: number;
  /** `passage` for what is stored, `query` for what is looked up (some models embed them differently). */
  embed(texts: readonly string[], kind: EmbeddingKind): Promise<Float32Array[]>;
  /** The same without I/O, for embedders that run in the Worker (the lexical default); absent for remote ones. */
  embedNow?(text: string, kind: EmbeddingKind): Float32Array;
}

export type EmbeddingKind = "passage" | "query";

/** Dot product of two normalized vectors of one model: their cosine similarity. */
export function cosine(a: Float32Array, b: Float32Array): number {
  const n = Math.min(a.length, b.length);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** Scales a vector to unit length in place (a zero vector stays zero). */
export function normalize(vector: Float32Array): Float32Array {
  let sum = 0;
  for (const v of vector) sum += v * v;
  if (sum > 0) {
    const scale = 1 / Math.sqrt(sum);
    for (let i = 0; i < vector.length; i++) vector[i] = (vector[i] as number) * scale;
  }
  return vector;
}
