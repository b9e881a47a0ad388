import type { WakeResult } from "../schemas/decision";
import type { Event } from "../schemas/event";

export interface EventWakeOutcome {
  event: Event;
  results: WakeResult[];
  /** Agents whose wake failed; the message is retried and they are asked again. */
  failures: { instanceId: string; error: string }[];
}

/** Wakes each matched agent for its event, all in parallel, collecting results and failures. */
export async function wakeAgents(env: Env, matches: readonly { event: Event; instanceIds: readonly string[] }[]): Promise<EventWakeOutcome[]> {
  return Promise.all(
    matches.map(async ({ event, instanceIds }) => {
      const settled = await Promise.allSettled(
        instanceIds.map((id) => env.AGENT.get(env.AGENT.idFromName(id)).wake(event)),
      );
      const outcome: EventWakeOutcome = { event, results: [], failures: [] };
      settled.forEach((s, i) => {
        const instanceId = instanceIds[i] ?? "";
        if (s.status === "rejected") outcome.failures.push({ instanceId, error: errorText(s.reason) });
        else if (!s.value.ok) outcome.failures.push({ instanceId, error: `${s.value.error.code}: ${s.value.error.message}` });
        else outcome.results.push(s.value.value);
      });
      return outcome;
    }),
  );
}

export function errorText(error: unknown): string {
  return (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).slice(0, 1000);
}
