import { DurableObject } from "cloudflare:workers";
import { AgentStore, type ProcessedRow } from "../src/agents/agent-store";
import type { AgentSnapshot, SpawnInit } from "../src/agents/agent-types";
import type { DecisionPage, DecisionSummary } from "../src/schemas/agent-views";
import { taskEffect } from "../src/agents/context-effects";
import { NO_ENRICHMENT, type EventEnricher } from "../src/agents/enrichment";
import { effectiveSubscriptions, type AgentIdentity } from "../src/agents/identity";
import { canTransition } from "../src/agents/lifecycle";
import { instanceLifecycleStatements, instanceSpawnStatements } from "../src/agents/instance-records";
import { fail, ok, type Result } from "../src/agents/result";
import { database } from "../src/db/client";
import { buildDecisionEngine, type AgentEngine } from "../src/decisions/build-engine";
import { LocalDecisionCache } from "../src/decisions/cache/local-cache";
import { FewShotExamples } from "../src/decisions/context/few-shot-store";
import { ContextSummaries } from "../src/decisions/context/summary-store";
import { promptVariantResults } from "../src/decisions/context/variant-report";
import type { EngineAnswer } from "../src/decisions/engine";
import type { Situation } from "../src/decisions/situation";
import { newId } from "../src/ids";
import { LexicalEmbedder } from "../src/memory/embedding/lexical";
import { readableSituation } from "../src/decisions/cache/readable-situation";
import { errorText } from "../src/errors";
import type { Decision, WakeResult } from "../src/schemas/decision";
import type { Event } from "../src/schemas/event";
import type { LifecycleState } from "../src/schemas/lifecycle";
import type { SkillRunner } from "../src/skills/skill";
import type { WakeHooks } from "../src/wake/extensions";
import { recordWakeResults } from "../src/wake/wake-records";
import { flushSoon, metrics } from "../src/observability/metrics/recorder";
import { countWakeResults } from "../src/observability/metrics/wake-metrics";
import type { AgentMemory, MemorySearch } from "../src/memory/agent-memory";
import { buildAgentMemory } from "../src/memory/build-memory";
import type { Memory, MemoryKind, RecalledMemory } from "../src/memory/memory-types";
import type { Page } from "../src/db/keyset";
import { engineSettings } from "../src/config/settings";
import { processedRetentionMs } from "../src/wake/redelivery";
import { cacheScope } from "../src/decisions/build-engine";
import { AgentLearning, situationOf } from "../src/learning/agent-learning";
import { LEARNABLE_TIERS } from "../src/learning/evidence";
import { learnFromRating } from "../src/learning/learn-from-rating";
import { LearnedRuleReplica } from "../src/learning/learned-tier";
import { refreshScopeAgents } from "../src/learning/scope-agents";
import { FeedbackPayload, type FeedbackSentiment, feedbackSentiment } from "../src/schemas/feedback";
import { flushWork } from "../src/traces/batch-work";
import { exportBatchTraces } from "../src/traces/export";
import { otlpConfig } from "../src/traces/otlp-config";
import type { TraceSource } from "../src/traces/sources";
import {
  DRAIN_CHECK_MS,
  drainSeconds,
  drainStep,
  type HandBackPhase,
  NO_RETIRE_DRAIN,
  type RetireDrainExtension,
  workInFlight,
} from "../src/agents/retire-drain";
import { fieldCipher } from "../src/crypto/env-cipher";
import { PreparedSeals } from "../src/crypto/prepared-seals";
import { reencryptAgentStorage, type StorageReencryption } from "../src/agents/storage-reencrypt";
import { INBOX_AAD, NOTE_AAD } from "../src/agents/agent-store";
import { BackgroundWork } from "../src/agents/background-work";
import { OneAtATime } from "../src/agents/one-at-a-time";
import {
  decisionTexts,
  openDecision,
  openResult,
  sealDecision,
  type StoredDecision,
  type StoredWakeResult,
} from "../src/agents/sealed-decisions";
import { ratingTexts, situationTexts } from "../src/learning/agent-learning";
import type { AgentContext } from "../src/schemas/agent-views";
import { abortNow, faultPlan, firesOnce, stallNow } from "../src/resilience/faults";

export type { AgentSnapshot, SpawnInit };

/** How to retire: how long it may drain (default `RETIRE_DRAIN_SECONDS`), and whether its work in flight is handed back at all. */
export interface RetireOptions {
  drainSeconds?: number;
  /** False: retire at once and leave its work to the caller (ending a hire closes the hire's tasks itself). */
  handBack?: boolean;
}

/**
 * What {@link AgentDO.record} wrote: the result as the outbox keeps it (its decision sealed) and,
 * for a new decision, as the API shows it; a duplicate's must be opened (see `openResult`).
 */
interface Recorded {
  stored: StoredWakeResult;
  opened?: WakeResult;
}

/** States in which the agent works its inbox: a retiring agent finishes what it holds. */
const WORKING: ReadonlySet<LifecycleState | undefined> = new Set(["active", "retiring"]);

const DRAIN_BATCH = 50;
const NOT_ATTEMPTED = fail("failed", "not_attempted", "an earlier event for this agent failed; retried with it");
const FLUSH_RETRY_MS = 5_000;
/** A memory backend or embedder that failed is tried again after this long. */
const MEMORY_RETRY_MS = 30_000;
/** When an alarm run that was cut short comes again at the latest (see {@link AgentDO.alarm}). */
const ALARM_BACKSTOP_MS = 2_000;
/** Failed alarm runs in a row retried after ALARM_BACKSTOP_MS before the backstop backs off. */
const ALARM_QUICK_RETRIES = 8;
/** The longest a backstop waits, however many runs in a row failed. */
const ALARM_BACKSTOP_MAX_MS = 600_000;
/** Storage key: how many alarm runs in a row did not finish (the backstop backs off by it). */
const ALARM_FAILED_RUNS_KEY = "alarm:failedRuns";
/** How often an agent prunes its processed-event ids (on a wake, at most this often). */
const PRUNE_EVERY_MS = 3_600_000;

/**
 * One agent instance (`idFromName(instanceId)`). It owns its identity, context, lifecycle and
 * decisions in its own SQLite, wakes only when the queue consumer calls {@link wake} for an
 * event that matched its subscriptions, and acts on each event at most once.
 *
 * Paused agents buffer events in an inbox and process them, in arrival order, after resume.
 *
 * Products plug in at the top (src/index.ts), where a subclass supplies their {@link hooks} and
 * the {@link skills} rules may run; this class knows none of them. It is abstract so that a
 * binding without them cannot compile.
 */
export abstract class AgentDO extends DurableObject<Env> {
  /** The products' part of the roll-up that flushing the outbox writes (see src/wake/extensions.ts). */
  protected abstract readonly hooks: WakeHooks;
  /** The deterministic skills its rules may run (src/skills). */
  protected abstract readonly skills: SkillRunner;
  /** What products read for it before it decides (a pull request's files); nothing by default. */
  protected readonly enricher: EventEnricher = NO_ENRICHMENT;
  /** What products add to the traces its flushed decisions are exported with; none by default. */
  protected readonly traceSources: readonly TraceSource[] = [];
  /** What work in flight is, and how it is handed back, when it retires (products'; nothing by default). */
  protected readonly retireDrain: RetireDrainExtension = NO_RETIRE_DRAIN;
  // Not readonly: erasing a dedicated agent's storage builds them afresh (see eraseCustomer).
  private store: AgentStore;
  private engine: AgentEngine | undefined;
  private contextTables: { examples: FewShotExamples; summaries: ContextSummaries } | undefined;
  private memoryStore: AgentMemory | undefined;
  /** Ratings and the situations of model decisions (src/learning), and the scope's learned rules. */
  private learning: AgentLearning;
  private learnedRules: LearnedRuleReplica;
  /**
   * Hand-backs, one at a time. While the products re-route work to a peer or cancel it, the
   * object keeps taking calls: a held event's wake schedules the alarm, an alarm already due
   * fires. The alarm waits for the one under way before it takes the next event (and before it
   * records an answer it was waiting for), so it never works what is being handed back; the
   * hand-back takes the events that carried that work out of the inbox. Kept in memory, not in
   * storage: a flag that outlived a restart which cut the hand-back off would stop the drain for good.
   */
  private readonly handBacks = new OneAtATime();
  /** The earliest alarm asked for since the current alarm run began (see {@link alarm}'s backstop). */
  private alarmWanted: number | undefined;
  /**
   * Alarm runs, one at a time. The runtime never overlaps its own runs, but `alarm()` is public:
   * a direct call (a test's, an operator tool's) made while the runtime's run waited for the model
   * would take the same event and ask the model again, paying twice, and the faster answer, not
   * the first, became the decision.
   */
  private readonly alarmRuns = new OneAtATime();
  /** Its waitUntil work, kept so that tests can wait for it (see BackgroundWork). */
  private readonly background = new BackgroundWork((work) => this.ctx.waitUntil(work));
  /** When this instance last pruned its processed-event ids (0: not yet since it started). */
  private prunedAt = 0;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.store = new AgentStore(ctx.storage.sql);
    this.learning = new AgentLearning(ctx.storage.sql, fieldCipher(env));
    this.learnedRules = new LearnedRuleReplica(ctx.storage.sql);
  }

  /** Semantic memory (src/memory): rows in this SQLite, vectors local or in Pinecone. Built on first use. */
  protected get memory(): AgentMemory {
    this.memoryStore ??= buildAgentMemory(this.ctx.storage.sql, this.env, () => this.store.identity());
    return this.memoryStore;
  }

  /** Rules, then cache, then the LLM; built on first use from the agent's identity. */
  private decisionEngine(identity: AgentIdentity): AgentEngine {
    this.engine ??= buildDecisionEngine(
      this.env,
      identity,
      new LocalDecisionCache(this.ctx.storage.sql),
      this.ctx.storage.sql,
      () => this.context(),
      this.skills,
      (work) => this.background.add(work),
      { ...this.contextStores(), memories: this.memory },
      this.learnedRules,
    );
    return this.engine;
  }

  /**
   * The LLM context's own tables (src/decisions/context): few-shot examples (the feedback hook
   * adds and forgets them: `contextStores().examples.addExample / forgetExample`) and summaries.
   */
  protected contextStores(): { examples: FewShotExamples; summaries: ContextSummaries } {
    this.contextTables ??= {
      examples: new FewShotExamples(this.ctx.storage.sql, new LexicalEmbedder(), undefined, fieldCipher(this.env)),
      summaries: new ContextSummaries(this.ctx.storage.sql),
    };
    return this.contextTables;
  }

  /**
   * Creates the agent: saves its identity as `spawning`, writes its D1 record and subscriptions,
   * then becomes `active`. A failure leaves it `spawning`, and a retried spawn completes it.
   */
  spawn(init: SpawnInit): Promise<Result<AgentSnapshot>> {
    // Serialized: the D1 write is an await the input gate does not cover, and two concurrent
    // spawns (say, for different customers) must not interleave their writes.
    return this.ctx.blockConcurrencyWhile(() => this.spawnNow(init));
  }

  private async spawnNow(init: SpawnInit): Promise<Result<AgentSnapshot>> {
    const existing = this.store.identity();
    if (existing && this.store.state() !== "spawning") {
      return fail("conflict", "agent_exists", `agent ${init.instanceId} already exists`, "id");
    }
    const now = Date.now();
    const identity: AgentIdentity = {
      instanceId: init.instanceId,
      definition: init.definition,
      customerId: init.customerId,
      subscriptions: effectiveSubscriptions(init.definition, init.customerId, init.extraSubscriptions),
      createdAt: now,
    };
    this.store.saveIdentity(identity);
    this.store.setState("spawning");
    const db = database(this.env.DB);
    const [first, ...rest] = instanceSpawnStatements(db, identity, "active", now);
    await db.batch([first, ...rest]);
    this.store.setState("active");
    // Events that reached it while it was still spawning were buffered: handle them now.
    if (this.store.hasBuffered()) await this.scheduleDrain(0);
    return ok(await this.snapshotOf(identity));
  }

  /**
   * Handles this agent's events from one queue batch, in order: one RPC per agent per batch.
   * Stops at the first failure so a later event never overtakes an earlier one; the failed
   * and unattempted events are retried with the message.
   */
  async wakeMany(events: Event[]): Promise<Result<WakeResult>[]> {
    this.pruneProcessedNow();
    const out: Result<WakeResult>[] = [];
    for (const [i, event] of events.entries()) {
      try {
        const result = await this.wake(event);
        out.push(result);
        if (!result.ok) return [...out, ...events.slice(i + 1).map(() => NOT_ATTEMPTED)];
      } catch (error) {
        out.push(fail("failed", "wake_failed", errorText(error)));
        return [...out, ...events.slice(i + 1).map(() => NOT_ATTEMPTED)];
      }
    }
    return out;
  }

  /**
   * Forgets processed-event ids older than the retention (PROCESSED_RETENTION_HOURS, never less
   * than the queue's redelivery window), at most once per {@link PRUNE_EVERY_MS} per instance
   * and in a bounded batch. Returns how many went.
   */
  pruneProcessed(now = Date.now()): number {
    this.prunedAt = now;
    return this.store.pruneProcessed(now - processedRetentionMs(engineSettings(this.env).PROCESSED_RETENTION_HOURS));
  }

  private pruneProcessedNow(): void {
    if (Date.now() - this.prunedAt < PRUNE_EVERY_MS || !this.store.identity()) return;
    try {
      this.pruneProcessed();
    } catch (error) {
      // Housekeeping: never a reason to fail a wake.
      console.warn("pruning processed event ids failed", { error: errorText(error) });
    }
  }

  /** Handles one event, exactly once per event id however often the queue delivers it. */
  async wake(event: Event): Promise<Result<WakeResult>> {
    const identity = this.store.identity();
    const state = this.store.state();
    if (!identity || !state) return fail("not_found", "agent_not_found", "this agent was never spawned");
    if (state !== "active" || this.store.hasBuffered()) {
      const prior = this.store.processed(event.id);
      if (prior) return ok(await this.duplicateOf(identity, event, prior));
      if (state === "retired") return ok(this.refuse(identity, event));
      // Retiring: it finishes what was given to it before, and takes no new work.
      if (state === "retiring") {
        const startedAt = this.store.drain()?.startedAt ?? 0;
        const held = event.receivedAt < startedAt || (this.retireDrain.continues?.(event) ?? false);
        if (!held) return ok(this.refuse(identity, event));
        return ok(await this.bufferEvent(identity, event, "buffered", true));
      }
      // Keep arrival order: while anything is buffered, new events queue behind it.
      return ok(await this.bufferEvent(identity, event, "buffered", state === "active"));
    }
    // The hot path: active with an empty inbox, so an earlier delivery of this event can only
    // have been decided (a buffered one was drained into a decision; refusing and discarding
    // need a retired agent). The decisions table's unique event index spots it when the
    // decision is recorded, sparing a lookup per wake.
    const decisionId = newId("dec");
    if (event.type === "feedback.received") {
      await this.applyFeedback(identity, event);
      const meanwhile = await this.settledMeanwhile(identity, event);
      if (meanwhile) return ok(meanwhile);
    }
    // An event a product must enrich first (I/O) is decided in the alarm, like a model call.
    const immediate = this.enricher.wants(event, identity)
      ? undefined
      : this.decisionEngine(identity).engine.decideNow(this.situation(event), { decisionId });
    if (immediate) {
      // The note, if any, is sealed first (no I/O); a duplicate recorded meanwhile is still caught by the decisions' unique event index.
      const recorded = this.record(identity, event, immediate, decisionId, await this.sealsFor(event, immediate, decisionId));
      const faultKey = `${event.id}:${identity.instanceId}`; // injected (FAULTS): a crash, or a hang, before the first answer goes out
      const faults = faultPlan(this.env);
      if (!recorded.stored.duplicate && firesOnce(faults, "abortMidWake", faultKey)) await abortNow(this.ctx, "abortMidWake", faultKey);
      if (!recorded.stored.duplicate && faults && firesOnce(faults, "stallMidWake", faultKey)) await stallNow(faults);
      // Memories a remote embedder or backend must index wait for the alarm (never with the local defaults).
      if (this.memory.needsWork()) await this.scheduleDrain(0);
      // A duplicate's first decision is opened after the write block (it wrote nothing).
      return ok(recorded.opened ?? (await openResult(fieldCipher(this.env), recorded.stored)));
    }
    const decided = this.store.decidedRecord(event.id);
    if (decided) return ok(await this.duplicateOf(identity, event, decided));
    // The shared cache or the model must be asked: that happens in the alarm, so a slow model
    // never holds up the queue batch (nor the other agents' events in it). Events behind this
    // one queue behind it, keeping this agent's order.
    return ok(await this.bufferEvent(identity, event, "deferred", true));
  }

  /**
   * Keeps an event in the inbox for the alarm: `buffered` while paused or behind a backlog,
   * `deferred` when deciding needs the shared cache or the model. Drained in arrival order.
   */
  private async bufferEvent(
    identity: AgentIdentity,
    event: Event,
    counter: "buffered" | "deferred",
    drainNow: boolean,
  ): Promise<WakeResult> {
    // Sealed before the writes (WebCrypto settles without I/O: nothing runs in between).
    const payload = await fieldCipher(this.env).sealJson(event.payload, INBOX_AAD);
    const now = Date.now();
    this.store.buffer(event, now, payload);
    this.store.markProcessed(event.id, "buffered", null, now);
    this.store.bump(counter);
    if (drainNow) await this.scheduleDrain(0);
    return this.result<Decision>(identity, event, "buffered", null, now);
  }

  /**
   * After an await (applying feedback): another delivery of this event may have been
   * recorded, or the agent paused or retired. A retired agent never acts again; a
   * paused one keeps the event for after resume, when it decides it afresh.
   */
  private async settledMeanwhile(identity: AgentIdentity, event: Event): Promise<WakeResult | undefined> {
    const recorded = this.store.processed(event.id);
    if (recorded) return await this.duplicateOf(identity, event, recorded);
    const state = this.store.state();
    if (state === "active") return undefined;
    if (state === "retired") return this.refuse(identity, event);
    return this.bufferEvent(identity, event, "buffered", state === "retiring");
  }

  /** A retired (or retiring) agent takes no new work: the event is recorded as refused. */
  private refuse(identity: AgentIdentity, event: Event): WakeResult {
    const now = Date.now();
    this.store.markProcessed(event.id, "refused", null, now);
    this.store.bump("refused");
    return this.result<Decision>(identity, event, "refused", null, now);
  }

  /**
   * Feedback on one of this agent's decisions: the rating is recorded; bad feedback (a low
   * rating, `bad`, a correction) makes the cache forget what the decision taught, good feedback
   * keeps it; then {@link onRated}. An invalid payload is decided like any event, unlearned.
   */
  private async applyFeedback(identity: AgentIdentity, event: Event): Promise<void> {
    const parsed = FeedbackPayload.safeParse(event.payload);
    if (!parsed.success) return;
    const feedback = parsed.data;
    // The customer's correction and comment are sealed before the check, so nothing runs between it and the write.
    const cipher = fieldCipher(this.env);
    const texts = ratingTexts(feedback);
    const seals = texts.some(([, v]) => v) ? await new PreparedSeals(cipher).prepare(texts) : new PreparedSeals(cipher);
    // A redelivered feedback event was learned from when it was first decided: never twice.
    const prior = this.store.processed(event.id);
    if (prior && prior.outcome !== "buffered") return;
    const sentiment = feedbackSentiment(feedback);
    this.learning.recordRating(event.id, feedback, sentiment, Date.now(), seals);
    if (sentiment === "bad") await this.decisionEngine(identity).cache.forget(feedback.decisionId);
    const stored = this.store.decision(feedback.decisionId, identity.instanceId);
    if (stored) await this.onRated(identity, await openDecision(cipher, stored), feedback, sentiment, event.id);
  }

  /**
   * After a rating of one of its decisions is recorded: the one place what learns from ratings
   * hooks in (learned rules here; memory's rememberFeedback and the semantic cache's
   * rememberGood / forget beside it). Throwing retries the feedback event, so each must be
   * idempotent by decision id.
   */
  private async onRated(
    identity: AgentIdentity,
    decision: Decision,
    feedback: FeedbackPayload,
    sentiment: FeedbackSentiment,
    feedbackEventId: string,
  ): Promise<void> {
    await this.learnRules(identity, decision, feedback, sentiment);
    const engine = this.decisionEngine(identity);
    // What the rated decision was about (model decisions only: rules' situations are not kept).
    const situation = decision.situationKey ? await this.learning.situation(decision.id) : undefined;
    // The event's own customer: what the caches compare; memories and examples fall back to the hire's.
    const eventCustomer = situation && situation.customerId !== "-" ? situation.customerId : null;
    const customerId = eventCustomer ?? identity.customerId;
    await this.memory.rememberFeedback(decision, feedback, customerId, feedbackEventId);
    const examples = this.contextStores().examples;
    if (sentiment === "bad") {
      // Nothing may keep answering this situation the way that was rated bad: not this
      // decision's entry, nor those of its situation's other decisions (a hit's source included).
      const related = situation ? this.learning.decisionsOfSituation(situation.situationKey, situation.customerId) : [];
      for (const id of new Set([decision.id, ...related])) engine.semantic?.forget(id);
      examples.forgetExample(decision.id);
      return;
    }
    if (sentiment !== "good" || !situation) return;
    await engine.semantic?.rememberGood(decision, situation.canonical, eventCustomer);
    // A well-rated deliverable is an example for the model, for that customer only.
    if (decision.output && customerId) {
      await examples.addExample(decision, readableSituation(situation.canonical).text, customerId, feedback.rating ?? 5, Date.now());
    }
  }

  /** Evidence to D1, promotion or revocation in the same batch; this agent and its scope see the change at once. */
  private async learnRules(
    identity: AgentIdentity,
    decision: Decision,
    feedback: FeedbackPayload,
    sentiment: FeedbackSentiment,
  ): Promise<void> {
    const situation = decision.situationKey ? await this.learning.situation(decision.id) : undefined;
    if (!situation) return; // not a model decision, or one too old to remember its situation
    const scope = cacheScope(identity);
    const outcome = await learnFromRating(this.env.DB, {
      scope,
      definitionSlug: identity.definition.slug,
      decision,
      situation,
      feedback,
      sentiment,
      minEvidence: engineSettings(this.env).LEARN_MIN_EVIDENCE,
    });
    if (!outcome.promoted && outcome.revoked.length === 0) return;
    const forget = outcome.revoked.flatMap((r) => r.provenance.decisionIds);
    await this.refreshLearnedRules(forget);
    // A revocation must stop the rule everywhere at once; a new rule may wait for each agent's
    // own refresh (telling a hundred agents per promotion swamped a busy scope's feedback).
    if (outcome.revoked.length) {
      this.background.add(refreshScopeAgents(this.env, { scope, definition: identity.definition.slug }, forget, identity.instanceId));
    }
  }

  /**
   * A learned rule of this agent's scope changed: re-read the active ones now, and forget the
   * cached answers a revoked one was learned from (else the cache would serve it on).
   */
  async refreshLearnedRules(forgetDecisions: string[] = []): Promise<void> {
    const identity = this.store.identity();
    if (!identity) return;
    const engine = this.decisionEngine(identity);
    for (const id of forgetDecisions) {
      await engine.cache.forget(id);
      // A revoked rule's well-rated decisions must not keep answering as near-duplicates either.
      engine.semantic?.forget(id);
    }
    try {
      await engine.learned?.refresh();
    } catch (error) {
      // The replica catches up within LEARNED_RULES_REFRESH_SECONDS.
      console.warn("could not refresh learned rules", { instanceId: identity.instanceId, error: errorText(error) });
    }
  }

  /** A redelivery's answer as the outbox keeps it (synchronous: its first decision stays sealed), counted once. */
  private duplicateStored(identity: AgentIdentity, event: Event, prior: ProcessedRow): StoredWakeResult {
    this.store.bump("duplicates");
    const decision = prior.decisionId ? (this.store.decision(prior.decisionId, identity.instanceId) ?? null) : null;
    return { ...this.result(identity, event, prior.outcome, decision, prior.recordedAt), duplicate: true };
  }

  /** A redelivery's answer as the API shows it: counted, then its first decision opened (nothing is written after). */
  private duplicateOf(identity: AgentIdentity, event: Event, prior: ProcessedRow): Promise<WakeResult> {
    return openResult(fieldCipher(this.env), this.duplicateStored(identity, event, prior));
  }

  private situation(event: Event): Situation {
    const store = this.store;
    // Context is read lazily: most rules never look at it, so most wakes never query it.
    return {
      event,
      context: {
        get openTaskCount() {
          return store.openTaskCount();
        },
        get recentEventCount() {
          return store.recentEventCount();
        },
        state: "active",
      },
    };
  }

  /** Every tier, waiting for the products' enrichment, the shared cache and the model as needed (in the alarm). */
  private async answer(identity: AgentIdentity, event: Event, decisionId: string): Promise<EngineAnswer> {
    const seen = this.enricher.wants(event, identity) ? await this.enricher.enrich(this.env, event, identity) : event;
    return this.decisionEngine(identity).engine.decide(this.situation(seen), { decisionId });
  }

  /**
   * Records a decision and its effects. Synchronous: it all commits together or not at all.
   * An event decided before (a redelivery) keeps its first decision and gets no effects again:
   * its answer comes back still sealed (`opened` unset), for the caller to open after this block.
   */
  private record(identity: AgentIdentity, event: Event, answer: EngineAnswer, decisionId: string, seals: PreparedSeals): Recorded {
    const now = Date.now();
    // What feedback on a model's (or a learned rule's) decision learns from; never on the rules' hot path.
    const situation = LEARNABLE_TIERS.has(answer.tier) ? situationOf(event) : undefined;
    const decision: Decision = {
      id: decisionId,
      instanceId: identity.instanceId,
      eventId: event.id,
      traceId: event.traceId,
      action: answer.action,
      reason: answer.reason,
      tier: answer.tier,
      ruleId: answer.ruleId ?? null,
      delegateTo: answer.delegateTo ?? null,
      ...(answer.handoff ? { handoff: answer.handoff } : {}),
      latencyMs: answer.latencyMs,
      decidedAt: now,
      model: answer.usage?.model ?? null,
      inputTokens: answer.usage?.inputTokens ?? 0,
      outputTokens: answer.usage?.outputTokens ?? 0,
      costUsd: answer.usage?.costUsd ?? 0,
      cache: answer.cache,
      output: answer.output ?? null,
      ...(answer.publications?.length ? { publications: answer.publications } : {}),
      ...(answer.context ? { context: answer.context } : {}),
      ...(answer.promptVariant ? { promptVariant: answer.promptVariant } : {}),
      ...(situation ? { situationKey: situation.situationKey } : {}),
    };
    const sealed = sealDecision(decision, seals);
    if (!this.store.insertDecision(sealed, event)) {
      const first = this.store.decidedRecord(event.id);
      if (first) return { stored: this.duplicateStored(identity, event, first) };
    }
    if (situation) this.learning.noteSituation(decisionId, { ...situation, note: answer.note ?? null }, now, seals);
    this.store.applyEffects(taskEffect(event), answer.action === "act" ? answer.note : undefined, now, seals);
    // Summaries are read only by the model's context: without a model, nothing to compact.
    if (this.decisionEngine(identity).asksModel) this.contextStores().summaries.afterDecision();
    this.memory.rememberNow(event, decision, seals);
    return { stored: this.result(identity, event, "decided", sealed, now), opened: this.result(identity, event, "decided", decision, now) };
  }

  /** The context as the engine and the snapshot read it: the notes encrypted at rest, decrypted. */
  private async context(): Promise<AgentContext> {
    const stored = this.store.context();
    const cipher = fieldCipher(this.env);
    const notes = await Promise.all(stored.notes.map(async (n) => ({ ...n, text: await cipher.open(n.text, NOTE_AAD) })));
    return { ...stored, notes };
  }

  /**
   * What {@link record} writes encrypted at rest, sealed before its synchronous writes: the
   * working note, the decision's deliverable and publications, the situation kept for learning
   * (model tiers only) and the memories the decision leaves (a task's brief, a customer's facts,
   * a deliverable for a customer). The rest of a decision (action, the rules' reason, tier, ids,
   * costs) is the platform's own wording and stays plain.
   */
  private async sealsFor(event: Event, answer: EngineAnswer, decisionId: string): Promise<PreparedSeals> {
    const seals = new PreparedSeals(fieldCipher(this.env));
    if (!seals.enabled) return seals;
    const note = answer.action === "act" ? answer.note : undefined;
    const values: [string, string | null | undefined][] = [
      [NOTE_AAD, note],
      ...decisionTexts({ output: answer.output ?? null, publications: answer.publications }),
      ...(LEARNABLE_TIERS.has(answer.tier) ? situationTexts({ ...situationOf(event), note: answer.note ?? null }) : []),
      ...this.memory.textsToSeal(event, { id: decisionId, output: answer.output ?? null }),
    ];
    // Most rule decisions keep no note and leave no memory: then nothing is awaited on the wake's hot path.
    return values.some(([, v]) => v) ? seals.prepare(values) : seals;
  }

  /** A wake's result, its decision as given (`D`: as the API shows it, or as stored). */
  private result<D extends StoredDecision = Decision>(
    identity: AgentIdentity,
    event: Event,
    outcome: WakeResult["outcome"],
    decision: D | null,
    at: number,
  ): Omit<WakeResult, "decision"> & { decision: D | null } {
    return {
      instanceId: identity.instanceId,
      eventId: event.id,
      outcome,
      duplicate: false,
      decision,
      eventReceivedAt: event.receivedAt,
      recordedAt: at,
      eventSource: event.source,
      eventType: event.type,
      eventSubject: event.subject,
      agentCoe: identity.definition.specialization.coe,
      agentCustomerId: identity.customerId,
    };
  }

  pause(): Promise<Result<AgentSnapshot>> {
    return this.transition("paused");
  }

  /** Resumes and drains what arrived while paused (in an alarm, so resume returns at once). */
  async resume(): Promise<Result<AgentSnapshot>> {
    const result = await this.transition("active");
    if (result.ok && this.store.hasBuffered()) await this.scheduleDrain(0);
    return result;
  }

  /**
   * Retires for good. With no work in flight (nothing the products count, an empty inbox) it
   * retires at once. With work in flight it is `retiring`: what a peer can
   * take is handed back at once, it finishes what it holds (checked every {@link DRAIN_CHECK_MS}),
   * and when nothing is left, it holds nothing more, or `drainSeconds` run out, the rest is handed
   * back and it retires. `handBack: false` (a hire ending) retires it at once whatever it holds:
   * buffered events are recorded as discarded (never silently dropped). See src/agents/retire-drain.ts.
   */
  async retire(options: RetireOptions = {}): Promise<Result<AgentSnapshot>> {
    const identity = this.store.identity();
    const state = this.store.state();
    if (!identity || !state) return fail("not_found", "agent_not_found", "this agent was never spawned");
    if (state === "retired") return ok(await this.snapshotOf(identity));
    const seconds = options.drainSeconds ?? drainSeconds(this.env);
    if (state === "retiring") {
      // Asked again with no time left, or by a caller that closes the work itself: end the drain now.
      if (options.handBack === false) await this.endDrain(identity, false);
      else if (seconds === 0) await this.endDrain(identity, true);
      return ok(await this.snapshotOf(identity));
    }
    // Its inbox is work in flight too (events deferred for the model, or buffered while it was
    // paused): it decides them before it retires. A caller that closes the work itself (a hire
    // ending) has them discarded instead.
    const remaining = options.handBack === false ? 0 : await this.workInFlight(identity);
    // A spawning agent was never given work it could start on: it retires at once.
    if (remaining === 0 || state === "spawning") return this.retireNow(identity);
    const started = await this.transition("retiring");
    if (!started.ok || this.store.state() !== "retiring") return started;
    const now = Date.now();
    this.store.saveDrain({
      startedAt: now,
      deadline: now + seconds * 1000,
      remaining,
      finished: 0,
      handedBack: 0,
      rerouted: 0,
      endedAt: null,
    });
    // The alarm works the inbox (even one buffered while paused) and checks the drain. It is set
    // before the hand-back, so a hand-back that fails (or is cut off) leaves a drain that still
    // ends; it waits for the hand-back (handBacks), so the agent does not work what a peer is
    // being given.
    if (seconds === 0) {
      await this.scheduleDrain(DRAIN_CHECK_MS);
      await this.endDrain(identity, true);
    } else {
      await this.scheduleDrain(0);
      await this.handBackWork(identity, "start");
    }
    return ok(await this.snapshotOf(identity));
  }

  /** The products' work in flight and its own inbox, counted once ({@link workInFlight}). */
  private async workInFlight(identity: AgentIdentity): Promise<number> {
    const products = await this.retireDrain.inFlight(this.env, identity.instanceId);
    return workInFlight(products, this.store.inboxSize());
  }

  /** Retired at once: what is still buffered is recorded as discarded. */
  private async retireNow(identity: AgentIdentity): Promise<Result<AgentSnapshot>> {
    const result = await this.transition("retired");
    if (!result.ok) return result;
    this.discardInbox(identity);
    await this.flushOutbox();
    return ok(await this.snapshotOf(identity));
  }

  private discardInbox(identity: AgentIdentity): void {
    for (const entry of this.store.peekInbox(Number.MAX_SAFE_INTEGER)) this.discard(identity, entry, Date.now());
  }

  /** A buffered event it will not work: recorded as discarded (never silently dropped) and out of the inbox. */
  private discard(identity: AgentIdentity, { seq, event }: { seq: number; event: Event }, now: number): void {
    this.store.markProcessed(event.id, "discarded", null, now);
    this.store.addToOutbox(this.result(identity, event, "discarded", null, now));
    this.store.removeFromInbox(seq);
    this.store.bump("discarded");
  }

  /**
   * Asks the products to hand back its work (`start`: what a peer can take now; `final`: all
   * that is left) and stops working the events that carried it: one still buffered is recorded
   * as discarded, one still on its way will be when it arrives.
   */
  private async handBackWork(identity: AgentIdentity, phase: HandBackPhase): Promise<void> {
    // One at a time: a final hand-back waits for a start one still under way.
    await this.handBacks.run(() => this.handBackNow(identity, phase));
  }

  /** Waits until no hand-back is under way; true if it had to wait. */
  private handBackSettled(): Promise<boolean> {
    return this.handBacks.settled();
  }

  private async handBackNow(identity: AgentIdentity, phase: HandBackPhase): Promise<void> {
    const now = Date.now();
    const back = await this.retireDrain.handBack(this.env, identity.instanceId, phase, now);
    for (const eventId of back.eventIds) {
      const held = this.store.inboxEntry(eventId);
      if (held) this.discard(identity, held, now);
      else if (!this.store.processed(eventId)) this.store.markProcessed(eventId, "discarded", null, now);
    }
    const drain = this.store.drain();
    if (drain) this.store.saveDrain({ ...drain, rerouted: drain.rerouted + back.rerouted, handedBack: drain.handedBack + back.handedBack });
  }

  private drainOverdue(): boolean {
    if (this.store.state() !== "retiring") return false;
    const drain = this.store.drain();
    return drain !== undefined && Date.now() >= drain.deadline;
  }

  /** A retiring agent's check, after each run of the alarm: retire, hand back and retire, or look again later. */
  private async checkDrain(identity: AgentIdentity): Promise<void> {
    try {
      await this.checkDrainNow(identity);
    } catch (error) {
      // D1 or a coordinator failed: look again shortly (an alarm that keeps throwing stops being retried).
      console.error("checking a retiring agent's drain failed; will retry", { instanceId: identity.instanceId, error: errorText(error) });
      await this.scheduleDrain(DRAIN_CHECK_MS);
    }
  }

  private async checkDrainNow(identity: AgentIdentity): Promise<void> {
    const drain = this.store.drain();
    if (!drain) {
      await this.endDrain(identity, true);
      return;
    }
    const products = await this.retireDrain.inFlight(this.env, identity.instanceId);
    const inbox = this.store.inboxSize();
    // Nothing left means nothing the products count and nothing in its inbox: events given to it
    // before it began retiring are decided before it retires, whether or not they carry a product's work.
    const remaining = workInFlight(products, inbox);
    this.store.saveDrain({ ...drain, remaining });
    const awaiting = products > 0 ? ((await this.retireDrain.awaiting?.(this.env, identity.instanceId)) ?? 0) : 0;
    const step = drainStep(drain, Date.now(), remaining, inbox + awaiting);
    if (step === "wait") await this.scheduleDrain(DRAIN_CHECK_MS);
    else await this.endDrain(identity, step === "hand_back");
  }

  /** The drain is over: hands back what is left (if asked), then retires, recording how it ended. */
  private async endDrain(identity: AgentIdentity, handBack: boolean): Promise<void> {
    if (handBack) await this.handBackWork(identity, "final");
    const retired = await this.retireNow(identity);
    if (!retired.ok) {
      // The D1 write failed: still retiring, so the alarm tries again.
      await this.scheduleDrain(DRAIN_CHECK_MS);
      return;
    }
    const drain = this.store.drain();
    if (drain) {
      const remaining = await this.workInFlight(identity);
      this.store.saveDrain({ ...drain, remaining, endedAt: Date.now() });
    }
  }

  /** Serialized like spawn: the state is checked and changed with no other call in between. */
  private transition(to: LifecycleState): Promise<Result<AgentSnapshot>> {
    return this.ctx.blockConcurrencyWhile(() => this.transitionNow(to));
  }

  private async transitionNow(to: LifecycleState): Promise<Result<AgentSnapshot>> {
    const identity = this.store.identity();
    const from = this.store.state();
    if (!identity || !from) return fail("not_found", "agent_not_found", "this agent was never spawned");
    if (from === to) return ok(await this.snapshotOf(identity));
    if (!canTransition(from, to)) return fail("conflict", "illegal_transition", `an agent cannot go from ${from} to ${to}`, "state");
    const db = database(this.env.DB);
    const [first, ...rest] = instanceLifecycleStatements(db, identity.instanceId, to, Date.now());
    await db.batch([first, ...rest]);
    this.store.setState(to);
    return ok(await this.snapshotOf(identity));
  }

  async snapshot(): Promise<Result<AgentSnapshot>> {
    const identity = this.store.identity();
    return identity ? ok(await this.snapshotOf(identity)) : fail("not_found", "agent_not_found", "this agent was never spawned");
  }

  /**
   * Re-encrypts up to `limit` values per sealed column of its storage that are plain or under an
   * older key (src/agents/storage-reencrypt.ts lists them; the background re-encryption calls
   * this; new writes already use the current key).
   */
  reencryptStorage(limit = 100): Promise<StorageReencryption> {
    return reencryptAgentStorage(this.ctx.storage.sql, fieldCipher(this.env), limit);
  }

  async listDecisions(limit: number, before?: number): Promise<Result<DecisionPage>> {
    const identity = this.store.identity();
    if (!identity) return fail("not_found", "agent_not_found", "this agent was never spawned");
    const page = this.store.decisions(identity.instanceId, limit, before);
    const cipher = fieldCipher(this.env);
    return ok({ ...page, items: await Promise.all(page.items.map((d) => openDecision(cipher, d))) });
  }

  decisionSummary(): Result<DecisionSummary> {
    if (!this.store.identity()) return fail("not_found", "agent_not_found", "this agent was never spawned");
    const summary = this.store.summary();
    const learning = {
      rulesActive: this.learnedRules.size(),
      decisionsByLearnedRules: summary.tiers["learned"]?.count ?? 0,
      ratings: this.learning.ratingCounts(),
    };
    return ok({ ...summary, learning, promptVariants: promptVariantResults(this.ctx.storage.sql, this.learning.variantRatings()) });
  }

  private async snapshotOf(identity: AgentIdentity): Promise<AgentSnapshot> {
    const { definition } = identity;
    return {
      id: identity.instanceId,
      definition: { slug: definition.slug, version: definition.version },
      specialization: definition.specialization,
      personality: definition.personality,
      defaults: definition.defaults,
      customerId: identity.customerId,
      subscriptions: identity.subscriptions,
      state: this.store.state() ?? "spawning",
      inboxSize: this.store.inboxSize(),
      counters: this.store.counters(),
      context: await this.context(),
      createdAt: identity.createdAt,
      drain: this.drainProgress(),
    };
  }

  private drainProgress(): AgentSnapshot["drain"] {
    const drain = this.store.drain();
    if (!drain) return null;
    const { deadline: _deadline, ...progress } = drain;
    return progress;
  }

  private async scheduleDrain(delayMs: number): Promise<void> {
    const at = Date.now() + delayMs;
    this.alarmWanted = Math.min(this.alarmWanted ?? at, at);
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  /** Drains the inbox in arrival order, then rolls the results up to D1; one run at a time (see {@link alarmRuns}). */
  override alarm(): Promise<void> {
    return this.alarmRuns.run(() => this.alarmOnce());
  }

  private async alarmOnce(): Promise<void> {
    const identity = this.store.identity();
    if (!identity) return;
    // A backstop: the runtime retries a failed alarm six times, then never again, so a run cut
    // short more often than that (the object reset mid-run, the isolate gone) would leave what
    // the inbox and outbox hold until the agent's next event. Replaced or removed below when the
    // run ends. Past a few quick tries, runs that keep failing back off (doubling, at most 10
    // min; the count is stored because a reset forgets memory): a run that throws after asking
    // the model must not ask it again every 2 s forever.
    const failedRuns = (await this.ctx.storage.get<number>(ALARM_FAILED_RUNS_KEY)) ?? 0;
    const backoff = 2 ** Math.max(0, failedRuns - ALARM_QUICK_RETRIES + 1);
    const backstop = Date.now() + Math.min(ALARM_BACKSTOP_MS * backoff, ALARM_BACKSTOP_MAX_MS);
    this.alarmWanted = undefined;
    // Counted as failed until it finishes (written with the backstop, in one storage flush).
    this.ctx.storage.put(ALARM_FAILED_RUNS_KEY, failedRuns + 1);
    await this.ctx.storage.setAlarm(backstop);
    try {
      await this.alarmNow(identity);
    } finally {
      // A retiring agent always looks at its drain again, even when working its inbox threw
      // (answer, applyFeedback): the check at the end of the run was skipped, and an alarm that
      // keeps throwing stops being retried. Past the deadline the loop stops before the event
      // that throws, and what is left is handed back.
      if (this.store.state() === "retiring") await this.scheduleDrain(DRAIN_CHECK_MS);
    }
    // The run finished: the backstop gives way to a later alarm asked for meanwhile, or goes.
    this.ctx.storage.delete(ALARM_FAILED_RUNS_KEY);
    if ((await this.ctx.storage.getAlarm()) !== backstop) return;
    if (this.alarmWanted === undefined) await this.ctx.storage.deleteAlarm();
    else await this.ctx.storage.setAlarm(this.alarmWanted);
  }

  private async alarmNow(identity: AgentIdentity): Promise<void> {
    // Work being handed back is not worked here: wait until the hand-back has taken it out of the inbox.
    await this.handBackSettled();
    const cipher = fieldCipher(this.env);
    for (const { seq, event: stored } of this.store.peekInbox(DRAIN_BATCH)) {
      // Its payload is encrypted at rest; the checks below read only its id.
      let event: Event = stored;
      // Handed back while this run waited: no longer in the inbox, it is not this agent's to work.
      if ((await this.handBackSettled()) && !this.store.inboxEntry(event.id)) continue;
      if (!WORKING.has(this.store.state())) break; // paused or retired meanwhile: it stays buffered
      if (this.drainOverdue()) break; // its time is up: what it still holds is handed back (checkDrain)
      const prior = this.store.processed(event.id);
      if (prior && prior.outcome !== "buffered") {
        // Decided by an earlier run of this alarm that was cut short: finish its bookkeeping only.
        this.store.removeFromInbox(seq);
        this.store.addToOutbox(this.duplicateStored(identity, event, prior));
        continue;
      }
      const decisionId = newId("dec");
      // Decrypted here, where the awaits below (the model) re-check everything anyway.
      event = { ...stored, payload: await cipher.openJson<Event["payload"]>(stored.payload, INBOX_AAD) };
      // Feedback that waited behind a backlog (or a pause) is learned from here, like in wake.
      if (event.type === "feedback.received") await this.applyFeedback(identity, event);
      const answer = await this.answer(identity, event, decisionId);
      // Sealed before the checks that follow, so nothing runs between them and the record.
      const seals = await this.sealsFor(event, answer, decisionId);
      // A hand-back that began while the model was asked may be taking this event's work elsewhere.
      await this.handBackSettled();
      if (!WORKING.has(this.store.state())) break;
      // Settled while the model was asked (a hand-back discarded it, say): out of the inbox
      // already. Another run of this alarm is not the cause any more: they wait (alarmRuns).
      const meanwhile = this.store.processed(event.id);
      if (meanwhile && meanwhile.outcome !== "buffered") continue;
      const recorded = this.record(identity, event, answer, decisionId, seals);
      this.store.removeFromInbox(seq);
      this.store.addToOutbox(recorded.stored);
      const drain = this.store.state() === "retiring" ? this.store.drain() : undefined;
      if (drain) this.store.saveDrain({ ...drain, finished: drain.finished + 1 });
      const faultKey = `${event.id}:${identity.instanceId}`; // injected (FAULTS): a crash before the outbox is flushed
      if (firesOnce(faultPlan(this.env), "abortMidWake", faultKey)) await abortNow(this.ctx, "abortMidWake", faultKey);
    }
    const flushed = await this.flushOutbox();
    if (flushed && WORKING.has(this.store.state()) && this.store.hasBuffered()) await this.scheduleDrain(0);
    // Once its results are in D1, a retiring agent sees what is left in flight.
    if (flushed && this.store.state() === "retiring") await this.checkDrain(identity);
    await this.memoryWork();
  }

  /** Embeds pending memories (new ones, or all after a model change) and removes deleted ones from the backend. */
  private async memoryWork(): Promise<void> {
    if (!this.memory.needsWork()) return;
    const report = await this.memory.embedPending();
    if (report.failed) await this.scheduleDrain(MEMORY_RETRY_MS);
    else if (report.remaining) await this.scheduleDrain(0);
  }

  /** A customer's memories in this agent, newest first (`customerId` null: those tied to no customer). */
  async listMemories(customerId: string | null, limit: number, cursor?: string): Promise<Result<Page<Memory, string>>> {
    if (!this.store.identity()) return fail("not_found", "agent_not_found", "this agent was never spawned");
    return ok(await this.memory.list(customerId, limit, cursor));
  }

  /** Deletes a customer's memories (these ids, or all), their vectors included. */
  async deleteMemories(customerId: string | null, ids?: string[]): Promise<Result<{ deleted: number }>> {
    if (!this.store.identity()) return fail("not_found", "agent_not_found", "this agent was never spawned");
    const deleted = await this.memory.delete(customerId, ids);
    if (!ids && customerId !== null) this.forgetCustomerElsewhere(customerId);
    if (this.memory.needsWork()) await this.scheduleDrain(MEMORY_RETRY_MS);
    return ok({ deleted });
  }

  /**
   * Erases what this agent holds of a customer (their data, erased on request:
   * src/customer-data/erase.ts): their memories with their vectors (local, or the remote store
   * at once), few-shot examples, semantic-cache answers and learning situations. An agent that
   * worked for this customer alone (a hire's, retired first) loses all of its storage, and the
   * shared decision cache of its scope, which only this customer's agents use, is cleared. When a
   * remote vector store does not answer nothing is wiped and the erase fails, so a retry finishes
   * it. An agent never spawned, or wiped already, has nothing left: erasing it again is a no-op.
   */
  async eraseCustomer(customerId: string): Promise<Result<{ memories: number; wiped: boolean; cacheEntries: number }>> {
    const identity = this.store.identity();
    if (!identity) return ok({ memories: 0, wiped: false, cacheEntries: 0 });
    const dedicated = identity.customerId === customerId;
    if (dedicated && this.store.state() !== "retired") {
      return fail("conflict", "agent_not_retired", "retire this customer's agent before erasing it");
    }
    const memories = await this.memory.delete(customerId);
    this.forgetCustomerElsewhere(customerId);
    if (this.memory.hasRemoteDeletions()) {
      return fail(
        "failed",
        "memory_backend_unavailable",
        "the memory vector store did not delete this customer's vectors; retry the erase",
      );
    }
    if (!dedicated) return ok({ memories, wiped: false, cacheEntries: 0 });
    const cacheEntries = await this.env.DECISION_CACHE.get(this.env.DECISION_CACHE.idFromName(cacheScope(identity))).clear();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    // Every table is gone: build the stores afresh (empty), as a new object would.
    this.engine = undefined;
    this.contextTables = undefined;
    this.memoryStore = undefined;
    this.store = new AgentStore(this.ctx.storage.sql);
    this.learning = new AgentLearning(this.ctx.storage.sql, fieldCipher(this.env));
    this.learnedRules = new LearnedRuleReplica(this.ctx.storage.sql);
    return ok({ memories, wiped: true, cacheEntries });
  }

  /**
   * Deleting all of a customer's memories deletes the other copies of their content this agent
   * keeps: few-shot deliverables, the semantic cache's answers and the situations kept for learning.
   */
  private forgetCustomerElsewhere(customerId: string): void {
    const identity = this.store.identity();
    if (!identity) return;
    this.contextStores().examples.forgetCustomer(customerId);
    this.decisionEngine(identity).semantic?.forgetCustomer(customerId);
    this.learning.forgetCustomer(customerId);
  }

  /** The customer's memories most relevant to `query` (for the LLM's context); nothing when memory fails. */
  recallMemories(customerId: string | null, query: string, topK: number): Promise<RecalledMemory[]> {
    return this.memory.recall(customerId, query, topK);
  }

  /** Operators' bulk import: embedded at once with the local defaults, else pending for the alarm. */
  async importMemories(
    records: { customerId?: string | null; kind: MemoryKind; text: string }[],
  ): Promise<Result<{ created: number; ids: string[] }>> {
    if (!this.store.identity()) return fail("not_found", "agent_not_found", "this agent was never spawned");
    const imported = await this.memory.import(records);
    if (this.memory.needsWork()) await this.scheduleDrain(0);
    return ok(imported);
  }

  /** Recall for operators, with the time it took inside the agent, the backend, the model and the vectors compared. */
  async searchMemories(customerId: string | null, query: string, topK: number): Promise<Result<MemorySearch>> {
    if (!this.store.identity()) return fail("not_found", "agent_not_found", "this agent was never spawned");
    return ok(await this.memory.search(customerId, query, topK));
  }

  /** Writes pending results to D1; on failure they stay in the outbox for the next alarm. */
  private async flushOutbox(): Promise<boolean> {
    const rows = this.store.outbox(500);
    const last = rows[rows.length - 1];
    if (!last) return true;
    const startedAt = Date.now();
    try {
      const cipher = fieldCipher(this.env);
      const results = await Promise.all(rows.map((r) => openResult(cipher, JSON.parse(r.result) as StoredWakeResult)));
      await recordWakeResults(this.env, results, this.hooks);
      this.store.clearOutboxThrough(last.seq);
      // Counted once recorded: a failed flush sends the same rows again.
      countWakeResults(metrics(this.env), results, { queueLag: false });
      // Not kept in `background`: the isolate's delayed metrics flush (one per isolate, up to
      // METRICS_FLUSH_INTERVAL_MS away) is not this agent's work, and bounded by its own timeout.
      flushSoon(this.env, (p) => this.ctx.waitUntil(p));
      // Decisions made after the queue batch had gone (a paused agent's backlog, a model's
      // answer) are exported by the roll-up that recorded them.
      if (otlpConfig(this.env)) this.background.add(exportBatchTraces(this.env, flushWork(results, startedAt), this.traceSources));
      return true;
    } catch (error) {
      console.error("agent outbox flush failed; will retry", { instanceId: this.store.identity()?.instanceId, error: String(error) });
      await this.scheduleDrain(FLUSH_RETRY_MS);
      return false;
    }
  }
}
