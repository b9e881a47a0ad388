import type { AgentDefinition, Subscription } from "../schemas/identity";

export type { AgentSnapshot } from "../schemas/agent-views";

/** What the operator API hands an agent to spawn it. */
export interface SpawnInit {
  instanceId: string;
  definition: AgentDefinition;
  customerId: string | null;
  extraSubscriptions: Subscription[];
}
