import { eq } from "drizzle-orm";
import { type Database, database, toD1 } from "../db/client";
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

/**
 * The statement that publishes a definition (or a new version of it) for spawning. Running
 * instances keep the version they were spawned from. Products add their own rows beside it (the
 * marketplace lists a definition that has a `listing`).
 */
export function definitionStatement(d1: D1Database, definition: AgentDefinition, now = Date.now()): D1PreparedStatement {
  const { specialization: s, personality: p } = definition;
  const row = {
    slug: definition.slug,
    version: definition.version,
    coe: s.coe,
    role: s.role,
    displayName: p.displayName,
    definition,
    updatedAt: now,
  };
  return toD1(d1, database(d1).insert(agentDefinitions).values(row).onConflictDoUpdate({ target: agentDefinitions.slug, set: row }));
}
