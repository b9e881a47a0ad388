import { z } from "zod";
import type { AgentContext, DecisionSummary } from "../schemas/agent-views";
import { keysetPage, type Page } from "../db/keyset";
import type { AgentIdentity } from "./identity";
import { Decision, type WakeOutcome } from "../schemas/decision";
import type { Event } from "../schemas/event";
import { LifecycleState } from "../schemas/lifecycle";
import type { TaskEffect } from "./context-effects";
import type { PreparedSeals } from "../crypto/prepared-seals";
import type { DrainRecord } from "./retire-drain";
import type { StoredDecision, StoredWakeResult } from "./sealed-decisions";

export const RECENT_EVENTS_KEPT = 50;
/** Where a working note is bound when encrypted at rest (see src/crypto). */
export const NOTE_AAD = "agent.notes";
/** Where a buffered event's payload is bound when encrypted at rest. */
export const INBOX_AAD = "agent.inbox.payload";
const NOTES_KEPT = 100;

/**
 * The agent's own SQLite: one table per concern, rows not blobs. Statements that must commit
 * together are issued without an `await` between them, which makes them one atomic write.
 */
const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS processed (event_id TEXT PRIMARY KEY, outcome TEXT NOT NULL,
     decision_id TEXT, recorded_at INTEGER NOT NULL)`,
  // Retention prunes `processed` by age (src/wake/retention.ts).
  `CREATE INDEX IF NOT EXISTS processed_recorded ON processed (recorded_at)`,
  `CREATE TABLE IF NOT EXISTS decisions (seq INTEGER PRIMARY KEY, id TEXT UNIQUE NOT NULL,
     event_id TEXT NOT NULL, trace_id TEXT NOT NULL, action TEXT NOT NULL, reason TEXT NOT NULL,
     tier TEXT NOT NULL, rule_id TEXT, delegate_to TEXT, latency_ms REAL NOT NULL, decided_at INTEGER NOT NULL,
     model TEXT, input_tokens INTEGER NOT NULL DEFAULT 0, output_tokens INTEGER NOT NULL DEFAULT 0,
     cost_usd REAL NOT NULL DEFAULT 0, cache TEXT, output TEXT, event_type TEXT, subject TEXT, received_at INTEGER,
     details TEXT)`,
  `CREATE TABLE IF NOT EXISTS inbox (seq INTEGER PRIMARY KEY, event_id TEXT UNIQUE NOT NULL,
     event TEXT NOT NULL, buffered_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS outbox (seq INTEGER PRIMARY KEY, result TEXT NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS notes (seq INTEGER PRIMARY KEY, text TEXT NOT NULL, created_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS open_tasks (task_id TEXT PRIMARY KEY, title TEXT NOT NULL, opened_at INTEGER NOT NULL)`,
];

/** Columns added after the first release, for agents whose tables predate them. */
const ADDED_DECISION_COLUMNS = [
  "model TEXT",
  "input_tokens INTEGER NOT NULL DEFAULT 0",
  "output_tokens INTEGER NOT NULL DEFAULT 0",
  "cost_usd REAL NOT NULL DEFAULT 0",
  "cache TEXT",
  "output TEXT",
  "event_type TEXT",
  "subject TEXT",
  "received_at INTEGER",
  "details TEXT",
];
const SCHEMA_VERSION = "5";

/** A row of the agent's decisions table, as this store writes it (see insertDecision). */
interface DecisionRow extends Record<string, SqlStorageValue> {
  id: string;
  event_id: string;
  trace_id: string;
  action: Decision["action"];
  reason: string;
  tier: Decision["tier"];
  rule_id: string | null;
  delegate_to: string | null;
  latency_ms: number;
  decided_at: number;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: number;
  cache: Decision["cache"];
  output: string | null;
  details: string | null;
  seq: number;
}

export interface ProcessedRow {
  outcome: WakeOutcome;
  decisionId: string | null;
  recordedAt: number;
}

/** Typed access to one agent's SQLite storage. */
export class AgentStore {
  // Read on every wake: kept in memory, written through. The object is single-threaded and the
  // cache dies with it, so it can never disagree with storage.
  private cachedIdentity: AgentIdentity | undefined;
  private cachedState: LifecycleState | undefined;
  /** false: known empty; undefined: unknown, ask storage. */
  private inboxMayHaveRows: boolean | undefined;

  constructor(private readonly sql: SqlStorage) {
    for (const statement of SCHEMA) sql.exec(statement);
    if (this.meta("schema") !== SCHEMA_VERSION) this.upgrade();
  }

  private upgrade(): void {
    // Only the columns a table created by an older release lacks (a new one has them all).
    const present = new Set(this.sql.exec(`SELECT * FROM decisions LIMIT 0`).columnNames);
    for (const column of ADDED_DECISION_COLUMNS) {
      if (!present.has(column.slice(0, column.indexOf(" ")))) this.sql.exec(`ALTER TABLE decisions ADD COLUMN ${column}`);
    }
    // Version 4 reads recent events from the decisions themselves (one write per wake, not three).
    if (this.sql.exec(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'recent_events'`).toArray().length) {
      this.sql.exec(`UPDATE decisions SET event_type = r.type, subject = r.subject, received_at = r.received_at
        FROM recent_events r WHERE r.event_id = decisions.event_id AND decisions.event_type IS NULL`);
      this.sql.exec(`DROP TABLE recent_events`);
    }
    this.sql.exec(`CREATE UNIQUE INDEX IF NOT EXISTS decisions_event ON decisions (event_id)`);
    this.setMeta("schema", SCHEMA_VERSION);
  }

  private meta(key: string): string | undefined {
    const row = this.sql.exec<{ value: string }>(`SELECT value FROM meta WHERE key = ?`, key).toArray()[0];
    return row?.value;
  }

  private setMeta(key: string, value: string): void {
    this.sql.exec(`INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
  }

  identity(): AgentIdentity | undefined {
    if (!this.cachedIdentity) {
      const raw = this.meta("identity");
      this.cachedIdentity = raw ? (JSON.parse(raw) as AgentIdentity) : undefined;
    }
    return this.cachedIdentity;
  }

  saveIdentity(identity: AgentIdentity): void {
    this.setMeta("identity", JSON.stringify(identity));
    this.cachedIdentity = identity;
  }

  state(): LifecycleState | undefined {
    if (this.cachedState === undefined) {
      const stored = this.meta("state");
      this.cachedState = stored === undefined ? undefined : LifecycleState.parse(stored);
    }
    return this.cachedState;
  }

  setState(state: LifecycleState): void {
    this.setMeta("state", state);
    this.cachedState = state;
  }

  /** A retirement's progress (src/agents/retire-drain.ts); undefined unless it retired with work in flight. */
  drain(): DrainRecord | undefined {
    const raw = this.meta("drain");
    return raw ? (JSON.parse(raw) as DrainRecord) : undefined;
  }

  saveDrain(drain: DrainRecord): void {
    this.setMeta("drain", JSON.stringify(drain));
  }

  /** Adds one to each named counter (off the hot path: duplicates, buffered, refused, discarded). */
  bump(...names: string[]): void {
    const values = names.map(() => "(?, 1)").join(", ");
    this.sql.exec(
      `INSERT INTO counters (name, value) VALUES ${values} ON CONFLICT(name) DO UPDATE SET value = value + excluded.value`,
      ...names,
    );
  }

  /** Stored counters plus those derived from the decisions table (never maintained per wake). */
  counters(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const row of this.sql.exec<{ name: string; value: number }>(`SELECT name, value FROM counters`)) out[row.name] = row.value;
    let wakes = 0;
    for (const row of this.sql.exec<{ action: string; n: number }>(`SELECT action, COUNT(*) AS n FROM decisions GROUP BY action`)) {
      out[`decisions.${row.action}`] = row.n;
      wakes += row.n;
    }
    if (wakes) out["wakes"] = wakes;
    return out;
  }

  /**
   * What this agent already did with an event. A decision is its own record (the decisions
   * table is unique by event), so a decided wake writes one row; `processed` keeps the other
   * outcomes (buffered, refused, discarded). A decision wins over an earlier `buffered`.
   */
  processed(eventId: string): ProcessedRow | undefined {
    const row = this.sql
      .exec<{ outcome: WakeOutcome; decision_id: string | null; recorded_at: number }>(
        `SELECT outcome, decision_id, recorded_at FROM (
           SELECT 0 AS rank, 'decided' AS outcome, id AS decision_id, decided_at AS recorded_at FROM decisions WHERE event_id = ?
           UNION ALL
           SELECT 1, outcome, decision_id, recorded_at FROM processed WHERE event_id = ?
         ) ORDER BY rank LIMIT 1`,
        eventId,
        eventId,
      )
      .toArray()[0];
    return row ? { outcome: row.outcome, decisionId: row.decision_id, recordedAt: row.recorded_at } : undefined;
  }

  /** The decision already recorded for an event, if any: one index lookup. */
  decidedRecord(eventId: string): ProcessedRow | undefined {
    const row = this.sql
      .exec<{ id: string; decided_at: number }>(`SELECT id, decided_at FROM decisions WHERE event_id = ?`, eventId)
      .toArray()[0];
    return row ? { outcome: "decided", decisionId: row.id, recordedAt: row.decided_at } : undefined;
  }

  markProcessed(eventId: string, outcome: WakeOutcome, decisionId: string | null, at: number): void {
    this.sql.exec(
      `INSERT INTO processed (event_id, outcome, decision_id, recorded_at) VALUES (?, ?, ?, ?)
       ON CONFLICT(event_id) DO UPDATE SET outcome = excluded.outcome, decision_id = excluded.decision_id, recorded_at = excluded.recorded_at`,
      eventId,
      outcome,
      decisionId,
      at,
    );
  }

  /**
   * Forgets up to `limit` processed-event ids recorded before `before`, except those of events
   * still in the inbox (work not done yet). Decisions are the agent's history and stay: a
   * decided event is still recognised by its decision. Returns how many went.
   */
  pruneProcessed(before: number, limit = 1_000): number {
    return this.sql.exec(
      `DELETE FROM processed WHERE event_id IN (
         SELECT event_id FROM processed WHERE recorded_at < ? AND event_id NOT IN (SELECT event_id FROM inbox) LIMIT ?)`,
      before,
      limit,
    ).rowsWritten;
  }

  /**
   * The decision, and with it the record that the event was handled and a recent-event entry.
   * false (nothing written) when the event already has a decision: it is decided once.
   */
  insertDecision(d: StoredDecision, event: Pick<Event, "type" | "subject" | "receivedAt">): boolean {
    return (
      this.sql
        .exec(
          `INSERT INTO decisions (id, event_id, trace_id, action, reason, tier, rule_id, delegate_to, latency_ms, decided_at,
         model, input_tokens, output_tokens, cost_usd, cache, output, event_type, subject, received_at, details)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (event_id) DO NOTHING RETURNING seq`,
          d.id,
          d.eventId,
          d.traceId,
          d.action,
          d.reason,
          d.tier,
          d.ruleId,
          d.delegateTo,
          d.latencyMs,
          d.decidedAt,
          d.model,
          d.inputTokens,
          d.outputTokens,
          d.costUsd,
          d.cache,
          d.output,
          event.type,
          event.subject,
          event.receivedAt,
          detailsOf(d),
        )
        .toArray().length > 0
    );
  }

  /** A decision as stored: its deliverable and publications sealed (see src/agents/sealed-decisions.ts). */
  decision(id: string, instanceId: string): StoredDecision | undefined {
    const row = this.sql.exec<DecisionRow>(`SELECT * FROM decisions WHERE id = ?`, id).toArray()[0];
    return row ? toDecision(row, instanceId) : undefined;
  }

  /** Newest first; `before` is the `seq` cursor returned with the previous page. */
  decisions(instanceId: string, limit: number, before?: number): Page<StoredDecision, number> {
    const rows = this.sql
      .exec<DecisionRow>(`SELECT * FROM decisions WHERE seq < ? ORDER BY seq DESC LIMIT ?`, before ?? Number.MAX_SAFE_INTEGER, limit + 1)
      .toArray();
    return keysetPage(
      rows,
      limit,
      (last) => last.seq,
      (r) => toDecision(r, instanceId),
    );
  }

  /** Tier mix, cache and spend; the agent adds what learning knows (`learning`). */
  summary(): Omit<DecisionSummary, "learning"> {
    const tiers: DecisionSummary["tiers"] = {};
    let total = 0;
    const byTier = this.sql
      .exec<{ tier: string; n: number; latency: number }>(
        `SELECT tier, COUNT(*) AS n, AVG(latency_ms) AS latency FROM decisions GROUP BY tier`,
      )
      .toArray();
    for (const row of byTier) total += row.n;
    for (const row of byTier) tiers[row.tier] = { count: row.n, share: row.n / total, avgLatencyMs: row.latency };
    const c = this.sql
      .exec<{ hits: number; misses: number; llm: number; input: number; output: number; cost: number }>(
        `SELECT COALESCE(SUM(cache = 'hit'), 0) AS hits, COALESCE(SUM(cache = 'miss'), 0) AS misses,
           COALESCE(SUM(model IS NOT NULL AND (input_tokens > 0 OR output_tokens > 0)), 0) AS llm,
           COALESCE(SUM(input_tokens), 0) AS input, COALESCE(SUM(output_tokens), 0) AS output, COALESCE(SUM(cost_usd), 0) AS cost
         FROM decisions`,
      )
      .one();
    const escalations: Record<string, number> = {};
    // The reason code is the text before the first colon: budget_exceeded, llm_unavailable, ...
    for (const row of this.sql.exec<{ code: string; n: number }>(
      `SELECT substr(reason, 1, instr(reason || ':', ':') - 1) AS code, COUNT(*) AS n FROM decisions WHERE tier = 'fallback' GROUP BY code`,
    ))
      escalations[row.code] = row.n;
    const asked = c.hits + c.misses;
    return {
      total,
      tiers,
      cache: { hits: c.hits, misses: c.misses, hitRate: asked ? c.hits / asked : null },
      llm: { decisions: c.llm, inputTokens: c.input, outputTokens: c.output, costUsd: c.cost },
      escalations,
    };
  }

  /** A decision's effects on the context: open or close a task, keep a working note (sealed, see {@link NOTE_AAD}). */
  applyEffects(task: TaskEffect, note: string | undefined, at: number, seals: PreparedSeals): void {
    if (task?.kind === "open") {
      this.sql.exec(`INSERT OR IGNORE INTO open_tasks (task_id, title, opened_at) VALUES (?, ?, ?)`, task.taskId, task.title, at);
    } else if (task?.kind === "close") {
      this.sql.exec(`DELETE FROM open_tasks WHERE task_id = ?`, task.taskId);
    }
    if (note) {
      this.sql.exec(`INSERT INTO notes (text, created_at) VALUES (?, ?)`, seals.take(NOTE_AAD, note), at);
      this.sql.exec(`DELETE FROM notes WHERE seq <= (SELECT MAX(seq) FROM notes) - ?`, NOTES_KEPT);
    }
  }

  openTaskCount(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM open_tasks`).one().n;
  }

  recentEventCount(): number {
    return this.sql
      .exec<{ n: number }>(`SELECT COUNT(*) AS n FROM (SELECT 1 FROM decisions ORDER BY seq DESC LIMIT ?)`, RECENT_EVENTS_KEPT)
      .one().n;
  }

  /** The context as stored: its notes encrypted at rest (the agent decrypts them). */
  context(): AgentContext {
    return {
      recentEvents: this.sql
        .exec<{ event_id: string; event_type: string | null; subject: string | null; received_at: number | null; decided_at: number }>(
          `SELECT event_id, event_type, subject, received_at, decided_at FROM decisions ORDER BY seq DESC LIMIT ?`,
          RECENT_EVENTS_KEPT,
        )
        .toArray()
        .map((r) => ({
          eventId: r.event_id,
          type: r.event_type ?? "unknown",
          subject: r.subject ?? "",
          receivedAt: r.received_at ?? r.decided_at,
        })),
      notes: this.sql
        .exec<{ text: string; created_at: number }>(`SELECT text, created_at FROM notes ORDER BY seq DESC LIMIT 20`)
        .toArray()
        .map((r) => ({ text: r.text, createdAt: r.created_at })),
      openTasks: this.sql
        .exec<{ task_id: string; title: string; opened_at: number }>(`SELECT * FROM open_tasks ORDER BY opened_at`)
        .toArray()
        .map((r) => ({ taskId: r.task_id, title: r.title, openedAt: r.opened_at })),
    };
  }

  /**
   * Keeps an event for the alarm, its payload as given (`sealedPayload`: encrypted at rest under
   * {@link INBOX_AAD}; the drain decrypts it). Its other fields stay plain for the discard paths.
   */
  buffer(event: Event, at: number, sealedPayload: unknown = event.payload): void {
    const stored = JSON.stringify({ ...event, payload: sealedPayload });
    this.sql.exec(`INSERT OR IGNORE INTO inbox (event_id, event, buffered_at) VALUES (?, ?, ?)`, event.id, stored, at);
    this.inboxMayHaveRows = true;
  }

  inboxSize(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM inbox`).one().n;
  }

  /** For the hot path: answered from memory while the inbox is known to be empty. */
  hasBuffered(): boolean {
    this.inboxMayHaveRows ??= this.sql.exec(`SELECT 1 FROM inbox LIMIT 1`).toArray().length > 0;
    return this.inboxMayHaveRows;
  }

  /** Oldest buffered events first, so a resumed agent handles them in arrival order. */
  peekInbox(limit: number): { seq: number; event: Event }[] {
    return this.sql
      .exec<{ seq: number; event: string }>(`SELECT seq, event FROM inbox ORDER BY seq LIMIT ?`, limit)
      .toArray()
      .map((r) => ({ seq: r.seq, event: JSON.parse(r.event) as Event }));
  }

  /** The inbox entry holding this event, if it is buffered. */
  inboxEntry(eventId: string): { seq: number; event: Event } | undefined {
    const row = this.sql.exec<{ seq: number; event: string }>(`SELECT seq, event FROM inbox WHERE event_id = ?`, eventId).toArray()[0];
    return row ? { seq: row.seq, event: JSON.parse(row.event) as Event } : undefined;
  }

  removeFromInbox(seq: number): void {
    this.sql.exec(`DELETE FROM inbox WHERE seq = ?`, seq);
    this.inboxMayHaveRows = undefined;
  }

  /** A result waiting for D1, its decision as stored (sealed): the flush opens it. */
  addToOutbox(result: StoredWakeResult): void {
    this.sql.exec(`INSERT INTO outbox (result) VALUES (?)`, JSON.stringify(result));
  }

  outbox(limit: number): { seq: number; result: string }[] {
    return this.sql.exec<{ seq: number; result: string }>(`SELECT seq, result FROM outbox ORDER BY seq LIMIT ?`, limit).toArray();
  }

  clearOutboxThrough(seq: number): void {
    this.sql.exec(`DELETE FROM outbox WHERE seq <= ?`, seq);
  }
}

/**
 * The parts of a decision that are rarely there (a handoff's type and kind, publications), kept
 * as one JSON column so a redelivered event's decision comes back whole.
 */
function detailsOf(d: StoredDecision): string | null {
  if (!d.handoff && !d.publications?.length && !d.situationKey && !d.context && !d.promptVariant) return null;
  return JSON.stringify({
    handoff: d.handoff,
    publications: d.publications,
    situationKey: d.situationKey,
    context: d.context,
    promptVariant: d.promptVariant,
  });
}

// Publications may be one envelope (a string): the agent opens them (src/agents/sealed-decisions.ts).
const Details = Decision.pick({ handoff: true, publications: true, situationKey: true, context: true, promptVariant: true }).extend({
  publications: z.union([Decision.shape.publications.unwrap(), z.string()]).optional(),
});
type DecisionDetails = z.infer<typeof Details>;

function detailsIn(row: DecisionRow): DecisionDetails {
  if (!row.details) return {};
  const parsed = Details.parse(JSON.parse(row.details));
  // Absent fields stay absent (not `undefined`), so a decision read back equals the one recorded.
  const out: DecisionDetails = {};
  for (const [key, value] of Object.entries(parsed) as [keyof DecisionDetails, unknown][]) {
    if (value === undefined || (Array.isArray(value) && value.length === 0)) continue;
    Object.assign(out, { [key]: value });
  }
  return out;
}

function toDecision(row: DecisionRow, instanceId: string): StoredDecision {
  return {
    id: row.id,
    instanceId,
    eventId: row.event_id,
    traceId: row.trace_id,
    action: row.action,
    reason: row.reason,
    tier: row.tier,
    ruleId: row.rule_id,
    delegateTo: row.delegate_to,
    latencyMs: row.latency_ms,
    decidedAt: row.decided_at,
    model: row.model,
    inputTokens: row.input_tokens,
    outputTokens: row.output_tokens,
    costUsd: row.cost_usd,
    cache: row.cache,
    output: row.output,
    ...detailsIn(row),
  };
}
