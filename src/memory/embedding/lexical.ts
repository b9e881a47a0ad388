import { stemmer } from "stemmer";
import { type Embedder, type EmbeddingKind, normalize } from "./embedder";

/** Words too common to say what a text is about. */
const STOP_WORDS = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her his how i if in into is it its " +
    "me my no not of on or our please she so than that the their them then there these they this to us was we were what " +
    "when where which who why will with would you your hi hello thanks thank"
  ).split(" "),
);

/** 32-bit FNV-1a: a fast, stable hash (the same text gives the same vector on every run and isolate). */
function fnv1a(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Lower case, numbers as `#`, words of letters and digits in any script. */
export function lexicalTokens(text: string): string[] {
  const words = text
    .toLowerCase()
    .normalize("NFKC")
    .replace(/\d+([.,]\d+)*/g, "#")
    .match(/[\p{L}\p{N}#]+/gu);
  return words ? words.filter((w) => !STOP_WORDS.has(w)) : [];
}

/**
 * The local default embedder: feature hashing of word stems, word pairs and character trigrams
 * into a fixed number of dimensions, with signed buckets and sublinear term weights.
 *
 * It is **lexical, not semantic**: texts that share words (or word stems, or spellings close
 * enough to share trigrams) come out close; paraphrases with no words in common do not. It runs
 * in the Worker with no I/O and no model weights, deterministically. The bench reports its
 * retrieval quality on a labelled set so that a real embedding model can be compared.
 */
export class LexicalEmbedder implements Embedder {
  readonly model: string;

  constructor(readonly dimension = 512) {
    this.model = `waooaw-lexical-v1-${dimension}`;
  }

  async embed(texts: readonly string[], kind: EmbeddingKind): Promise<Float32Array[]> {
    return texts.map((text) => this.embedNow(text, kind));
  }

  embedNow(text: string, _kind?: EmbeddingKind): Float32Array {
    // feature → [weight of one occurrence, occurrences]
    const features = new Map<string, [number, number]>();
    const add = (feature: string, weight: number) => {
      const seen = features.get(feature);
      if (seen) seen[1]++;
      else features.set(feature, [weight, 1]);
    };
    const words = lexicalTokens(text);
    const stems = words.map((w) => (w === "#" ? w : stemmer(w)));
    for (const [i, stem] of stems.entries()) {
      add(`w:${stem}`, 1);
      const next = stems[i + 1];
      if (next !== undefined) add(`b:${stem} ${next}`, 0.5);
    }
    for (const word of words) {
      if (word === "#") continue;
      const padded = `<${word}>`;
      for (let i = 0; i + 3 <= padded.length; i++) add(`c:${padded.slice(i, i + 3)}`, 0.25);
    }
    const vector = new Float32Array(this.dimension);
    for (const [feature, [weight, count]] of features) {
      const hash = fnv1a(feature);
      const bucket = hash % this.dimension;
      // The sign from another bit: colliding features cancel out on average instead of piling up.
      const sign = fnv1a(feature, 0x9747b28c) & 1 ? 1 : -1;
      // Sublinear: a word said five times is not five times the topic.
      vector[bucket] = (vector[bucket] as number) + sign * weight * (1 + Math.log(count));
    }
    return normalize(vector);
  }
}
