/** Small JSON-over-HTTP helpers for talking to local dev servers. */

export class HttpError extends Error {
  override readonly name = "HttpError";
  constructor(
    readonly status: number,
    readonly url: string,
    readonly body: string,
  ) {
    super(`HTTP ${status} from ${url}: ${body.slice(0, 300)}`);
  }
}

export interface RequestOptions {
  method?: "GET" | "POST";
  body?: unknown;
  headers?: Readonly<Record<string, string>>;
  /** Statuses accepted besides 2xx (e.g. 409 for "already exists"). */
  okStatuses?: readonly number[];
  timeoutMs?: number;
}

/** Sends a JSON request and returns the parsed JSON body (or null for an empty one). */
export async function requestJson(url: string, opts: RequestOptions = {}): Promise<unknown> {
  const method = opts.method ?? (opts.body === undefined ? "GET" : "POST");
  const timeoutMs = opts.timeoutMs ?? 30_000;
  let res: Response;
  let text: string;
  try {
    res = await fetch(url, {
      method,
      headers: { ...(opts.body === undefined ? {} : { "content-type": "application/json" }), ...opts.headers },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await res.text();
  } catch (err) {
    // Name the request: "the operation was aborted" alone does not say which one hung.
    if (err instanceof Error && err.name === "TimeoutError") throw new Error(`${method} ${url}: no answer within ${timeoutMs} ms`);
    throw err;
  }
  if (!res.ok && !(opts.okStatuses ?? []).includes(res.status)) throw new HttpError(res.status, url, text);
  return text === "" ? null : (JSON.parse(text) as unknown);
}

function valueAt(value: unknown, path: string): unknown {
  let cur: unknown = value;
  for (const key of path.split(".")) {
    if (typeof cur !== "object" || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Reads a number at a dotted path of a parsed JSON value, or undefined. */
export function numberAt(value: unknown, path: string): number | undefined {
  const found = valueAt(value, path);
  return typeof found === "number" ? found : undefined;
}

/** Reads an object of numbers (e.g. counts by outcome) at a dotted path, or undefined. */
export function countsAt(value: unknown, path: string): Record<string, number> | undefined {
  const found = valueAt(value, path);
  if (typeof found !== "object" || found === null) return undefined;
  return Object.fromEntries(Object.entries(found).filter((e): e is [string, number] => typeof e[1] === "number"));
}
