/**
 * Every metric the platform exports: its name, help text, type and label names. Recording code
 * names a metric from here, so the names, label sets and buckets are decided in one place and
 * the renderer can print correct HELP and TYPE lines for them.
 */
export type MetricType = "counter" | "histogram" | "gauge";

export interface MetricDefinition {
  name: string;
  help: string;
  type: MetricType;
  /** Label names in the order series keys are built. */
  labels: readonly string[];
  /** Histograms' upper bounds (seconds), ascending; `+Inf` is implicit. */
  buckets?: readonly number[];
}

/** Who did the work: the agent instance, its Centre of Excellence and its customer ("" when none). */
const WHO = ["agent", "coe", "customer"] as const;

// From a 1 ms rule decision to a 10 s model call.
const LATENCY_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;
// From a wake in the same second to an event that waited half an hour behind retries.
const LAG_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 1800] as const;

export const METRICS = {
  eventsIngested: {
    name: "waooaw_events_ingested_total",
    help: "Events accepted by ingest (API, webhooks, cron, hooks), by source and customer.",
    type: "counter",
    labels: ["source", "customer"],
  },
  wakes: {
    name: "waooaw_wakes_total",
    help: "Agent wakes by outcome (decided, buffered, discarded, refused); redeliveries are not counted.",
    type: "counter",
    labels: [...WHO, "outcome"],
  },
  decisions: {
    name: "waooaw_decisions_total",
    help: "Decisions recorded, by the tier that answered.",
    type: "counter",
    labels: [...WHO, "tier"],
  },
  decisionLatency: {
    name: "waooaw_decision_latency_seconds",
    help: "Time the decision engine took to answer, by tier.",
    type: "histogram",
    labels: [...WHO, "tier"],
    buckets: LATENCY_BUCKETS,
  },
  tokens: {
    name: "waooaw_llm_tokens_total",
    help: "Model tokens used by decisions, by direction (input, output).",
    type: "counter",
    labels: [...WHO, "direction"],
  },
  cost: {
    name: "waooaw_llm_cost_usd_total",
    help: "Model spend of decisions in US dollars (usage times the configured price).",
    type: "counter",
    labels: WHO,
  },
  errors: {
    name: "waooaw_errors_total",
    help: "Failures by stage: wake (an agent failed an event), wake_timeout (an agent did not answer in time), batch_timeout (a wake batch ran out of time), record (D1 roll-up failed), dead_letter (an event gave up), output (a post failed).",
    type: "counter",
    labels: ["stage", "agent"],
  },
  queueLag: {
    name: "waooaw_queue_lag_seconds",
    help: "Time from an event's ingest to the wake that handled it.",
    type: "histogram",
    labels: WHO,
    buckets: LAG_BUCKETS,
  },
  deadLettered: {
    name: "waooaw_dead_lettered_total",
    help: "Events stored in the dead-letter queue.",
    type: "counter",
    labels: [],
  },
  handoffs: {
    name: "waooaw_handoffs_total",
    help: "Messages between agents (handoff, request, result) routed by the organisation, by sender and outcome (routed, needs_hire, escalated).",
    type: "counter",
    labels: ["agent", "customer", "type", "outcome"],
  },
  outputsPosted: {
    name: "waooaw_outputs_posted_total",
    help: "Outputs a channel took (posted) or refused for good (failed), by channel (github), kind (issue, comment, review, report) and customer.",
    type: "counter",
    labels: ["channel", "kind", "customer", "outcome"],
  },
  dlqDepth: {
    name: "waooaw_dlq_depth",
    help: "Dead letters waiting for a replay (read from D1 at scrape time).",
    type: "gauge",
    labels: [],
  },
  breakerState: {
    name: "waooaw_breaker_state",
    help: "The LLM provider's circuit breaker: 1 for its current state (closed, half_open, open), 0 for the others.",
    type: "gauge",
    labels: ["provider", "state"],
  },
  budgetUsage: {
    name: "waooaw_budget_usage_ratio",
    help: "Budget used (spent plus reserved) over its limit per window, for the 20 busiest agents and customers of the last day.",
    type: "gauge",
    labels: ["scope", "id", "window"],
  },
} as const satisfies Record<string, MetricDefinition>;

export type MetricKey = keyof typeof METRICS;

/** Label values for a metric, by name: every label it declares. */
export type LabelsOf<K extends MetricKey> = { [L in (typeof METRICS)[K]["labels"][number]]: string };

export const METRIC_BY_NAME: ReadonlyMap<string, MetricDefinition> = new Map(Object.values(METRICS).map((m) => [m.name, m]));
