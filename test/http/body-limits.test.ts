import { describe, expect, it } from "vitest";
import { BODY_LIMITS } from "../../src/http/body-limits";
import { ErrorBody } from "../../src/schemas/errors";
import { admin, call } from "../helpers";

const tooLarge = async (res: Response) => {
  expect(res.status).toBe(413);
  expect(ErrorBody.parse(await res.json()).error).toMatchObject({ code: "payload_too_large", field: "body" });
};

describe("body limits per route class", () => {
  it("refuses a sign-up body above the customer limit with 413, declared or streamed, and stores nothing", async () => {
    const email = `big-${crypto.randomUUID()}@limits.example`;
    const body = JSON.stringify({ name: "x".repeat(BODY_LIMITS.customer), email });
    await tooLarge(await call("/v1/customers", { method: "POST", body, headers: { "content-type": "application/json" } }));
    const encoded = new TextEncoder().encode(body);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoded);
        controller.close();
      },
    });
    await tooLarge(await call("/v1/customers", { method: "POST", body: stream, headers: { "content-type": "application/json" } }));
  });

  it("refuses a customer route's oversized body before authenticating", async () => {
    await tooLarge(await call("/v1/trials", { method: "POST", json: { agent: "x".repeat(BODY_LIMITS.customer) } }));
  });

  it("lets the operators' API take up to 1 MiB and refuses more", async () => {
    const res = await admin("/v1/events", { method: "POST", json: { type: "x".repeat(BODY_LIMITS.customer * 2) } });
    expect(res.status).toBe(400); // read, then refused by validation: within the limit
    await tooLarge(await admin("/v1/events", { method: "POST", json: { type: "x".repeat(BODY_LIMITS.api) } }));
  });
});

describe("security headers on every Worker response", () => {
  it.each([
    ["a JSON answer", () => call("/health")],
    ["an error", () => call("/v1/customers/me")],
    ["a 404", () => call("/v1/nothing-here")],
    ["a 413", () => call("/v1/customers", { method: "POST", json: { name: "x".repeat(BODY_LIMITS.customer) } })],
  ])("%s carries HSTS, nosniff, no framing, no referrer and a CSP that loads nothing", async (_, request) => {
    const res = await request();
    expect(res.headers.get("strict-transport-security")).toMatch(/^max-age=\d+; includeSubDomains$/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
  });
});
