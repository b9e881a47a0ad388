import type { Context } from "hono";
import type { AppEnv } from "../types";

const SHARED_MAX_AGE_S = 300;
/**
 * What callers (and any CDN in front) are told: revalidate every time. Only our own Cache API
 * copy may be reused, because only it is keyed by the catalogue version.
 */
const CLIENT_CACHE_CONTROL = "no-cache";

/** The catalogue's version: bumped by every listing, rating, review and task outcome. */
async function catalogueVersion(d1: D1Database): Promise<number> {
  return (await d1.prepare(`SELECT value FROM counters WHERE name = 'catalogue'`).first<number>("value")) ?? 0;
}

/**
 * Serves a public catalogue read from the edge cache (Cache API) when it can. The cache key
 * carries the catalogue version, so any change is visible at once: old entries are simply
 * never asked for again and age out. One primary-key read of D1 per request replaces the
 * search. `x-cache: hit|miss` says which happened.
 */
export async function cachedCatalogueRead(c: Context<AppEnv>, compute: () => Promise<unknown>): Promise<Response> {
  const url = new URL(c.req.url);
  url.searchParams.sort();
  url.searchParams.set("__catalogue", String(await catalogueVersion(c.env.DB)));
  const key = new Request(url.toString(), { method: "GET" });
  const cache = caches.default;
  const hit = await cache.match(key);
  if (hit) {
    const response = new Response(hit.body, hit);
    response.headers.set("cache-control", CLIENT_CACHE_CONTROL);
    response.headers.set("x-cache", "hit");
    return response;
  }
  const body = JSON.stringify(await compute());
  const stored = { "content-type": "application/json", "cache-control": `public, max-age=${SHARED_MAX_AGE_S}` };
  c.executionCtx.waitUntil(cache.put(key, new Response(body, { headers: stored })));
  return new Response(body, { headers: { "content-type": "application/json", "cache-control": CLIENT_CACHE_CONTROL, "x-cache": "miss" } });
}
