import createFetchClient, { type Client } from "openapi-fetch";
import { WaooawApiError, WaooawNetworkError, WaooawTimeoutError } from "./errors.js";
import { OPERATIONS } from "./generated/operations.js";
import type { paths } from "./generated/schema.js";
import { newIdempotencyKey } from "./idempotency.js";
import { backoffMs, DEFAULT_RETRY, type RetryPolicy, retryableStatus, retryAfterMs, sleep } from "./retry.js";
import type { CallArgs, CallOptions, Item, OperationId, OperationMethods, Output, PaginatedOperationId, Schema } from "./types.js";

/** The `fetch` the client calls; the platform's, a test's, or a Worker's service binding's. */
export type FetchLike = (input: Request) => Promise<Response>;

export interface ClientOptions {
  /** Where the API is: `http://localhost:8787` locally, your Worker's URL deployed. */
  baseUrl: string;
  /** A customer API key (`wk_…`) or, for operator routes, the operator token. Public routes need none. */
  apiKey?: string;
  /** Defaults to the global `fetch`. */
  fetch?: FetchLike;
  /** Retries on 429 (honouring `retry-after`), and on 5xx or network errors where repeating is safe; `false`: none. */
  retry?: Partial<RetryPolicy> | false;
  /** Sent with every request. */
  headers?: Record<string, string>;
}

/** A task's outcome: anything but `queued`. */
export type SettledTask = Schema<"TaskDetail">;

export interface WaitOptions {
  /** Give up after this long (a {@link WaooawTimeoutError}). Default 60 s. */
  timeoutMs?: number;
  /** Between looks. Default 500 ms. */
  intervalMs?: number;
  signal?: AbortSignal;
}

export interface WaooawClient extends OperationMethods {
  /** Calls an operation by name; the methods (`client.getTask(…)`) are this, bound. */
  call<K extends OperationId>(operationId: K, ...args: CallArgs<K>): Promise<Output<K>>;
  /** Every item of a cursor-paginated list, page after page: `for await (const hire of client.paginate("listHires"))`. */
  paginate<K extends PaginatedOperationId>(operationId: K, ...args: CallArgs<K>): AsyncGenerator<Item<K>, void, undefined>;
  /**
   * Polls a task until the agent has decided it (its status leaves `queued`) and returns it.
   * `delegated`: the agent handed it on; `getTaskChain` follows it from there.
   */
  waitForTask(taskId: string, options?: WaitOptions): Promise<SettledTask>;
  /** The underlying openapi-fetch client, for path-style calls (`raw.GET("/v1/agents")`); no retries or typed errors. */
  readonly raw: Client<paths>;
}

/** A fetch that threw (no answer): the one failure retried as a network failure. */
class FetchFailure extends Error {
  constructor(override readonly cause: unknown) {
    super("fetch failed");
  }
}

/** A 2xx's body: JSON, or nothing (204, or an empty body). */
function parseSuccess(response: Response, text: unknown): unknown {
  if (typeof text !== "string" || text === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new WaooawApiError(
      response.status,
      "invalid_response",
      `HTTP ${response.status}: the answer is not JSON`,
      undefined,
      [],
      undefined,
      text.slice(0, 2000),
    );
  }
}

type Method = "GET" | "PUT" | "POST" | "PATCH" | "DELETE";
interface OperationEntry {
  readonly method: Method;
  readonly path: string;
  readonly idempotencyKey?: boolean;
  /** Answers text (Prometheus format), returned as the string it is. */
  readonly text?: boolean;
}
interface LooseInput {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  body?: unknown;
}

/**
 * A typed client for the WAOOAW API:
 *
 * ```ts
 * const waooaw = createClient({ baseUrl: "http://localhost:8787", apiKey: process.env.WAOOAW_API_KEY });
 * const { items } = await waooaw.listAgents({ query: { q: "seo audit" } });
 * ```
 *
 * Every POST carries an `Idempotency-Key` (generated unless given): a retry of it is answered
 * from the first attempt when that one finished (any answer but a 5xx, which the API does not
 * keep), so it is not done twice. Errors are thrown as {@link WaooawApiError} (with the API's
 * `code` and `field`) or {@link WaooawNetworkError}.
 */
export function createClient(options: ClientOptions): WaooawClient {
  const given = options.fetch ?? ((request: Request) => globalThis.fetch(request));
  const raw = createFetchClient<paths>({
    baseUrl: options.baseUrl.replace(/\/+$/, ""),
    // Only a failure of the fetch itself is a network failure (retried where safe); openapi-fetch
    // also passes Node's undici extensions as a second argument, which a plain fetch does not need.
    fetch: async (request: Request) => {
      try {
        return await given(request);
      } catch (cause) {
        throw new FetchFailure(cause);
      }
    },
    headers: { ...options.headers, ...(options.apiKey ? { authorization: `Bearer ${options.apiKey}` } : {}) },
  });
  const policy: RetryPolicy | null = options.retry === false ? null : { ...DEFAULT_RETRY, ...options.retry };

  async function call<K extends OperationId>(operationId: K, ...args: CallArgs<K>): Promise<Output<K>> {
    const op: OperationEntry | undefined = (OPERATIONS as Record<string, OperationEntry>)[operationId];
    if (!op) throw new TypeError(`@waooaw/client: no operation ${String(operationId)}`);
    const input = (args[0] ?? {}) as LooseInput;
    const callOptions: CallOptions = args[1] ?? {};
    const headers: Record<string, string> = {};
    let givenKey = callOptions.idempotencyKey;
    for (const [name, value] of Object.entries(callOptions.headers ?? {})) {
      if (name.toLowerCase() === "idempotency-key") givenKey ??= value;
      else headers[name] = value;
    }
    if (op.method === "POST") headers["idempotency-key"] = givenKey ?? newIdempotencyKey();
    // Repeating after a failure is harmless for reads and PUT, and for a POST the route answers
    // from its first attempt by key. Not for DELETE: a retry after a lost answer would read 404.
    const safe = op.method === "GET" || op.method === "PUT" || op.idempotencyKey === true;
    for (let attempt = 0; ; attempt++) {
      let result: { data?: unknown; error?: unknown; response: Response };
      try {
        // The operation table and the generated types describe the same document; the typed
        // surface is `Input<K>`/`Output<K>`, so the path-keyed overloads are not needed here.
        const request = raw.request as unknown as (method: string, path: string, init: object) => Promise<typeof result>;
        result = await request(op.method, op.path, {
          params: { path: input.path, query: input.query },
          ...(input.body === undefined ? {} : { body: input.body }),
          headers,
          signal: callOptions.signal,
          parseAs: "text", // parsed below, so a 2xx that is not JSON is an error of its own, not a network failure
        });
      } catch (cause) {
        if (!(cause instanceof FetchFailure) || callOptions.signal?.aborted) throw cause instanceof FetchFailure ? cause.cause : cause;
        if (!policy || !safe || attempt >= policy.retries) {
          const why = cause.cause instanceof Error ? cause.cause.message : String(cause.cause);
          throw new WaooawNetworkError(`${op.method} ${op.path}: ${why}`, cause.cause);
        }
        await sleep(backoffMs(policy, attempt), callOptions.signal);
        continue;
      }
      const { response } = result;
      if (response.ok) return (op.text ? (result.data ?? "") : parseSuccess(response, result.data)) as Output<K>;
      const wait = retryAfterMs(response.headers.get("retry-after"));
      const error = WaooawApiError.from(response.status, result.error, wait, response.statusText);
      const delay = wait ?? (policy ? backoffMs(policy, attempt) : 0);
      const retry = policy && attempt < policy.retries && delay <= policy.maxDelayMs && retryableStatus(response.status, error.code, safe);
      if (!retry) throw error;
      await sleep(delay, callOptions.signal);
    }
  }

  async function* paginate<K extends PaginatedOperationId>(operationId: K, ...args: CallArgs<K>): AsyncGenerator<Item<K>, void, undefined> {
    const input = (args[0] ?? {}) as LooseInput;
    let cursor: unknown;
    for (;;) {
      const query = cursor === undefined ? input.query : { ...input.query, cursor };
      const page = (await call(operationId, ...([{ ...input, query }, args[1]] as unknown as CallArgs<K>))) as {
        items: Item<K>[];
        nextCursor: unknown;
      };
      yield* page.items;
      // The end: no cursor, or (defensively) one that would read the same page again.
      const next = page.nextCursor;
      if (next === null || next === undefined || next === "" || next === cursor) return;
      cursor = next;
    }
  }

  async function waitForTask(taskId: string, wait: WaitOptions = {}): Promise<SettledTask> {
    const deadline = Date.now() + (wait.timeoutMs ?? 60_000);
    for (;;) {
      const task = await call("getTask", { path: { id: taskId } }, { signal: wait.signal });
      if (task.status !== "queued") return task;
      if (Date.now() >= deadline) throw new WaooawTimeoutError(`task ${taskId} is still queued after ${wait.timeoutMs ?? 60_000} ms`);
      await sleep(Math.min(wait.intervalMs ?? 500, Math.max(0, deadline - Date.now())), wait.signal);
    }
  }

  const methods = Object.fromEntries(
    Object.keys(OPERATIONS).map((id) => [id, (...args: unknown[]) => call(id as OperationId, ...(args as CallArgs<OperationId>))]),
  ) as unknown as OperationMethods;
  return Object.assign(methods, { call, paginate, waitForTask, raw });
}
