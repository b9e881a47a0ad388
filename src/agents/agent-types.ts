import type { AgentDefinition, Subscription } from "../schemas/identity";
import type { LifecycleState } from "../schemas/lifecycle";
import type { AgentContextView } from "./agent-store";

/** What the operator API hands an agent to spawn it. */
export interface SpawnInit {
  instanceId: string;
  definition: AgentDefinition;
  customerId: string | null;
  extraSubscriptions: Subscription[];
}

/** What `GET /v1/agents/:id` shows: identity, lifecycle, context and counters. */
export interface AgentSnapshot {
  id: string;
  definition: { slug: string; version: number };
  specialization: AgentDefinition["specialization"];
  personality: AgentDefinition["personality"];
  /** Model and budget limits the instance was spawned with. */
  defaults: AgentDefinition["defaults"];
  customerId: string | null;
  subscriptions: Subscription[];
  state: LifecycleState;
  inboxSize: number;
  counters: Record<string, number>;
  context: AgentContextView;
  createdAt: number;
}
