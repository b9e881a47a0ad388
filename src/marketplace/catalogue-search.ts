import { keysetPage } from "../db/keyset";
import { ValidationError } from "../errors";
import type { CentreOfExcellence } from "../schemas/identity";
import type { CatalogueQuery } from "../schemas/marketplace";
import type { CataloguePage, ListingCardView } from "../schemas/marketplace-views";

export interface ListingRow {
  slug: string;
  coe: CentreOfExcellence;
  role: string;
  display_name: string;
  tagline: string;
  price_usd_per_month: number;
  industries: string;
  languages: string;
  skills: string;
  rating_avg: number | null;
  rating_count: number;
  rating_score: number;
  trust_score: number;
  tasks_finished: number;
  success_rate: number | null;
  on_time_rate: number | null;
  median_response_ms: number | null;
}

/** A catalogue entry as the API shows it. */
export function listingCard(row: ListingRow): ListingCardView {
  return {
    slug: row.slug,
    displayName: row.display_name,
    tagline: row.tagline,
    coe: row.coe,
    role: row.role,
    priceUsdPerMonth: row.price_usd_per_month,
    industries: JSON.parse(row.industries) as string[],
    languages: JSON.parse(row.languages) as string[],
    skills: JSON.parse(row.skills) as string[],
    rating: { average: row.rating_avg, count: row.rating_count, bayesian: round(row.rating_score, 3) },
    trustScore: round(row.trust_score, 1),
    stats: {
      tasksFinished: row.tasks_finished,
      successRate: row.success_rate,
      onTimeRate: row.on_time_rate,
      medianResponseMs: row.median_response_ms,
    },
  };
}

const round = (n: number, digits: number) => Math.round(n * 10 ** digits) / 10 ** digits;

/**
 * The FTS5 query for what a person typed: each word becomes a quoted prefix term, all must
 * match. Quoting keeps FTS5 syntax (NEAR, -, :, ") in user input from becoming operators.
 */
export function ftsQuery(text: string): string {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
  if (!words.length) throw new ValidationError("q: search for at least one word", "q");
  return words
    .slice(0, 10)
    .map((w) => `"${w}"*`)
    .join(" ");
}

type SortKey = { column: string; direction: "asc" | "desc" };

function sortKey(q: CatalogueQuery): SortKey {
  const sort = q.sort ?? (q.q ? "relevance" : "trust");
  if (sort === "relevance") {
    if (!q.q) throw new ValidationError("sort: relevance needs a search text (q)", "sort");
    return { column: "f.rank", direction: q.order ?? "asc" }; // bm25: lower is better
  }
  if (sort === "price") return { column: "l.price_usd_per_month", direction: q.order ?? "asc" };
  if (sort === "rating") return { column: "l.rating_score", direction: q.order ?? "desc" };
  return { column: "l.trust_score", direction: q.order ?? "desc" };
}

/** Opaque keyset cursor: the last row's sort value and slug, so pages never skip or repeat. */
function encodeCursor(value: number, slug: string): string {
  return btoa(JSON.stringify([value, slug])).replace(/=+$/, "");
}

function decodeCursor(cursor: string): [number, string] {
  try {
    const parsed: unknown = JSON.parse(atob(cursor));
    if (Array.isArray(parsed) && typeof parsed[0] === "number" && typeof parsed[1] === "string") return [parsed[0], parsed[1]];
  } catch {
    // fall through
  }
  throw new ValidationError("cursor: not a cursor this API returned", "cursor");
}

/** Searches, filters, sorts and pages the catalogue in one SQL statement. */
export async function searchCatalogue(d1: D1Database, q: CatalogueQuery): Promise<CataloguePage> {
  if (q.minPrice !== undefined && q.maxPrice !== undefined && q.minPrice > q.maxPrice) {
    throw new ValidationError("minPrice: must not exceed maxPrice", "minPrice");
  }
  const key = sortKey(q);
  const where: string[] = ["l.listed = 1"];
  const params: unknown[] = [];
  let from = "listings l";
  if (q.q) {
    // Name and role weigh most, then tagline, then the description and capabilities.
    from = `listings l JOIN (SELECT slug, bm25(listings_fts, 0, 6, 3, 1) AS rank FROM listings_fts WHERE listings_fts MATCH ?) f ON f.slug = l.slug`;
    params.push(ftsQuery(q.q));
  }
  const filter = (clause: string, ...values: unknown[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (q.coe) filter("l.coe = ?", q.coe);
  if (q.role) filter("lower(l.role) = lower(?)", q.role);
  if (q.industry) filter("EXISTS (SELECT 1 FROM json_each(l.industries) WHERE lower(value) = lower(?))", q.industry);
  if (q.language) filter("EXISTS (SELECT 1 FROM json_each(l.languages) WHERE lower(value) = lower(?))", q.language);
  if (q.skill) filter("EXISTS (SELECT 1 FROM json_each(l.skills) WHERE instr(lower(value), lower(?)) > 0)", q.skill);
  if (q.minPrice !== undefined) filter("l.price_usd_per_month >= ?", q.minPrice);
  if (q.maxPrice !== undefined) filter("l.price_usd_per_month <= ?", q.maxPrice);
  if (q.minRating !== undefined) filter("l.rating_avg >= ?", q.minRating);
  if (q.cursor) {
    const [value, slug] = decodeCursor(q.cursor);
    const beyond = key.direction === "asc" ? ">" : "<";
    filter(`(${key.column} ${beyond} ? OR (${key.column} = ? AND l.slug > ?))`, value, value, slug);
  }
  const rows = await d1
    .prepare(
      `SELECT l.*, ${key.column} AS sort_value FROM ${from} WHERE ${where.join(" AND ")} ORDER BY ${key.column} ${key.direction}, l.slug ASC LIMIT ?`,
    )
    .bind(...params, q.limit + 1)
    .all<ListingRow & { sort_value: number }>();
  return {
    ...keysetPage(rows.results, q.limit, (last) => encodeCursor(last.sort_value, last.slug), listingCard),
    sort: q.sort ?? (q.q ? "relevance" : "trust"),
  };
}
