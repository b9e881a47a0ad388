import { CachedAnswer } from "./cached-answer";

const SCHEMA = `CREATE TABLE IF NOT EXISTS decision_cache (key TEXT PRIMARY KEY, answer TEXT NOT NULL,
  decision_id TEXT NOT NULL, expires_at INTEGER NOT NULL)`;
const INDEX = `CREATE INDEX IF NOT EXISTS decision_cache_by_decision ON decision_cache (decision_id)`;

/** An agent's own decision cache, in its SQLite: synchronous, so a hit never yields. */
export class LocalDecisionCache {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(SCHEMA);
    sql.exec(INDEX);
  }

  get(key: string, now: number): CachedAnswer | undefined {
    const row = this.sql.exec<{ answer: string; expires_at: number }>(`SELECT answer, expires_at FROM decision_cache WHERE key = ?`, key).toArray()[0];
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
      key, JSON.stringify(value), value.decisionId, expiresAt,
    );
  }

  /** Removes the entries a decision produced; returns their keys so shared copies can go too. */
  forgetDecision(decisionId: string): string[] {
    return this.sql
      .exec<{ key: string }>(`DELETE FROM decision_cache WHERE decision_id = ? RETURNING key`, decisionId)
      .toArray()
      .map((r) => r.key);
  }

  size(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM decision_cache`).one().n;
  }
}
