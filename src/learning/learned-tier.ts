import type { DecisionTier, TierAnswer } from "../decisions/engine";
import type { Situation } from "../decisions/situation";
import { errorText } from "../errors";
import { situationOf } from "./agent-learning";
import { activeRulesOf, type ReplicatedRule } from "./learned-rules";

const REPLICA = `CREATE TABLE IF NOT EXISTS learned_rules_replica (situation_key TEXT NOT NULL, customer_id TEXT NOT NULL,
  rule_id TEXT NOT NULL, event_type TEXT NOT NULL, action TEXT NOT NULL, delegate_to TEXT, reason TEXT NOT NULL, note TEXT,
  PRIMARY KEY (situation_key, customer_id))`;
const REFRESHED = `CREATE TABLE IF NOT EXISTS learned_rules_refreshed (id INTEGER PRIMARY KEY CHECK (id = 1), at INTEGER NOT NULL)`;

/**
 * The agent's copy of its scope's active learned rules, in its own SQLite, keyed by situation.
 * The event types they cover are kept in memory, so an event of any other type (nearly all)
 * costs no lookup at all.
 */
export class LearnedRuleReplica {
  private eventTypes: Set<string>;
  private refreshed: number;

  constructor(private readonly sql: SqlStorage) {
    sql.exec(REPLICA);
    sql.exec(REFRESHED);
    this.eventTypes = this.storedEventTypes();
    this.refreshed = sql.exec<{ at: number }>(`SELECT at FROM learned_rules_refreshed`).toArray()[0]?.at ?? 0;
  }

  private storedEventTypes(): Set<string> {
    return new Set(
      this.sql
        .exec<{ event_type: string }>(`SELECT DISTINCT event_type FROM learned_rules_replica`)
        .toArray()
        .map((r) => r.event_type),
    );
  }

  /** When the replica was last refreshed from D1 (epoch ms; 0: never). */
  get refreshedAt(): number {
    return this.refreshed;
  }

  covers(eventType: string): boolean {
    return this.eventTypes.has(eventType);
  }

  find(situationKey: string, customerId: string): ReplicatedRule | undefined {
    const row = this.sql
      .exec<{
        rule_id: string;
        event_type: string;
        action: ReplicatedRule["action"];
        delegate_to: string | null;
        reason: string;
        note: string | null;
      }>(
        `SELECT rule_id, event_type, action, delegate_to, reason, note FROM learned_rules_replica WHERE situation_key = ? AND customer_id = ?`,
        situationKey,
        customerId,
      )
      .toArray()[0];
    return (
      row && {
        id: row.rule_id,
        situationKey,
        customerId,
        eventType: row.event_type,
        action: row.action,
        delegateTo: row.delegate_to,
        reason: row.reason,
        note: row.note,
      }
    );
  }

  /** Replaces the replica with the scope's active rules (synchronous: one atomic write). */
  replace(rules: readonly ReplicatedRule[], at: number): void {
    this.sql.exec(`DELETE FROM learned_rules_replica`);
    for (const r of rules) {
      this.sql.exec(
        `INSERT OR REPLACE INTO learned_rules_replica (situation_key, customer_id, rule_id, event_type, action, delegate_to, reason, note)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
        r.situationKey,
        r.customerId,
        r.id,
        r.eventType,
        r.action,
        r.delegateTo,
        r.reason,
        r.note,
      );
    }
    this.sql.exec(`INSERT OR REPLACE INTO learned_rules_refreshed (id, at) VALUES (1, ?)`, at);
    this.refreshed = at;
    this.eventTypes = new Set(rules.map((r) => r.eventType));
  }

  size(): number {
    return this.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM learned_rules_replica`).one().n;
  }
}

/**
 * Rules learned from well-rated model decisions (src/learning/evidence.ts), after the declared
 * rules and before the cache. Locally it answers from the agent's replica with no I/O (one
 * indexed lookup, and only for event types a learned rule covers); asked in the alarm, it first
 * refreshes the replica from D1 when it is older than the refresh interval.
 */
export class LearnedTier implements DecisionTier {
  readonly name = "learned" as const;

  constructor(
    private readonly replica: LearnedRuleReplica,
    private readonly d1: D1Database,
    private readonly scope: string,
    private readonly refreshSeconds: number,
  ) {}

  /**
   * From the replica while it is fresh. A stale one answers nothing here, so the event goes to
   * the alarm, where {@link decide} re-reads it: an agent that missed a revocation's notice
   * stops using the rule within the refresh interval however its traffic is answered.
   */
  decideLocally(situation: Situation): TierAnswer | undefined {
    if (!this.fresh()) return undefined;
    return this.fromReplica(situation);
  }

  private fresh(): boolean {
    return Date.now() - this.replica.refreshedAt < this.refreshSeconds * 1000;
  }

  private fromReplica(situation: Situation): TierAnswer | undefined {
    const { event } = situation;
    if (!this.replica.covers(event.type)) return undefined;
    const { situationKey, customerId } = situationOf(event);
    const rule = this.replica.find(situationKey, customerId);
    if (!rule) return undefined;
    return {
      action: rule.action,
      reason: rule.reason,
      ruleId: rule.id,
      ...(rule.delegateTo ? { delegateTo: rule.delegateTo } : {}),
      ...(rule.note ? { note: rule.note } : {}),
    };
  }

  decide(situation: Situation): TierAnswer | undefined | Promise<TierAnswer | undefined> {
    if (this.fresh()) return this.fromReplica(situation);
    return this.refresh().then(
      () => this.fromReplica(situation),
      (error: unknown) => {
        // A stale replica still answers: learned rules are an optimisation, never a dependency.
        console.warn("could not refresh learned rules; answering from the replica", { error: errorText(error) });
        return this.fromReplica(situation);
      },
    );
  }

  /** Reads the scope's active rules from D1 into the replica. */
  async refresh(): Promise<void> {
    const rules = await activeRulesOf(this.d1, this.scope);
    this.replica.replace(rules, Date.now());
  }
}
