// Reading the hash route (`#/agents/a1?tab=x`): shared by the marketplace page and the operator
// dashboard (public/admin), whose views are both hash routes so the Worker's static assets serve
// one page and every other path still reaches the API.

/**
 * @typedef {object} Route
 * @property {string[]} parts  the path's segments, decoded: `#/hires/hir_1` → ["hires", "hir_1"]
 * @property {URLSearchParams} params  the hash's query: `#/?q=notes` → q=notes
 */

/** The hash's path without its query, "/" for none. */
export function currentPath() {
  return (location.hash.replace(/^#/, "") || "/").split("?")[0] ?? "/";
}

/** @returns {Route} */
export function parseRoute() {
  const raw = location.hash.replace(/^#/, "") || "/";
  const q = raw.indexOf("?");
  const path = q === -1 ? raw : raw.slice(0, q);
  const parts = path
    .split("/")
    .filter(Boolean)
    .map((p) => {
      try {
        return decodeURIComponent(p);
      } catch {
        return p;
      }
    });
  return { parts, params: new URLSearchParams(q === -1 ? "" : raw.slice(q + 1)) };
}
