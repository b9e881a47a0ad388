import { describe, expect, it } from "vitest";
import { openApiDocument } from "../../src/http/openapi";
import { env, eventually, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, signUp, type SignedUp } from "../marketplace/helpers";

const post = (json?: unknown) => ({ method: "POST", json });

interface Route {
  method: string;
  path: string;
}

/** Every customer route of the OpenAPI document: what customerAuth guards. */
function customerRoutes(): Route[] {
  const routes: Route[] = [];
  for (const [path, item] of Object.entries(openApiDocument().paths ?? {})) {
    for (const [method, op] of Object.entries(item as Record<string, { security?: Record<string, unknown>[] }>)) {
      if (op.security?.some((s) => "customerKey" in s)) routes.push({ method: method.toUpperCase(), path });
    }
  }
  return routes;
}

async function newKey(who: SignedUp, body: Record<string, unknown>): Promise<SignedUp> {
  const issued = await jsonOf<{ key: string }>(as(who, "/v1/customers/me/keys", post({ label: "scoped", ...body })), 201);
  return { ...who, key: issued.key };
}

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

describe("API key scopes", () => {
  it("a read-only key may call every customer GET and is refused every other method, naming its scope", async () => {
    const who = await signUp();
    const read = await newKey(who, { scope: "read" });
    const routes = customerRoutes();
    expect(routes.length).toBeGreaterThan(20);
    for (const r of routes) {
      const path = r.path.replace(/\{[^}]+\}/g, "x_missing");
      const res = await as(read, path, { method: r.method, json: r.method === "GET" ? undefined : {} });
      if (r.method === "GET") expect(res.status, `${r.method} ${r.path}`).not.toBe(403);
      else {
        expect(res.status, `${r.method} ${r.path}`).toBe(403);
        const error = await codeOf(res);
        expect(error.code).toBe("key_scope");
        expect(error.message).toContain("'read'");
      }
    }
    const before = await env.DB.prepare(`SELECT COUNT(*) AS n FROM api_keys WHERE customer_id = ?`)
      .bind(who.customerId)
      .first<{ n: number }>();
    expect(before?.n).toBe(2); // the refused POST /v1/customers/me/keys created nothing
  });

  it("a hire-scoped key reaches only its hire and that hire's tasks; every other customer route is 403", async () => {
    const slug = unique("scoped");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const mine = await jsonOf<{ id: string }>(as(who, "/v1/hires", post({ agent: slug })), 201);
    const other = await jsonOf<{ id: string }>(as(who, "/v1/trials", post({ agent: slug })), 201);
    const myTask = await jsonOf<{ id: string }>(as(who, `/v1/hires/${mine.id}/tasks`, post({ title: "t", instructions: "i" })), 202);
    const otherTask = await jsonOf<{ id: string }>(as(who, `/v1/hires/${other.id}/tasks`, post({ title: "t", instructions: "i" })), 202);
    const scoped = await newKey(who, { scope: `hire:${mine.id}` });

    for (const r of customerRoutes()) {
      const json = r.method === "GET" || r.method === "DELETE" ? undefined : {};
      const onOther = r.path
        .replace(/^\/v1\/hires\/\{id\}/, `/v1/hires/${other.id}`)
        .replace(/^\/v1\/tasks\/\{id\}/, `/v1/tasks/${otherTask.id}`)
        .replace(/\{[^}]+\}/g, "x_missing");
      const refused = await as(scoped, onOther, { method: r.method, json });
      expect(refused.status, `${r.method} ${onOther}`).toBe(403);
      expect((await codeOf(refused)).message).toContain(`hire:${mine.id}`);
      if (r.path.startsWith("/v1/hires/{id}") || r.path.startsWith("/v1/tasks/{id}")) {
        const own = r.path
          .replace(/^\/v1\/hires\/\{id\}/, `/v1/hires/${mine.id}`)
          .replace(/^\/v1\/tasks\/\{id\}/, `/v1/tasks/${myTask.id}`)
          .replace(/\{[^}]+\}/g, "x_missing");
        // Reads only: the scope lets writes through too, but a cancel here would end the hire mid-test.
        if (r.method === "GET") expect((await as(scoped, own)).status, `${r.method} ${own}`).toBe(200);
      }
    }
    expect((await as(scoped, `/v1/tasks/tsk_missing`)).status).toBe(403); // an unknown task tells the key nothing
  });

  it("a key scoped to a hire that is not yours is refused at creation", async () => {
    const slug = unique("notmine");
    await publish(listedDefinition(slug));
    const [alice, bob] = [await signUp(), await signUp()];
    const hire = await jsonOf<{ id: string }>(as(alice, "/v1/hires", post({ agent: slug })), 201);
    expect((await as(bob, "/v1/customers/me/keys", post({ scope: `hire:${hire.id}` }))).status).toBe(404);
    expect((await as(bob, "/v1/customers/me/keys", post({ scope: "hire:hir_missing" }))).status).toBe(404);
    const bad = await as(bob, "/v1/customers/me/keys", post({ scope: "admin" }));
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "scope" } });
  });
});

describe("API key expiry and last use", () => {
  it("an expired key answers 401 key_expired; the listing shows scope, expiry and last use", async () => {
    const who = await signUp();
    const expiring = await jsonOf<{ id: string; key: string; expiresAt: number; scope: string }>(
      as(who, "/v1/customers/me/keys", post({ label: "short", expiresInDays: 1 })),
      201,
    );
    expect(expiring.scope).toBe("full");
    expect(expiring.expiresAt).toBeGreaterThan(Date.now() + 86_000_000);
    const key = { ...who, key: expiring.key };
    expect((await as(key, "/v1/customers/me")).status).toBe(200);
    // A key made with an expiring key expires with it at the latest, whatever it asks for.
    for (const terms of [{}, { expiresInDays: 30 }]) {
      const child = await jsonOf<{ expiresAt: number }>(as(key, "/v1/customers/me/keys", post({ label: "child", ...terms })), 201);
      expect(child.expiresAt).toBe(expiring.expiresAt);
    }
    const sooner = Date.now() + 3_600_000;
    expect((await jsonOf<{ expiresAt: number }>(as(key, "/v1/customers/me/keys", post({ expiresAt: sooner })), 201)).expiresAt).toBe(
      sooner,
    );
    await env.DB.prepare(`UPDATE api_keys SET expires_at = ? WHERE id = ?`)
      .bind(Date.now() - 1, expiring.id)
      .run();
    const res = await as(key, "/v1/customers/me");
    expect(res.status).toBe(401);
    expect((await codeOf(res)).code).toBe("key_expired");

    const past = await as(who, "/v1/customers/me/keys", post({ expiresAt: Date.now() - 1000 }));
    expect(past.status).toBe(400);
    expect(await past.json()).toMatchObject({ error: { field: "expiresAt" } });
    const both = await as(who, "/v1/customers/me/keys", post({ expiresAt: Date.now() + 1e6, expiresInDays: 2 }));
    expect(both.status).toBe(400);

    const list = await jsonOf<{ items: { id: string; scope: string; expiresAt: number | null; lastUsedAt: number | null }[] }>(
      as(who, "/v1/customers/me/keys"),
      200,
    );
    const listed = list.items.find((k) => k.id === expiring.id);
    await eventually(
      async () =>
        (await env.DB.prepare(`SELECT last_used_at AS t FROM api_keys WHERE id = ?`).bind(expiring.id).first<{ t: number | null }>())?.t ??
        undefined,
    );
    expect(listed).toMatchObject({ scope: "full", expiresAt: expect.any(Number), lastUsedAt: expect.any(Number) });
  });

  it("writes last_used_at once per resolution window, not on every request", async () => {
    const who = await signUp();
    const fresh = await jsonOf<{ id: string; key: string }>(as(who, "/v1/customers/me/keys", post({ label: "usage" })), 201);
    const lastUsed = async () =>
      (await env.DB.prepare(`SELECT last_used_at AS t FROM api_keys WHERE id = ?`).bind(fresh.id).first<{ t: number | null }>())?.t;
    expect(await lastUsed()).toBeNull();
    const key = { ...who, key: fresh.key };
    expect((await as(key, "/v1/customers/me")).status).toBe(200);
    // Written in waitUntil, after the response.
    const first = await eventually(async () => (await lastUsed()) ?? undefined);
    await new Promise((r) => setTimeout(r, 5));
    for (let i = 0; i < 3; i++) expect((await as(key, "/v1/customers/me")).status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(await lastUsed()).toBe(first);
  });
});
