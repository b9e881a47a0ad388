import type { AgentDefinitionInput } from "../../src/schemas/identity";
import type { TaskChain } from "../../src/schemas/organisation";
import { eventually } from "../helpers";
import { as, jsonOf, publish, type SignedUp, type TaskView } from "../marketplace/helpers";

export { accountExecutive, contentMarketer, DRAFT, QUALIFIED_LEAD, sdr, seoSpecialist } from "./definitions";

export const published = new Set<string>();

/** Publishes each definition once per test file. */
export async function ensurePublished(...definitions: AgentDefinitionInput[]): Promise<void> {
  for (const d of definitions) {
    if (published.has(d.slug)) continue;
    await publish(d);
    published.add(d.slug);
  }
}

export async function hire(who: SignedUp, agent: string): Promise<{ id: string; instanceId: string }> {
  const h = await jsonOf<{ id: string }>(as(who, "/v1/hires", { method: "POST", json: { agent } }), 201);
  return { id: h.id, instanceId: `agent-${h.id}` };
}

export async function giveTask(who: SignedUp, hireId: string, inputs: Record<string, unknown>): Promise<string> {
  const task = await jsonOf<{ id: string }>(
    as(who, `/v1/hires/${hireId}/tasks`, { method: "POST", json: { title: "Chain work", instructions: "As attached", inputs } }),
    202,
  );
  return task.id;
}

/** Waits until the task has left the chain (not queued, not delegated). */
export function finishedTask(who: SignedUp, taskId: string, timeoutMs?: number): Promise<TaskView> {
  return eventually(async () => {
    const task = await jsonOf<TaskView>(as(who, `/v1/tasks/${taskId}`), 200);
    return task.status !== "queued" && task.status !== "delegated" ? task : undefined;
  }, timeoutMs);
}

export function chainOf(who: SignedUp, taskId: string): Promise<TaskChain> {
  return jsonOf<TaskChain>(as(who, `/v1/tasks/${taskId}/chain`), 200);
}
