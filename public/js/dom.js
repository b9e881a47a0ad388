// Building DOM: every text goes in as a text node, so nothing the API returns is parsed as HTML.

import { store } from "./store.js";

/**
 * Attribute values: false, null and undefined leave the attribute out, true sets it empty.
 * @typedef {string | number | boolean | null | undefined} AttrValue
 */
/**
 * What h() and fill() accept as children: nodes, text (numbers as text) and nested arrays;
 * null, undefined and false are skipped, so `cond ? h(…) : null` needs no special case.
 * @typedef {Node | string | number | null | undefined | false | Child[]} Child
 */

/**
 * An element with attributes (`class` sets the class name) and children.
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Record<string, AttrValue> | null} [attrs]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs ?? {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name === "class") el.className = String(value);
    // Through the CSSOM: the pages' CSP (public/_headers) refuses inline style attributes.
    else if (name === "style") el.style.cssText = String(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  return appendAll(el, children);
}

/**
 * Appends the children in order, flattening arrays and skipping null, undefined and false.
 * @template {ParentNode} E
 * @param {E} el
 * @param {Child[]} children
 * @returns {E}
 */
function appendAll(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) appendAll(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
  return el;
}

/**
 * replaceChildren that, like h(), skips null/undefined/false and flattens arrays.
 * @template {ParentNode} E
 * @param {E} el
 * @param {...Child} children
 * @returns {E}
 */
export function fill(el, ...children) {
  el.replaceChildren();
  return appendAll(el, children);
}

/**
 * A fresh element id, unique on the page.
 * @param {string} prefix
 */
export function nextId(prefix) {
  store.lastId += 1;
  return `${prefix}-${store.lastId}`;
}

/**
 * An element of index.html by id, checked to be of the expected kind.
 * @template {HTMLElement} T
 * @param {string} id
 * @param {{ new (): T, prototype: T }} kind  e.g. HTMLFormElement
 * @returns {T}
 */
export function byId(id, kind) {
  const el = document.getElementById(id);
  if (!(el instanceof kind)) throw new Error(`index.html has no ${kind.name} with id "${id}"`);
  return el;
}
