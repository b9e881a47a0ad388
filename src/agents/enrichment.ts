import type { Event } from "../schemas/event";
import type { AgentIdentity } from "./identity";

/**
 * Where a product adds what an agent must read before it decides and the event cannot carry (a
 * pull request's changed files, fetched from GitHub). Enriching is I/O, so an event that wants it
 * is decided in the agent's alarm, off the queue's critical path, never on the synchronous fast
 * path. The decision sees the enriched event; the event stays stored as it was ingested.
 */
export interface EventEnricher {
  /** Cheap and synchronous (asked on every wake): whether this agent needs this event enriched. */
  wants(event: Event, agent: AgentIdentity): boolean;
  /**
   * The event with what was read added to its payload. Must not throw: when nothing could be
   * read, it says so in the payload, so the agent still decides and tells what it could not see.
   */
  enrich(env: Env, event: Event, agent: AgentIdentity): Promise<Event>;
}

/** No product enriches anything. */
export const NO_ENRICHMENT: EventEnricher = { wants: () => false, enrich: async (_env, event) => event };

/** Several products' enrichers as one: each that wants the event adds to it, in order. */
export function enrichers(list: readonly EventEnricher[]): EventEnricher {
  return {
    wants: (event, agent) => list.some((e) => e.wants(event, agent)),
    async enrich(env, event, agent) {
      let enriched = event;
      for (const e of list) if (e.wants(event, agent)) enriched = await e.enrich(env, enriched, agent);
      return enriched;
    },
  };
}
