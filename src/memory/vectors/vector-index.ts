import type { MemoryKind } from "../memory-types";
import type { Scored } from "./vector-matrix";

export type MemoryBackend = "local" | "pinecone";

/** Whose vectors: one customer's memories in one agent (the tenant), in one model's space. */
export interface VectorSpace {
  instanceId: string;
  /** null: memories not tied to a customer (an agent's own work). */
  customerId: string | null;
  model: string;
}

export interface VectorEntry {
  id: string;
  kind: MemoryKind;
  vector: Float32Array;
}

export interface VectorMatches {
  matches: Scored[];
  /** Vectors compared (exact local search); null when the backend does not say (Pinecone). */
  searched: number | null;
}

/**
 * Where memory vectors live and are searched. Every call names one tenant's space, so a query
 * for customer A can never see customer B's vectors, nor vectors of another model.
 */
export interface VectorIndex {
  readonly backend: MemoryBackend;
  /** Where exactly the vectors live (`local`, `pinecone:<index host>`): rows stored elsewhere are re-indexed here. */
  readonly placement: string;
  upsert(space: VectorSpace, entries: readonly VectorEntry[]): Promise<void>;
  query(space: VectorSpace, vector: Float32Array, topK: number): Promise<VectorMatches>;
  /** Removes these ids from the tenant's space (of every model). */
  remove(space: Omit<VectorSpace, "model">, ids: readonly string[]): Promise<void>;
  /** Removes all of the tenant's vectors. */
  removeAll(space: Omit<VectorSpace, "model">): Promise<void>;
}
