/**
 * The loads' HTTP client for the platform's API (loads F and G): one request, timed, that never
 * throws (a network error is status 0 with its message), and readers for the JSON it answers.
 */
import { performance } from "node:perf_hooks";
import { forEachBounded } from "./load";

const REQUEST_TIMEOUT_MS = 60_000;
/** Problems a load keeps word for word; it counts the rest. */
const MAX_PROBLEMS = 12;

export interface Answer {
  ms: number;
  status: number;
  body: unknown;
  text: string;
}

export interface CallInit {
  method?: string;
  /** A customer's API key or the operator token, sent as `Authorization: Bearer`. */
  key?: string;
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as it is (a signed webhook: the signature covers these exact bytes). */
  raw?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

export async function call(url: string, init: CallInit = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...init.headers };
  if (init.key) headers.authorization = `Bearer ${init.key}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  const t0 = performance.now();
  try {
    const res = await fetch(url, {
      method: init.method ?? (body === undefined ? "GET" : "POST"),
      headers,
      body,
      signal: AbortSignal.timeout(init.timeoutMs ?? REQUEST_TIMEOUT_MS),
    });
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch {
      parsed = undefined;
    }
    return { ms: performance.now() - t0, status: res.status, body: parsed, text };
  } catch (err) {
    return { ms: performance.now() - t0, status: 0, body: undefined, text: err instanceof Error ? err.message : String(err) };
  }
}

export const field = (v: unknown, k: string): unknown =>
  typeof v === "object" && v !== null ? (v as Record<string, unknown>)[k] : undefined;
export const str = (v: unknown, k: string): string | undefined => {
  const x = field(v, k);
  return typeof x === "string" ? x : undefined;
};
export const num = (v: unknown, k: string): number | undefined => {
  const x = field(v, k);
  return typeof x === "number" ? x : undefined;
};

/** A load's problems: the first few word for word, all of them counted. */
export class Recorder {
  readonly problems: string[] = [];
  count = 0;
  note(what: string): void {
    this.count++;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(what.slice(0, 300));
  }
}

export const countBy = (xs: Iterable<string>): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const x of xs) out[x] = (out[x] ?? 0) + 1;
  return out;
};

/**
 * Signs up `count` customers (`bench-<tag>-<i>@example.com`), `concurrency` at a time, and has the
 * operator (`operatorToken`) verify each address (hires and trials need one; the bench has no
 * mailbox): their ids and API keys, in order.
 */
export async function signUpCustomers(
  base: string,
  count: number,
  concurrency: number,
  tag: string,
  operatorToken: string,
): Promise<{ id: string; key: string }[]> {
  const signed: { id: string; key: string }[] = [];
  await forEachBounded(
    Array.from({ length: count }, (_, i) => i),
    concurrency,
    async (i) => {
      const r = await call(`${base}/v1/customers`, { body: { name: `Bench ${tag} ${i}`, email: `bench-${tag}-${i}@example.com` } });
      const id = str(field(r.body, "customer"), "id");
      const key = str(field(r.body, "apiKey"), "key");
      if (r.status !== 201 || !id || !key) throw new Error(`sign-up failed: HTTP ${r.status} ${r.text.slice(0, 300)}`);
      const v = await call(`${base}/v1/admin/customers/${id}/verify-email`, { method: "POST", key: operatorToken });
      if (v.status !== 200) throw new Error(`verifying ${id}: HTTP ${v.status} ${v.text.slice(0, 300)}`);
      signed[i] = { id, key };
    },
  );
  return signed;
}

/** Hires `agent` for a signed-up customer: the hire's id. */
export async function hireAgent(base: string, who: { id: string; key: string }, agent: string): Promise<string> {
  const r = await call(`${base}/v1/hires`, { body: { agent }, key: who.key });
  const id = str(r.body, "id");
  if (r.status !== 201 || !id) throw new Error(`hiring ${agent} for ${who.id}: HTTP ${r.status} ${r.text.slice(0, 300)}`);
  return id;
}
