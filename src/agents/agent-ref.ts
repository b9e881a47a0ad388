import { eq } from "drizzle-orm";
import { database } from "../db/client";
import { agentInstances } from "../db/schema";
import { ConflictError, NotFoundError } from "../errors";
import type { Result } from "./result";

export function agentStub(env: Env, instanceId: string) {
  return env.AGENT.get(env.AGENT.idFromName(instanceId));
}

/**
 * The stub of an existing agent. Looks the id up in D1 first so an unknown id is a 404 and
 * never creates a Durable Object.
 */
export async function existingAgent(env: Env, instanceId: string) {
  const row = await database(env.DB).select({ id: agentInstances.id }).from(agentInstances).where(eq(agentInstances.id, instanceId)).get();
  if (!row) throw new NotFoundError(`agent ${instanceId} does not exist`);
  return agentStub(env, instanceId);
}

/** Unwraps a Durable Object result, turning an expected failure into a typed error. */
export function unwrap<T>(result: Result<T>): T {
  if (result.ok) return result.value;
  const { kind, code, message, field } = result.error;
  if (kind === "not_found") throw new NotFoundError(message, code);
  if (kind === "conflict") throw new ConflictError(code, message, field);
  // Anything else is unexpected here: a plain error, logged and answered as a 500 at the edge.
  throw new Error(`${code}: ${message}`);
}
