// The dashboard's fixed parts (admin/index.html) and what every view uses: the heading, the
// view container, status and error messages, and data tables.

import { byId, fill, h } from "../../js/dom.js";
import { AdminError } from "./api.js";

/** @import { Child } from "../../js/dom.js" */

export const pageTitle = byId("page-title", HTMLHeadingElement);
/** Where the current view is rendered. */
export const view = byId("view", HTMLDivElement);
const announcer = byId("announcer", HTMLParagraphElement);

/** @param {string} text  the h1 and the document title */
export function setTitle(text) {
  pageTitle.textContent = text;
  document.title = `${text} · WAOOAW operators`;
}

/** @param {string} text  told to screen-reader users (aria-live) */
export function announce(text) {
  announcer.textContent = "";
  setTimeout(() => {
    announcer.textContent = text;
  }, 30);
}

/**
 * A role=alert box saying what went wrong; a refused token links to the sign-in view.
 * @param {unknown} error
 */
export function errorMessage(error) {
  const message = error instanceof Error ? error.message : String(error);
  const refused = error instanceof AdminError && error.status === 401;
  return h(
    "div",
    { class: "alert bad", role: "alert" },
    h("p", null, message),
    refused ? h("p", null, h("a", { href: "#/login" }, "Sign in again")) : null,
  );
}

/**
 * @typedef {object} Column
 * @property {string} label
 * @property {boolean} [numeric]  right-aligned
 */

/**
 * A data table with a caption (its accessible name) and header cells.
 * @param {string} caption
 * @param {(string | Column)[]} columns
 * @param {Child[][]} rows
 * @param {{ id?: string, empty?: string }} [options]
 */
export function table(caption, columns, rows, { id, empty = "Nothing yet." } = {}) {
  const cols = columns.map((c) => (typeof c === "string" ? { label: c } : c));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": caption },
    h(
      "table",
      { id },
      h("caption", null, caption),
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          cols.map((c) => h("th", { scope: "col", class: c.numeric ? "num" : null }, c.label)),
        ),
      ),
      h(
        "tbody",
        null,
        rows.length === 0
          ? h("tr", null, h("td", { colspan: cols.length, class: "empty" }, empty))
          : rows.map((cells) =>
              h(
                "tr",
                null,
                cells.map((cell, i) => h("td", { class: cols[i]?.numeric ? "num" : null }, cell)),
              ),
            ),
      ),
    ),
  );
}

/**
 * A section with an h2.
 * @param {string} title
 * @param {...Child} children
 */
export function section(title, ...children) {
  const id = `s-${title.toLowerCase().replace(/[^a-z0-9]+/g, "-")}`;
  return h("section", { class: "panel", "aria-labelledby": id }, h("h2", { id }, title), ...children);
}

/**
 * A state badge: the word, coloured by how it sounds (text carries the meaning, not colour).
 * @param {string} text
 * @param {"ok" | "warn" | "bad" | "info"} tone
 */
export const badge = (text, tone) => h("span", { class: `badge ${tone}` }, text);

/**
 * Replaces the content of `el` with a status line.
 * @param {HTMLElement} el
 * @param {string} text
 */
export const status = (el, text) => fill(el, h("p", { class: "hint" }, text));
