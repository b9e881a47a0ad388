// Hash routes, so the Worker's static assets serve one page and every other path still
// reaches the API. A route change aborts the previous view's requests, marks the current
// navigation link, swaps the view and moves focus to the new heading (not on the first load,
// and not while the user is typing in the search form).

import { isAbort } from "./abortable.js";
import { errorBox, showError } from "./errors.js";
import { parseRoute } from "./hash-route.js";
import { browseView, pageTitle, view } from "./page.js";
import { store } from "./store.js";

/** @import { Route } from "./hash-route.js" */
export { currentPath, parseRoute } from "./hash-route.js";

/**
 * Renders the view for a route into the page; `signal` aborts when the next route starts.
 * @typedef {(route: Route, signal: AbortSignal) => Promise<void> | void} ShowView
 */

/**
 * Navigates to `hash`, or shows the current route again if it is already there.
 * @param {string} hash  e.g. "#/hires/hir_1"
 */
export function go(hash) {
  if (location.hash === hash) rerender();
  else location.hash = hash;
}

/** Shows the current route again (after signing in or out), through the same hashchange listener. */
export function rerender() {
  window.dispatchEvent(new HashChangeEvent("hashchange"));
}

/** The next route leaves focus where it is: the user is in the search form; results are announced. */
export function keepFocusOnNextRoute() {
  store.router.keepFocus = true;
}

/**
 * Shows the current route now and on every hash change.
 * @param {ShowView} showView
 */
export function startRouter(showView) {
  window.addEventListener("hashchange", () => void route(showView));
  void route(showView);
}

/** @param {ShowView} showView */
async function route(showView) {
  store.router.controller.abort();
  const controller = new AbortController();
  store.router.controller = controller;
  const signal = controller.signal;
  const current = parseRoute();
  const section = current.parts[0] ?? "browse";
  for (const link of document.querySelectorAll("[data-nav]")) {
    if (!(link instanceof HTMLElement)) continue;
    const nav = link.dataset["nav"];
    const here =
      nav === section || (nav === "hires" && (section === "tasks" || section === "outputs")) || (nav === "browse" && section === "agents");
    if (here) link.setAttribute("aria-current", "page");
    else link.removeAttribute("aria-current");
  }
  const browsing = current.parts.length === 0;
  browseView.hidden = !browsing;
  view.hidden = browsing;
  view.replaceChildren();
  try {
    await showView(current, signal);
  } catch (error) {
    if (!isAbort(error)) {
      const box = errorBox();
      view.append(box);
      showError(box, error);
    }
  }
  if (signal.aborted) return;
  if (!store.router.initialRender && !store.router.keepFocus) {
    pageTitle.focus();
    window.scrollTo(0, 0);
  }
  store.router.initialRender = false;
  store.router.keepFocus = false;
}
