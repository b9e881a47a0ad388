import { runDurableObjectAlarm } from "cloudflare:test";
import { inject } from "vitest";
import { unwrap } from "../../src/agents/agent-ref";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { AgentIdentity } from "../../src/agents/identity";
import { BudgetGate, budgetScopes } from "../../src/budgets/budget-gate";
import { engineSettings } from "../../src/config/settings";
import { anthropicClient } from "../../src/decisions/llm/model-call";
import { LlmTier } from "../../src/decisions/llm/llm-tier";
import { skillToolbox } from "../../src/decisions/llm/skill-tools";
import type { SkillRunner } from "../../src/skills/skill";
import type { Situation } from "../../src/decisions/situation";
import { breakerPolicy, providerBreaker } from "../../src/resilience/breaker-client";
import { AgentDefinition, type AgentDefinitionInput } from "../../src/schemas/identity";
import type { Event } from "../../src/schemas/event";
import { customerMessage, env, eventually, supportDefinition, unique } from "../helpers";

export const anthropicUrl = () => inject("anthropicUrl");

/** The agent Durable Object named `id`. */
export const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));

/** Wakes the agent and returns its decision; one that needs the cache or model comes from the alarm. */
export async function decide(agent: string, e: Event): Promise<Decision> {
  const stub = stubOf(agent);
  const woke = unwrap<WakeResult>(await stub.wake(e));
  if (woke.decision) return woke.decision;
  return eventually(async () => {
    await runDurableObjectAlarm(stub);
    return unwrap<{ items: Decision[] }>(await stub.listDecisions(100)).items.find((d) => d.eventId === e.id);
  });
}

/** An identity as a spawned agent has it; its instance id keys the local server's script. */
export function identityOf(
  definition: AgentDefinitionInput = supportDefinition(unique("llm")),
  customerId: string | null = null,
): AgentIdentity {
  const parsed = AgentDefinition.parse(definition);
  return {
    instanceId: unique("agent"),
    definition: parsed,
    customerId,
    subscriptions: parsed.specialization.subscriptions,
    createdAt: Date.now(),
  };
}

export function situationOf(extra: Partial<Event> = {}): Situation {
  const event: Event = {
    ...customerMessage("c"),
    customerId: undefined,
    payload: { text: "can you help?" },
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
    ...extra,
  };
  return { event, context: { openTaskCount: 0, recentEventCount: 0, state: "active" } };
}

/**
 * An LLM tier wired to real Durable Objects (its own breaker and budgets, so tests that trip
 * them never disturb others) and the real SDK pointed at the local Messages API server.
 */
export function llmTierFor(identity: AgentIdentity, vars: Record<string, string | undefined> = {}, skills?: SkillRunner) {
  const settings = engineSettings({ ...env, ANTHROPIC_BASE_URL: anthropicUrl(), ANTHROPIC_API_KEY: "test-anthropic-key", ...vars });
  const breakerName = unique("provider");
  const tier = new LlmTier({
    identity,
    settings,
    client: settings.ANTHROPIC_API_KEY ? anthropicClient(settings, settings.ANTHROPIC_API_KEY) : undefined,
    breaker: providerBreaker(env, breakerName),
    breakerPolicy: breakerPolicy(settings),
    budget: new BudgetGate(env, budgetScopes(identity, settings), settings.BUDGET_WARNING_THRESHOLD, identity.customerId),
    context: () => ({ recentEvents: [], notes: [], openTasks: [] }),
    skills: skills ? skillToolbox(identity.definition.specialization.rules, skills) : undefined,
  });
  return { tier, settings, breaker: providerBreaker(env, breakerName) };
}
