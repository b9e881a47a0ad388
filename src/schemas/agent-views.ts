import { z } from "zod";
import type { AgentContextView, DecisionSummary as DecisionSummaryShape } from "../agents/agent-store";
import type { SeedReport as SeedReportShape } from "../agents/catalogue";
import type { AgentSnapshot as AgentSnapshotShape } from "../agents/agent-types";
import { Decision } from "./decision";
import { CustomerId } from "./event";
import { AgentDefaults, Personality, Specialization, Subscription } from "./identity";
import { LifecycleState } from "./lifecycle";

// What the operator API answers about agent instances. The handlers return the TypeScript types
// in src/agents; these schemas document them in /openapi.json, and the checks at the bottom fail
// the typecheck when the two drift apart.

export const AgentContext = z.object({
  recentEvents: z.array(z.object({ eventId: z.string(), type: z.string(), subject: z.string(), receivedAt: z.number().int() })),
  notes: z.array(z.object({ text: z.string(), createdAt: z.number().int() })),
  openTasks: z.array(z.object({ taskId: z.string(), title: z.string(), openedAt: z.number().int() })),
});

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
  })
  .meta({ id: "AgentSnapshot" });

/** Tier mix, cache effectiveness and spend over one agent's decisions. */
export const DecisionSummary = z
  .object({
    total: z.number().int().nonnegative(),
    tiers: z.record(z.string(), z.object({ count: z.number().int(), share: z.number(), avgLatencyMs: z.number() })),
    cache: z.object({ hits: z.number().int(), misses: z.number().int(), hitRate: z.number().nullable() }),
    llm: z.object({ decisions: z.number().int(), inputTokens: z.number().int(), outputTokens: z.number().int(), costUsd: z.number() }),
    /** Escalations by reason code. */
    escalations: z.record(z.string(), z.number().int()),
  })
  .meta({ id: "DecisionSummary" });

/** A page of decisions, newest first; `nextCursor` goes in `?cursor=` for the next page. */
export const DecisionPage = z.object({ items: z.array(Decision), nextCursor: z.number().int().nullable() });

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

/** `POST /v1/admin/seed`: definitions published, agents spawned, and agents that already existed. */
export const SeedReport = z.object({ definitions: z.array(z.string()), spawned: z.array(z.string()), existing: z.array(z.string()) });

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Assert<T extends true> = T;
export type _AgentViewsAgree = [
  Assert<Same<z.infer<typeof AgentContext>, AgentContextView>>,
  Assert<Same<z.infer<typeof AgentSnapshot>, AgentSnapshotShape>>,
  Assert<Same<z.infer<typeof DecisionSummary>, DecisionSummaryShape>>,
  Assert<Same<z.infer<typeof SeedReport>, SeedReportShape>>,
];
