import { findDefinition } from "../agents/definitions";
import { database } from "../db/client";
import { NotFoundError } from "../errors";
import { listingCard, type ListingRow } from "./catalogue-search";
import { RATING_PRIOR_MEAN, RATING_PRIOR_WEIGHT } from "./reputation";
import { latestReviews } from "./reviews";
import type { AgentProfile } from "../schemas/marketplace-views";

/** An agent's profile page: persona, what it does, samples, price, trial terms, reputation. */
export async function agentProfile(env: Env, slug: string): Promise<AgentProfile> {
  const row = await env.DB.prepare(`SELECT * FROM listings WHERE slug = ? AND listed = 1`).bind(slug).first<ListingRow>();
  const definition = row ? await findDefinition(database(env.DB), slug) : undefined;
  if (!row || !definition?.listing) throw new NotFoundError(`no listed agent named ${slug}`);
  const { personality, specialization, listing } = definition;
  return {
    ...listingCard(row),
    description: listing.description,
    persona: { tone: personality.tone, avatar: personality.avatar ?? null },
    capabilities: specialization.capabilities,
    sampleOutputs: listing.sampleOutputs,
    trial: listing.trial,
    responseTargetSeconds: listing.responseTargetSeconds,
    reviews: await latestReviews(env, slug),
    trustExplained:
      `trust = 60% rating (Bayesian: ${RATING_PRIOR_WEIGHT} prior ratings of ${RATING_PRIOR_MEAN} mixed in; only ratings by customers who paid for a hire of this agent count) ` +
      `+ 25% task success rate + 15% on-time rate (within ${listing.responseTargetSeconds} s), each smoothed towards 80% until tasks are measured`,
  };
}
