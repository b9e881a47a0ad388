import { agentStub, unwrap } from "../agents/agent-ref";
import { NotFoundError } from "../errors";
import type { MemoryPage } from "../schemas/memory-views";
import { ownHire } from "./hires";

// Customers control their data: what a hired agent remembers of them, listed and deleted. Only
// the caller's own memories in the agent behind their own hire; another customer's hire is a 404.

export async function listHireMemories(env: Env, customerId: string, hireId: string, limit: number, cursor?: string): Promise<MemoryPage> {
  const hire = await ownHire(env, customerId, hireId);
  return unwrap(await agentStub(env, hire.instanceId).listMemories(customerId, limit, cursor));
}

/** Deletes one memory (its vector too); a memory that is not theirs, or gone, is a 404. */
export async function deleteHireMemory(env: Env, customerId: string, hireId: string, memoryId: string): Promise<void> {
  const hire = await ownHire(env, customerId, hireId);
  const { deleted } = unwrap(await agentStub(env, hire.instanceId).deleteMemories(customerId, [memoryId]));
  if (!deleted) throw new NotFoundError(`no memory ${memoryId}`);
}

/** Deletes all of the customer's memories in this hire's agent; answers how many there were. */
export async function deleteHireMemories(env: Env, customerId: string, hireId: string): Promise<{ deleted: number }> {
  const hire = await ownHire(env, customerId, hireId);
  return unwrap(await agentStub(env, hire.instanceId).deleteMemories(customerId));
}
