import { findPhrase, matchTokens } from "./text";

/** Keyword and link measures shared by the SEO skills. */

// Keyword density (mentions per 100 words): under 0.5% the topic is vague, over 3% reads as stuffing.
export const DENSITY = { min: 0.5, max: 3 };

/** How `href` relates to the page: internal, external, or not a page link (anchor, mailto:, tel:). */
export function linkKind(href: string, pageUrl: string | undefined): "internal" | "external" | "other" {
  if (href === "" || href.startsWith("#") || /^(mailto|tel|javascript|data):/i.test(href)) return "other";
  const base = pageUrl ?? "https://page.invalid/";
  let target: URL;
  try {
    target = new URL(href, base);
  } catch {
    return "other";
  }
  const host = (h: string) => h.toLowerCase().replace(/^www\./, "");
  return host(target.hostname) === host(new URL(base).hostname) ? "internal" : "external";
}

/** Where a keyword appears and how often, in a page's words (its {@link matchTokens}). */
export function keywordStats(keyword: string, body: readonly string[]) {
  const { count, first } = findPhrase(body, matchTokens(keyword));
  return { occurrences: count, first, words: body.length, density: body.length ? (100 * count) / body.length : 0 };
}

export const hasPhrase = (keyword: string, text: string | null | undefined) =>
  findPhrase(matchTokens(text ?? ""), matchTokens(keyword)).count > 0;

/** The words of a URL's path: `/blog/cut-churn_now` → `blog cut churn now`. */
export function urlWords(url: string): string {
  try {
    return decodeURIComponent(new URL(url).pathname).replace(/[^\p{L}\p{N}]+/gu, " ");
  } catch {
    return "";
  }
}
