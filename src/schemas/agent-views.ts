import { z } from "zod";
import { Decision } from "./decision";
import { CustomerId } from "./event";
import { AgentDefaults, CentreOfExcellence, Personality, Specialization, Subscription } from "./identity";
import { LifecycleState } from "./lifecycle";

// What the operator API answers about agent instances: the single source of truth. The types the
// agents and handlers return are inferred from these schemas, /openapi.json is generated from
// them, and tests parse real responses with them.

export const AgentContext = z.object({
  recentEvents: z.array(z.object({ eventId: z.string(), type: z.string(), subject: z.string(), receivedAt: z.number().int() })),
  notes: z.array(z.object({ text: z.string(), createdAt: z.number().int() })),
  openTasks: z.array(z.object({ taskId: z.string(), title: z.string(), openedAt: z.number().int() })),
});
export type AgentContext = z.infer<typeof AgentContext>;

/**
 * A retirement's progress (README, "Retiring an agent"): the work the agent still has in flight,
 * what it finished and what it handed back since it began retiring (re-routed by a coordinator,
 * or handed back otherwise: a customer's task cancelled with a reason). Null unless it was retired
 * with work in flight; kept once retired, as the record of how the drain ended.
 */
export const DrainProgress = z
  .object({
    startedAt: z.number().int(),
    /** Work given to it that it has not finished (or handed back) yet. */
    remaining: z.number().int().nonnegative(),
    finished: z.number().int().nonnegative(),
    handedBack: z.number().int().nonnegative(),
    rerouted: z.number().int().nonnegative(),
    /** When it became `retired`; null while retiring. */
    endedAt: z.number().int().nullable(),
  })
  .meta({ id: "DrainProgress" });
export type DrainProgress = z.infer<typeof DrainProgress>;

/** `GET /v1/agents/{id}` and every lifecycle transition: identity, state, counters and context. */
export const AgentSnapshot = z
  .object({
    id: z.string(),
    definition: z.object({ slug: z.string(), version: z.number().int() }),
    specialization: Specialization,
    personality: Personality,
    /** Model and budget limits the instance was spawned with. */
    defaults: AgentDefaults,
    customerId: CustomerId.nullable(),
    subscriptions: z.array(Subscription),
    state: LifecycleState,
    inboxSize: z.number().int().nonnegative(),
    counters: z.record(z.string(), z.number()),
    context: AgentContext,
    createdAt: z.number().int(),
    drain: DrainProgress.nullable(),
  })
  .meta({ id: "AgentSnapshot" });
export type AgentSnapshot = z.infer<typeof AgentSnapshot>;

/** Tier mix, cache effectiveness and spend over one agent's decisions. */
export const DecisionSummary = z
  .object({
    total: z.number().int().nonnegative(),
    tiers: z.record(z.string(), z.object({ count: z.number().int(), share: z.number(), avgLatencyMs: z.number() })),
    cache: z.object({ hits: z.number().int(), misses: z.number().int(), hitRate: z.number().nullable() }),
    llm: z.object({ decisions: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() }),
    /** Escalations by reason code. */
    escalations: z.record(z.string(), z.number().int()),
    /**
     * A/B results by prompt variant id (definitions with `defaults.promptVariants`): LLM decisions
     * asked with it, their spend, latency and escalations, and how customers rated them.
     */
    promptVariants: z
      .record(
        z.string(),
        z.object({
          decisions: z.number().int(),
          costUsd: z.number(),
          avgLatencyMs: z.number(),
          escalations: z.number().int(),
          ratedGood: z.number().int(),
          ratedBad: z.number().int(),
        }),
      )
      .optional(),
    /**
     * Learning from feedback: the learned rules active in the agent's scope (as its replica has
     * them), the decisions they made (tier `learned`, no model call), and the ratings received.
     */
    learning: z.object({
      rulesActive: z.number().int().nonnegative(),
      decisionsByLearnedRules: z.number().int().nonnegative(),
      ratings: z.object({ good: z.number().int(), bad: z.number().int(), neutral: z.number().int() }),
    }),
  })
  .meta({ id: "DecisionSummary" });
export type DecisionSummary = z.infer<typeof DecisionSummary>;

/** `GET /v1/admin/agents/{id}/decisions`: a page size and the cursor of the previous page. */
export const DecisionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.coerce.number().int().positive().optional(),
});

/** A page of decisions, newest first; `nextCursor` goes in `?cursor=` for the next page. */
export const DecisionPage = z.object({ items: z.array(Decision), nextCursor: z.number().int().nullable() });
export type DecisionPage = z.infer<typeof DecisionPage>;

/** One row of `GET /v1/admin/agents`: the instance as D1 mirrors it. */
export const AgentInstance = z
  .object({
    id: z.string(),
    definitionSlug: z.string(),
    state: LifecycleState,
    customerId: CustomerId.nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .meta({ id: "AgentInstance" });
export type AgentInstance = z.infer<typeof AgentInstance>;

/** `GET /v1/admin/agents`: filters, a page size, and the last id seen. */
export const AgentListQuery = z.object({
  state: LifecycleState.optional(),
  definition: z.string().max(64).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  cursor: z.string().max(64).optional(),
});

export const AgentInstancePage = z.object({ items: z.array(AgentInstance), nextCursor: z.string().nullable() });
export type AgentInstancePage = z.infer<typeof AgentInstancePage>;

/** `GET /v1/definitions`: the published definitions, as the public sees them. */
export const DefinitionList = z.object({
  items: z.array(
    z.object({
      slug: z.string(),
      version: z.number().int(),
      personality: Personality,
      coe: CentreOfExcellence,
      role: z.string(),
      capabilities: z.array(z.string()),
      subscriptions: z.array(Subscription),
    }),
  ),
});
export type DefinitionList = z.infer<typeof DefinitionList>;

/** `POST /v1/admin/seed`: definitions published, agents spawned, and agents that already existed. */
export const SeedReport = z.object({ definitions: z.array(z.string()), spawned: z.array(z.string()), existing: z.array(z.string()) });
export type SeedReport = z.infer<typeof SeedReport>;
