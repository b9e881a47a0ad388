import type { Pinecone } from "@pinecone-database/pinecone";
import { pineconeFailure } from "../pinecone/pinecone-errors";
import { type Embedder, type EmbeddingKind, normalize } from "./embedder";

/** Most inputs one `/embed` call takes (Pinecone's limit for its hosted models is 96). */
const BATCH = 96;

/**
 * Pinecone's hosted inference (`inference.embed` through the real client), e.g.
 * `multilingual-e5-large`: semantic, multilingual, remote (so never on the hot path: memories
 * it embeds wait in the agent's alarm). `inputType` is `passage` for what is stored and
 * `query` for what is looked up, as the model expects.
 */
export class PineconeEmbedder implements Embedder {
  readonly model: string;

  constructor(
    private readonly client: Pinecone,
    private readonly modelName: string,
    readonly dimension: number,
  ) {
    this.model = `pinecone:${modelName}`;
  }

  async embed(texts: readonly string[], kind: EmbeddingKind): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    try {
      for (let i = 0; i < texts.length; i += BATCH) {
        const answer = await this.client.inference.embed({
          model: this.modelName,
          inputs: texts.slice(i, i + BATCH) as string[],
          parameters: { inputType: kind, truncate: "END" },
        });
        for (const item of answer.data) {
          if (!("values" in item)) throw new Error(`${this.modelName} answered a sparse embedding`);
          out.push(normalize(Float32Array.from(item.values)));
        }
      }
    } catch (error) {
      throw pineconeFailure(error);
    }
    return out;
  }
}
