import { fromBlob, quantize, toBlob } from "./quantize";
import { VectorMatrix } from "./vector-matrix";
import type { VectorEntry, VectorIndex, VectorMatches, VectorSpace } from "./vector-index";

/**
 * The default backend: vectors in the memories rows of the agent's own SQLite (int8, see
 * ./quantize.ts), searched exactly in memory. Each (customer, model) has its own matrix, loaded
 * from its rows on first use and kept in step with every write, so a tenant's query only ever
 * scans that tenant's vectors of the current model. Synchronous (`*Now`): it needs no I/O.
 */
/**
 * Most customers' matrices kept in memory at once (least recently used go first): an agent serving
 * many customers must stay well under a Durable Object's 128 MB (50,000 memories are ~25 MB).
 */
const MATRICES_KEPT = 4;

export class LocalVectorIndex implements VectorIndex {
  readonly backend = "local" as const;
  readonly placement = "local";
  private readonly matrices = new Map<string, VectorMatrix>();

  constructor(private readonly sql: SqlStorage) {}

  private matrix(customerId: string | null, model: string, dimension: number): VectorMatrix {
    const name = matrixName(customerId, model);
    let matrix = this.matrices.get(name);
    if (matrix) {
      // Most recently used last, so eviction takes the oldest first.
      this.matrices.delete(name);
      this.matrices.set(name, matrix);
    } else {
      matrix = new VectorMatrix(dimension);
      const rows = this.sql.exec<{ id: string; vector: ArrayBuffer; vector_scale: number }>(
        `SELECT id, vector, vector_scale FROM memories WHERE customer_id = ? AND model = ? AND backend = 'local' AND vector IS NOT NULL`,
        customerId ?? "",
        model,
      );
      for (const row of rows) {
        const values = fromBlob(row.vector);
        if (values.length === dimension) matrix.put(row.id, { values, scale: row.vector_scale }); // put copies it
      }
      this.matrices.set(name, matrix);
      for (const oldest of this.matrices.keys()) {
        if (this.matrices.size <= MATRICES_KEPT) break;
        this.matrices.delete(oldest);
      }
    }
    return matrix;
  }

  /** Writes the vectors into their rows (skipping rows deleted meanwhile) and into the matrix. */
  upsertNow(space: VectorSpace, entries: readonly VectorEntry[]): void {
    if (!entries.length) return;
    // A model change: matrices of other models are never queried again.
    for (const name of this.matrices.keys()) if (!name.endsWith(`\u0000${space.model}`)) this.matrices.delete(name);
    // Only a matrix already in memory is kept in step; one not loaded reads these rows when first searched
    // (a write must not load a customer's whole vector set).
    const matrix = this.matrices.get(matrixName(space.customerId, space.model));
    for (const entry of entries) {
      const q = quantize(entry.vector);
      const written = this.sql
        .exec(
          `UPDATE memories SET model = ?, backend = 'local', vector = ?, vector_scale = ? WHERE id = ? AND customer_id = ? RETURNING id`,
          space.model,
          toBlob(q.values),
          q.scale,
          entry.id,
          space.customerId ?? "",
        )
        .toArray();
      if (written.length) matrix?.put(entry.id, q);
    }
  }

  queryNow(space: VectorSpace, vector: Float32Array, topK: number): VectorMatches {
    const matrix = this.matrix(space.customerId, space.model, vector.length);
    return { matches: matrix.search(vector, topK), searched: matrix.size };
  }

  removeNow(space: Omit<VectorSpace, "model">, ids: readonly string[] | "all"): void {
    for (const [name, matrix] of this.matrices) {
      if (!name.startsWith(`${space.customerId ?? ""}\u0000`)) continue;
      if (ids === "all") this.matrices.delete(name);
      else for (const id of ids) matrix.remove(id);
    }
  }

  async upsert(space: VectorSpace, entries: readonly VectorEntry[]): Promise<void> {
    this.upsertNow(space, entries);
  }

  async query(space: VectorSpace, vector: Float32Array, topK: number): Promise<VectorMatches> {
    return this.queryNow(space, vector, topK);
  }

  async remove(space: Omit<VectorSpace, "model">, ids: readonly string[]): Promise<void> {
    this.removeNow(space, ids);
  }

  async removeAll(space: Omit<VectorSpace, "model">): Promise<void> {
    this.removeNow(space, "all");
  }
}

function matrixName(customerId: string | null, model: string): string {
  return `${customerId ?? ""}\u0000${model}`;
}
