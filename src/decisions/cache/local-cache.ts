import { CachedAnswer } from "./cached-answer";

const SCHEMA = `CREATE TABLE IF NOT EXISTS decision_cache (key TEXT PRIMARY KEY, answer TEXT NOT NULL,
  decision_id TEXT NOT NULL, expires_at INTEGER NOT NULL)`;
const INDEX = `CREATE INDEX IF NOT EXISTS decision_cache_by_decision ON decision_cache (decision_id)`;
// Which key each cache-hit decision was served from, so feedback on a hit can find the entry.
const HITS = `CREATE TABLE IF NOT EXISTS decision_cache_hits (decision_id TEXT PRIMARY KEY, key TEXT NOT NULL, at INTEGER NOT NULL)`;
const HITS_KEPT = 1_000;

/** An agent's own decision cache, in its SQLite: synchronous, so a hit never yields. */
export class LocalDecisionCache {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
    sql.exec(INDEX);
    sql.exec(HITS);
  }

  /** Notes that a decision was answered from `key` (the most recent hits are kept). */
  noteHit(decisionId: string, key: string, now: number): void {
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT OR REPLACE INTO decision_cache_hits (decision_id, key, at) VALUES (?, ?, ?) RETURNING rowid AS seq`,
        decisionId,
        key,
        now,
      )
      .one();
    if (seq % 100 === 0) this.sql.exec(`DELETE FROM decision_cache_hits WHERE rowid <= ?`, seq - HITS_KEPT);
  }

  get(key: string, now: number): CachedAnswer | undefined {
    const row = this.sql
      .exec<{ answer: string; expires_at: number }>(`SELECT answer, expires_at FROM decision_cache WHERE key = ?`, key)
      .toArray()[0];
    if (!row) return undefined;
    if (row.expires_at <= now) {
      this.sql.exec(`DELETE FROM decision_cache WHERE key = ?`, key);
      return undefined;
    }
    const parsed = CachedAnswer.safeParse(JSON.parse(row.answer));
    return parsed.success ? parsed.data : undefined;
  }

  put(key: string, value: CachedAnswer, expiresAt: number): void {
    this.sql.exec(
      `INSERT INTO decision_cache (key, answer, decision_id, expires_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET answer = excluded.answer, decision_id = excluded.decision_id, expires_at = excluded.expires_at`,
      key,
      JSON.stringify(value),
      value.decisionId,
      expiresAt,
    );
  }

  /**
   * Removes the entry a decision produced, or the one it was served from when it was a cache
   * hit; returns the keys so shared copies can go too.
   */
  forgetDecision(decisionId: string): string[] {
    const keys = new Set(
      this.sql
        .exec<{ key: string }>(`DELETE FROM decision_cache WHERE decision_id = ? RETURNING key`, decisionId)
        .toArray()
        .map((r) => r.key),
    );
    for (const { key } of this.sql
      .exec<{ key: string }>(`SELECT key FROM decision_cache_hits WHERE decision_id = ?`, decisionId)
      .toArray()) {
      keys.add(key);
      this.sql.exec(`DELETE FROM decision_cache WHERE key = ?`, key);
    }
    return [...keys];
  }

  size(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM decision_cache`).one().n;
  }
}
