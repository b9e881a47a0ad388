/** The core's records of some traces, as read for their spans (one D1 round trip for all). */

export interface EventRecord {
  traceId: string;
  id: string;
  type: string;
  source: string;
  subject: string;
  customerId: string | null;
  receivedAt: number;
  status: string;
  attempts: number;
  lastError: string | null;
  matchedCount: number | null;
  deliveredAt: number | null;
}

export interface WakeRecord {
  eventId: string;
  instanceId: string;
  outcome: string;
  decisionId: string | null;
  recordedAt: number;
}

export interface DecisionRecord {
  id: string;
  instanceId: string;
  eventId: string;
  action: string;
  reason: string;
  tier: string;
  ruleId: string | null;
  delegateTo: string | null;
  latencyMs: number;
  decidedAt: number;
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  cache: string | null;
}

export interface DeadLetterRecord {
  id: string;
  eventId: string;
  error: string;
  attempts: number;
  deadAt: number;
  replayCount: number;
}

export interface CoreRecords {
  events: EventRecord[];
  wakes: WakeRecord[];
  decisions: DecisionRecord[];
  deadLetters: DeadLetterRecord[];
}

// The trace's events by trace id (index events_trace); the rest through them: wake_log by its
// primary key (event_id first), decisions by id, dead letters by event (dead_letters_event).
const TRACED = `SELECT value FROM json_each(?1)`;
const EVENTS = `SELECT trace_id AS traceId, id, type, source, subject, customer_id AS customerId, received_at AS receivedAt, status,
    attempts, last_error AS lastError, matched_count AS matchedCount, delivered_at AS deliveredAt
  FROM events WHERE trace_id IN (${TRACED})`;
const WAKES = `SELECT w.event_id AS eventId, w.instance_id AS instanceId, w.outcome, w.decision_id AS decisionId, w.recorded_at AS recordedAt
  FROM events e JOIN wake_log w ON w.event_id = e.id WHERE e.trace_id IN (${TRACED})`;
const DECISIONS = `SELECT d.id, d.instance_id AS instanceId, d.event_id AS eventId, d.action, d.reason, d.tier, d.rule_id AS ruleId,
    d.delegate_to AS delegateTo, d.latency_ms AS latencyMs, d.decided_at AS decidedAt, d.model, d.input_tokens AS inputTokens,
    d.output_tokens AS outputTokens, d.cost_usd AS costUsd, d.cache
  FROM events e JOIN wake_log w ON w.event_id = e.id JOIN decisions d ON d.id = w.decision_id WHERE e.trace_id IN (${TRACED})`;
const DEAD_LETTERS = `SELECT l.id, l.event_id AS eventId, l.error, l.attempts, l.dead_at AS deadAt, l.replay_count AS replayCount
  FROM events e JOIN dead_letters l ON l.event_id = e.id WHERE e.trace_id IN (${TRACED})`;

/** Every core record of the given traces. */
export async function readCoreRecords(d1: D1Database, traceIds: readonly string[]): Promise<CoreRecords> {
  const json = JSON.stringify(traceIds);
  const [events, wakes, decisions, deadLetters] = await d1.batch<Record<string, unknown>>(
    [EVENTS, WAKES, DECISIONS, DEAD_LETTERS].map((sql) => d1.prepare(sql).bind(json)),
  );
  // One batch types its results alike; each query names its columns as its record's fields.
  return {
    events: (events?.results ?? []) as unknown as EventRecord[],
    wakes: (wakes?.results ?? []) as unknown as WakeRecord[],
    decisions: (decisions?.results ?? []) as unknown as DecisionRecord[],
    deadLetters: (deadLetters?.results ?? []) as unknown as DeadLetterRecord[],
  };
}
