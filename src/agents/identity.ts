import type { AgentDefinition, Subscription } from "../schemas/identity";

/** What an instance is: the definition it was spawned from plus its own binding. */
export interface AgentIdentity {
  instanceId: string;
  definition: AgentDefinition;
  customerId: string | null;
  subscriptions: Subscription[];
  createdAt: number;
}

/**
 * The subscriptions an instance actually has: the definition's plus any extra ones, each
 * narrowed to the bound customer so a customer's agent never wakes for another's events.
 * Schedules are the exception: cron ticks belong to no customer, and a hired agent's weekly
 * report must still fire.
 */
export function effectiveSubscriptions(
  definition: AgentDefinition,
  customerId: string | null,
  extra: readonly Subscription[] = [],
): Subscription[] {
  return [...definition.specialization.subscriptions, ...extra].map((s) =>
    customerId && !s.event.startsWith("schedule.") ? { ...s, customerId } : s,
  );
}
