// Operator roles on every operator route: who may read, operate and configure, with JWTs from the
// local identity provider or the shared secret, and the bootstrap ADMIN_TOKEN.
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { errorResponse } from "../../src/http/errors";
import { actorOf } from "../../src/http/actor";
import { operatorAuth } from "../../src/http/auth";
import { openApiDocument } from "../../src/http/openapi";
import { ROUTE_ROLES, requiredRole } from "../../src/http/operator-roles";
import type { AppEnv } from "../../src/types";
import { call, customerMessage, defineAndSpawn, env, supportDefinition, TOKEN, unique } from "../helpers";
import { bearer, operatorJwt, publicKeyAsSecretJwt, unsignedJwt } from "./operator-tokens";

type Operation = { security?: Record<string, string[]>[]; "x-required-role"?: string; description?: string };
const doc = JSON.parse(JSON.stringify(openApiDocument())) as { paths: Record<string, Record<string, Operation>> };
const now = () => Math.floor(Date.now() / 1000);

async function as(token: string, path: string, init: RequestInit & { json?: unknown } = {}): Promise<Response> {
  return call(path, { ...init, headers: { ...bearer(token), ...(init.headers as Record<string, string> | undefined) } });
}

async function errorOf(res: Response): Promise<{ code: string; message: string }> {
  return ((await res.json()) as { error: { code: string; message: string } }).error;
}

async function agent(): Promise<string> {
  const definition = supportDefinition(unique("roles-def"));
  const id = unique("roles-agent");
  await defineAndSpawn(definition, [{ id }]);
  return id;
}

describe("the role table", () => {
  it("gives every operator operation in the OpenAPI document an explicit role, documented as x-required-role", () => {
    const operatorOps = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([, op]) => op.security?.some((s) => "operatorToken" in s))
        .map(([method, op]) => ({ route: `${method.toUpperCase()} ${path}`, op })),
    );
    expect(operatorOps.length).toBeGreaterThan(30);
    const undecided = operatorOps.filter(({ route }) => !(route in ROUTE_ROLES)).map(({ route }) => route);
    expect(undecided, `operator routes without a role in src/http/operator-roles.ts:\n  ${undecided.join("\n  ")}\n`).toEqual([]);
    for (const { route, op } of operatorOps) {
      expect(op["x-required-role"], route).toBe(ROUTE_ROLES[route]);
      expect(op.description, route).toContain(`Operator role: \`${ROUTE_ROLES[route]}\``);
    }
    // And nothing in the table that is not an operator route (but the deprecated profile fallback, documented as public).
    const documented = new Set(operatorOps.map(({ route }) => route));
    const stale = Object.keys(ROUTE_ROLES).filter((route) => !documented.has(route) && route !== "GET /v1/agents/{ref}");
    expect(stale, "entries for routes that are not operator routes").toEqual([]);
  });

  it("follows the rule: reads viewer, lifecycle and events operator, configuration admin", () => {
    // Reads that are not a viewer's: the audit trail names customers' addresses and user agents,
    // and these show customer content decrypted.
    const operatorsReads = new Set([
      "GET /v1/admin/audit",
      "GET /v1/events/{id}",
      "GET /v1/admin/events",
      "GET /v1/admin/agents/{id}/memories/search",
      "GET /v1/admin/dlq",
      "GET /v1/admin/outputs",
      "GET /v1/admin/outputs/{id}",
      "GET /v1/admin/agents/{id}",
      "GET /v1/admin/agents/{id}/decisions",
      "GET /v1/agents/{id}/decisions",
      "GET /v1/admin/escalations",
      "GET /v1/agents/{ref}",
    ]);
    for (const [route, role] of Object.entries(ROUTE_ROLES))
      if (route.startsWith("GET ")) expect(role, route).toBe(operatorsReads.has(route) ? "operator" : "viewer");
    expect(requiredRole("POST", "/v1/admin/agents/{id}/pause")).toBe("operator");
    expect(requiredRole("POST", "/v1/admin/dlq/{id}/replay")).toBe("operator");
    expect(requiredRole("POST", "/v1/admin/definitions")).toBe("admin");
    expect(requiredRole("PUT", "/v1/admin/budgets/{kind}/{id}")).toBe("admin");
    expect(requiredRole("POST", "/v1/admin/learned-rules/{id}/revoke")).toBe("admin");
  });

  it("makes a route with no decision admin-only (fail closed)", async () => {
    expect(requiredRole("GET", "/v1/admin/something-new")).toBe("admin");
    const app = new Hono<AppEnv>()
      .use(operatorAuth)
      .get("/v1/admin/something-new", (c) => c.json({ ok: true }))
      .onError(errorResponse);
    const get = (token: string) => app.request("/v1/admin/something-new", { headers: bearer(token) }, env);
    const viewer = await get(await operatorJwt("viewer"));
    expect(viewer.status).toBe(403);
    expect((await errorOf(viewer)).message).toMatch(/needs the admin role/);
    expect((await get(await operatorJwt("operator"))).status).toBe(403);
    expect((await get(await operatorJwt("admin"))).status).toBe(200);
  });
});

describe("roles on the operator routes", () => {
  it("lets a viewer read but not pause an agent", async () => {
    const id = await agent();
    const viewer = await operatorJwt("viewer");
    expect((await as(viewer, "/v1/admin/agents?limit=1")).status).toBe(200);
    expect((await as(viewer, `/v1/agents/${id}/decisions/summary`)).status).toBe(200);
    expect((await as(viewer, "/metrics")).status).toBe(200);
    // Customer content decrypted is an operator's to read, not a viewer's.
    expect((await as(viewer, "/v1/admin/dlq")).status).toBe(403);
    expect((await as(viewer, "/v1/admin/outputs")).status).toBe(403);
    expect((await as(viewer, `/v1/admin/agents/${id}`)).status, "its working notes").toBe(403);
    expect((await as(viewer, `/v1/agents/${id}/decisions`)).status, "its deliverables").toBe(403);
    expect((await as(viewer, `/v1/agents/${id}`)).status, "the deprecated instance fallback").toBe(403);
    const operator = await operatorJwt("operator");
    expect((await as(operator, "/v1/admin/dlq")).status).toBe(200);
    expect((await as(operator, `/v1/admin/agents/${id}`)).status).toBe(200);
    expect((await as(operator, `/v1/agents/${id}/decisions`)).status).toBe(200);
    expect((await as(operator, `/v1/agents/${id}`)).status, "the deprecated instance fallback").toBe(200);
    const pause = await as(viewer, `/v1/admin/agents/${id}/pause`, { method: "POST" });
    expect(pause.status).toBe(403);
    const error = await errorOf(pause);
    expect(error.code).toBe("forbidden");
    expect(error.message).toMatch(/needs the operator role/);
    expect(error.message).not.toContain(viewer);
    const ingest = await as(viewer, "/v1/events", { method: "POST", json: customerMessage(unique("cus")) });
    expect(ingest.status).toBe(403);
  });

  it("lets an operator pause and send events, but not publish definitions or override budgets", async () => {
    const id = await agent();
    const operator = await operatorJwt("operator", { alg: "ES256" });
    const pause = await as(operator, `/v1/admin/agents/${id}/pause`, { method: "POST" });
    expect(pause.status).toBe(200);
    expect(await pause.json()).toMatchObject({ state: "paused" });
    expect((await as(operator, "/v1/events", { method: "POST", json: customerMessage(unique("cus")) })).status).toBe(202);
    const publish = await as(operator, "/v1/admin/definitions", { method: "POST", json: supportDefinition(unique("roles-def")) });
    expect(publish.status).toBe(403);
    expect((await errorOf(publish)).message).toMatch(/needs the admin role/);
    const budget = await as(operator, `/v1/admin/budgets/agent/${id}`, { method: "PUT", json: { usdPerMonth: 5 } });
    expect(budget.status).toBe(403);
  });

  it("lets an admin (JWT by the identity provider or the shared secret) do everything", async () => {
    for (const alg of ["EdDSA", "HS256"] as const) {
      const admin = await operatorJwt(undefined, { alg, claims: { roles: ["viewer", "admin"] } });
      const definition = supportDefinition(unique("roles-def"));
      expect((await as(admin, "/v1/admin/definitions", { method: "POST", json: definition })).status).toBe(201);
      const id = unique("roles-agent");
      expect((await as(admin, "/v1/admin/agents", { method: "POST", json: { definition: definition.slug, id } })).status).toBe(201);
      expect((await as(admin, `/v1/admin/agents/${id}/pause`, { method: "POST" })).status).toBe(200);
      expect((await as(admin, `/v1/admin/agents/${id}`)).status).toBe(200);
    }
  });

  it("still accepts the bootstrap ADMIN_TOKEN as admin", async () => {
    const definition = supportDefinition(unique("roles-def"));
    expect((await as(TOKEN, "/v1/admin/definitions", { method: "POST", json: definition })).status).toBe(201);
    expect((await as(TOKEN, "/metrics")).status).toBe(200);
    const wrong = await as("not-the-admin-token", "/v1/admin/agents");
    expect(wrong.status).toBe(401);
    expect((await errorOf(wrong)).message).not.toContain("not-the-admin-token");
  });

  it("refuses bad tokens with 401 and never repeats them", async () => {
    const tokens: [string, string][] = [
      ["alg none", unsignedJwt()],
      ["wrong issuer", await operatorJwt("admin", { claims: { iss: "https://evil.example/" } })],
      ["wrong audience", await operatorJwt("admin", { claims: { aud: "other-app" } })],
      ["expired", await operatorJwt("admin", { claims: { exp: now() - 3600 } })],
      ["no exp", await operatorJwt("admin", { claims: { exp: undefined } })],
      ["HS256 signed with the RSA public key", await publicKeyAsSecretJwt()],
      ["HS256 with another secret", await operatorJwt("admin", { alg: "HS256" }).then((t) => `${t.slice(0, t.lastIndexOf("."))}.AAAA`)],
    ];
    for (const [what, token] of tokens) {
      for (const [method, path] of [
        ["GET", "/v1/admin/agents"],
        ["POST", "/v1/admin/seed"],
      ] as const) {
        const res = await as(token, path, { method });
        expect(res.status, `${what}: ${method} ${path}`).toBe(401);
        const error = await errorOf(res);
        expect(error.code, what).toBe("unauthorized");
        expect(error.message, what).not.toContain(token);
      }
    }
  });

  it("refuses a valid token without a known role with 403", async () => {
    const res = await as(await operatorJwt("intern"), "/v1/admin/agents");
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe("forbidden");
  });
});

describe("configuration", () => {
  const app = new Hono<AppEnv>()
    .use(operatorAuth)
    .get("/v1/admin/agents", (c) => c.json({ caller: c.get("caller") }))
    .onError(errorResponse);
  const without = (...names: (keyof Env)[]) => ({ ...env, ...Object.fromEntries(names.map((n) => [n, undefined])) });

  it("fails closed when no credential is configured", async () => {
    const bare = without("ADMIN_TOKEN", "OPERATOR_JWKS_URL", "OPERATOR_JWT_SECRET");
    for (const token of [TOKEN, await operatorJwt("admin")]) {
      const res = await app.request("/v1/admin/agents", { headers: bearer(token) }, bare);
      expect(res.status).toBe(401);
      expect((await errorOf(res)).message).toMatch(/operator access is disabled/);
    }
  });

  it("refuses JWTs, saying why, when their configuration is incomplete; ADMIN_TOKEN still works", async () => {
    const noIssuer = without("OPERATOR_JWT_ISSUER");
    const jwt = await app.request("/v1/admin/agents", { headers: bearer(await operatorJwt("admin")) }, noIssuer);
    expect(jwt.status).toBe(401);
    expect((await errorOf(jwt)).message).toBe("operator JWTs are not accepted: OPERATOR_JWT_ISSUER is not set");
    const bootstrap = await app.request("/v1/admin/agents", { headers: bearer(TOKEN) }, noIssuer);
    expect(await bootstrap.json()).toEqual({ caller: "operator:admin-token" });
  });

  it("accepts JWTs without ADMIN_TOKEN, and refuses other bearer values then", async () => {
    const jwtOnly = without("ADMIN_TOKEN");
    const jwt = await app.request(
      "/v1/admin/agents",
      { headers: bearer(await operatorJwt("viewer", { claims: { sub: "bob" } })) },
      jwtOnly,
    );
    expect(await jwt.json()).toEqual({ caller: "operator:bob" });
    const other = await app.request("/v1/admin/agents", { headers: bearer(TOKEN) }, jwtOnly);
    expect(other.status).toBe(401);
    expect((await errorOf(other)).message).toMatch(/ADMIN_TOKEN is not configured/);
  });
});

describe("who is calling", () => {
  const app = new Hono<AppEnv>()
    .get("/op", operatorAuth, (c) => c.json({ actor: actorOf(c), caller: c.get("caller") }))
    .get("/cus", (c) => {
      c.set("customerId", "cus_1"); // what customerAuth sets
      return c.json({ actor: actorOf(c) });
    })
    .get("/anon", (c) => c.json({ actor: actorOf(c) }))
    .onError(errorResponse);

  it("puts the operator's subject and role on the context", async () => {
    const jwt = await app.request("/op", { headers: bearer(await operatorJwt("viewer", { claims: { sub: "alice" } })) }, env);
    // An unlisted route: admin needed, so the viewer is refused; an admin JWT passes.
    expect(jwt.status).toBe(403);
    const adminJwt = await app.request("/op", { headers: bearer(await operatorJwt("admin", { claims: { sub: "alice" } })) }, env);
    expect(await adminJwt.json()).toEqual({ actor: { kind: "operator", id: "alice", role: "admin" }, caller: "operator:alice" });
    const bootstrap = await app.request("/op", { headers: bearer(TOKEN) }, env);
    expect(await bootstrap.json()).toEqual({
      actor: { kind: "operator", id: "admin-token", role: "admin" },
      caller: "operator:admin-token",
    });
    expect(await (await app.request("/cus", {}, env)).json()).toEqual({ actor: { kind: "customer", id: "cus_1" } });
    expect(await (await app.request("/anon", {}, env)).json()).toEqual({ actor: { kind: "anonymous", id: "anonymous" } });
  });
});
