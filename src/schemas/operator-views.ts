import { z } from "zod";
import { BUDGET_WINDOWS, BudgetLimits } from "../budgets/budget-schemas";

// Requests and responses of the operator's budget, breaker, cost, dead-letter and stats routes
// (src/routes/admin): the single source of truth (types inferred, /openapi.json generated, real
// responses parsed with them in tests).

// Breakers

export const Provider = z.enum(["anthropic"]);

/** The breaker of one provider (src/resilience/breaker-state.ts). */
export const BreakerStatus = z
  .object({
    provider: Provider,
    phase: z.enum(["closed", "open", "half_open"]),
    consecutiveFailures: z.number().int().nonnegative(),
    openedAt: z.number().int().nullable(),
    /** While half-open: when the current probe's lease runs out. */
    probeUntil: z.number().int().nullable(),
    lastError: z.string().nullable(),
  })
  .meta({ id: "BreakerStatus" });
export type BreakerStatus = z.infer<typeof BreakerStatus>;

// Budgets

/** Whose budget a path names: `/v1/admin/budgets/agents/{id}` or `/customers/{id}`. */
export const BudgetKind = z.enum(["agents", "customers"]);

/** A budget's limits (the override, or the defaults it falls back to) and its usage per window. */
export const BudgetView = z
  .object({
    scope: z.enum(["agent", "customer"]),
    id: z.string(),
    limits: BudgetLimits,
    /** True when an operator override is set (PUT); false: the defaults apply. */
    overridden: z.boolean(),
    windows: z.array(
      z.object({
        window: z.enum(BUDGET_WINDOWS),
        /** The calendar period: `2026-11-25`, `2026-11`, or the minute `2026-11-25T10:31`. UTC. */
        period: z.string(),
        used: z.number(),
        reserved: z.number(),
        limit: z.number(),
      }),
    ),
  })
  .meta({ id: "BudgetView" });
export type BudgetView = z.infer<typeof BudgetView>;

// Costs

export const COST_GROUPS = ["agent", "coe", "customer"] as const;

export const CostsQuery = z.object({
  groupBy: z.enum(COST_GROUPS).default("agent"),
  /** Epoch ms; defaults to the start of the current UTC month. */
  since: z.coerce.number().int().nonnegative().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** Spend per group, largest first. `key` is the agent id, the CoE or the customer (`-`: none). */
export const CostReport = z.object({
  groupBy: z.enum(COST_GROUPS),
  since: z.number().int(),
  items: z.array(
    z.object({
      key: z.string(),
      decisions: z.number().int(),
      rules: z.number().int(),
      /** Decided by rules learned from well-rated model decisions. */
      learned: z.number().int(),
      cache: z.number().int(),
      /** Reused a well-rated decision of a near-duplicate situation. */
      semantic: z.number().int(),
      llm: z.number().int(),
      fallback: z.number().int(),
      inputTokens: z.number().int(),
      outputTokens: z.number().int(),
      costUsd: z.number(),
    }),
  ),
});
export type CostReport = z.infer<typeof CostReport>;

// Dead letters

export const DeadLetterQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** `<deadAt>~<id>` of the last item seen: dead letters can share a timestamp. */
  cursor: z
    .string()
    .regex(/^\d+~[A-Za-z0-9_.:-]+$/, "the nextCursor of a previous page")
    .optional(),
});

export const DeadLetterView = z.object({
  id: z.string(),
  eventId: z.string(),
  /** null when the stored message is not a valid wake message (it cannot be replayed). */
  event: z.object({ type: z.string(), subject: z.string() }).nullable(),
  error: z.string(),
  attempts: z.number().int(),
  deadAt: z.number().int(),
  replayedAt: z.number().int().nullable(),
  replayCount: z.number().int(),
});
export type DeadLetterView = z.infer<typeof DeadLetterView>;

export const DeadLetterPage = z.object({ items: z.array(DeadLetterView), nextCursor: z.string().nullable() });
export type DeadLetterPage = z.infer<typeof DeadLetterPage>;

export const ReplayResult = z.object({
  id: z.string(),
  eventId: z.string(),
  /** Every event the dead letter held, all re-sent (one, unless it was a message the consumer could not read). */
  eventIds: z.array(z.string()),
  status: z.literal("requeued"),
});
export type ReplayResult = z.infer<typeof ReplayResult>;

// Pipeline stats

export const StatsQuery = z.object({
  since: z.coerce.number().int().nonnegative().default(0),
  /** `false` skips the latency percentiles (two sorts): cheap enough to poll for progress. */
  latency: z.enum(["true", "false"]).default("true"),
});

export const PipelineStats = z.object({
  since: z.number().int(),
  events: z.object({ total: z.number().int(), byStatus: z.record(z.string(), z.number().int()) }),
  wakes: z.object({ total: z.number().int(), byOutcome: z.record(z.string(), z.number().int()) }),
  /** Ingest to decision, nearest rank, over decided wakes; null without any (or with `latency=false`). */
  latencyMs: z.object({ count: z.number().int(), p50: z.number().nullable(), p99: z.number().nullable() }),
});
export type PipelineStats = z.infer<typeof PipelineStats>;

// Stats over time (the dashboard's charts)

/** The most buckets one request may ask for: a chart's worth, and a bounded D1 answer. */
export const MAX_TIMESERIES_BUCKETS = 500;

export const StatsTimeseriesQuery = z
  .object({
    /** Epoch ms; defaults to 24 hours before `until`. */
    since: z.coerce.number().int().nonnegative().optional(),
    /** Epoch ms, exclusive; defaults to now. */
    until: z.coerce.number().int().nonnegative().optional(),
    /** Bucket width in ms: one minute to one day; defaults to one hour. */
    step: z.coerce.number().int().min(60_000).max(86_400_000).default(3_600_000),
  })
  .superRefine((q, ctx) => {
    if (q.since === undefined || q.until === undefined) return;
    if (q.until <= q.since) ctx.addIssue({ code: "custom", path: ["until"], message: "must be after since" });
    else if ((q.until - q.since) / q.step > MAX_TIMESERIES_BUCKETS)
      ctx.addIssue({ code: "custom", path: ["step"], message: `at most ${MAX_TIMESERIES_BUCKETS} buckets: widen the step` });
  });

const TierCounts = z.object({
  rules: z.number().int(),
  learned: z.number().int(),
  cache: z.number().int(),
  semantic: z.number().int(),
  llm: z.number().int(),
  fallback: z.number().int(),
});

export const StatsBucket = z.object({
  /** Epoch ms: the bucket covers [start, start + step). */
  start: z.number().int(),
  /** Events ingested (by received time). */
  events: z.number().int(),
  /** Wakes of agents (by the event's received time), all outcomes. */
  wakes: z.number().int(),
  /** Decisions rolled up to D1 (by decision time), per tier. */
  decisions: TierCounts,
  costUsd: z.number(),
});

/** Every bucket from `since` to `until`, empty ones included, oldest first. */
export const StatsTimeseries = z
  .object({
    since: z.number().int(),
    until: z.number().int(),
    step: z.number().int(),
    buckets: z.array(StatsBucket),
  })
  .meta({ id: "StatsTimeseries" });
export type StatsTimeseries = z.infer<typeof StatsTimeseries>;

// Reconciliation: every event, wake, decision, dead letter and task accounted for

export const ReconciliationQuery = z.object({
  /** Epoch ms: only events received at or after this moment (and their records) are reconciled. */
  since: z.coerce.number().int().nonnegative().default(0),
});

/**
 * How an ingested event ended, exactly one per event. Accounted: `decided`, `dead_lettered` (a
 * dead letter with its reason), `ignored_no_subscriber`, `ignored_retired` (refused),
 * `ignored_discarded`, `held_paused` (buffered by a paused agent: visible, not lost).
 * Not settled (a discrepancy once the pipeline should be idle): `in_flight` (neither delivered
 * nor dead), `waking` (buffered by an agent that is not paused: still being worked).
 * Discrepancies: `dead_without_reason`, `wakes_mismatch` (the wake records disagree with the
 * agents the event was planned for), `unclassified` (wake records that fit no class above).
 */
export const RECONCILED_EVENT_CLASSES = [
  "decided",
  "dead_lettered",
  "ignored_no_subscriber",
  "ignored_retired",
  "ignored_discarded",
  "held_paused",
  "in_flight",
  "waking",
  "dead_without_reason",
  "wakes_mismatch",
  "unclassified",
] as const;
export const ACCOUNTED_EVENT_CLASSES: readonly (typeof RECONCILED_EVENT_CLASSES)[number][] = [
  "decided",
  "dead_lettered",
  "ignored_no_subscriber",
  "ignored_retired",
  "ignored_discarded",
  "held_paused",
];

export const Reconciliation = z.object({
  since: z.number().int(),
  /** Events received since `since`, and how each ended (every class present, zero or not). */
  events: z.object({ total: z.number().int(), byClass: z.record(z.enum(RECONCILED_EVENT_CLASSES), z.number().int()) }),
  /** Wake records by outcome. */
  wakes: z.object({ total: z.number().int(), byOutcome: z.record(z.string(), z.number().int()) }),
  decisions: z.object({
    total: z.number().int(),
    /** (event, agent) pairs with more than one decision: a decision taken twice. */
    duplicatePairs: z.number().int(),
    /** What the extra decisions of those pairs cost: a budget charged twice. */
    duplicateCostUsd: z.number(),
    /** `decided` wake records whose decision is not in the decision log. */
    missing: z.number().int(),
    /** Decisions with no wake record for their (event, agent). */
    orphaned: z.number().int(),
  }),
  deadLetters: z.object({
    total: z.number().int(),
    /** Without an error text (a dead letter must say why). */
    withoutReason: z.number().int(),
    replayed: z.number().int(),
    /** Replayed, yet their event is dead again or still in flight. */
    replayedNotDelivered: z.number().int(),
    /** Not replayed and their event is still dead: what an operator may replay. */
    replayable: z.number().int(),
  }),
  tasks: z.object({
    total: z.number().int(),
    byStatus: z.record(z.string(), z.number().int()),
    /** Tasks, and customers' messages about them, still `queued` although their event was decided or dead-lettered: stuck work. */
    stuck: z.number().int(),
  }),
  /** GitHub webhook deliveries received since `since` (each recorded once per repository and delivery id): counts only. */
  github: z.object({
    deliveries: z.number().int(),
    /** `ingested` (it became a wake event) or `ignored` (an event kind WowVision does not handle). */
    byOutcome: z.record(z.string(), z.number().int()),
    /** Ingested deliveries whose wake event is not recorded (and not pruned by retention: received within EVENT_RETENTION_DAYS): work lost. */
    withoutEvent: z.number().int(),
    /** Ingested deliveries whose event is neither delivered nor dead-lettered: still in flight. */
    unsettled: z.number().int(),
    /**
     * The GitHub outputs (issues, reviews) of those events' decisions: `posted`, `pending` (stored,
     * a post attempt scheduled), `held` (stored on purpose: superseded by a newer output of its
     * thread, fixed before posting, or its repository has no token to post with), `failed` (given up
     * on, with its reason).
     */
    outputs: z.record(z.enum(["posted", "pending", "held", "failed"]), z.number().int()),
  }),
  /** One line per discrepancy found; empty when everything reconciles. */
  discrepancies: z.array(z.string()),
  ok: z.boolean(),
});
export type Reconciliation = z.infer<typeof Reconciliation>;
