// @waooaw/client's own behaviour (retries, Idempotency-Key, typed errors, pagination, waiting)
// against a local HTTP server that answers as the API does, including the answers the platform
// cannot be made to give on demand (429 with retry-after, 503, a proxy's HTML 502, a dropped
// connection). The customer flow against the real platform is in test/marketplace/flow.test.ts.
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createClient, WaooawApiError, WaooawNetworkError, WaooawTimeoutError } from "@waooaw/client";
import { backoffMs, DEFAULT_RETRY, retryAfterMs } from "../../packages/client/src/retry";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}
interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Drop the connection instead of answering. */
  hangUp?: boolean;
}

let server: Server;
let baseUrl: string;
let seen: Seen[] = [];
let script: Answer[] = [];
const fallback: Answer = { status: 200, body: { ok: true } };

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => {
      body += chunk.toString();
    });
    req.on("end", () => {
      seen.push({ method: req.method ?? "", url: req.url ?? "", headers: req.headers, body });
      const answer = script.shift() ?? fallback;
      if (answer.hangUp) return void req.socket.destroy();
      const text = typeof answer.body === "string" ? answer.body : answer.body === undefined ? "" : JSON.stringify(answer.body);
      const type = typeof answer.body === "string" ? "text/html" : "application/json";
      res.writeHead(answer.status, { ...(text ? { "content-type": type } : {}), ...answer.headers });
      res.end(text);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
  script = [];
});

const fast = { baseDelayMs: 1, maxDelayMs: 2_000 };
const error = (code: string, message = code, field?: string) => ({ error: { code, message, ...(field ? { field } : {}) } });
const hire = { id: "hir_1", agent: "marketing-seo", kind: "trial", status: "active" };

describe("@waooaw/client", () => {
  it("sends the API key and serialises path, query and body", async () => {
    const waooaw = createClient({ baseUrl: `${baseUrl}/`, apiKey: "wk_test" });
    script = [
      { status: 200, body: { items: [], nextCursor: null, sort: "relevance" } },
      { status: 202, body: { id: "tsk_1" } },
    ];
    await waooaw.listAgents({ query: { q: "seo audit", coe: "marketing", minPrice: 10 } });
    await waooaw.createTask({ path: { id: "hir 1/x" }, body: { title: "Audit", instructions: "Go" } });
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual([
      "GET /v1/agents?q=seo%20audit&coe=marketing&minPrice=10",
      "POST /v1/hires/hir%201%2Fx/tasks",
    ]);
    expect(seen[0]?.headers.authorization).toBe("Bearer wk_test");
    expect(JSON.parse(seen[1]?.body ?? "")).toEqual({ title: "Audit", instructions: "Go" });
    expect(seen[1]?.headers["content-type"]).toBe("application/json");
  });

  it("gives every POST an Idempotency-Key (a fresh UUID unless given) and no other method one", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "wk_test" });
    script = [
      { status: 201, body: hire },
      { status: 201, body: hire },
      { status: 201, body: hire },
      { status: 200, body: hire },
    ];
    await waooaw.createTrial({ body: { agent: "marketing-seo" } });
    await waooaw.createTrial({ body: { agent: "marketing-seo" } });
    await waooaw.createTrial({ body: { agent: "marketing-seo" } }, { idempotencyKey: "order-42" });
    await waooaw.getHire({ path: { id: "hir_1" } });
    script = [{ status: 201, body: hire }];
    await waooaw.createTrial({ body: { agent: "marketing-seo" } }, { headers: { "Idempotency-Key": "from-a-header" } });
    const keys = seen.map((s) => s.headers["idempotency-key"]);
    expect(keys[0]).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(keys[1]).not.toBe(keys[0]);
    expect(keys.slice(2)).toEqual(["order-42", undefined, "from-a-header"]);
  });

  it("retries a 429 after its retry-after, keeping the POST's Idempotency-Key", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "wk_test", retry: fast });
    script = [
      { status: 429, body: error("rate_limited"), headers: { "retry-after": "1" } },
      { status: 201, body: hire },
    ];
    const started = Date.now();
    expect(await waooaw.createTrial({ body: { agent: "marketing-seo" } })).toEqual(hire);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(seen).toHaveLength(2);
    expect(seen[1]?.headers["idempotency-key"]).toBe(seen[0]?.headers["idempotency-key"]);
  });

  it("retries 5xx and dropped connections where repeating is safe, and not a POST the API does not deduplicate", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "t", retry: fast });
    script = [
      { status: 503, body: error("unavailable") },
      { status: 200, hangUp: true },
      { status: 200, body: hire },
    ];
    expect(await waooaw.getHire({ path: { id: "hir_1" } })).toEqual(hire);
    expect(seen).toHaveLength(3);

    seen = [];
    script = [
      { status: 502, body: "<html>Bad gateway</html>" },
      { status: 201, body: hire },
    ];
    expect(await waooaw.createHire({ body: { agent: "marketing-seo" } })).toEqual(hire); // deduplicated by its key
    expect(seen).toHaveLength(2);

    seen = [];
    script = [{ status: 503, body: error("unavailable", "D1 is down") }];
    const refused = await waooaw.adminWriteDailyReports({ body: {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(WaooawApiError);
    expect(refused).toMatchObject({ status: 503, code: "unavailable", message: "D1 is down" });
    expect(seen).toHaveLength(1); // the report trigger ignores Idempotency-Key: a second try could write twice
  });

  it("gives up after its retries, and does not wait for a retry-after longer than it allows", async () => {
    const waooaw = createClient({ baseUrl, retry: { ...fast, retries: 2 } });
    script = [{ status: 503 }, { status: 503 }, { status: 503, body: "<html>Service Unavailable</html>" }];
    const failed = await waooaw.listDefinitions().catch((e: unknown) => e);
    expect(failed).toMatchObject({
      status: 503,
      code: "http_503",
      message: "HTTP 503 Service Unavailable",
      body: "<html>Service Unavailable</html>",
    });
    expect(seen).toHaveLength(3);

    seen = [];
    script = [{ status: 429, body: error("rate_limited", "slow down"), headers: { "retry-after": "3600" } }];
    const limited = await waooaw.listDefinitions().catch((e: unknown) => e);
    expect(limited).toMatchObject({ status: 429, code: "rate_limited", retryAfterMs: 3_600_000 });
    expect(seen).toHaveLength(1);
  });

  it("does not retry a DELETE after a 5xx (its answer may have been lost: a retry would read 404), only after a 429", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "k", retry: fast });
    script = [{ status: 502, body: "<html>Bad gateway</html>" }];
    await expect(waooaw.revokeApiKey({ path: { id: "key_1" } })).rejects.toMatchObject({ status: 502 });
    expect(seen).toHaveLength(1);
    seen = [];
    script = [{ status: 429, body: error("rate_limited"), headers: { "retry-after": "0" } }, { status: 204 }];
    expect(await waooaw.revokeApiKey({ path: { id: "key_1" } })).toBeUndefined();
    expect(seen).toHaveLength(2);
  });

  it("calls a 2xx that is not JSON an invalid response, not a network failure, and does not retry it", async () => {
    const waooaw = createClient({ baseUrl, retry: fast });
    script = [{ status: 200, body: "<html>a captive portal</html>" }];
    const e = await waooaw.listDefinitions().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaooawApiError);
    expect(e).toMatchObject({ status: 200, code: "invalid_response", body: "<html>a captive portal</html>" });
    expect(seen).toHaveLength(1);
  });

  it("returns a text answer (adminGetMetrics: Prometheus format) as the string it is", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "operator-token", retry: fast });
    const exposition = "# TYPE waooaw_dlq_depth gauge\nwaooaw_dlq_depth 0\n";
    script = [{ status: 200, body: exposition }];
    const text: string = await waooaw.adminGetMetrics();
    expect(text).toBe(exposition);
    expect(seen[0]).toMatchObject({ method: "GET", url: "/metrics" });
  });

  it("reads retry-after as seconds or an HTTP date, and never backs off by nothing", () => {
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(retryAfterMs("7", now)).toBe(7_000);
    expect(retryAfterMs("Wed, 02 Dec 2026 10:00:30 GMT", now)).toBe(30_000);
    expect([retryAfterMs("1.5", now), retryAfterMs("-1", now), retryAfterMs("soon", now), retryAfterMs(null, now)]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect([0, 1, 2].map((attempt) => backoffMs(DEFAULT_RETRY, attempt, () => 0))).toEqual([125, 250, 500]);
    expect([0, 1, 2].map((attempt) => backoffMs(DEFAULT_RETRY, attempt, () => 1))).toEqual([250, 500, 1000]);
  });

  it("throws the API's error typed, with its code, field and issues, and never retries a 4xx", async () => {
    const waooaw = createClient({ baseUrl, retry: fast });
    const issues = [
      { field: "title", message: "Too small" },
      { field: "instructions", message: "Too small" },
    ];
    script = [{ status: 400, body: { error: { code: "invalid_request", message: "title: Too small", field: "title", issues } } }];
    const e = await waooaw.createTask({ path: { id: "h" }, body: { title: "", instructions: "" } }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaooawApiError);
    expect(e).toMatchObject({ name: "WaooawApiError", status: 400, code: "invalid_request", field: "title", issues });
    expect(seen).toHaveLength(1);
  });

  it("retries a 409 request_in_progress (its first attempt still running) but no other conflict", async () => {
    const waooaw = createClient({ baseUrl, retry: fast });
    script = [
      { status: 409, body: error("request_in_progress") },
      { status: 201, body: hire },
    ];
    expect(await waooaw.createTrial({ body: { agent: "a" } })).toEqual(hire);
    seen = [];
    script = [{ status: 409, body: error("already_reviewed") }];
    await expect(waooaw.reviewHire({ path: { id: "h" }, body: { stars: 5, text: "t" } })).rejects.toMatchObject({
      code: "already_reviewed",
    });
    expect(seen).toHaveLength(1);
  });

  it("reports an unreachable API as a network error, after retrying a read", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const attempts: string[] = [];
    const waooaw = createClient({
      baseUrl: `http://127.0.0.1:${port}`,
      retry: { ...fast, retries: 2 },
      fetch: (request) => {
        attempts.push(request.url);
        return fetch(request);
      },
    });
    const e = await waooaw.listDefinitions().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(WaooawNetworkError);
    expect(attempts).toHaveLength(3);
  });

  it("stops waiting when the caller aborts", async () => {
    const waooaw = createClient({ baseUrl, retry: { retries: 3, baseDelayMs: 10_000, maxDelayMs: 10_000 } });
    script = [{ status: 429, body: error("rate_limited"), headers: { "retry-after": "5" } }];
    const controller = new AbortController();
    setTimeout(() => controller.abort(new Error("user left")), 50);
    const started = Date.now();
    await expect(waooaw.listDefinitions(undefined, { signal: controller.signal })).rejects.toThrow("user left");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("iterates a cursor-paginated list to its end, keeping the query", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "k" });
    script = [
      { status: 200, body: { items: [{ id: "a" }, { id: "b" }], nextCursor: "c1" } },
      { status: 200, body: { items: [{ id: "c" }], nextCursor: "c2" } },
      { status: 200, body: { items: [], nextCursor: null } },
    ];
    const ids: string[] = [];
    for await (const h of waooaw.paginate("listHires", { query: { limit: 2, active: "true" } })) ids.push(h.id);
    expect(ids).toEqual(["a", "b", "c"]);
    expect(seen.map((s) => s.url)).toEqual([
      "/v1/hires?limit=2&active=true",
      "/v1/hires?limit=2&active=true&cursor=c1",
      "/v1/hires?limit=2&active=true&cursor=c2",
    ]);

    // A cursor that would read the same page again ends the iteration instead of looping.
    script = [
      { status: 200, body: { items: [{ id: "a" }], nextCursor: "same" } },
      { status: 200, body: { items: [{ id: "b" }], nextCursor: "same" } },
    ];
    const again: string[] = [];
    for await (const h of waooaw.paginate("listHires")) again.push(h.id);
    expect(again).toEqual(["a", "b"]);
  });

  it("waits for a task to leave queued, or gives up with a timeout", async () => {
    const waooaw = createClient({ baseUrl, apiKey: "k" });
    const task = (status: string) => ({ status: 200, body: { id: "tsk_1", status, messages: [], history: [] } });
    script = [task("queued"), task("queued"), task("done")];
    expect(await waooaw.waitForTask("tsk_1", { intervalMs: 5 })).toMatchObject({ status: "done" });
    expect(seen.map((s) => s.url)).toEqual(Array(3).fill("/v1/tasks/tsk_1"));

    script = Array.from({ length: 50 }, () => task("queued"));
    await expect(waooaw.waitForTask("tsk_1", { intervalMs: 5, timeoutMs: 60 })).rejects.toBeInstanceOf(WaooawTimeoutError);
  });
});
