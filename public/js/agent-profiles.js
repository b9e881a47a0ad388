// Agent profiles, cached for the page's lifetime: hires and tasks show the agent's name.

import { api } from "./api.js";
import { store } from "./store.js";

/** @import { AgentProfile } from "./api-types.js" */

/**
 * The agent's public profile, fetched once and shared; a failed fetch is not kept.
 * @param {string} slug
 * @param {AbortSignal} [signal]
 * @returns {Promise<AgentProfile>}
 */
export function agentProfile(slug, signal) {
  const cached = store.profiles.get(slug);
  if (cached) return cached;
  // `getAgent` also answers operators' deprecated instance reads; a customer always gets the profile.
  const fetched = /** @type {Promise<AgentProfile>} */ (api("getAgent", { path: { ref: slug } }, { signal }));
  fetched.catch(() => store.profiles.delete(slug));
  store.profiles.set(slug, fetched);
  return fetched;
}

/**
 * Drops the cached profile, so the next read is fresh (after a rating or review changes it).
 * @param {string} slug
 */
export function forgetProfile(slug) {
  store.profiles.delete(slug);
}

/**
 * The agent's display name, or its slug when the profile cannot be read.
 * @param {string} slug
 * @param {AbortSignal} [signal]
 */
export async function agentName(slug, signal) {
  try {
    return (await agentProfile(slug, signal)).displayName;
  } catch {
    return slug;
  }
}
