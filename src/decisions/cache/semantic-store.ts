import { FieldCipher, isEnvelope } from "../../crypto/field-cipher";
import { RememberedAnswer, type SemanticEntry } from "./semantic-index";

/** Where a remembered answer (JSON: its reason, note and deliverable) and its situation text are bound when encrypted at rest. */
export const SEMANTIC_ANSWER_AAD = "agent.semantic_cache.answer";
export const SEMANTIC_SITUATION_AAD = "agent.semantic_cache.situation";
const PLAIN = new FieldCipher(null);

// AUTOINCREMENT: a row id is never reused, so (count, last id) tells any change apart.
const SCHEMA = `CREATE TABLE IF NOT EXISTS semantic_cache (seq INTEGER PRIMARY KEY AUTOINCREMENT, decision_id TEXT UNIQUE NOT NULL, scope TEXT NOT NULL,
  event_type TEXT NOT NULL, customer_id TEXT, model TEXT NOT NULL, vector BLOB NOT NULL, answer TEXT NOT NULL, has_output INTEGER NOT NULL,
  situation TEXT NOT NULL, remembered_at INTEGER NOT NULL)`;
// Which remembered decision each semantic hit reused, so feedback on the hit can forget the source.
const HITS = `CREATE TABLE IF NOT EXISTS semantic_cache_hits (decision_id TEXT PRIMARY KEY, source TEXT NOT NULL)`;
const HITS_KEPT = 1_000;

/** A decision to remember, with the vector of its situation. */
export interface SemanticRecord {
  decisionId: string;
  scope: string;
  eventType: string;
  customerId: string | null;
  model: string;
  vector: Float32Array;
  answer: RememberedAnswer;
  /** The readable situation text that was embedded (kept so an operator can see why a hit matched). */
  situation: string;
}

/**
 * The semantic cache's rows in the agent's SQLite: decisions rated good, with the vector of their
 * situation. At most `maxEntries` are kept (the oldest go first). Lookups scan the entries of one
 * scope and model, held in memory and reloaded only when the table changed (count and last
 * sequence number), so a lookup costs one small query plus the scan.
 *
 * The answer and the situation text are encrypted at rest with `cipher`. Answers this isolate
 * remembered or opened already are kept opened in memory (by their envelope), so a hit on the
 * wake's hot path stays synchronous; another one is opened by {@link answer}'s promise (the
 * alarm's path).
 */
export class SemanticCacheStore {
  private loaded: { version: string; scope: string; model: string; entries: SemanticEntry[] } | undefined;
  /** Opened answers by their envelope: a replaced or re-encrypted row simply misses. */
  private readonly opened = new Map<string, RememberedAnswer>();

  constructor(
    private readonly sql: SqlStorage,
    private readonly maxEntries: number,
    private readonly cipher: FieldCipher = PLAIN,
  ) {
    sql.exec(SCHEMA);
    sql.exec(HITS);
  }

  /** Entries of this scope and model (the same array until the table changes). */
  entries(scope: string, model: string): readonly SemanticEntry[] {
    const version = this.version();
    const loaded = this.loaded;
    if (loaded && loaded.version === version && loaded.scope === scope && loaded.model === model) return loaded.entries;
    const entries =
      version === "0:0"
        ? []
        : this.sql
            .exec<{ decision_id: string; event_type: string; customer_id: string | null; has_output: number; vector: ArrayBuffer }>(
              `SELECT decision_id, event_type, customer_id, has_output, vector FROM semantic_cache WHERE scope = ? AND model = ?`,
              scope,
              model,
            )
            .toArray()
            .map((row) => ({
              decisionId: row.decision_id,
              eventType: row.event_type,
              customerId: row.customer_id,
              hasOutput: row.has_output === 1,
              vector: new Float32Array(row.vector),
            }));
    this.loaded = { version, scope, model, entries };
    return entries;
  }

  /** Whether anything is remembered at all: when not, a lookup need not even embed. */
  isEmpty(): boolean {
    return this.version() === "0:0";
  }

  /** The remembered answer: at once when plain or opened before, else a promise that opens it. */
  answer(decisionId: string): RememberedAnswer | undefined | Promise<RememberedAnswer | undefined> {
    const row = this.sql.exec<{ answer: string }>(`SELECT answer FROM semantic_cache WHERE decision_id = ?`, decisionId).toArray()[0];
    if (!row) return undefined;
    const stored = row.answer;
    if (!isEnvelope(stored)) return parseAnswer(stored);
    const known = this.opened.get(stored);
    if (known) return known;
    return this.cipher.open(stored, SEMANTIC_ANSWER_AAD).then((plain) => {
      const answer = parseAnswer(plain);
      if (answer) this.keepOpened(stored, answer);
      return answer;
    });
  }

  private keepOpened(sealed: string, answer: RememberedAnswer): void {
    // Bounded like the table: stale envelopes (replaced rows) go with the rest.
    if (this.opened.size >= this.maxEntries * 2) this.opened.clear();
    this.opened.set(sealed, answer);
  }

  /** Remembers an answer, sealed first (nothing is awaited between the writes). */
  async put(record: SemanticRecord, now: number): Promise<void> {
    const { vector } = record;
    const [answer, situation] = await Promise.all([
      this.cipher.seal(JSON.stringify(record.answer), SEMANTIC_ANSWER_AAD),
      this.cipher.seal(record.situation, SEMANTIC_SITUATION_AAD),
    ]);
    if (isEnvelope(answer)) this.keepOpened(answer, record.answer);
    this.sql.exec(
      `INSERT OR REPLACE INTO semantic_cache (decision_id, scope, event_type, customer_id, model, vector, answer, has_output, situation, remembered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      record.decisionId,
      record.scope,
      record.eventType,
      record.customerId,
      record.model,
      vector.buffer.slice(vector.byteOffset, vector.byteOffset + vector.byteLength),
      answer,
      record.answer.output === undefined ? 0 : 1,
      situation,
      now,
    );
    // Bounded: the newest entries stay (a replaced entry counts as new). Counting first: a
    // delete that walks the whole table costs milliseconds at a few thousand rows.
    const over = this.size() - this.maxEntries;
    if (over > 0) this.sql.exec(`DELETE FROM semantic_cache WHERE seq IN (SELECT seq FROM semantic_cache ORDER BY seq LIMIT ?)`, over);
  }

  /** Notes that decision `decisionId` reused the answer of `source`. */
  noteHit(decisionId: string, source: string): void {
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT OR REPLACE INTO semantic_cache_hits (decision_id, source) VALUES (?, ?) RETURNING rowid AS seq`,
        decisionId,
        source,
      )
      .one();
    if (seq % 100 === 0) this.sql.exec(`DELETE FROM semantic_cache_hits WHERE rowid <= ?`, seq - HITS_KEPT);
  }

  /** Forgets every entry of one customer (their data, deleted on request). */
  forgetCustomer(customerId: string): number {
    this.opened.clear();
    return this.sql.exec(`DELETE FROM semantic_cache WHERE customer_id = ?`, customerId).rowsWritten;
  }

  /** Forgets the entry a decision made, and the one it reused when it was a hit; returns how many went. */
  forget(decisionId: string): number {
    const source = this.sql
      .exec<{ source: string }>(`SELECT source FROM semantic_cache_hits WHERE decision_id = ?`, decisionId)
      .toArray()[0]?.source;
    let removed = 0;
    for (const id of source ? [decisionId, source] : [decisionId]) {
      removed += this.sql.exec(`DELETE FROM semantic_cache WHERE decision_id = ?`, id).rowsWritten;
    }
    return removed;
  }

  size(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM semantic_cache`).one().n;
  }

  /** Changes whenever a row is added, replaced or removed. */
  private version(): string {
    const { n, last } = this.sql
      .exec<{ n: number; last: number }>(`SELECT COUNT(*) AS n, COALESCE(MAX(seq), 0) AS last FROM semantic_cache`)
      .one();
    return `${n}:${last}`;
  }
}

function parseAnswer(json: string): RememberedAnswer | undefined {
  const parsed = RememberedAnswer.safeParse(JSON.parse(json));
  return parsed.success ? parsed.data : undefined;
}
