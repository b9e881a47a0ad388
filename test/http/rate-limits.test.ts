import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { ErrorBody } from "../../src/schemas/errors";
import { unique } from "../helpers";
import { as, signUp } from "../marketplace/helpers";

/** A request to the app with some variables or bindings replaced, from one client address. */
function callWith(overrides: Partial<Env>, path: string, init: RequestInit & { json?: unknown; ip: string }): Promise<Response> {
  const headers = new Headers(init.headers);
  headers.set("cf-connecting-ip", init.ip);
  if (init.json !== undefined) headers.set("content-type", "application/json");
  const body = init.json === undefined ? init.body : JSON.stringify(init.json);
  return Promise.resolve(
    app.fetch(new Request(`http://waooaw.test${path}`, { ...init, headers, body }), { ...env, ...overrides }, createExecutionContext()),
  );
}

const signUpFrom = (overrides: Partial<Env>, ip: string) =>
  callWith(overrides, "/v1/customers", { method: "POST", ip, json: { name: "Throwaway", email: `${unique("t")}@${unique("d")}.example` } });

async function refused(res: Response): Promise<number> {
  expect(res.status).toBe(429);
  expect(ErrorBody.parse(await res.json()).error.code).toBe("rate_limited");
  const retryAfter = Number(res.headers.get("retry-after"));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  return retryAfter;
}

const ip = () => `203.0.113.${Math.floor(Math.random() * 250) + 1}-${crypto.randomUUID()}`;

describe("exact limits (RateLimiterDO)", () => {
  it("production default: 5 sign-ups per address per hour, the 6th refused for about an hour; other addresses unaffected", async () => {
    const defaults = { RATE_LIMIT_SIGNUPS_PER_IP: undefined } as unknown as Partial<Env>;
    const from = ip();
    for (let i = 0; i < 5; i++) expect((await signUpFrom(defaults, from)).status).toBe(201);
    const retryAfter = await refused(await signUpFrom(defaults, from));
    expect(retryAfter).toBeGreaterThan(3500);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect((await signUpFrom(defaults, ip())).status).toBe(201);
  });

  it("refuses past the limit with 429 and retry-after, then lets the caller in once the window has passed", async () => {
    const short = { RATE_LIMIT_SIGNUPS_PER_IP: "2/2" } as Partial<Env>;
    const from = ip();
    expect((await signUpFrom(short, from)).status).toBe(201);
    expect((await signUpFrom(short, from)).status).toBe(201);
    const retryAfter = await refused(await signUpFrom(short, from));
    expect(retryAfter).toBeLessThanOrEqual(2);
    await new Promise((resolve) => setTimeout(resolve, 2100));
    expect((await signUpFrom(short, from)).status).toBe(201);
  });

  it("counts trials, hires and ratings per customer, not per address", async () => {
    const one = { RATE_LIMIT_TRIALS_PER_CUSTOMER: "1/60", RATE_LIMIT_RATINGS_PER_CUSTOMER: "1/60" } as Partial<Env>;
    const [a, b] = [await signUp(), await signUp()];
    const trial = (who: typeof a) =>
      callWith(one, "/v1/trials", {
        method: "POST",
        ip: "198.51.100.7",
        json: { agent: "no-such-agent" },
        headers: { authorization: `Bearer ${who.key}` },
      });
    expect((await trial(a)).status).toBe(400); // counted, then refused as an unknown agent
    await refused(await trial(a));
    expect((await trial(b)).status).toBe(400);
    const rate = (who: typeof a) =>
      callWith(one, "/v1/tasks/tsk_none/rating", {
        method: "POST",
        ip: "198.51.100.7",
        json: { stars: 5 },
        headers: { authorization: `Bearer ${who.key}` },
      });
    expect((await rate(a)).status).toBe(404);
    await refused(await rate(a));
    // Without a valid key the per-customer limit is never reached: 401 first.
    expect(
      (await as({ customerId: "x", key: "wk_notakeynotakeynotakey" }, "/v1/trials", { method: "POST", json: { agent: "x" } })).status,
    ).toBe(401);
  });
});

describe("approximate limits (the rate-limiting binding)", () => {
  it("limits per address, then recovers when the binding's window rolls over", async () => {
    const tight = { IP_RATE_LIMIT: env.TIGHT_RATE_LIMIT } as Partial<Env>;
    const from = ip();
    const read = () => callWith(tight, "/v1/agents?limit=1", { ip: from });
    let status = 200;
    for (let i = 0; i < 4 && status === 200; i++) status = (await read()).status;
    const res = await read();
    expect(await refused(res)).toBe(60);
    // The window is 10 s aligned to the clock: at most 10 s later the address is let in again.
    await new Promise((resolve) => setTimeout(resolve, 10_100));
    expect((await read()).status).toBe(200);
  }, 20_000);

  it("limits per API key across addresses", async () => {
    const tight = { API_KEY_RATE_LIMIT: env.TIGHT_RATE_LIMIT } as Partial<Env>;
    const who = await signUp();
    const read = () => callWith(tight, "/v1/hires", { ip: ip(), headers: { authorization: `Bearer ${who.key}` } });
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await read()).status);
    expect(statuses).toContain(429);
    expect(statuses[0]).toBe(200);
  });
});
