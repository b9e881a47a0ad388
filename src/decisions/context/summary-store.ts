import { RECENT_EVENTS_KEPT } from "../../agents/agent-store";
import { renderSummaries, SUBJECTS_SHOWN, SUMMARY_PERIOD_MS, type SummaryCount } from "./summaries";
import { ENVELOPE_PREFIX } from "../../crypto/field-cipher";

const SCHEMA = [
  // Counts per period of event types, actions, subjects and notes: rows, not a growing value.
  `CREATE TABLE IF NOT EXISTS context_summary_counts (period_start INTEGER NOT NULL, dimension TEXT NOT NULL, key TEXT NOT NULL,
     n INTEGER NOT NULL, UNIQUE (period_start, dimension, key))`,
  // How far compaction has read each source (the decisions' and the notes' seq).
  `CREATE TABLE IF NOT EXISTS context_compaction (source TEXT PRIMARY KEY, seq INTEGER NOT NULL)`,
];

/** The periods kept (the newest): older ones are dropped, so the tables stay small. */
export const SUMMARIES_KEPT = 30;
/** At most this many summaries are offered to one decision, newest first. */
export const SUMMARIES_OFFERED = 3;
/** Compaction runs on an object's first decision and then every this many decisions. */
export const COMPACT_EVERY = 64;
/**
 * Notes a period keeps counts of (the most frequent), trimmed every {@link PRUNE_EVERY} runs: at
 * most 50 + 8 × 64 rows per period however varied the notes.
 */
const NOTES_KEPT_PER_PERIOD = 50;
const PRUNE_EVERY = 8;
/**
 * Notes are folded once this many newer ones exist (the agent's context lists the newest 20).
 * The agent keeps 100: with compaction on an object's first decision and every 64 after (one
 * note at most each), at most 20 + 64 are unfolded, so a note is folded before it is deleted.
 */
const NOTES_FOLDED_AFTER = 20;
/** Rows read per source per run: a long backlog (an agent older than this feature) is caught up over several runs. */
const ROWS_PER_RUN = 2_000;
const NOTE_CHARS = 160;

/**
 * Subjects are many, so they are not counted as decisions are compacted (a run upserts a handful
 * of rows: types, actions): the ones seen most are counted when a summary is read, over the
 * period's last this many decisions.
 */
const SUBJECTS_SCANNED = 2_000;
/** A note as one line, clipped: the same note always condenses the same way. */
const CONDENSED_NOTE = `substr(trim(replace(replace(replace(text, char(13), ' '), char(10), ' '), '  ', ' ')), 1, ${NOTE_CHARS})`;

/**
 * An agent's summaries of older activity, in its own SQLite. {@link afterDecision} compacts
 * every {@link COMPACT_EVERY} decisions: the decisions that rolled out of the agent's
 * recent-event window and the notes older than those it lists are counted into per-day rows by
 * a few set-based statements (no rows travel to JavaScript, no model call), read incrementally
 * from where the last run stopped. {@link recent} renders the newest periods as text.
 */
export class ContextSummaries {
  /** Starts due: an object just woken (perhaps after eviction) compacts on its first decision. */
  private sinceCompaction = COMPACT_EVERY - 1;
  /** Runs since the last trim (starts due, like compaction). */
  private sincePrune = PRUNE_EVERY - 1;
  /** The oldest period a run touched since the last trim. */
  private pruneFrom = Number.MAX_SAFE_INTEGER;

  constructor(
    private readonly sql: SqlStorage,
    private readonly periodMs = SUMMARY_PERIOD_MS,
  ) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  /** Called after each recorded decision; compacts now and then. */
  afterDecision(): void {
    if (++this.sinceCompaction < COMPACT_EVERY) return;
    this.sinceCompaction = 0;
    this.compact();
  }

  /** Folds what has rolled out of the windows since the last run; returns how many rows (by seq) it covered. */
  compact(): number {
    const marks = new Map(
      this.sql
        .exec<{ source: string; seq: number }>(`SELECT source, seq FROM context_compaction`)
        .toArray()
        .map((r) => [r.source, r.seq]),
    );
    const fromDecision = marks.get("decisions") ?? 0;
    const fromNote = marks.get("notes") ?? 0;
    const top = this.sql
      .exec<{ decision: number | null; note: number | null; decidedAt: number | null; notedAt: number | null }>(
        `SELECT (SELECT MAX(seq) FROM decisions) AS decision, (SELECT MAX(seq) FROM notes) AS note,
           (SELECT decided_at FROM decisions WHERE seq > ? ORDER BY seq LIMIT 1) AS decidedAt,
           (SELECT created_at FROM notes WHERE seq > ? ORDER BY seq LIMIT 1) AS notedAt`,
        fromDecision,
        fromNote,
      )
      .one();
    const toDecision = Math.min((top.decision ?? 0) - RECENT_EVENTS_KEPT, fromDecision + ROWS_PER_RUN);
    const toNote = Math.min((top.note ?? 0) - NOTES_FOLDED_AFTER, fromNote + ROWS_PER_RUN);
    const decisions = toDecision > fromDecision;
    const notes = toNote > fromNote;
    if (!decisions && !notes) return 0;

    const period = this.periodMs;
    if (decisions) {
      // One pass over the rolled-out decisions: counts by event type and by action, and each
      // period's last decision (where reading its subjects starts, see recent()).
      this.sql.exec(
        `WITH grouped AS MATERIALIZED (
           SELECT decided_at - decided_at % ? AS period, COALESCE(event_type, 'unknown') AS type, action, COUNT(*) AS n, MAX(seq) AS last
           FROM decisions WHERE seq > ? AND seq <= ? GROUP BY period, type, action)
         INSERT INTO context_summary_counts (period_start, dimension, key, n)
         SELECT period, 'type', type, SUM(n) FROM grouped GROUP BY period, type
         UNION ALL SELECT period, 'action', action, SUM(n) FROM grouped GROUP BY period, action
         UNION ALL SELECT period, 'last_seq', '', MAX(last) FROM grouped GROUP BY period
         ON CONFLICT (period_start, dimension, key) DO UPDATE SET n = CASE WHEN dimension = 'last_seq' THEN MAX(n, excluded.n) ELSE n + excluded.n END`,
        period,
        fromDecision,
        toDecision,
      );
    }
    if (notes) {
      // Notes encrypted at rest (src/crypto) are not counted: SQL cannot read them, and a summary
      // must not copy a customer's text back into plain storage nor show ciphertext to the model.
      this.sql.exec(
        `INSERT INTO context_summary_counts (period_start, dimension, key, n)
         SELECT created_at - created_at % ? AS period, 'note', ${CONDENSED_NOTE} AS k, COUNT(*) FROM notes
         WHERE seq > ? AND seq <= ? AND substr(text, 1, ${ENVELOPE_PREFIX.length}) != '${ENVELOPE_PREFIX}' GROUP BY period, k
         ON CONFLICT (period_start, dimension, key) DO UPDATE SET n = n + excluded.n`,
        period,
        fromNote,
        toNote,
      );
    }
    // Only the periods runs touched can hold more notes than are kept; only the newest periods are kept.
    const oldest = Math.min(
      decisions ? (top.decidedAt ?? 0) : Number.MAX_SAFE_INTEGER,
      notes ? (top.notedAt ?? 0) : Number.MAX_SAFE_INTEGER,
    );
    this.pruneFrom = Math.min(this.pruneFrom, Math.floor(oldest / period) * period);
    if (++this.sincePrune >= PRUNE_EVERY) this.trimNotes();
    this.sql.exec(
      `DELETE FROM context_summary_counts WHERE period_start < (
         SELECT period_start FROM (SELECT DISTINCT period_start FROM context_summary_counts) ORDER BY period_start DESC LIMIT 1 OFFSET ?)`,
      SUMMARIES_KEPT - 1,
    );
    this.sql.exec(
      `INSERT INTO context_compaction (source, seq) VALUES ('decisions', ?), ('notes', ?)
       ON CONFLICT (source) DO UPDATE SET seq = excluded.seq`,
      Math.max(fromDecision, toDecision),
      Math.max(fromNote, toNote),
    );
    return Math.max(0, toDecision - fromDecision) + Math.max(0, toNote - fromNote);
  }

  /** Trims the periods touched since the last trim to their most frequent notes. */
  private trimNotes(): void {
    this.sql.exec(
      `DELETE FROM context_summary_counts WHERE rowid IN (
         SELECT rowid FROM (
           SELECT rowid, ROW_NUMBER() OVER (PARTITION BY period_start, dimension ORDER BY n DESC, key) AS rank
           FROM context_summary_counts WHERE period_start >= ? AND dimension = 'note')
         WHERE rank > ?)`,
      this.pruneFrom,
      NOTES_KEPT_PER_PERIOD,
    );
    this.sincePrune = 0;
    this.pruneFrom = Number.MAX_SAFE_INTEGER;
  }

  /** The newest periods' summaries, newest first. */
  recent(limit = SUMMARIES_OFFERED): string[] {
    const rows = this.sql
      .exec<{ periodStart: number; dimension: SummaryCount["dimension"] | "last_seq"; key: string; count: number }>(
        `SELECT period_start AS periodStart, dimension, key, n AS count FROM context_summary_counts
         WHERE period_start IN (SELECT DISTINCT period_start FROM context_summary_counts ORDER BY period_start DESC LIMIT ?)`,
        limit,
      )
      .toArray();
    const counts: SummaryCount[] = [];
    for (const row of rows) {
      if (row.dimension !== "last_seq") counts.push({ ...row, dimension: row.dimension });
      else counts.push(...this.subjectsSeenMost(row.periodStart, row.count));
    }
    return renderSummaries(counts, this.periodMs);
  }

  /** A period's subjects seen most, among its last decisions up to `lastSeq` (by the decisions' primary key). */
  private subjectsSeenMost(periodStart: number, lastSeq: number): SummaryCount[] {
    return this.sql
      .exec<{ key: string; count: number }>(
        `SELECT subject AS key, COUNT(*) AS count FROM decisions
         WHERE seq > ? AND seq <= ? AND decided_at >= ? AND decided_at < ? AND subject IS NOT NULL
         GROUP BY subject ORDER BY count DESC, subject LIMIT ?`,
        lastSeq - SUBJECTS_SCANNED,
        lastSeq,
        periodStart,
        periodStart + this.periodMs,
        SUBJECTS_SHOWN,
      )
      .toArray()
      .map((r) => ({ periodStart, dimension: "subject", key: r.key, count: r.count }));
  }
}
