import type { WakeResult } from "../schemas/decision";
import type { Event } from "../schemas/event";
import type { Result } from "../agents/result";
import { errorText } from "../errors";
import { appendTo } from "../multimap";

export interface EventWakeOutcome {
  event: Event;
  results: WakeResult[];
  /** Agents whose wake failed; the message is retried and they are asked again. */
  failures: { instanceId: string; error: string }[];
}

/**
 * Wakes the matched agents of a batch: each agent once, with all of its events in batch order
 * (one RPC per agent, not per event), all agents in parallel. Results are regrouped per event.
 */
export async function wakeAgents(
  env: Env,
  matches: readonly { event: Event; instanceIds: readonly string[] }[],
): Promise<EventWakeOutcome[]> {
  const perAgent = new Map<string, Event[]>();
  for (const { event, instanceIds } of matches) {
    for (const id of instanceIds) appendTo(perAgent, id, event);
  }
  const outcomes = new Map<string, EventWakeOutcome>(matches.map(({ event }) => [event.id, { event, results: [], failures: [] }]));
  await Promise.all(
    [...perAgent].map(async ([instanceId, events]) => {
      let answers: Result<WakeResult>[];
      try {
        answers = await env.AGENT.get(env.AGENT.idFromName(instanceId)).wakeMany(events);
      } catch (error) {
        for (const event of events) outcomes.get(event.id)?.failures.push({ instanceId, error: errorText(error) });
        return;
      }
      events.forEach((event, i) => {
        const outcome = outcomes.get(event.id);
        const answer = answers[i];
        if (!outcome) return;
        if (answer?.ok) outcome.results.push(answer.value);
        else outcome.failures.push({ instanceId, error: answer ? `${answer.error.code}: ${answer.error.message}` : "no answer" });
      });
    }),
  );
  return matches.map(({ event }) => outcomes.get(event.id) ?? { event, results: [], failures: [] });
}
