import { eq } from "drizzle-orm";
import type { Database } from "../db/client";
import { agentDefinitions } from "../db/schema";
import { AgentDefinition } from "../schemas/identity";

export async function findDefinition(db: Database, slug: string): Promise<AgentDefinition | undefined> {
  const row = await db
    .select({ definition: agentDefinitions.definition })
    .from(agentDefinitions)
    .where(eq(agentDefinitions.slug, slug))
    .get();
  return row ? AgentDefinition.parse(row.definition) : undefined;
}

export async function listDefinitions(db: Database): Promise<AgentDefinition[]> {
  const rows = await db.select({ definition: agentDefinitions.definition }).from(agentDefinitions).orderBy(agentDefinitions.slug);
  return rows.map((r) => AgentDefinition.parse(r.definition));
}
