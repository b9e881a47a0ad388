import { GithubRateLimited, GithubRequestFailed, GithubUnavailable } from "./errors";

export const DEFAULT_GITHUB_API_URL = "https://api.github.com";

/** How a client talks to GitHub. Only `token` is required. */
export interface GithubClientOptions {
  token: string;
  /** `https://api.github.com`, or GitHub Enterprise's `/api/v3`, or a local test server. */
  baseUrl?: string;
  /** The longest rate-limit wait done in place (ms); a longer one throws `GithubRateLimited`. */
  maxWaitMs?: number;
  /** Retries of network errors and 5xx answers. */
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

/**
 * Sends one GitHub REST request with the headers GitHub asks for, retrying network errors and
 * 5xx with bounded exponential backoff and waiting out short rate limits. Throws
 * `GithubRateLimited` (a long limit), `GithubRequestFailed` (another 4xx) or `GithubUnavailable`.
 */
export async function githubRequest(options: GithubClientOptions, method: string, path: string, body?: unknown): Promise<GithubResponse> {
  const base = (options.baseUrl ?? DEFAULT_GITHUB_API_URL).replace(/\/+$/, "");
  const url = path.startsWith("http") ? path : `${base}${path}`;
  const label = `${method} ${path.startsWith("http") ? new URL(path).pathname : path.split("?")[0]}`;
  const retries = options.retries ?? 3;
  const backoffMs = options.backoffMs ?? 250;
  const maxWaitMs = options.maxWaitMs ?? 5_000;
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
        signal: AbortSignal.timeout(options.timeoutMs ?? 15_000),
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
