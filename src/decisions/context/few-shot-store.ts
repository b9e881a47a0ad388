import { FieldCipher } from "../../crypto/field-cipher";
import { cosine, type Embedder } from "../../memory/embedding/embedder";
import type { Decision } from "../../schemas/decision";
import {
  EXAMPLE_OUTPUT_CHARS,
  EXAMPLE_SITUATION_CHARS,
  EXAMPLES_KEPT_PER_CUSTOMER,
  EXAMPLES_OFFERED,
  type FewShotExample,
  MIN_EXAMPLE_SIMILARITY,
} from "./few-shot";

const SCHEMA = `CREATE TABLE IF NOT EXISTS few_shot_examples (decision_id TEXT PRIMARY KEY, customer_id TEXT NOT NULL,
  situation TEXT NOT NULL, action TEXT NOT NULL, output TEXT NOT NULL, rating INTEGER NOT NULL, rated_at INTEGER NOT NULL,
  model TEXT, vector BLOB)`;
const INDEX = `CREATE INDEX IF NOT EXISTS few_shot_by_customer ON few_shot_examples (customer_id, rating DESC, rated_at DESC)`;

interface ExampleRow extends Record<string, SqlStorageValue> {
  decision_id: string;
  customer_id: string;
  situation: string;
  action: FewShotExample["action"];
  output: string;
  rating: number;
  rated_at: number;
  model: string | null;
  vector: ArrayBuffer | null;
}

/** Where an example's situation (the customer's event, in words) and deliverable are bound when encrypted at rest. */
export const EXAMPLE_SITUATION_AAD = "agent.few_shot_examples.situation";
export const EXAMPLE_OUTPUT_AAD = "agent.few_shot_examples.output";
const PLAIN = new FieldCipher(null);

const clip = (text: string, max: number) => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

/**
 * An agent's few-shot examples, in its own SQLite: decisions with a deliverable their customer
 * rated good, each kept with its situation's vector (and the embedding model that made it), so
 * the examples most like the event at hand can be shown to the model. Only ever the same
 * customer's: one customer's work never shows in another's prompt. The situation and the
 * deliverable are encrypted at rest with `cipher`; the vector, the rating and the ids are not.
 */
export class FewShotExamples {
  constructor(
    private readonly sql: SqlStorage,
    private readonly embedder: Embedder,
    private readonly keptPerCustomer = EXAMPLES_KEPT_PER_CUSTOMER,
    private readonly cipher: FieldCipher = PLAIN,
  ) {
    sql.exec(SCHEMA);
    sql.exec(INDEX);
  }

  /**
   * Keeps a well-rated decision as an example for its customer (the feedback hook calls it);
   * false when there is nothing to show (no deliverable). Only the best, then newest, examples
   * per customer are kept.
   */
  async addExample(
    decision: Pick<Decision, "id" | "action" | "output">,
    situation: string,
    customerId: string,
    rating = 5,
    ratedAt = Date.now(),
  ): Promise<boolean> {
    if (!decision.output) return false;
    const text = clip(situation, EXAMPLE_SITUATION_CHARS);
    const [[vector], situationSealed, outputSealed] = await Promise.all([
      this.passages([text]),
      this.cipher.seal(text, EXAMPLE_SITUATION_AAD),
      this.cipher.seal(clip(decision.output, EXAMPLE_OUTPUT_CHARS), EXAMPLE_OUTPUT_AAD),
    ]);
    this.sql.exec(
      `INSERT INTO few_shot_examples (decision_id, customer_id, situation, action, output, rating, rated_at, model, vector)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (decision_id) DO UPDATE SET customer_id = excluded.customer_id, situation = excluded.situation, action = excluded.action,
         output = excluded.output, rating = excluded.rating, rated_at = excluded.rated_at, model = excluded.model, vector = excluded.vector`,
      decision.id,
      customerId,
      situationSealed,
      decision.action,
      outputSealed,
      rating,
      ratedAt,
      this.embedder.model,
      vector ? bytesOf(vector) : null,
    );
    this.sql.exec(
      `DELETE FROM few_shot_examples WHERE customer_id = ? AND decision_id NOT IN (
         SELECT decision_id FROM few_shot_examples WHERE customer_id = ? ORDER BY rating DESC, rated_at DESC LIMIT ?)`,
      customerId,
      customerId,
      this.keptPerCustomer,
    );
    return true;
  }

  /** Drops a decision's example (it was rated badly or corrected later); true if there was one. */
  /** Forgets every example of one customer (their data, deleted on request). */
  forgetCustomer(customerId: string): void {
    this.sql.exec(`DELETE FROM few_shot_examples WHERE customer_id = ?`, customerId);
  }

  forgetExample(decisionId: string): boolean {
    return this.sql.exec(`DELETE FROM few_shot_examples WHERE decision_id = ? RETURNING decision_id`, decisionId).toArray().length > 0;
  }

  /** One customer's examples, best and newest first. */
  async list(customerId: string): Promise<FewShotExample[]> {
    return (await this.rowsOf(customerId)).map(toExample);
  }

  /**
   * The customer's examples most like `situation`, most similar first (at most `limit`, none
   * below {@link MIN_EXAMPLE_SIMILARITY}). Examples embedded with another model are embedded
   * again first, so vectors of two models are never compared.
   */
  async relevant(customerId: string, situation: string, limit = EXAMPLES_OFFERED): Promise<FewShotExample[]> {
    const rows = await this.rowsOf(customerId);
    if (rows.length === 0) return [];
    const stale = rows.filter((r) => r.model !== this.embedder.model || !r.vector);
    const [query, fresh] = await Promise.all([this.query(situation), this.passages(stale.map((r) => r.situation))]);
    for (const [i, row] of stale.entries()) {
      const vector = fresh[i];
      if (!vector) continue;
      row.vector = bytesOf(vector);
      row.model = this.embedder.model;
      this.sql.exec(`UPDATE few_shot_examples SET model = ?, vector = ? WHERE decision_id = ?`, row.model, row.vector, row.decision_id);
    }
    if (!query) return [];
    return rows
      .map((row) => ({ row, score: row.vector ? cosine(query, new Float32Array(row.vector)) : 0 }))
      .filter((s) => s.score >= MIN_EXAMPLE_SIMILARITY)
      .sort((a, b) => b.score - a.score || b.row.rated_at - a.row.rated_at)
      .slice(0, limit)
      .map((s) => toExample(s.row));
  }

  /** The customer's rows, their texts opened. */
  private async rowsOf(customerId: string): Promise<ExampleRow[]> {
    const rows = this.sql
      .exec<ExampleRow>(`SELECT * FROM few_shot_examples WHERE customer_id = ? ORDER BY rating DESC, rated_at DESC`, customerId)
      .toArray();
    return Promise.all(
      rows.map(async (r) => ({
        ...r,
        situation: await this.cipher.open(r.situation, EXAMPLE_SITUATION_AAD),
        output: await this.cipher.open(r.output, EXAMPLE_OUTPUT_AAD),
      })),
    );
  }

  /** Vectors of stored texts: synchronously when the embedder runs in the Worker (the lexical default). */
  private async passages(texts: readonly string[]): Promise<Float32Array[]> {
    if (texts.length === 0) return [];
    const now = this.embedder.embedNow?.bind(this.embedder);
    return now ? texts.map((t) => now(t, "passage")) : this.embedder.embed(texts, "passage");
  }

  private async query(text: string): Promise<Float32Array | undefined> {
    const now = this.embedder.embedNow?.bind(this.embedder);
    return now ? now(text, "query") : (await this.embedder.embed([text], "query"))[0];
  }
}

function bytesOf(vector: Float32Array): ArrayBuffer {
  return vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength) as ArrayBuffer;
}

function toExample(row: ExampleRow): FewShotExample {
  return {
    decisionId: row.decision_id,
    customerId: row.customer_id,
    situation: row.situation,
    action: row.action,
    output: row.output,
    rating: row.rating,
    ratedAt: row.rated_at,
  };
}
