import { Parser } from "htmlparser2";
import { marked } from "marked";
import { words } from "./text";

/**
 * A page or draft reduced to what the content and SEO skills read: head tags, headings, prose
 * blocks, images and links. HTML is read with htmlparser2 (a forgiving, streaming, pure-JS
 * parser: real pages are rarely valid); Markdown is first rendered to HTML with marked (CommonMark
 * and GitHub's tables), so both formats go through one reader. Plain text is split on blank lines.
 */
export interface PageDocument {
  title: string | null;
  metaDescription: string | null;
  /** The robots meta tag's content, lower-cased (`noindex, follow`). */
  robots: string | null;
  canonical: string | null;
  headings: { level: number; text: string }[];
  /** Paragraphs, list items, quotes, table cells: the prose, headings apart. */
  blocks: string[];
  /** All visible body text in order, headings included. */
  text: string;
  images: { src: string; alt: string | null }[];
  links: { href: string; text: string; rel: string }[];
  /** The prose words under each heading (the first entry, level 0, is before any heading). */
  sections: { level: number; heading: string | null; words: number }[];
}

export type DocumentFormat = "html" | "markdown" | "text";

// Text inside these is not read by people.
const HIDDEN = new Set(["script", "style", "noscript", "template", "svg", "head"]);
// Opening or closing these ends a block of prose.
const BLOCK = new Set(
  "p div li ul ol blockquote td th tr table dd dt section article header footer main aside nav pre figure figcaption form br hr".split(" "),
);

export function readDocument(source: string, format: DocumentFormat): PageDocument {
  if (format === "text") return readText(source);
  if (format === "markdown") {
    const { meta, body } = frontMatter(source);
    const doc = readHtml(marked.parse(body, { async: false, gfm: true }));
    return { ...doc, title: meta.title ?? doc.title, metaDescription: meta.description ?? doc.metaDescription };
  }
  return readHtml(source);
}

/** Guesses the format of a supplied page: HTML if it has tags, else Markdown. */
export function sniffFormat(source: string): "html" | "markdown" {
  return /<(html|head|body|p|div|h[1-6]|title|meta|a|img|section|article)[\s>/]/i.test(source) ? "html" : "markdown";
}

function readText(source: string): PageDocument {
  const blocks = source
    .split(/\n\s*\n/)
    .map((b) => b.replace(/\s+/g, " ").trim())
    .filter(Boolean);
  const text = blocks.join(" ");
  const sections = [{ level: 0, heading: null, words: words(text).length }];
  return { title: null, metaDescription: null, robots: null, canonical: null, headings: [], blocks, text, images: [], links: [], sections };
}

/** A static-site front matter block (`---` YAML at the top): its title and description. */
function frontMatter(source: string): { meta: { title?: string; description?: string }; body: string } {
  const m = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(source);
  if (!m) return { meta: {}, body: source };
  const meta: { title?: string; description?: string } = {};
  for (const line of (m[1] ?? "").split(/\r?\n/)) {
    const kv = /^(title|description)\s*:\s*(.*)$/.exec(line);
    if (kv?.[1] && kv[2]) meta[kv[1] as "title" | "description"] = kv[2].trim().replace(/^(["'])(.*)\1$/, "$2");
  }
  return { meta, body: source.slice(m[0].length) };
}

function readHtml(html: string): PageDocument {
  const doc: PageDocument = {
    title: null,
    metaDescription: null,
    robots: null,
    canonical: null,
    headings: [],
    blocks: [],
    text: "",
    images: [],
    links: [],
    sections: [{ level: 0, heading: null, words: 0 }],
  };
  const textParts: string[] = [];
  let hidden = 0;
  let inTitle = false;
  let titleText = "";
  let heading: { level: number; text: string } | null = null;
  let link: { href: string; text: string; rel: string } | null = null;
  let block = "";
  const flush = () => {
    const t = block.replace(/\s+/g, " ").trim();
    if (t) doc.blocks.push(t);
    const section = doc.sections[doc.sections.length - 1];
    if (section) section.words += words(t).length;
    block = "";
  };
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (name === "title" && doc.title === null) inTitle = true;
        if (name === "meta") {
          const key = (attrs.name ?? attrs.property ?? "").toLowerCase();
          if (key === "description" && doc.metaDescription === null) doc.metaDescription = (attrs.content ?? "").trim();
          if (key === "robots") doc.robots = (attrs.content ?? "").toLowerCase().trim();
        }
        if (name === "link" && (attrs.rel ?? "").toLowerCase().split(/\s+/).includes("canonical")) doc.canonical = attrs.href ?? null;
        if (HIDDEN.has(name)) hidden++;
        if (hidden > 0) return;
        if (BLOCK.has(name)) flush();
        const level = /^h([1-6])$/.exec(name)?.[1];
        if (level) {
          flush();
          heading = { level: Number(level), text: "" };
        }
        if (name === "img") {
          doc.images.push({ src: attrs.src ?? "", alt: attrs.alt ?? null });
          if (link && attrs.alt) link.text += ` ${attrs.alt}`; // an image link is named by its alt text
        }
        if (name === "a" && attrs.href !== undefined) link = { href: attrs.href.trim(), text: "", rel: (attrs.rel ?? "").toLowerCase() };
      },
      ontext(text) {
        if (inTitle) titleText += text;
        if (inTitle || hidden > 0) return;
        textParts.push(text);
        if (link) link.text += text;
        if (heading) heading.text += text;
        else block += text;
      },
      onclosetag(name) {
        if (name === "title" && inTitle) {
          inTitle = false;
          doc.title = titleText.replace(/\s+/g, " ").trim();
        }
        if (HIDDEN.has(name)) {
          hidden = Math.max(0, hidden - 1);
          return;
        }
        if (hidden > 0) return;
        if (heading && name === `h${heading.level}`) {
          const text = heading.text.replace(/\s+/g, " ").trim();
          doc.headings.push({ level: heading.level, text });
          doc.sections.push({ level: heading.level, heading: text, words: 0 });
          heading = null;
          textParts.push(" ");
        }
        if (name === "a" && link) {
          doc.links.push({ ...link, text: link.text.replace(/\s+/g, " ").trim() });
          link = null;
        }
        if (BLOCK.has(name)) {
          flush();
          textParts.push(" ");
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.end(html);
  flush();
  doc.text = textParts.join("").replace(/\s+/g, " ").trim();
  return doc;
}
