import type { WakeResult } from "../schemas/decision";

/** The `source` of the events the marketplace sends hired agents: customer tasks and messages. */
export const MARKETPLACE_SOURCE = "waooaw.marketplace";

/**
 * Whether a wake result may complete marketplace work. Results kept in an agent's outbox from
 * before results carried their source are included: the SQL that applies them finds nothing
 * when they were not marketplace events.
 */
export function isMarketplaceResult(result: WakeResult): boolean {
  return result.eventSource === MARKETPLACE_SOURCE || result.eventSource === undefined;
}
