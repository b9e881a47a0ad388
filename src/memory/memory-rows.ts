import type { Page } from "../db/keyset";
import type { Memory, MemoryKind } from "./memory-types";

/** Where a memory's text is bound when encrypted at rest (src/crypto). */
export const MEMORY_AAD = "agent.memories.text";

/**
 * The `memories` table in the agent's own SQLite: one row per memory, never one growing value.
 * `customer_id` is '' for memories tied to no customer (so equality, and its index, work).
 * `model` and `backend` say where the row's vector is: NULL model = pending (not embedded yet);
 * a model other than the current embedder's, or another placement (`local`, `pinecone:<host>`),
 * = to be re-embedded. `vector`
 * (int8) and `vector_scale` hold the vector itself when the backend is local.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS memories (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL, customer_id TEXT NOT NULL,
     kind TEXT NOT NULL, text TEXT NOT NULL, source TEXT NOT NULL, model TEXT, backend TEXT, vector BLOB, vector_scale REAL,
     created_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS memories_by_customer ON memories (customer_id, seq)`,
  `CREATE INDEX IF NOT EXISTS memories_by_space ON memories (model, backend, customer_id)`,
  // Vectors to remove from a remote backend (a deletion it did not confirm yet); memory_id NULL: all of the customer's.
  `CREATE TABLE IF NOT EXISTS memory_tombstones (seq INTEGER PRIMARY KEY, customer_id TEXT NOT NULL, memory_id TEXT)`,
];

/** A memory as written: `text` as stored (sealed by the caller when encryption at rest is on). */
export interface NewMemory {
  id: string;
  customerId: string | null;
  kind: MemoryKind;
  text: string;
  source: Memory["source"];
  createdAt: number;
}

export interface PendingRow {
  seq: number;
  id: string;
  customerId: string | null;
  kind: MemoryKind;
  text: string;
}

interface MemoryRow extends Record<string, SqlStorageValue> {
  seq: number;
  id: string;
  customer_id: string;
  kind: MemoryKind;
  text: string;
  source: string;
  model: string | null;
  created_at: number;
}

const key = (customerId: string | null) => customerId ?? "";
const customerOf = (stored: string) => (stored === "" ? null : stored);

function toMemory(row: MemoryRow): Memory {
  return {
    id: row.id,
    customerId: customerOf(row.customer_id),
    kind: row.kind,
    text: row.text,
    source: JSON.parse(row.source) as Memory["source"],
    model: row.model,
    createdAt: row.created_at,
  };
}

/** Typed access to the memories table. */
export class MemoryRows {
  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  insert(m: NewMemory): void {
    this.sql.exec(
      `INSERT INTO memories (id, customer_id, kind, text, source, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      m.id,
      key(m.customerId),
      m.kind,
      m.text,
      JSON.stringify(m.source),
      m.createdAt,
    );
  }

  /** Rows whose vector is missing, of another model or in another placement, oldest first. */
  needingVectors(model: string, placement: string, limit: number): PendingRow[] {
    return this.sql
      .exec<{ seq: number; id: string; customer_id: string; kind: MemoryKind; text: string }>(
        `SELECT seq, id, customer_id, kind, text FROM memories WHERE model IS NULL OR model != ? OR backend != ? ORDER BY seq LIMIT ?`,
        model,
        placement,
        limit,
      )
      .toArray()
      .map((r) => ({ seq: r.seq, id: r.id, customerId: customerOf(r.customer_id), kind: r.kind, text: r.text }));
  }

  anyNeedingVectors(model: string, placement: string): boolean {
    return this.needingVectors(model, placement, 1).length > 0;
  }

  /** Records that a remote backend holds these rows' vectors (no local copy). Returns the ids still present. */
  markIndexed(ids: readonly string[], model: string, placement: string): string[] {
    const present: string[] = [];
    for (const id of ids) {
      const updated = this.sql
        .exec(
          `UPDATE memories SET model = ?, backend = ?, vector = NULL, vector_scale = NULL WHERE id = ? RETURNING id`,
          model,
          placement,
          id,
        )
        .toArray();
      if (updated.length) present.push(id);
    }
    return present;
  }

  /** Newest first; the cursor is the last row's `seq`, as a string. */
  page(customerId: string | null, limit: number, cursor?: string): Page<Memory, string> {
    const before = cursor && /^\d+$/.test(cursor) ? Number(cursor) : Number.MAX_SAFE_INTEGER;
    const rows = this.sql
      .exec<MemoryRow>(
        `SELECT seq, id, customer_id, kind, text, source, model, created_at FROM memories
         WHERE customer_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?`,
        key(customerId),
        before,
        limit + 1,
      )
      .toArray();
    const shown = rows.slice(0, limit);
    const last = shown[shown.length - 1];
    return { items: shown.map(toMemory), nextCursor: rows.length > limit && last ? String(last.seq) : null };
  }

  /** The customer's rows among `ids` whose vector is of `model`, keyed by id. */
  recalled(
    customerId: string | null,
    ids: readonly string[],
    model: string,
  ): Map<string, { kind: MemoryKind; text: string; createdAt: number }> {
    const out = new Map<string, { kind: MemoryKind; text: string; createdAt: number }>();
    if (!ids.length) return out;
    // By id only (the unique index): a filter on customer_id would let SQLite scan the customer's rows instead.
    const rows = this.sql
      .exec<{ id: string; customer_id: string; model: string | null; kind: MemoryKind; text: string; created_at: number }>(
        `SELECT id, customer_id, model, kind, text, created_at FROM memories WHERE id IN (${ids.map(() => "?").join(", ")})`,
        ...ids,
      )
      .toArray();
    for (const r of rows) {
      if (r.customer_id === key(customerId) && r.model === model) out.set(r.id, { kind: r.kind, text: r.text, createdAt: r.created_at });
    }
    return out;
  }

  /** Deletes the customer's memories (all, or these ids); returns the ids deleted. */
  delete(customerId: string | null, ids?: readonly string[]): string[] {
    if (ids && !ids.length) return [];
    const filter = ids ? ` AND id IN (${ids.map(() => "?").join(", ")})` : "";
    return this.sql
      .exec<{ id: string }>(`DELETE FROM memories WHERE customer_id = ?${filter} RETURNING id`, key(customerId), ...(ids ?? []))
      .toArray()
      .map((r) => r.id);
  }

  exists(id: string): boolean {
    return this.sql.exec(`SELECT 1 FROM memories WHERE id = ?`, id).toArray().length > 0;
  }

  addTombstones(customerId: string | null, ids: readonly string[] | "all"): void {
    if (ids === "all") this.sql.exec(`INSERT INTO memory_tombstones (customer_id, memory_id) VALUES (?, NULL)`, key(customerId));
    else for (const id of ids) this.sql.exec(`INSERT INTO memory_tombstones (customer_id, memory_id) VALUES (?, ?)`, key(customerId), id);
  }

  tombstones(limit: number): { seq: number; customerId: string | null; memoryId: string | null }[] {
    return this.sql
      .exec<{ seq: number; customer_id: string; memory_id: string | null }>(`SELECT * FROM memory_tombstones ORDER BY seq LIMIT ?`, limit)
      .toArray()
      .map((r) => ({ seq: r.seq, customerId: customerOf(r.customer_id), memoryId: r.memory_id }));
  }

  clearTombstones(seqs: readonly number[]): void {
    for (const seq of seqs) this.sql.exec(`DELETE FROM memory_tombstones WHERE seq = ?`, seq);
  }

  hasTombstones(): boolean {
    return this.sql.exec(`SELECT 1 FROM memory_tombstones LIMIT 1`).toArray().length > 0;
  }
}
