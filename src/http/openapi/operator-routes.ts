import { z } from "zod";
import { BudgetLimits } from "../../budgets/budget-schemas";
import {
  AgentInstancePage,
  AgentListQuery,
  AgentSnapshot,
  DecisionPage,
  DecisionSummary,
  DecisionsQuery,
  DefinitionList,
  SeedReport,
} from "../../schemas/agent-views";
import { BatchIngestResult, EventList, EventListQuery, EventView, IngestResult } from "../../schemas/event-views";
import {
  BreakerStatus,
  BudgetKind,
  BudgetView,
  CostReport,
  CostsQuery,
  DeadLetterPage,
  DeadLetterQuery,
  PipelineStats,
  Provider,
  Reconciliation,
  ReconciliationQuery,
  ReplayResult,
  StatsQuery,
  StatsTimeseries,
  StatsTimeseriesQuery,
} from "../../schemas/operator-views";
import { EventBatchInput, EventInput } from "../../schemas/event";
import { Trace, TraceListQuery, TracePage } from "../../schemas/trace-views";
import { TraceparentHeader } from "../../traces/traceparent";
import { AgentDefinition } from "../../schemas/identity";
import { RetireRequest, SpawnRequest } from "../../schemas/lifecycle";
import { ImportedMemories, ImportMemories, MemorySearchQuery, MemorySearchResult } from "../../schemas/memory-views";
import { DEMO_TEMPLATES } from "../../marketplace/demo-catalogue";
import { describeRoute } from "./registry";

// The operator API (and the public definitions list), as routed in src/routes/{events,agents,
// definitions,admin}. Paths are OpenAPI style; the schemas are the ones the handlers use.

const AGENT_404 = "No agent instance with this id";
const TRANSITION_409 = "Illegal lifecycle transition (`illegal_transition`), e.g. resuming a retired agent";

// Events

describeRoute({
  method: "post",
  path: "/v1/events",
  operationId: "ingestEvent",
  summary: "Ingest one event",
  description: "Wakes every agent subscribed to it. A repeated producer-supplied `id` is not enqueued again (`200 duplicate`).",
  tags: ["events"],
  auth: "operator",
  headers: TraceparentHeader,
  body: EventInput,
  example: {
    id: "evt_1",
    type: "github.issue.opened",
    source: "github/acme/website",
    subject: "acme/website#12",
    payload: { title: "Pricing page is slow" },
    occurredAt: "2026-12-01T09:30:00Z",
  },
  responses: {
    202: { description: "Accepted and queued", schema: IngestResult },
    200: { description: "This `id` was accepted before: nothing was enqueued", schema: IngestResult },
  },
  errors: {
    413: "Event larger than 64 KB (or body larger than 1 MB)",
    503: "The wake queue refused it (`queue_unavailable`); retry with the same id",
  },
});

describeRoute({
  method: "post",
  path: "/v1/events/batch",
  operationId: "ingestEvents",
  summary: "Ingest up to 100 events",
  tags: ["events"],
  auth: "operator",
  headers: TraceparentHeader,
  body: EventBatchInput,
  example: { events: [{ id: "evt_2", type: "schedule.tick", source: "cron", subject: "daily", occurredAt: "2026-12-01T00:00:00Z" }] },
  responses: { 202: { description: "Accepted; `results` in the order sent", schema: BatchIngestResult } },
  errors: { 503: "The wake queue refused some (`queue_unavailable`); retry with the same ids" },
});

describeRoute({
  method: "get",
  path: "/v1/events/{id}",
  operationId: "getEvent",
  summary: "An event: its status, attempts, last error and wakes",
  tags: ["events"],
  auth: "operator",
  responses: { 200: { description: "The event and every wake it caused", schema: EventView } },
  errors: { 404: "No event with this id" },
});

describeRoute({
  method: "get",
  path: "/v1/admin/events",
  operationId: "adminListEvents",
  summary: "Recent events, oldest first, and where to poll for more",
  description:
    "Without `cursor`, the newest `limit` events; with the `cursor` of a previous answer, the events received after it (what `waooaw events tail` polls). Items are oldest first; `cursor` is always set, so a follower passes it back whether or not anything arrived. Events are ordered by when the platform received them, to the millisecond, then by id.",
  tags: ["events"],
  auth: "operator",
  query: EventListQuery,
  responses: { 200: { description: "Events after the cursor, oldest first", schema: EventList } },
});

// Agent instances. Their reads used to live under /v1/agents/{id} beside the catalogue; those
// paths are deprecated (see the successor of each) and answer until the next minor version.

const SUCCESSOR = (path: string) =>
  `Deprecated: use \`GET ${path}\`. Answered as documented until the next minor version, with \`Deprecation\` and \`Link: <successor>; rel="successor-version"\` headers.`;

describeRoute({
  method: "get",
  path: "/v1/admin/agents/{id}",
  operationId: "adminGetAgent",
  summary: "An agent instance: identity, state, inbox size, counters, context",
  tags: ["agents"],
  auth: "operator",
  responses: { 200: { description: "The instance", schema: AgentSnapshot } },
  errors: { 404: AGENT_404 },
});

for (const prefix of ["/v1/admin/agents", "/v1/agents"] as const) {
  const deprecated = prefix === "/v1/agents";
  describeRoute({
    method: "get",
    path: `${prefix}/{id}/decisions`,
    operationId: deprecated ? "listAgentDecisionsDeprecated" : "adminListAgentDecisions",
    summary: "An agent's decisions, newest first",
    ...(deprecated ? { description: SUCCESSOR("/v1/admin/agents/{id}/decisions"), deprecated } : {}),
    tags: ["agents"],
    auth: "operator",
    query: DecisionsQuery,
    responses: { 200: { description: "A page of decisions", schema: DecisionPage } },
    errors: { 404: AGENT_404 },
  });
  describeRoute({
    method: "get",
    path: `${prefix}/{id}/decisions/summary`,
    operationId: deprecated ? "getAgentDecisionSummaryDeprecated" : "adminGetAgentDecisionSummary",
    summary: "Tier mix, cache hit rate, tokens, cost and escalations of an agent",
    ...(deprecated ? { description: SUCCESSOR("/v1/admin/agents/{id}/decisions/summary"), deprecated } : {}),
    tags: ["agents"],
    auth: "operator",
    responses: { 200: { description: "The summary", schema: DecisionSummary } },
    errors: { 404: AGENT_404 },
  });
}

// Agent memories (operators): bulk import and search

describeRoute({
  method: "post",
  path: "/v1/admin/agents/{id}/memories",
  operationId: "adminImportMemories",
  summary: "Add memories to an agent (1–500)",
  description:
    "Each memory belongs to a customer (`customerId`) or to none. With the local defaults they are embedded at once, so a search right after finds them; with a remote embedder or Pinecone they are pending until the agent's background work embeds them.",
  tags: ["memories"],
  auth: "operator",
  body: ImportMemories,
  example: { memories: [{ customerId: "cus_123", kind: "fact", text: "We sell to dentists in the UK." }] },
  responses: { 201: { description: "Created, with their ids", schema: ImportedMemories } },
  errors: { 404: AGENT_404 },
});
describeRoute({
  method: "get",
  path: "/v1/admin/agents/{id}/memories/search",
  operationId: "adminSearchMemories",
  summary: "Search an agent's memories of one customer by relevance",
  description:
    "The recall the agent uses, measured: `tookMs` is the time inside the agent (embedding the query and searching), `searched` the vectors compared (local backend; null for Pinecone). Without `customerId`, memories tied to no customer.",
  tags: ["memories"],
  auth: "operator",
  query: MemorySearchQuery,
  responses: { 200: { description: "The best matches, best first", schema: MemorySearchResult } },
  errors: { 404: AGENT_404 },
});

// Definitions
// Definitions

describeRoute({
  method: "get",
  path: "/v1/definitions",
  operationId: "listDefinitions",
  summary: "The public catalogue of agent definitions",
  tags: ["definitions"],
  auth: "none",
  responses: { 200: { description: "Every published definition", schema: DefinitionList } },
});

describeRoute({
  method: "post",
  path: "/v1/admin/definitions",
  operationId: "adminPublishDefinition",
  summary: "Publish or update an agent definition",
  description: "Running instances keep the version they were spawned from.",
  tags: ["admin"],
  auth: "operator",
  body: AgentDefinition,
  example: DEMO_TEMPLATES[0],
  responses: { 201: { description: "Published, with defaults applied", schema: AgentDefinition } },
  errors: { 400: "Invalid definition, or a rule names a skill the platform does not have (`unknown_skill`)" },
});

describeRoute({
  method: "post",
  path: "/v1/admin/seed",
  operationId: "adminSeed",
  summary: "Publish the demo catalogue and spawn one agent of each (idempotent)",
  tags: ["admin"],
  auth: "operator",
  responses: { 200: { description: "What was published and spawned", schema: SeedReport } },
});

// Admin: agents

describeRoute({
  method: "post",
  path: "/v1/admin/agents",
  operationId: "adminSpawnAgent",
  summary: "Spawn an agent instance from a definition",
  tags: ["admin"],
  auth: "operator",
  body: SpawnRequest,
  example: { definition: "marketing-seo", id: "seo-1" },
  responses: { 201: { description: "Spawned and active", schema: AgentSnapshot } },
  errors: { 400: "Invalid request, or no such definition (`unknown_definition`)", 409: "An agent with this id exists (`agent_exists`)" },
});

describeRoute({
  method: "get",
  path: "/v1/admin/agents",
  operationId: "adminListAgents",
  summary: "List agent instances",
  tags: ["admin"],
  auth: "operator",
  query: AgentListQuery,
  responses: { 200: { description: "A page of instances, by id", schema: AgentInstancePage } },
});

for (const [action, operationId, summary] of [
  ["pause", "adminPauseAgent", "Pause an agent: events are buffered until it resumes"],
  ["resume", "adminResumeAgent", "Resume an agent; it works through what was buffered"],
] as const) {
  describeRoute({
    method: "post",
    path: `/v1/admin/agents/{id}/${action}`,
    operationId,
    summary,
    tags: ["admin"],
    auth: "operator",
    responses: { 200: { description: "The agent after the transition", schema: AgentSnapshot } },
    errors: { 404: AGENT_404, 409: TRANSITION_409 },
  });
}

describeRoute({
  method: "post",
  path: "/v1/admin/agents/{id}/retire",
  operationId: "adminRetireAgent",
  summary: "Retire an agent for good, after it finishes or hands back its work in flight",
  description:
    "Without work in flight it is `retired` at once (buffered events are recorded as discarded). With work in flight " +
    "(a customer's queued task or message, a handoff awaiting its ack) it is `retiring`: a coordinator re-routes what a " +
    "peer in its role can take, it finishes what it holds and takes no new work (new tasks for it are a 409 " +
    "`agent_retired`), and after `drainSeconds` (default `RETIRE_DRAIN_SECONDS`) what is left is handed back: re-routed, " +
    "or a customer's task cancelled with a reason. `drain` in the answer, and in `GET /v1/admin/agents/{id}`, shows the progress.",
  tags: ["admin"],
  auth: "operator",
  body: RetireRequest,
  bodyOptional: true,
  example: { drainSeconds: 60 },
  responses: { 200: { description: "The agent: `retiring` with its drain's progress, or `retired`", schema: AgentSnapshot } },
  errors: { 404: AGENT_404, 409: TRANSITION_409 },
});

// Admin: budgets, breakers, costs

const budgetParams = z.object({ kind: BudgetKind, id: z.string().meta({ description: "An agent instance id or a customer id" }) });
for (const [method, operationId, summary, body] of [
  ["get", "adminGetBudget", "A budget: limits and usage per window", undefined],
  ["put", "adminSetBudget", "Override a budget's limits", BudgetLimits],
  ["delete", "adminResetBudget", "Drop the override: the defaults apply again", undefined],
] as const) {
  describeRoute({
    method,
    path: "/v1/admin/budgets/{kind}/{id}",
    operationId,
    summary,
    tags: ["admin"],
    auth: "operator",
    params: budgetParams,
    ...(body ? { body, example: { tokensPerDay: 500_000, usdPerMonth: 20, llmCallsPerMinute: 60 } } : {}),
    responses: { 200: { description: "The budget", schema: BudgetView } },
    errors: { 404: AGENT_404 },
  });
}

const breakerParams = z.object({ provider: Provider });
describeRoute({
  method: "get",
  path: "/v1/admin/breakers/{provider}",
  operationId: "adminGetBreaker",
  summary: "The shared circuit breaker of an LLM provider",
  tags: ["admin"],
  auth: "operator",
  params: breakerParams,
  responses: { 200: { description: "Its state", schema: BreakerStatus } },
});

describeRoute({
  method: "post",
  path: "/v1/admin/breakers/{provider}/reset",
  operationId: "adminResetBreaker",
  summary: "Close a circuit breaker by hand",
  tags: ["admin"],
  auth: "operator",
  params: breakerParams,
  responses: { 200: { description: "Its state after the reset", schema: BreakerStatus } },
});

describeRoute({
  method: "get",
  path: "/v1/admin/costs",
  operationId: "adminGetCosts",
  summary: "Spend and tier mix per agent, CoE or customer (default: this month)",
  tags: ["admin"],
  auth: "operator",
  query: CostsQuery,
  responses: { 200: { description: "Groups by spend", schema: CostReport } },
});

// Admin: dead letters and stats

describeRoute({
  method: "get",
  path: "/v1/admin/dlq",
  operationId: "adminListDeadLetters",
  summary: "Dead letters, newest first, with their errors",
  tags: ["admin"],
  auth: "operator",
  query: DeadLetterQuery,
  responses: { 200: { description: "A page of dead letters", schema: DeadLetterPage } },
});

describeRoute({
  method: "post",
  path: "/v1/admin/dlq/{id}/replay",
  operationId: "adminReplayDeadLetter",
  summary: "Send a dead letter's event to the wake queue again",
  description: "Safe to repeat: agents that already handled the event answer as duplicates.",
  tags: ["admin"],
  auth: "operator",
  responses: { 202: { description: "Requeued", schema: ReplayResult } },
  errors: { 404: "No dead letter with this id", 409: "Not a valid wake message (`not_replayable`)" },
});

describeRoute({
  method: "get",
  path: "/v1/admin/reconciliation",
  operationId: "adminGetReconciliation",
  summary: "Every event since a moment accounted for exactly once, from the records alone",
  description:
    "Each event received since `since` in exactly one class (decided, dead-lettered with its reason, deliberately ignored: no subscriber, retired, discarded, or held by a paused agent); decisions taken twice for one (event, agent) and what they cost; dead letters and their replays; tasks stuck queued; GitHub webhook deliveries (each recorded once per repository and delivery id), any ingested without its event or still in flight, and their GitHub outputs by state (counts only). `ok` is false and `discrepancies` names each problem otherwise. Set-based aggregates: safe to call in production.",
  tags: ["admin"],
  auth: "operator",
  query: ReconciliationQuery,
  responses: { 200: { description: "The accounting", schema: Reconciliation } },
});

// Admin: traces

describeRoute({
  method: "get",
  path: "/v1/admin/traces",
  operationId: "adminListTraces",
  summary: "Recent traces, newest first, with their event, decision and error counts",
  description: "A trace starts at the first event that carries its id (ingest assigns one unless the producer passed `traceId`).",
  tags: ["admin"],
  auth: "operator",
  query: TraceListQuery,
  responses: { 200: { description: "A page of traces", schema: TracePage } },
});

describeRoute({
  method: "get",
  path: "/v1/admin/traces/{traceId}",
  operationId: "adminGetTrace",
  summary: "One trace's span tree: ingest, queue, wakes, decisions, model calls, handoffs, outputs",
  description:
    "Spans in tree order (depth-first, children by start time), each naming its parent. Built from the records, so it is complete for any trace still in D1, sampled for export or not.",
  tags: ["admin"],
  auth: "operator",
  responses: { 200: { description: "The trace", schema: Trace } },
  errors: { 404: "No event carries this trace id" },
});

describeRoute({
  method: "get",
  path: "/v1/admin/stats",
  operationId: "adminGetStats",
  summary: "Pipeline health: event statuses, wake outcomes, latency p50/p99",
  tags: ["admin"],
  auth: "operator",
  query: StatsQuery,
  responses: { 200: { description: "Counts since `since`", schema: PipelineStats } },
});

describeRoute({
  method: "get",
  path: "/v1/admin/stats/timeseries",
  operationId: "adminGetStatsTimeseries",
  summary: "Throughput, tier mix and cost over time, per bucket",
  description:
    "Events ingested, agent wakes, decisions per tier and their cost in fixed buckets of `step` ms from `since` to `until` (default: the last 24 hours by hour), empty buckets included, at most 500. What the dashboard's charts draw.",
  tags: ["admin"],
  auth: "operator",
  query: StatsTimeseriesQuery,
  responses: { 200: { description: "Every bucket, oldest first", schema: StatsTimeseries } },
  errors: { 400: "A bad query, or more than 500 buckets (`field`: `step`), or `until` not after `since`" },
});

// Metrics

describeRoute({
  method: "get",
  path: "/metrics",
  operationId: "adminGetMetrics",
  summary: "Metrics in the Prometheus text exposition format",
  description:
    "Counters and latency histograms per agent, CoE and customer (events ingested, wakes by outcome, decisions by tier, " +
    "decision latency, tokens, cost, errors, queue lag, handoffs, outputs posted), summed over every isolate's flushes, " +
    "and gauges read at scrape time (DLQ depth, breaker state, the busiest budgets' usage). Point a Prometheus scrape " +
    "job at it with the operator token (README, Operators: Metrics).",
  tags: ["admin"],
  auth: "operator",
  responses: { 200: { description: "Prometheus text format 0.0.4", schema: z.string(), contentType: "text/plain" } },
});
