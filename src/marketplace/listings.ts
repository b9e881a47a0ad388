import { sql } from "drizzle-orm";
import { definitionStatement } from "../agents/definitions";
import { database, toD1 } from "../db/client";
import type { AgentDefinition } from "../schemas/identity";
import { BUMP_CATALOGUE_VERSION, bayesianRating, RELIABILITY_PRIOR, trustScore } from "./reputation";
import { listings } from "./schema";

/**
 * Statements that publish a definition: the definition itself, its catalogue listing (the
 * reputation columns are kept on update), its full-text row, and a catalogue version bump so
 * cached catalogue reads are not served stale. A definition without `listing` is unlisted.
 */
export function publishStatements(d1: D1Database, definition: AgentDefinition): D1PreparedStatement[] {
  const db = database(d1);
  const now = Date.now();
  const { specialization: s, personality: p, listing } = definition;
  const statements = [definitionStatement(d1, definition, now)];
  statements.push(d1.prepare(`DELETE FROM listings_fts WHERE slug = ?`).bind(definition.slug));
  if (!listing) {
    statements.push(toD1(d1, db.update(listings).set({ listed: false, updatedAt: now }).where(sql`${listings.slug} = ${definition.slug}`)));
  } else {
    const described = {
      coe: s.coe,
      role: s.role,
      displayName: p.displayName,
      tagline: p.tagline,
      priceUsdPerMonth: listing.priceUsdPerMonth,
      responseTargetSeconds: listing.responseTargetSeconds,
      industries: p.industries,
      languages: p.languages,
      skills: s.capabilities,
      listed: true,
      updatedAt: now,
    };
    const fresh = {
      slug: definition.slug,
      ...described,
      ratingScore: bayesianRating(0, 0),
      trustScore: trustScore(bayesianRating(0, 0), RELIABILITY_PRIOR, RELIABILITY_PRIOR),
    };
    statements.push(toD1(d1, db.insert(listings).values(fresh).onConflictDoUpdate({ target: listings.slug, set: described })));
    statements.push(
      d1
        .prepare(`INSERT INTO listings_fts (slug, name, tagline, body) VALUES (?, ?, ?, ?)`)
        .bind(
          definition.slug,
          `${p.displayName} ${s.role}`,
          p.tagline,
          [listing.description, s.capabilities.join(", "), p.industries.join(", "), s.coe, p.tone].join("\n"),
        ),
    );
  }
  statements.push(d1.prepare(BUMP_CATALOGUE_VERSION));
  return statements;
}

/** Publishes (or updates) a definition. Running instances keep the version they were spawned from. */
export async function publishDefinition(d1: D1Database, definition: AgentDefinition): Promise<void> {
  await d1.batch(publishStatements(d1, definition));
}
