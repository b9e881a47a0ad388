import type { Index, Pinecone, RecordMetadata } from "@pinecone-database/pinecone";
import type { VectorEntry, VectorIndex, VectorMatches, VectorSpace } from "../vectors/vector-index";
import { pineconeFailure } from "./pinecone-errors";

/** At most this many vectors per upsert request (Pinecone's limit is 1,000 or 2 MB). */
const UPSERT_CHUNK = 100;

/**
 * The tenant's namespace: one per customer and agent (`<customerId or _none>__<instanceId>`), so
 * no query ever reaches another tenant's vectors; the model rides in each vector's metadata and
 * every query filters on it, so spaces are never mixed while a model change re-embeds.
 */
export function pineconeNamespace(space: Omit<VectorSpace, "model">): string {
  return `${space.customerId ?? "_none"}__${space.instanceId}`;
}

/** Vectors in a Pinecone index (serverless, metric cosine), through the real client. */
export class PineconeVectorIndex implements VectorIndex {
  readonly backend = "pinecone" as const;
  readonly placement: string;
  private readonly index: Index<RecordMetadata>;

  constructor(client: Pinecone, host: string) {
    this.index = client.index({ host });
    // Another index (a new PINECONE_INDEX_HOST) is another placement: the agent re-indexes its rows there.
    this.placement = `pinecone:${host}`;
  }

  private ns(space: Omit<VectorSpace, "model">): Index<RecordMetadata> {
    return this.index.namespace(pineconeNamespace(space));
  }

  async upsert(space: VectorSpace, entries: readonly VectorEntry[]): Promise<void> {
    try {
      for (let i = 0; i < entries.length; i += UPSERT_CHUNK) {
        await this.ns(space).upsert({
          records: entries.slice(i, i + UPSERT_CHUNK).map((e) => ({
            id: e.id,
            values: Array.from(e.vector),
            metadata: { model: space.model, kind: e.kind },
          })),
        });
      }
    } catch (error) {
      throw pineconeFailure(error);
    }
  }

  async query(space: VectorSpace, vector: Float32Array, topK: number): Promise<VectorMatches> {
    try {
      const answer = await this.ns(space).query({
        vector: Array.from(vector),
        topK,
        filter: { model: { $eq: space.model } },
        includeMetadata: false,
        includeValues: false,
      });
      return { matches: answer.matches.map((m) => ({ id: m.id, score: m.score ?? 0 })), searched: null };
    } catch (error) {
      throw pineconeFailure(error);
    }
  }

  async remove(space: Omit<VectorSpace, "model">, ids: readonly string[]): Promise<void> {
    if (!ids.length) return;
    try {
      for (let i = 0; i < ids.length; i += 1_000) await this.ns(space).deleteMany({ ids: ids.slice(i, i + 1_000) });
    } catch (error) {
      const failure = pineconeFailure(error);
      if (failure.kind !== "not_found") throw failure; // nothing there to remove: done
    }
  }

  async removeAll(space: Omit<VectorSpace, "model">): Promise<void> {
    try {
      await this.ns(space).deleteAll();
    } catch (error) {
      const failure = pineconeFailure(error);
      if (failure.kind !== "not_found") throw failure; // an empty namespace does not exist: done
    }
  }
}
