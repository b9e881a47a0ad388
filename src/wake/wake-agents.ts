import type { WakeResult } from "../schemas/decision";
import type { Event } from "../schemas/event";
import type { Result } from "../agents/result";
import { errorText } from "../errors";
import { appendTo } from "../multimap";
import { DeadlineExceeded, withDeadline } from "../resilience/deadline";

export interface EventWakeOutcome {
  event: Event;
  results: WakeResult[];
  /** Agents whose wake failed (`timedOut`: did not answer in time); the message is retried and they are asked again. */
  failures: { instanceId: string; error: string; timedOut?: true }[];
}

/** How long the consumer waits for one agent's answer unless `WAKE_AGENT_TIMEOUT_MS` says otherwise. */
export const DEFAULT_WAKE_AGENT_TIMEOUT_MS = 60_000;

/**
 * Wakes the matched agents of a batch: each agent once, with all of its events in batch order
 * (one RPC per agent, not per event), all agents in parallel. Results are regrouped per event.
 * An agent that has not answered within `timeoutMs` counts as failed for all of its events, so
 * one stuck object cannot hold the batch (and the queue behind it): the message is retried, and
 * the events the agent did handle meanwhile come back as duplicates.
 */
export async function wakeAgents(
  env: Env,
  matches: readonly { event: Event; instanceIds: readonly string[] }[],
  timeoutMs = DEFAULT_WAKE_AGENT_TIMEOUT_MS,
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
        answers = await withDeadline(env.AGENT.get(env.AGENT.idFromName(instanceId)).wakeMany(events), timeoutMs, `agent ${instanceId}`);
      } catch (error) {
        const failure = { instanceId, error: errorText(error), ...(error instanceof DeadlineExceeded ? { timedOut: true as const } : {}) };
        for (const event of events) outcomes.get(event.id)?.failures.push(failure);
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
