// The page's fixed parts (index.html): the heading and document title, the screen-reader
// announcer, the two view containers and the header's account link.

import { storedKey } from "./api.js";
import { byId } from "./dom.js";

export const pageTitle = byId("page-title", HTMLHeadingElement);
const announcer = byId("announcer", HTMLParagraphElement);
/** The catalogue (search form and results), kept in the page and shown on `#/`. */
export const browseView = byId("browse-view", HTMLElement);
/** Where every other view is rendered. */
export const view = byId("view", HTMLDivElement);

/**
 * The h1 and the document title.
 * @param {string} text
 */
export function setTitle(text) {
  pageTitle.textContent = text;
  document.title = `${text} · WAOOAW`;
}

/**
 * Tells screen-reader users (aria-live) what just happened.
 * @param {string} text
 */
export function announce(text) {
  announcer.textContent = "";
  // A fresh text node after a tick makes screen readers announce repeated messages too.
  setTimeout(() => {
    announcer.textContent = text;
  }, 30);
}

/** The header link says whether the customer is signed in. */
export function updateAccountLink() {
  const link = document.getElementById("account-link");
  if (link) link.textContent = storedKey() ? "Account" : "Sign up / sign in";
}
