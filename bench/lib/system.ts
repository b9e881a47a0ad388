/** What the scenarios need from each system under test. */

/** An event as the bench sends it (ingest assigns id and receivedAt). */
export interface OutgoingEvent {
  type: "customer.message";
  source: "bench";
  subject: string;
  customerId: string;
  occurredAt: string;
  payload: { text: string; priority: "urgent" | "normal" };
}

/** One agent bound to one customer. */
export interface AgentRef {
  agentId: string;
  customerId: string;
}

export interface ProgressStats {
  /** Decisions recorded for events received since the phase began. */
  count: number;
  p50: number;
  p99: number;
  /** Counts by outcome, where the system reports them (the platform's wake outcomes). */
  outcomes?: Record<string, number>;
}

export interface SystemDriver {
  readonly name: SystemName;
  /** Root pid of the serving process tree (for RSS sampling). */
  readonly pid: number;
  /** Creates the agents' objects ahead of load (the platform's spawn; a create call for baselines). */
  spawn(agents: readonly AgentRef[]): Promise<void>;
  /** How many agents `spawn` should get per call (one per request for the platform). */
  readonly spawnBatchSize: number;
  /** Sends up to 100 events in one ingest request. */
  ingest(events: readonly OutgoingEvent[]): Promise<void>;
  /** Starts a measurement phase; stats() then counts only events ingested after this call. */
  beginPhase(): Promise<void>;
  /**
   * Progress since beginPhase(). `withLatency: false` lets a system skip work it only needs for
   * the final figures (the platform's percentiles are two sorts in D1), so polling stays cheap.
   */
  stats(withLatency?: boolean): Promise<ProgressStats>;
  stop(): Promise<void>;
}

export type SystemName = "waooaw" | "bare" | "bare-packed" | "agents-sdk";
