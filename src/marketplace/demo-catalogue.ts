import { TEMPLATES } from "../../templates/index";
import type { SeedReport } from "../schemas/agent-views";
import { AgentDefinition } from "../schemas/identity";
import { spawnAgent } from "../agents/spawn";
import { publishDefinition } from "./listings";
import { AppError } from "../errors";

/** The demo catalogue: every template in templates/, validated, so a broken template fails loudly. */
export const DEMO_TEMPLATES: AgentDefinition[] = TEMPLATES.map((t) => AgentDefinition.parse(t));

/** Demo instances use readable ids so the README walkthrough can name them. */
export const demoInstanceId = (slug: string) => `demo-${slug}`;

/** Publishes the demo definitions and spawns one instance of each. Safe to run again. */
export async function seedDemoCatalogue(env: Env): Promise<SeedReport> {
  const report: SeedReport = { definitions: [], spawned: [], existing: [] };
  for (const definition of DEMO_TEMPLATES) {
    await publishDefinition(env.DB, definition);
    report.definitions.push(definition.slug);
    const id = demoInstanceId(definition.slug);
    try {
      await spawnAgent(env, { definition: definition.slug, id });
      report.spawned.push(id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "agent_exists")) throw error;
      report.existing.push(id);
    }
  }
  return report;
}
