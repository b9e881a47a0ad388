// All of the page's mutable state, in one place. Other modules keep only constants (DOM nodes
// from index.html, lookup tables) and read or change what varies here, so what can change
// between two events, and who changes it, is visible in one file.

/** @import { AgentProfile } from "./api-types.js" */

/**
 * @typedef {object} RouterState
 * @property {AbortController} controller  aborted when the next route starts (its fetches, polls, sleeps)
 * @property {boolean} initialRender  the first view after loading the page: focus stays where the browser put it
 * @property {boolean} keepFocus  the next route leaves focus alone (the user is typing in the search form)
 */

/**
 * @typedef {object} BrowseState
 * @property {URLSearchParams | null} params  the filters whose results are on screen
 * @property {string | null} cursor  where "Load more" continues, null at the end
 * @property {number} shown  how many agent cards are listed
 * @property {number} latestSearch  sequence number of the newest catalogue request: only its answer may paint
 * @property {AbortController} searchController  aborts the catalogue request in flight when a newer one starts
 * @property {string | null} formQuery  the query the search form last sent or showed; while the URL says the
 *   same, the form holds what the user is typing and is not refilled from the URL
 */

export const store = {
  /** Counter behind nextId(): ids for generated labels, hints and error boxes. */
  lastId: 0,

  /** @type {RouterState} */
  router: { controller: new AbortController(), initialRender: true, keepFocus: false },

  /** @type {BrowseState} */
  browse: {
    params: null,
    cursor: null,
    shown: 0,
    latestSearch: 0,
    searchController: new AbortController(),
    formQuery: null,
  },

  /** @type {string | null} The API key just issued at sign-up: shown once, on the account view. */
  freshKey: null,

  /** @type {Map<string, Promise<AgentProfile>>} Agent profiles by slug, kept for the page's lifetime (names for hires and tasks). */
  profiles: new Map(),
};
