import { RECENT_EVENTS_KEPT } from "../../agents/agent-store";
import {
  type DecidedEvent,
  foldIntoDigests,
  type PeriodDigest,
  periodOf,
  renderDigest,
  SUMMARY_PERIOD_MS,
  type WrittenNote,
} from "./summaries";

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS context_summaries (period_start INTEGER PRIMARY KEY, digest TEXT NOT NULL, text TEXT NOT NULL,
     updated_at INTEGER NOT NULL)`,
  // How far compaction has read each source (the decisions' and the notes' seq).
  `CREATE TABLE IF NOT EXISTS context_compaction (source TEXT PRIMARY KEY, seq INTEGER NOT NULL)`,
];

/** The periods kept (the newest): older ones are dropped, so the table stays small. */
export const SUMMARIES_KEPT = 30;
/** At most this many summaries are offered to one decision, newest first. */
export const SUMMARIES_OFFERED = 3;
/** Compaction runs on an object's first decision and then every this many decisions. */
export const COMPACT_EVERY = 64;
/**
 * Notes are folded once this many newer ones exist (the agent's context lists the newest 20).
 * The agent keeps 100: with compaction on an object's first decision and every 64 after (one
 * note at most each), at most 20 + 64 are unfolded, so a note is folded before it is deleted.
 */
const NOTES_FOLDED_AFTER = 20;
/** Rows read per source per run: a long backlog (an agent older than this feature) is caught up over several runs. */
const ROWS_PER_RUN = 2_000;

/**
 * An agent's summaries of older activity, in its own SQLite. {@link afterDecision} compacts
 * every {@link COMPACT_EVERY} decisions: the decisions that rolled out of the agent's
 * recent-event window and the notes older than those it lists are folded into per-day digests
 * (no model call; see summaries.ts), read incrementally from where the last run stopped.
 */
export class ContextSummaries {
  /** Starts due: an object just woken (perhaps after eviction) compacts on its first decision. */
  private sinceCompaction = COMPACT_EVERY - 1;

  constructor(
    private readonly sql: SqlStorage,
    private readonly periodMs = SUMMARY_PERIOD_MS,
  ) {
    for (const statement of SCHEMA) sql.exec(statement);
  }

  /** Called after each recorded decision; compacts now and then (cheap: a bounded read of rows by seq). */
  afterDecision(now = Date.now()): void {
    if (++this.sinceCompaction < COMPACT_EVERY) return;
    this.sinceCompaction = 0;
    this.compact(now);
  }

  /** Folds what has rolled out of the windows since the last run; returns how many rows it read. */
  compact(now = Date.now()): number {
    const events = this.sql
      .exec<{ seq: number; event_type: string | null; subject: string | null; action: string; decided_at: number }>(
        `SELECT seq, event_type, subject, action, decided_at FROM decisions
         WHERE seq > ? AND seq <= (SELECT MAX(seq) FROM decisions) - ? ORDER BY seq LIMIT ?`,
        this.watermark("decisions"),
        RECENT_EVENTS_KEPT,
        ROWS_PER_RUN,
      )
      .toArray();
    const notes = this.sql
      .exec<{ seq: number; text: string; created_at: number }>(
        `SELECT seq, text, created_at FROM notes WHERE seq > ? AND seq <= (SELECT MAX(seq) FROM notes) - ? ORDER BY seq LIMIT ?`,
        this.watermark("notes"),
        NOTES_FOLDED_AFTER,
        ROWS_PER_RUN,
      )
      .toArray();
    if (events.length === 0 && notes.length === 0) return 0;

    const decided: DecidedEvent[] = events.map((r) => ({
      eventType: r.event_type,
      subject: r.subject,
      action: r.action,
      decidedAt: r.decided_at,
    }));
    const written: WrittenNote[] = notes.map((r) => ({ text: r.text, createdAt: r.created_at }));
    const digests = this.digestsFor([...decided.map((e) => e.decidedAt), ...written.map((n) => n.createdAt)]);
    for (const start of foldIntoDigests(digests, decided, written, this.periodMs)) {
      const digest = digests.get(start);
      if (!digest) continue;
      this.sql.exec(
        `INSERT INTO context_summaries (period_start, digest, text, updated_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (period_start) DO UPDATE SET digest = excluded.digest, text = excluded.text, updated_at = excluded.updated_at`,
        start,
        JSON.stringify(digest),
        renderDigest(digest, this.periodMs),
        now,
      );
    }
    const lastEvent = events.at(-1);
    const lastNote = notes.at(-1);
    if (lastEvent) this.setWatermark("decisions", lastEvent.seq);
    if (lastNote) this.setWatermark("notes", lastNote.seq);
    this.sql.exec(
      `DELETE FROM context_summaries WHERE period_start NOT IN (SELECT period_start FROM context_summaries ORDER BY period_start DESC LIMIT ?)`,
      SUMMARIES_KEPT,
    );
    return events.length + notes.length;
  }

  /** The newest summaries' texts, newest first. */
  recent(limit = SUMMARIES_OFFERED): string[] {
    return this.sql
      .exec<{ text: string }>(`SELECT text FROM context_summaries ORDER BY period_start DESC LIMIT ?`, limit)
      .toArray()
      .map((r) => r.text);
  }

  /** The stored digests of the periods these times fall in. */
  private digestsFor(times: readonly number[]): Map<number, PeriodDigest> {
    const starts = [...new Set(times.map((t) => periodOf(t, this.periodMs)))];
    const digests = new Map<number, PeriodDigest>();
    for (const row of this.sql.exec<{ digest: string }>(
      `SELECT digest FROM context_summaries WHERE period_start IN (SELECT value FROM json_each(?))`,
      JSON.stringify(starts),
    )) {
      const digest = JSON.parse(row.digest) as PeriodDigest;
      digests.set(digest.start, digest);
    }
    return digests;
  }

  private watermark(source: string): number {
    return this.sql.exec<{ seq: number }>(`SELECT seq FROM context_compaction WHERE source = ?`, source).toArray()[0]?.seq ?? 0;
  }

  private setWatermark(source: string, seq: number): void {
    this.sql.exec(
      `INSERT INTO context_compaction (source, seq) VALUES (?, ?) ON CONFLICT (source) DO UPDATE SET seq = excluded.seq`,
      source,
      seq,
    );
  }
}
