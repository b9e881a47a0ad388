// Markdown written by agents (and quoting webhook content) is untrusted: it is turned into DOM
// from marked's token stream, node by node, with createElement and text nodes only. Raw HTML in
// it is shown as text, links go out only to http(s) and mailto, and images are never loaded
// (their alt text and address are shown instead). Nothing here assigns innerHTML.

import { Lexer } from "marked";
import { h } from "./dom.js";

/** @import { Token, Tokens } from "marked" */
/** @import { Child } from "./dom.js" */

/** Tokens that stand on their own inside a list item. */
const BLOCKS = new Set(["list", "code", "table", "blockquote", "heading", "paragraph", "hr", "space"]);

const SAFE_PROTOCOLS = new Set(["http:", "https:", "mailto:"]);

/**
 * The address if it may be a link (absolute http, https or mailto), else null.
 * @param {string} href
 */
export function safeHref(href) {
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

/** @type {Record<string, string>} */
const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * Character references in text as the characters they stand for (the lexer leaves them as
 * written); the result only ever becomes a text node.
 * @param {string} text
 */
function decodeEntities(text) {
  return text.replace(/&(#x[0-9a-f]{1,6}|#[0-9]{1,7}|[a-z]+);/gi, (whole, ref) => {
    const r = String(ref);
    if (r[0] !== "#") return ENTITIES[r.toLowerCase()] ?? whole;
    const code = r[1] === "x" || r[1] === "X" ? Number.parseInt(r.slice(2), 16) : Number.parseInt(r.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/**
 * @param {Token[] | undefined} tokens
 * @returns {Child[]}
 */
function inline(tokens) {
  return (tokens ?? []).map(inlineToken);
}

/**
 * @param {Token} token
 * @returns {Child}
 */
function inlineToken(token) {
  const t = /** @type {Tokens.Generic} */ (token);
  switch (t.type) {
    case "text":
      return t.tokens?.length ? inline(t.tokens) : decodeEntities(String(t.text));
    case "escape":
      return String(t.text);
    case "strong":
      return h("strong", null, inline(t.tokens));
    case "em":
      return h("em", null, inline(t.tokens));
    case "del":
      return h("del", null, inline(t.tokens));
    case "codespan":
      return h("code", null, decodeEntities(String(t.text)));
    case "br":
      return h("br", null);
    case "checkbox":
      return h("input", { type: "checkbox", disabled: true, checked: Boolean(t.checked), "aria-label": t.checked ? "done" : "not done" });
    case "link": {
      const href = safeHref(String(t.href));
      const text = inline(t.tokens);
      if (!href) return h("span", { class: "md-unsafe-link", title: `Link not followed: ${String(t.href)}` }, text);
      return h("a", { href, rel: "noopener noreferrer nofollow", target: "_blank" }, text);
    }
    case "image":
      // Never fetched: an image could track the reader or show what the agent did not check.
      return h("span", { class: "md-image" }, `[image: ${decodeEntities(String(t.text)) || "no description"} — ${String(t.href)}]`);
    case "html":
      return h("code", { class: "md-html" }, String(t.text));
    default:
      return "raw" in t ? String(t.raw) : "";
  }
}

/**
 * @param {Tokens.Table} table
 */
function tableOf(table) {
  /** @param {Tokens.TableCell} cell @param {"th" | "td"} tag */
  const cell = (cell, tag) => {
    const el = h(tag, tag === "th" ? { scope: "col" } : null, inline(cell.tokens));
    if (cell.align) el.style.textAlign = cell.align;
    return el;
  };
  return h(
    "div",
    { class: "md-table" },
    h(
      "table",
      null,
      h(
        "thead",
        null,
        h(
          "tr",
          null,
          table.header.map((c) => cell(c, "th")),
        ),
      ),
      h(
        "tbody",
        null,
        table.rows.map((row) =>
          h(
            "tr",
            null,
            row.map((c) => cell(c, "td")),
          ),
        ),
      ),
    ),
  );
}

/**
 * @param {Token} token
 * @param {number} headingOffset  added to heading levels, so a document's `#` sits below the page's own headings
 * @returns {Child}
 */
function block(token, headingOffset) {
  const t = /** @type {Tokens.Generic} */ (token);
  switch (t.type) {
    case "heading": {
      const level = Math.min(6, Number(t.depth) + headingOffset);
      return h(/** @type {"h1" | "h2" | "h3" | "h4" | "h5" | "h6"} */ (`h${level}`), null, inline(t.tokens));
    }
    case "paragraph":
      return h("p", null, inline(t.tokens));
    case "text":
      return h("p", null, t.tokens?.length ? inline(t.tokens) : decodeEntities(String(t.text)));
    case "blockquote":
      return h("blockquote", null, blocks(t.tokens, headingOffset));
    case "code":
      return h("pre", null, h("code", t.lang ? { "data-lang": String(t.lang) } : null, String(t.text)));
    case "hr":
      return h("hr", null);
    case "list": {
      const list = /** @type {Tokens.List} */ (token);
      // A tight item holds inline text and maybe a nested list; a loose one, paragraphs.
      const items = list.items.map((item) =>
        h(
          "li",
          item.task ? { class: "md-task" } : null,
          item.tokens.map((t) => (BLOCKS.has(t.type) || (item.loose && t.type === "text") ? block(t, headingOffset) : inlineToken(t))),
        ),
      );
      return list.ordered ? h("ol", list.start !== "" && list.start !== 1 ? { start: list.start } : null, items) : h("ul", null, items);
    }
    case "table":
      return tableOf(/** @type {Tokens.Table} */ (token));
    case "html":
      // Raw HTML is shown as what it is: text.
      return h("pre", { class: "md-html" }, String(t.text));
    case "space":
    case "def":
      return null;
    default:
      return h("p", null, "raw" in t ? String(t.raw) : "");
  }
}

/**
 * @param {Token[] | undefined} tokens
 * @param {number} headingOffset
 * @returns {Child[]}
 */
function blocks(tokens, headingOffset) {
  return (tokens ?? []).map((t) => block(t, headingOffset));
}

/**
 * Untrusted Markdown as DOM nodes, in a `div.markdown`.
 * @param {string} markdown
 * @param {{ headingOffset?: number }} [options]
 */
export function renderMarkdown(markdown, { headingOffset = 1 } = {}) {
  const tokens = Lexer.lex(markdown, { gfm: true });
  return h("div", { class: "markdown" }, blocks(tokens, headingOffset));
}
