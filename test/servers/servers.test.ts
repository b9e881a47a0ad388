// Proves the local servers (test/servers/*-server.ts, started by global-setup.ts) are faithful
// enough for the REAL clients, `@anthropic-ai/sdk` and `@upstash/redis`, running inside workerd.
import Anthropic from "@anthropic-ai/sdk";
import { Redis, errors as upstashErrors } from "@upstash/redis/cloudflare";
import { describe, expect, inject, it } from "vitest";
import { nth } from "../helpers";
import { anthropicRequests, failUpstash, flushUpstash, scriptAnthropic, upstashDbUrl } from "./control";

const anthropicUrl = inject("anthropicUrl");
const upstashUrl = inject("upstashUrl");
const upstashToken = inject("upstashToken");

const TOOL = {
  name: "decide",
  description: "Record the decision",
  input_schema: {
    type: "object" as const,
    properties: { action: { type: "string" }, reason: { type: "string" } },
    required: ["action", "reason"],
  },
};

function client(opts: { maxRetries?: number; timeout?: number } = {}) {
  return new Anthropic({ apiKey: "test", baseURL: anthropicUrl, maxRetries: opts.maxRetries ?? 0, timeout: opts.timeout ?? 10_000 });
}

/** A Messages request keyed to `key` (the server scripts and records per `metadata.user_id`). */
function params(key: string) {
  return {
    model: "claude-test",
    max_tokens: 256,
    system: "You decide.",
    messages: [{ role: "user" as const, content: "event: order.created" }],
    tools: [TOOL],
    tool_choice: { type: "tool" as const, name: "decide" },
    metadata: { user_id: key },
  };
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (err) {
    return err;
  }
  throw new Error("expected the promise to reject");
}

describe("anthropic server + @anthropic-ai/sdk", () => {
  it("answers by default with a tool_use Message carrying usage and a request-id", async () => {
    const key = crypto.randomUUID();
    const msg = await client().messages.create(params(key));

    expect(msg.id).toMatch(/^msg_/);
    expect(msg.type).toBe("message");
    expect(msg.role).toBe("assistant");
    expect(msg.model).toBe("claude-test");
    expect(msg.stop_reason).toBe("tool_use");
    expect(msg.stop_sequence).toBeNull();
    const [block] = msg.content;
    expect(block?.type).toBe("tool_use");
    if (block?.type !== "tool_use") throw new Error("unreachable");
    expect(block.id).toMatch(/^toolu_/);
    expect(block.name).toBe("decide");
    expect(block.input).toEqual({ action: "act", reason: "llm: default mock decision" });
    const expectedInput = Math.ceil(JSON.stringify({ system: "You decide.", messages: params(key).messages }).length / 4);
    expect(msg.usage).toMatchObject({
      input_tokens: expectedInput,
      output_tokens: 24,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    });
    expect(msg._request_id).toMatch(/^req_/);

    const seen = await anthropicRequests(anthropicUrl, key);
    expect(seen).toHaveLength(1);
    // SDK 1.x sends an apiKey as `Authorization: Bearer <key>`; the API (and this server) also take `x-api-key`.
    expect(nth(seen).headers.authorization).toBe("Bearer test");
    expect(nth(seen).headers["anthropic-version"]).toBeTruthy();
    expect(nth(seen).body).toMatchObject({ model: "claude-test", metadata: { user_id: key } });
  });

  it("without tools the default is a text block holding the decision JSON", async () => {
    const key = crypto.randomUUID();
    const { tools: _t, tool_choice: _c, ...noTools } = params(key);
    const msg = await client().messages.create(noTools);
    expect(msg.stop_reason).toBe("end_turn");
    expect(msg.content).toEqual([{ type: "text", text: JSON.stringify({ action: "act", reason: "llm: default mock decision" }) }]);
  });

  it("plays scripted tool and text steps in order, then falls back to the default", async () => {
    const key = crypto.randomUUID();
    await scriptAnthropic(anthropicUrl, key, [
      { kind: "tool", input: { action: "escalate", reason: "scripted" }, usage: { input_tokens: 111, output_tokens: 7 } },
      { kind: "text", text: "hello" },
    ]);
    const sdk = client();
    const first = await sdk.messages.create(params(key));
    expect(first.content[0]).toMatchObject({ type: "tool_use", name: "decide", input: { action: "escalate", reason: "scripted" } });
    expect(first.usage.input_tokens).toBe(111);
    expect(first.usage.output_tokens).toBe(7);
    const second = await sdk.messages.create(params(key));
    expect(second.content).toEqual([{ type: "text", text: "hello" }]);
    expect(second.stop_reason).toBe("end_turn");
    const third = await sdk.messages.create(params(key));
    expect(third.content[0]).toMatchObject({ input: { action: "act" } });
    expect(await anthropicRequests(anthropicUrl, key)).toHaveLength(3);
  });

  it("answers by content when told to (POST /__answers): a model that decides per topic", async () => {
    const key = crypto.randomUUID();
    const topic = `topic-${crypto.randomUUID()}`;
    const set = await fetch(`${anthropicUrl}/__answers`, {
      method: "POST",
      body: JSON.stringify({ answers: [{ contains: topic, input: { action: "escalate", reason: "by topic" } }] }),
    });
    expect(set.status).toBe(200);
    try {
      const about = { ...params(key), messages: [{ role: "user" as const, content: `a question about ${topic}` }] };
      const matched = await client().messages.create(about);
      expect(matched.content[0]).toMatchObject({ input: { action: "escalate", reason: "by topic" } });
      const other = await client().messages.create(params(key));
      expect(other.content[0]).toMatchObject({ input: { action: "act" } });
      const bad = await fetch(`${anthropicUrl}/__answers`, { method: "POST", body: JSON.stringify({ answers: [{ contains: "" }] }) });
      expect(bad.status).toBe(400);
    } finally {
      await fetch(`${anthropicUrl}/__answers`, { method: "POST", body: JSON.stringify({ answers: [] }) });
    }
  });

  it("the SDK honours retry-after-ms on a 429 and succeeds on the retry", async () => {
    const key = crypto.randomUUID();
    await scriptAnthropic(anthropicUrl, key, [{ kind: "error", status: 429, retryAfterMs: "10" }]);
    const started = Date.now();
    const msg = await client({ maxRetries: 2 }).messages.create(params(key));
    expect(msg.stop_reason).toBe("tool_use");
    expect(Date.now() - started).toBeLessThan(400); // 10 ms, not the SDK's default 0.5 s backoff
    const seen = await anthropicRequests(anthropicUrl, key);
    expect(seen).toHaveLength(2);
    expect(seen.map((r) => r.headers["x-stainless-retry-count"])).toEqual(["0", "1"]);
  });

  it("529 three times with maxRetries 1 → OverloadedError (an APIError) of type overloaded_error", async () => {
    const key = crypto.randomUUID();
    await scriptAnthropic(anthropicUrl, key, [
      { kind: "error", status: 529 },
      { kind: "error", status: 529 },
      { kind: "error", status: 529 },
    ]);
    const err = await rejection(client({ maxRetries: 1 }).messages.create(params(key)));
    expect(err).toBeInstanceOf(Anthropic.APIError);
    expect(err).toBeInstanceOf(Anthropic.OverloadedError);
    const apiErr = err as InstanceType<typeof Anthropic.APIError>;
    expect(apiErr.status).toBe(529);
    expect(apiErr.type).toBe("overloaded_error");
    expect(apiErr.error).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });
    expect(apiErr.requestID).toMatch(/^req_/);
    expect(await anthropicRequests(anthropicUrl, key)).toHaveLength(2); // first try + 1 retry
  });

  it("a 500 api_error is retried", async () => {
    const key = crypto.randomUUID();
    await scriptAnthropic(anthropicUrl, key, [
      { kind: "error", status: 500, retryAfterMs: "1" },
      { kind: "text", text: "recovered" },
    ]);
    const msg = await client({ maxRetries: 2 }).messages.create(params(key));
    expect(msg.content).toEqual([{ type: "text", text: "recovered" }]);
    expect(await anthropicRequests(anthropicUrl, key)).toHaveLength(2);
  });

  it("a 400 from the script is not retried and surfaces as BadRequestError", async () => {
    const key = crypto.randomUUID();
    await scriptAnthropic(anthropicUrl, key, [{ kind: "error", status: 400, message: "prompt is too long" }]);
    const err = await rejection(client({ maxRetries: 3 }).messages.create(params(key)));
    expect(err).toBeInstanceOf(Anthropic.BadRequestError);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe("invalid_request_error");
    expect((err as Error).message).toContain("prompt is too long");
    expect(await anthropicRequests(anthropicUrl, key)).toHaveLength(1);
  });

  it("a hang longer than the client timeout → APIConnectionTimeoutError (timeouts are retried)", async () => {
    const key = crypto.randomUUID();
    await scriptAnthropic(anthropicUrl, key, [
      { kind: "hang", ms: 5_000 },
      { kind: "hang", ms: 5_000 },
    ]);
    const started = Date.now();
    const err = await rejection(client({ maxRetries: 1, timeout: 150 }).messages.create(params(key)));
    expect(err).toBeInstanceOf(Anthropic.APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await anthropicRequests(anthropicUrl, key)).toHaveLength(2);
    // The server shrugged off both aborted requests and keeps serving.
    const msg = await client().messages.create(params(key));
    expect(msg.stop_reason).toBe("tool_use");
  });

  it("a missing x-api-key → 401 AuthenticationError", async () => {
    const key = crypto.randomUUID();
    // `null` headers remove the SDK's own x-api-key (and satisfy its client-side auth check).
    const sdk = new Anthropic({
      apiKey: "unused",
      baseURL: anthropicUrl,
      maxRetries: 2,
      defaultHeaders: { "x-api-key": null, authorization: null },
    });
    const err = await rejection(sdk.messages.create(params(key)));
    expect(err).toBeInstanceOf(Anthropic.AuthenticationError);
    expect((err as InstanceType<typeof Anthropic.APIError>).status).toBe(401);
    expect((err as InstanceType<typeof Anthropic.APIError>).type).toBe("authentication_error");
    const seen = await anthropicRequests(anthropicUrl, key);
    expect(seen).toHaveLength(1); // 401 is not retried
    expect(nth(seen).headers["x-api-key"]).toBeUndefined();
    expect(nth(seen).headers.authorization).toBeUndefined();
  });

  it("a malformed body → 400 invalid_request_error naming the problem", async () => {
    const key = crypto.randomUUID();
    const sdk = client({ maxRetries: 2 });
    const empty = await rejection(sdk.messages.create({ ...params(key), messages: [] }));
    expect(empty).toBeInstanceOf(Anthropic.BadRequestError);
    expect((empty as InstanceType<typeof Anthropic.APIError>).type).toBe("invalid_request_error");
    expect((empty as Error).message).toContain("messages");

    const { max_tokens: _m, ...noMax } = params(key);
    const missing = await rejection(sdk.messages.create(noMax as Anthropic.MessageCreateParamsNonStreaming));
    expect((missing as Error).message).toContain("max_tokens: Field required");

    const badChoice = await rejection(sdk.messages.create({ ...params(key), tool_choice: { type: "tool", name: "nope" } }));
    expect((badChoice as Error).message).toContain("Tool 'nope' not found");
    expect(await anthropicRequests(anthropicUrl, key)).toHaveLength(3); // none retried
  });

  it("raw protocol: missing anthropic-version → 400, unknown path → 404 not_found_error, both with request-id", async () => {
    const noVersion = await fetch(`${anthropicUrl}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "content-type": "application/json" },
      body: JSON.stringify({ model: "m", max_tokens: 1, messages: [{ role: "user", content: "x" }] }),
    });
    expect(noVersion.status).toBe(400);
    expect(noVersion.headers.get("request-id")).toMatch(/^req_/);
    expect(await noVersion.json()).toMatchObject({
      type: "error",
      error: { type: "invalid_request_error", message: expect.stringContaining("anthropic-version") },
    });

    const withXApiKey = await fetch(`${anthropicUrl}/v1/messages`, {
      method: "POST",
      headers: { "x-api-key": "k", "anthropic-version": "2023-06-01", "content-type": "application/json" },
      body: JSON.stringify({ model: "m", max_tokens: 1, messages: [{ role: "user", content: "x" }] }),
    });
    expect(withXApiKey.status).toBe(200);
    expect(await withXApiKey.json()).toMatchObject({ type: "message", content: [{ type: "text" }] });

    const notFound = await fetch(`${anthropicUrl}/v1/nope`, { method: "POST", headers: { "x-api-key": "k" } });
    expect(notFound.status).toBe(404);
    expect(await notFound.json()).toMatchObject({ type: "error", error: { type: "not_found_error" } });
  });
});

describe("upstash server + @upstash/redis", () => {
  const redis = (opts: { token?: string; db?: string; retries?: number } = {}) =>
    new Redis({
      url: opts.db ? upstashDbUrl(upstashUrl, opts.db) : upstashUrl,
      token: opts.token ?? upstashToken,
      enableTelemetry: false,
      retry: { retries: opts.retries ?? 0, backoff: () => 1 },
    });

  it("set with ex / get / ttl / incr / del round trip (base64 responses decoded by the client)", async () => {
    const r = redis();
    const k = `t:${crypto.randomUUID()}`;
    expect(await r.set(k, "héllo ✓ wörld", { ex: 60 })).toBe("OK");
    expect(await r.get(k)).toBe("héllo ✓ wörld");
    const ttl = await r.ttl(k);
    expect(ttl).toBeGreaterThan(55);
    expect(ttl).toBeLessThanOrEqual(60);
    expect(await r.set(k, { a: 1, b: ["x"] })).toBe("OK"); // objects travel as JSON
    expect(await r.get(k)).toEqual({ a: 1, b: ["x"] });
    expect(await r.ttl(k)).toBe(-1); // a plain SET drops the TTL

    const n = `n:${crypto.randomUUID()}`;
    expect(await r.incr(n)).toBe(1);
    expect(await r.incrby(n, 41)).toBe(42);
    expect(await r.get(n)).toBe(42);
    expect(await r.exists(k, n, `missing:${crypto.randomUUID()}`)).toBe(2);
    expect(await r.del(k, n)).toBe(2);
    expect(await r.get(k)).toBeNull();
    expect(await r.ttl(k)).toBe(-2);
  });

  it("SET options NX / XX / GET / PX, and expiry is honoured", async () => {
    const r = redis();
    const k = `o:${crypto.randomUUID()}`;
    expect(await r.set(k, "v1", { xx: true })).toBeNull();
    expect(await r.set(k, "v1", { nx: true })).toBe("OK");
    expect(await r.set(k, "v2", { nx: true })).toBeNull();
    expect(await r.set(k, "v3", { get: true })).toBe("v1");
    expect(await r.get(k)).toBe("v3");
    // Long enough that a busy machine still reads the key before it expires.
    expect(await r.set(k, "short", { px: 1000 })).toBe("OK");
    expect(await r.pttl(k)).toBeGreaterThan(0);
    await new Promise((res) => setTimeout(res, 1100));
    expect(await r.get(k)).toBeNull();
    expect(await r.pexpire(k, 1000)).toBe(0);
  });

  it("pipeline and multi-exec return per-command results, errors stay per command", async () => {
    const r = redis();
    const k = `p:${crypto.randomUUID()}`;
    const p = r.pipeline();
    p.set(k, "a");
    p.get(k);
    p.incr(`${k}:n`);
    p.expire(k, 30);
    p.mget(k, `${k}:n`, `${k}:none`);
    expect(await p.exec()).toEqual(["OK", "a", 1, 1, ["a", 1, null]]);

    const tx = r.multi();
    tx.incr(`${k}:n`);
    tx.incr(k); // "a" is not an integer
    const kept = await tx.exec({ keepErrors: true });
    expect(kept[0]).toEqual({ result: 2, error: undefined });
    expect(kept[1]?.error).toBe("ERR value is not an integer or out of range");

    const failing = r.pipeline();
    failing.incr(k);
    await expect(failing.exec()).rejects.toThrow(/Command 1 \[ incr \] failed: ERR value is not an integer/);
  });

  it("KEYS and SCAN match globs", async () => {
    const db = crypto.randomUUID();
    const r = redis({ db });
    await r.mset({ "user:1": "a", "user:2": "b", "order:1": "c" });
    expect((await r.keys("user:*")).sort()).toEqual(["user:1", "user:2"]);
    expect(await r.keys("user:[13]")).toEqual(["user:1"]);
    const seen: string[] = [];
    let cursor: string | number = 0;
    do {
      const [next, keys]: [string | number, string[]] = await r.scan(cursor, { match: "*:1", count: 2 });
      seen.push(...keys);
      cursor = next;
    } while (String(cursor) !== "0");
    expect(seen.sort()).toEqual(["order:1", "user:1"]);
    expect(await r.dbsize()).toBe(3);
    expect(await r.flushall()).toBe("OK");
    expect(await r.dbsize()).toBe(0);
  });

  it("a wrong token → 401 Unauthorized, thrown as UpstashError", async () => {
    const err = await rejection(redis({ token: "wrong" }).get("anything"));
    expect(err).toBeInstanceOf(upstashErrors.UpstashError);
    expect((err as Error).message).toMatch(/^Unauthorized/);
  });

  it("an unknown command → 400 {error: \"ERR unknown command '<x>'\"} (raw protocol)", async () => {
    const res = await fetch(upstashUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${upstashToken}`, "content-type": "application/json" },
      body: JSON.stringify(["frobnicate", "x"]),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: "ERR unknown command 'frobnicate'" });
  });

  it("/__fail makes the next requests fail with an HTTP error the client surfaces (and does not retry)", async () => {
    const db = crypto.randomUUID();
    const r = redis({ db, retries: 3 });
    await failUpstash(upstashUrl, { count: 2, status: 503 }, db);
    const first = await rejection(r.set("k", "v"));
    expect(first).toBeInstanceOf(upstashErrors.UpstashError);
    expect((first as Error).message).toContain("simulated by /__fail");
    await expect(r.get("k")).rejects.toThrow(/service unavailable/);
    expect(await r.set("k", "v")).toBe("OK"); // the outage is over
    expect(await r.get("k")).toBe("v");
    // Isolation: other databases never saw the outage or the key.
    expect(await redis().get("k")).toBeNull();
  });

  it("/__fail with drop: a network error, which the client retries", async () => {
    const db = crypto.randomUUID();
    await failUpstash(upstashUrl, { count: 1, drop: true }, db);
    expect(await redis({ db, retries: 2 }).set("k", "v")).toBe("OK");

    await failUpstash(upstashUrl, { count: 5, drop: true }, db);
    const err = await rejection(redis({ db, retries: 1 }).get("k"));
    expect(err).toBeInstanceOf(Error);
    expect(err).not.toBeInstanceOf(upstashErrors.UpstashError); // the raw fetch error
    await flushUpstash(upstashUrl, db);
    expect(await redis({ db }).get("k")).toBeNull();
  });

  it("/__fail with only delayMs delays but succeeds", async () => {
    const db = crypto.randomUUID();
    await failUpstash(upstashUrl, { count: 1, delayMs: 150 }, db);
    const started = Date.now();
    expect(await redis({ db }).ping()).toBe("PONG");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});
