import { GithubRateLimited, GithubRequestFailed, GithubUnavailable } from "./errors";

export const DEFAULT_GITHUB_API_URL = "https://api.github.com";

/** How a client talks to GitHub. Only `token` is required. */
export interface GithubClientOptions {
  token: string;
  /** `https://api.github.com`, or GitHub Enterprise's `/api/v3`, or a local test server. */
  baseUrl?: string;
  /** The longest rate-limit wait done in place (ms); a longer one throws `GithubRateLimited`. */
  maxWaitMs?: number;
  /** Retries of network errors, timeouts and 5xx answers (never for a POST, which is not idempotent). */
  retries?: number;
  /** The first retry's backoff (ms), doubled each time, capped at 8 s. */
  backoffMs?: number;
  /** Per request. */
  timeoutMs?: number;
}

export interface GithubResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

const MAX_BACKOFF_MS = 8_000;
/** GitHub's guidance for a secondary rate limit that names no time: wait at least a minute. */
const SECONDARY_DEFAULT_WAIT_MS = 60_000;
/** Rate-limit waits done in place per request, so a server that keeps limiting cannot hold us forever. */
const MAX_RATE_LIMIT_WAITS = 3;
const DEFAULT_RETRIES = 3;
const DEFAULT_BACKOFF_MS = 250;
const DEFAULT_MAX_WAIT_MS = 5_000;
const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * The longest one `githubRequest` can take with `options` (ms): every try timing out, every
 * backoff at its cap, every in-place rate-limit wait at its longest. Leases that must outlive
 * a request in flight are computed from it, so they never lapse while GitHub is still answering.
 */
export function worstCaseRequestMs(options: Omit<GithubClientOptions, "token"> = {}): number {
  const retries = options.retries ?? DEFAULT_RETRIES;
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const waits = MAX_RATE_LIMIT_WAITS * (options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS);
  return (retries + 1) * timeout + retries * MAX_BACKOFF_MS + waits;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

function messageOf(body: unknown, fallback: string): string {
  if (typeof body === "object" && body !== null && "message" in body && typeof body.message === "string") return body.message;
  return fallback;
}

async function readBody(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text.slice(0, 500);
  }
}

/**
 * When a rate-limited answer says we may try again (epoch ms), or null when it is not a rate
 * limit. GitHub's rules: 429, or 403 for a secondary limit (its message says so) or with
 * `x-ratelimit-remaining: 0`; wait `retry-after` seconds, else until `x-ratelimit-reset`, else a minute.
 */
export function rateLimitedUntil(status: number, headers: Headers, body: unknown, now: number): number | null {
  const exhausted = headers.get("x-ratelimit-remaining") === "0";
  const secondary = /secondary rate limit/i.test(messageOf(body, ""));
  if (status !== 429 && !(status === 403 && (secondary || exhausted))) return null;
  const retryAfter = headers.get("retry-after");
  if (retryAfter !== null) {
    // Seconds, or (HTTP allows it) a date.
    const seconds = Number(retryAfter);
    if (retryAfter.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return now + seconds * 1000;
    const date = Date.parse(retryAfter);
    if (Number.isFinite(date)) return Math.max(now, date);
  }
  const reset = Number(headers.get("x-ratelimit-reset"));
  if (exhausted && Number.isFinite(reset) && reset > 0) return Math.max(now, reset * 1000);
  return now + SECONDARY_DEFAULT_WAIT_MS;
}

/** The request's URL: a path under the base, or an absolute URL (a `Link` page) only on the base's own origin. */
function requestUrl(base: string, path: string): URL {
  if (!/^https?:/i.test(path)) return new URL(`${base}${path}`);
  const url = new URL(path);
  // The token goes wherever the URL points: a Link header naming another host must not get it.
  if (url.origin !== new URL(base).origin) throw new Error(`GitHub's page link ${url.origin} is not on ${new URL(base).origin}`);
  return url;
}

/**
 * Sends one GitHub REST request with the headers GitHub asks for, waiting out short rate limits
 * (GitHub answers those before doing anything). Network errors, timeouts and 5xx are retried
 * with bounded exponential backoff, except for a POST: GitHub may have created the issue or
 * comment and still answer 502 (or after our timeout), so retrying could file it twice; the
 * caller looks for what landed before creating again. Throws `GithubRateLimited` (a long limit),
 * `GithubRequestFailed` (another 4xx) or `GithubUnavailable`.
 */
export async function githubRequest(options: GithubClientOptions, method: string, path: string, body?: unknown): Promise<GithubResponse> {
  const base = (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
  const url = requestUrl(base, path);
  const label = `${method} ${/^https?:/i.test(path) ? url.pathname : path.split("?")[0]}`;
  const retries = method === "POST" ? 0 : (options.retries ?? DEFAULT_RETRIES);
  const backoffMs = options.backoffMs ?? DEFAULT_BACKOFF_MS;
  const maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
  const headers: Record<string, string> = {
    accept: "application/vnd.github+json",
    "x-github-api-version": "2022-11-28",
    "user-agent": "waooaw",
    authorization: `Bearer ${options.token}`,
  };
  if (body !== undefined) headers["content-type"] = "application/json";

  let failures = 0;
  let waits = 0;
  for (;;) {
    let res: Response;
    try {
      res = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? DEFAULT_TIMEOUT_MS),
      });
    } catch (error) {
      if (failures++ >= retries) throw new GithubUnavailable(null, label, { cause: error });
      await sleep(Math.min(backoffMs * 2 ** (failures - 1), MAX_BACKOFF_MS));
      continue;
    }
    const parsed = await readBody(res);
    if (res.ok) return { status: res.status, headers: res.headers, body: parsed };

    const now = Date.now();
    const retryAt = rateLimitedUntil(res.status, res.headers, parsed, now);
    if (retryAt !== null) {
      if (retryAt - now > maxWaitMs || waits++ >= MAX_RATE_LIMIT_WAITS) {
        throw new GithubRateLimited(retryAt, res.status, `GitHub rate limited ${label} until ${new Date(retryAt).toISOString()}`);
      }
      await sleep(retryAt - now);
      continue;
    }
    if (res.status >= 500) {
      if (failures++ >= retries) throw new GithubUnavailable(res.status, label);
      await sleep(Math.min(backoffMs * 2 ** (failures - 1), MAX_BACKOFF_MS));
      continue;
    }
    throw new GithubRequestFailed(res.status, messageOf(parsed, res.statusText || "error"), label);
  }
}

/** The `rel="next"` URL of a paginated answer's `Link` header, or null on the last page. */
export function nextPage(headers: Headers): string | null {
  const link = headers.get("link");
  if (!link) return null;
  for (const part of link.split(",")) {
    const match = /<([^>]+)>\s*;\s*rel="?next"?/.exec(part);
    if (match?.[1]) return match[1];
  }
  return null;
}
