// The local Anthropic server's scheduled outage (POST/GET /__outage), as the real SDK sees it.
// Its own server: an outage is for every caller, so the shared one would fail other tests.
import Anthropic from "@anthropic-ai/sdk";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type AnthropicServer, startAnthropicServer } from "./anthropic-server";
import { anthropicOutage, anthropicOutageState } from "./control";

let server: AnthropicServer;
beforeAll(async () => {
  server = await startAnthropicServer({ port: 0 });
});
afterAll(() => server.close());

const ask = () =>
  new Anthropic({ apiKey: "test-anthropic-key", baseURL: server.url, maxRetries: 0 }).messages.create({
    model: "claude-haiku-4-5",
    max_tokens: 64,
    messages: [{ role: "user", content: "hello" }],
  });

async function failure(): Promise<InstanceType<typeof Anthropic.APIError>> {
  const error = await ask().then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof Anthropic.APIError)) throw new Error(`expected an API error, got ${String(error)}`);
  return error;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("scheduled outage", () => {
  it("answers 529 overloaded, then 429 with retry-after, then healthy, for every caller", async () => {
    const started = Date.now();
    const state = await anthropicOutage(server.url, [
      { status: 529, seconds: 0.4 },
      { status: 429, seconds: 0.4, retryAfter: 5 },
    ]);
    expect(state).toMatchObject({ active: true, phase: 0 });
    expect(state.endsAt).toBeGreaterThanOrEqual(started + 800);

    const overloaded = await failure();
    expect(overloaded.status).toBe(529);
    expect(overloaded.error).toMatchObject({ type: "error", error: { type: "overloaded_error", message: "Overloaded" } });

    await sleep(450);
    expect(await anthropicOutageState(server.url)).toMatchObject({ active: true, phase: 1 });
    const limited = await failure();
    expect(limited.status).toBe(429);
    expect(limited.error).toMatchObject({ error: { type: "rate_limit_error" } });
    expect(limited.headers?.get("retry-after")).toBe("5");

    await sleep(450);
    expect(await anthropicOutageState(server.url)).toEqual({ active: false, phase: null, endsAt: null });
    expect((await ask()).stop_reason).toBeDefined();
  });

  it("ends at once with no phases, and refuses a malformed schedule", async () => {
    await anthropicOutage(server.url, [{ status: 529, seconds: 60 }]);
    expect((await failure()).status).toBe(529);
    expect(await anthropicOutage(server.url, [])).toEqual({ active: false, phase: null, endsAt: null });
    expect((await ask()).stop_reason).toBeDefined();

    const bad = await fetch(`${server.url}/__outage`, { method: "POST", body: JSON.stringify({ phases: [{ status: 200, seconds: 1 }] }) });
    expect(bad.status).toBe(400);
  });
});
