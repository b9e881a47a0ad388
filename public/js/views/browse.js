// Browse (#/): search, filters and sorting (kept in the hash's query), "Load more".
//
// Each catalogue request is numbered and gets its own AbortController: starting one aborts
// the one in flight, and an answer paints only if it belongs to the newest request. So an
// older, slower answer never shows results (or a status or an error) for a query the user has
// since changed. And the form is the user's draft: a route for the query the form itself sent
// does not refill it, so a search that lands while the user types the next value keeps it.

import { isAbort } from "../abortable.js";
import { api } from "../api.js";
import { byId, fill, h } from "../dom.js";
import { clearError, showError } from "../errors.js";
import { coeLabel, langLabel, money, plural } from "../format.js";
import { setTitle } from "../page.js";
import { go, keepFocusOnNextRoute } from "../router.js";
import { store } from "../store.js";

/** @import { Input } from "@waooaw/client" */
/** @import { AgentCard } from "../api-types.js" */

const PAGE_SIZE = 12;
const FILTERS = ["q", "coe", "minPrice", "maxPrice", "minRating", "language", "sort"];

const searchForm = byId("search-form", HTMLFormElement);
const results = byId("results", HTMLUListElement);
const resultsStatus = byId("results-status", HTMLParagraphElement);
const loadMore = byId("load-more", HTMLButtonElement);
const browseError = byId("browse-error", HTMLDivElement);

/**
 * The catalogue request's query for these filters (sort "price:asc" → sort=price&order=asc).
 * @param {URLSearchParams} params
 * @param {string | null} cursor
 */
function catalogueQuery(params, cursor) {
  /** @type {Record<string, string | number>} */
  const q = {};
  for (const name of FILTERS) {
    const value = params.get(name)?.trim();
    if (!value) continue;
    if (name === "sort") {
      const [sort = "", order] = value.split(":");
      q.sort = sort;
      if (order) q.order = order;
    } else q[name] = value;
  }
  q.limit = PAGE_SIZE;
  if (cursor) q.cursor = cursor;
  // As typed into the filters: the API validates them (a bad price is a 400 naming the field).
  return /** @type {NonNullable<Input<"listAgents">["query"]>} */ (q);
}

/** @param {AgentCard} agent */
function agentCard(agent) {
  return h(
    "li",
    null,
    h(
      "article",
      { class: "card", "aria-labelledby": `card-${agent.slug}` },
      h(
        "div",
        { class: "status-line" },
        h("span", { class: "badge" }, coeLabel(agent.coe)),
        h("span", { class: "badge neutral" }, agent.role),
      ),
      h("h2", { id: `card-${agent.slug}` }, h("a", { href: `#/agents/${encodeURIComponent(agent.slug)}` }, agent.displayName)),
      h("p", { class: "tagline" }, agent.tagline),
      h(
        "ul",
        { class: "meta" },
        h("li", null, h("strong", null, money(agent.priceUsdPerMonth)), " / month"),
        h(
          "li",
          null,
          agent.rating.average === null
            ? "No ratings yet"
            : h("span", null, "Rated ", h("strong", null, agent.rating.average.toFixed(1)), ` / 5 (${agent.rating.count})`),
        ),
        h("li", null, "Trust ", h("strong", null, agent.trustScore.toFixed(1)), " / 100"),
        h("li", null, agent.languages.map(langLabel).join(", ")),
      ),
    ),
  );
}

/**
 * Starts a catalogue request that supersedes any in flight; aborted too when `routeSignal` is.
 * @param {AbortSignal} routeSignal
 * @returns {{ signal: AbortSignal, isLatest: () => boolean }}
 */
function newSearch(routeSignal) {
  const browse = store.browse;
  browse.searchController.abort();
  const controller = new AbortController();
  browse.searchController = controller;
  if (routeSignal.aborted) controller.abort();
  else routeSignal.addEventListener("abort", () => controller.abort(), { once: true });
  browse.latestSearch += 1;
  const number = browse.latestSearch;
  return { signal: controller.signal, isLatest: () => number === store.browse.latestSearch };
}

/**
 * Loads the first page of agents for `params`, or the next one after `cursor`.
 * @param {URLSearchParams} params
 * @param {string | null} cursor
 * @param {AbortSignal} routeSignal
 */
async function loadAgents(params, cursor, routeSignal) {
  const search = newSearch(routeSignal);
  const browse = store.browse;
  results.setAttribute("aria-busy", "true");
  loadMore.hidden = true;
  resultsStatus.textContent = cursor ? "Loading more agents…" : "Loading agents…";
  clearError(browseError, searchForm);
  try {
    const page = await api("listAgents", { query: catalogueQuery(params, cursor) }, { signal: search.signal });
    if (!search.isLatest()) return; // a newer search owns the results now
    const cards = page.items.map(agentCard);
    if (!cursor) {
      fill(results, ...cards);
      browse.shown = 0;
    } else results.append(...cards);
    browse.shown += page.items.length;
    browse.cursor = page.nextCursor;
    const searching = params.get("q")?.trim();
    resultsStatus.textContent =
      browse.shown === 0
        ? searching
          ? `No agents match “${searching}” with these filters. Try other words or clear the filters.`
          : "No agents match these filters. Try clearing some."
        : `${plural(browse.shown, "agent")} ${searching ? `found for “${searching}”` : "shown"}${page.nextCursor ? "; more available" : ""}.`;
    loadMore.hidden = !page.nextCursor;
    if (cursor) cards[0]?.querySelector("a")?.focus();
  } catch (error) {
    if (isAbort(error) || !search.isLatest()) return;
    if (!cursor) results.replaceChildren();
    resultsStatus.textContent = "The agents could not be loaded.";
    showError(browseError, error, searchForm);
    loadMore.hidden = !browse.cursor || !cursor;
  } finally {
    if (search.isLatest()) results.setAttribute("aria-busy", "false");
  }
}

/**
 * The catalogue for the filters in the hash's query.
 * @param {URLSearchParams} params
 * @param {AbortSignal} signal
 */
export function showBrowse(params, signal) {
  setTitle("Find an agent that earns your business");
  const query = params.toString();
  if (query !== store.browse.formQuery) {
    // Arrived by a link, Back or Forward, or on load: the form shows the URL's filters.
    for (const name of FILTERS) {
      const input = searchForm.elements.namedItem(name);
      if (input instanceof HTMLInputElement || input instanceof HTMLSelectElement) input.value = params.get(name) ?? "";
    }
    store.browse.formQuery = query;
  }
  store.browse.params = params;
  store.browse.cursor = null;
  store.browse.shown = 0;
  return loadAgents(params, null, signal);
}

/** Leaving the catalogue: when it is shown again, the form shows its URL's filters, not an unsent draft. */
export function leaveBrowse() {
  store.browse.formQuery = null;
}

/** Puts the form's filters in the hash, which shows their results. */
function submitSearch() {
  const data = new FormData(searchForm);
  const params = new URLSearchParams();
  for (const name of FILTERS) {
    const value = String(data.get(name) ?? "").trim();
    if (value) params.set(name, value);
  }
  const query = params.toString();
  store.browse.formQuery = query;
  keepFocusOnNextRoute();
  go(query ? `#/?${query}` : "#/");
}

/** Wires the search form and the "Load more" button (once, on load). */
export function wireBrowse() {
  searchForm.addEventListener("submit", (event) => {
    event.preventDefault();
    submitSearch();
  });
  searchForm.addEventListener("change", (event) => {
    const target = event.target;
    if (target instanceof HTMLSelectElement || (target instanceof HTMLInputElement && target.type === "number")) submitSearch();
  });
  searchForm.addEventListener("reset", () => setTimeout(submitSearch, 0));
  loadMore.addEventListener("click", () => {
    const { params, cursor } = store.browse;
    if (params && cursor) void loadAgents(params, cursor, store.router.controller.signal);
  });
}
