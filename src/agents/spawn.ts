import { eq } from "drizzle-orm";
import { database } from "../db/client";
import { agentInstances } from "../db/schema";
import { ConflictError, ValidationError } from "../errors";
import { newId } from "../ids";
import type { SpawnRequest } from "../schemas/lifecycle";
import type { AgentSnapshot } from "../schemas/agent-views";
import { agentStub, unwrap } from "./agent-ref";
import { findDefinition } from "./definitions";

/** Spawns an agent instance from a published definition; the new agent is active at once. */
export async function spawnAgent(env: Env, request: SpawnRequest): Promise<AgentSnapshot> {
  const db = database(env.DB);
  const definition = await findDefinition(db, request.definition);
  if (!definition) throw new ValidationError(`no agent definition named ${request.definition}`, "definition", [], "unknown_definition");
  const instanceId = request.id ?? newId("agt");
  const existing = await db.select({ state: agentInstances.state }).from(agentInstances).where(eq(agentInstances.id, instanceId)).get();
  if (existing && existing.state !== "spawning") throw new ConflictError("agent_exists", `agent ${instanceId} already exists`, "id");
  return unwrap<AgentSnapshot>(
    await agentStub(env, instanceId).spawn({
      instanceId,
      definition,
      customerId: request.customerId ?? null,
      extraSubscriptions: request.subscriptions ?? [],
    }),
  );
}
