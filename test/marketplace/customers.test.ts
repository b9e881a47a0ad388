import { describe, expect, it } from "vitest";
import { call, env } from "../helpers";
import { as, jsonOf, signUp } from "./helpers";

describe("customers and API keys", () => {
  it("shows a new key once and stores only its hash", async () => {
    const res = await call("/v1/customers", { method: "POST", json: { name: "Acme", email: "ops@acme.test" } });
    expect(res.status).toBe(201);
    const body = (await res.json()) as { customer: { id: string }; apiKey: { id: string; key: string; prefix: string } };
    expect(body.apiKey.key).toMatch(/^wk_[A-Za-z0-9_-]{40,}$/);
    expect(body.apiKey.key.startsWith(body.apiKey.prefix)).toBe(true);
    const stored = await env.DB.prepare(`SELECT * FROM api_keys WHERE id = ?`).bind(body.apiKey.id).first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(body.apiKey.key);
    expect(stored?.["key_hash"]).toMatch(/^[0-9a-f]{64}$/);
    const me = await jsonOf<{ id: string; name: string }>(
      as({ customerId: body.customer.id, key: body.apiKey.key }, "/v1/customers/me"),
      200,
    );
    expect(me).toMatchObject({ id: body.customer.id, name: "Acme" });
  });

  it("refuses unknown, malformed and revoked keys", async () => {
    const who = await signUp();
    expect((await call("/v1/customers/me")).status).toBe(401);
    expect((await call("/v1/customers/me", { headers: { authorization: "Bearer wk_notarealkeyatallnotarealkey" } })).status).toBe(401);
    const second = await jsonOf<{ id: string; key: string }>(
      as(who, "/v1/customers/me/keys", { method: "POST", json: { label: "ci" } }),
      201,
    );
    const keys = await jsonOf<{ items: { id: string; label: string }[] }>(as(who, "/v1/customers/me/keys"), 200);
    expect(keys.items.map((k) => k.label).sort()).toEqual(["ci", "default"]);
    expect((await as(who, `/v1/customers/me/keys/${second.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await as({ ...who, key: second.key }, "/v1/customers/me")).status).toBe(401);
    expect((await as(who, "/v1/customers/me")).status).toBe(200);
  });

  it("rejects a bad sign-up naming the field", async () => {
    const res = await call("/v1/customers", { method: "POST", json: { name: "Acme", email: "not-an-email" } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "invalid_request", field: "email" } });
  });

  it("a retried sign-up with the same Idempotency-Key creates one customer and never shows the key twice", async () => {
    const init = {
      method: "POST",
      json: { name: "Retry Ltd", email: "retry@example.com" },
      headers: { "idempotency-key": crypto.randomUUID() },
    };
    const first = await jsonOf<{ customer: { id: string }; apiKey: { key: string } }>(call("/v1/customers", init), 201);
    const again = await call("/v1/customers", init);
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    const replay = (await again.json()) as { customer: { id: string }; apiKey: { key: string | null; keyShownOnce: boolean } };
    expect(replay.customer.id).toBe(first.customer.id);
    expect(replay.apiKey).toMatchObject({ key: null, keyShownOnce: true });
    const { n } = (await env.DB.prepare(`SELECT COUNT(*) AS n FROM customers WHERE email = 'retry@example.com'`).first<{
      n: number;
    }>()) ?? { n: 0 };
    expect(n).toBe(1);
  });
});
