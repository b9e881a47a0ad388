import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { agentDefinitions } from "../db/schema";
import { AgentDefinition } from "../schemas/identity";

/** Publishes (or updates) a definition. Running instances keep the version they were spawned from. */
export async function upsertDefinition(db: Database, definition: AgentDefinition): Promise<void> {
  const row = {
    slug: definition.slug,
    version: definition.version,
    coe: definition.specialization.coe,
    role: definition.specialization.role,
    displayName: definition.personality.displayName,
    definition,
    updatedAt: Date.now(),
  };
  await db.insert(agentDefinitions).values(row).onConflictDoUpdate({ target: agentDefinitions.slug, set: row });
}

export async function findDefinition(db: Database, slug: string): Promise<AgentDefinition | undefined> {
  const row = await db.select({ definition: agentDefinitions.definition }).from(agentDefinitions).where(eq(agentDefinitions.slug, slug)).get();
  return row ? AgentDefinition.parse(row.definition) : undefined;
}

export async function listDefinitions(db: Database): Promise<AgentDefinition[]> {
  const rows = await db.select({ definition: agentDefinitions.definition }).from(agentDefinitions).orderBy(agentDefinitions.slug);
  return rows.map((r) => AgentDefinition.parse(r.definition));
}
