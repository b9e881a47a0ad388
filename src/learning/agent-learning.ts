import type { FeedbackPayload, FeedbackSentiment } from "../schemas/feedback";
import type { Event } from "../schemas/event";
import { canonicalSituation, hashText } from "../decisions/situation-key";
import type { FieldCipher } from "../crypto/field-cipher";
import type { PreparedSeals } from "../crypto/prepared-seals";

const SITUATIONS = `CREATE TABLE IF NOT EXISTS learning_situations (decision_id TEXT PRIMARY KEY, situation_key TEXT NOT NULL,
  canonical TEXT NOT NULL, event_type TEXT NOT NULL, customer_id TEXT NOT NULL, note TEXT, at INTEGER NOT NULL)`;
const RATINGS = `CREATE TABLE IF NOT EXISTS ratings (decision_id TEXT PRIMARY KEY, event_id TEXT NOT NULL, rating INTEGER,
  verdict TEXT, sentiment TEXT NOT NULL, correction TEXT, comment TEXT, task_id TEXT, at INTEGER NOT NULL)`;
/** Where a situation's canonical text (the event's words) and its note are bound when encrypted at rest. */
export const SITUATION_AAD = "agent.learning_situations.canonical";
export const SITUATION_NOTE_AAD = "agent.learning_situations.note";
/** Where a rating's correction (JSON) and comment, the customer's words, are bound. */
export const RATING_CORRECTION_AAD = "agent.ratings.correction";
export const RATING_COMMENT_AAD = "agent.ratings.comment";
/** Situations are needed only until the decision is rated; the most recent ones are kept. */
const SITUATIONS_KEPT = 10_000;

/** The situation of a decision, as learning needs it: its key and the text people read. */
export interface NotedSituation {
  situationKey: string;
  canonical: string;
  eventType: string;
  /** The event's customer, `-` when it had none. */
  customerId: string;
  /** The working note the decision kept (a learned rule keeps it too). */
  note?: string | null;
}

/** The hash part of the situation key (src/decisions/situation-key.ts) and its canonical text. */
export function situationOf(event: Pick<Event, "type" | "subject" | "payload" | "customerId">): NotedSituation {
  const canonical = canonicalSituation(event);
  return { situationKey: hashText(canonical), canonical, eventType: event.type, customerId: event.customerId ?? "-" };
}

/** What {@link AgentLearning.noteSituation} writes sealed, for the seals prepared before the decision's write. */
export function situationTexts(situation: NotedSituation): [string, string | null | undefined][] {
  return [
    [SITUATION_AAD, situation.canonical],
    [SITUATION_NOTE_AAD, situation.note],
  ];
}

/** What {@link AgentLearning.recordRating} writes sealed. */
export function ratingTexts(feedback: FeedbackPayload): [string, string | null | undefined][] {
  return [
    [RATING_CORRECTION_AAD, feedback.correction ? JSON.stringify(feedback.correction) : undefined],
    [RATING_COMMENT_AAD, feedback.comment],
  ];
}

export interface RatingCounts {
  good: number;
  bad: number;
  neutral: number;
}

/**
 * What an agent keeps, in its own SQLite, to learn from ratings: the situation of each decision
 * a model tier made (so feedback can name it), and the ratings it received (one per decision; a
 * re-rating replaces the first).
 */
export class AgentLearning {
  constructor(
    private readonly sql: SqlStorage,
    private readonly cipher: FieldCipher,
  ) {
    sql.exec(SITUATIONS);
    sql.exec(RATINGS);
  }

  /** Keeps a decision's situation until it is rated (written with the decision, in its transaction), its texts sealed. */
  noteSituation(decisionId: string, situation: NotedSituation, at: number, seals: PreparedSeals): void {
    const { seq } = this.sql
      .exec<{ seq: number }>(
        `INSERT OR REPLACE INTO learning_situations (decision_id, situation_key, canonical, event_type, customer_id, note, at)
         VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING rowid AS seq`,
        decisionId,
        situation.situationKey,
        seals.take(SITUATION_AAD, situation.canonical),
        situation.eventType,
        situation.customerId,
        situation.note ? seals.take(SITUATION_NOTE_AAD, situation.note) : null,
        at,
      )
      .one();
    if (seq % 500 === 0) this.sql.exec(`DELETE FROM learning_situations WHERE rowid <= ?`, seq - SITUATIONS_KEPT);
  }

  async situation(decisionId: string): Promise<NotedSituation | undefined> {
    const row = this.sql
      .exec<{ situation_key: string; canonical: string; event_type: string; customer_id: string; note: string | null }>(
        `SELECT situation_key, canonical, event_type, customer_id, note FROM learning_situations WHERE decision_id = ?`,
        decisionId,
      )
      .toArray()[0];
    if (!row) return undefined;
    const [canonical, note] = await Promise.all([
      this.cipher.open(row.canonical, SITUATION_AAD),
      this.cipher.openNullable(row.note, SITUATION_NOTE_AAD),
    ]);
    return { situationKey: row.situation_key, canonical, eventType: row.event_type, customerId: row.customer_id, note };
  }

  /** Records a rating, its correction and comment taken sealed from `seals` (see {@link ratingTexts}). */
  recordRating(eventId: string, feedback: FeedbackPayload, sentiment: FeedbackSentiment, at: number, seals: PreparedSeals): void {
    this.sql.exec(
      `INSERT INTO ratings (decision_id, event_id, rating, verdict, sentiment, correction, comment, task_id, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (decision_id) DO UPDATE SET event_id = excluded.event_id, rating = excluded.rating, verdict = excluded.verdict,
         sentiment = excluded.sentiment, correction = excluded.correction, comment = excluded.comment, task_id = excluded.task_id, at = excluded.at`,
      feedback.decisionId,
      eventId,
      feedback.rating ?? null,
      feedback.verdict ?? null,
      sentiment,
      feedback.correction ? seals.take(RATING_CORRECTION_AAD, JSON.stringify(feedback.correction)) : null,
      feedback.comment ? seals.take(RATING_COMMENT_AAD, feedback.comment) : null,
      feedback.taskId ?? null,
      at,
    );
  }

  /** Good and bad ratings per prompt variant (the variant is in the rated decision's details): the A/B results' ratings. */
  variantRatings(): () => Record<string, { ratedGood: number; ratedBad: number }> {
    return () => {
      const out: Record<string, { ratedGood: number; ratedBad: number }> = {};
      for (const row of this.sql.exec<{ variant: string; good: number; bad: number }>(
        `SELECT json_extract(d.details, '$.promptVariant') AS variant,
           COALESCE(SUM(r.sentiment = 'good'), 0) AS good, COALESCE(SUM(r.sentiment = 'bad'), 0) AS bad
         FROM ratings r JOIN decisions d ON d.id = r.decision_id
         WHERE d.details IS NOT NULL AND json_extract(d.details, '$.promptVariant') IS NOT NULL GROUP BY variant`,
      ))
        out[row.variant] = { ratedGood: row.good, ratedBad: row.bad };
      return out;
    };
  }

  /** The decisions noted for one situation of one customer (`-`: none): what a bad rating makes the caches forget. */
  decisionsOfSituation(situationKey: string, customerId: string): string[] {
    return this.sql
      .exec<{ decision_id: string }>(
        `SELECT decision_id FROM learning_situations WHERE situation_key = ? AND customer_id = ?`,
        situationKey,
        customerId,
      )
      .toArray()
      .map((r) => r.decision_id);
  }

  /** Erases what learning kept of one customer's situations (their data, deleted on request). */
  forgetCustomer(customerId: string): void {
    this.sql.exec(`DELETE FROM learning_situations WHERE customer_id = ?`, customerId);
  }

  ratingCounts(): RatingCounts {
    const counts: RatingCounts = { good: 0, bad: 0, neutral: 0 };
    for (const row of this.sql.exec<{ sentiment: keyof RatingCounts; n: number }>(
      `SELECT sentiment, COUNT(*) AS n FROM ratings GROUP BY sentiment`,
    ))
      counts[row.sentiment] = row.n;
    return counts;
  }
}
