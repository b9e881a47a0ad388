import { describe, expect, it } from "vitest";
import { app } from "../../src/app";
import { openApiDocument } from "../../src/http/openapi";
import { EVENT_TYPES } from "../../src/schemas/event";
import { admin, call, customerMessage, env, unique } from "../helpers";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Operation = {
  responses?: Record<string, Json>;
  parameters?: { name: string; in: string; required?: boolean; schema?: { type?: string | string[] } }[];
  security?: Record<string, string[]>[];
  requestBody?: Json;
};

const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;
/** Routes that are not part of the API the document describes. */
const UNDOCUMENTED = new Set(["/health", "/openapi.json", "/docs"]);

const doc = JSON.parse(JSON.stringify(openApiDocument())) as {
  openapi: string;
  info: { title: string };
  paths: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, { type: string; scheme: string }> };
};

function operations(): { method: string; path: string; op: Operation }[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    METHODS.filter((m) => item[m]).map((m) => ({ method: m, path, op: item[m] as Operation })),
  );
}

/** `#/components/schemas/Event` → the object it points at (undefined when it does not resolve). */
function resolvePointer(ref: string): Json | undefined {
  if (!ref.startsWith("#/")) return undefined;
  let node: Json | undefined = doc as unknown as Json;
  for (const raw of ref.slice(2).split("/")) {
    const key = raw.replaceAll("~1", "/").replaceAll("~0", "~");
    node = node !== null && typeof node === "object" && !Array.isArray(node) ? node[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

function refsIn(node: Json, out: string[] = []): string[] {
  if (Array.isArray(node)) for (const n of node) refsIn(n, out);
  else if (node !== null && typeof node === "object") {
    for (const [k, v] of Object.entries(node)) {
      if (k === "$ref" && typeof v === "string") out.push(v);
      else refsIn(v, out);
    }
  }
  return out;
}

/** `/v1/agents/:id{[a-z]+}` → `/v1/agents/{id}`. */
function openApiPath(honoPath: string): string {
  const path = honoPath.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?\??/g, "{$1}");
  return path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
}

describe("GET /openapi.json", () => {
  it("is public JSON, generated once per isolate", async () => {
    const res = await call("/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    const body = (await res.json()) as typeof doc;
    expect(body.openapi).toBe("3.1.0");
    expect(body.info.title).toBe("WAOOAW API");
    expect(openApiDocument()).toBe(openApiDocument());
  });
});

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 in shape: every operation has responses, path parameters are declared, security schemes exist", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.components.securitySchemes).toMatchObject({
      operatorToken: { type: "http", scheme: "bearer" },
      customerKey: { type: "http", scheme: "bearer" },
    });
    expect(operations().length).toBeGreaterThan(0);
    for (const { method, path, op } of operations()) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(path, where).toMatch(/^\/[^:]*$/);
      expect(Object.keys(op.responses ?? {}).length, `${where} has no responses`).toBeGreaterThan(0);
      for (const response of Object.values(op.responses ?? {}))
        expect(response, `${where}: a response needs a description`).toHaveProperty("description");
      const declared = (op.parameters ?? []).filter((p) => p.in === "path");
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(declared.map((p) => p.name).sort(), `${where}: path parameters`).toEqual(inPath.sort());
      for (const p of declared) expect(p.required, `${where}: {${p.name}} must be required`).toBe(true);
      for (const p of op.parameters ?? [])
        expect([p.schema?.type].flat(), `${where}: ${p.name} (a parameter is never null)`).not.toContain("null");
      for (const requirement of op.security ?? [])
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes, where).toHaveProperty(scheme);
    }
  });

  it("has no $ref that does not resolve, and reuses shared schemas as components", () => {
    const refs = refsIn(doc as unknown as Json);
    expect(refs.length).toBeGreaterThan(0);
    const broken = [...new Set(refs)].filter((ref) => resolvePointer(ref) === undefined);
    expect(broken, "unresolved $refs").toEqual([]);
    for (const name of ["Error", "EventInput", "Decision", "AgentSnapshot", "AgentDefinition", "Subscription"])
      expect(doc.components.schemas).toHaveProperty(name);
  });

  it("answers errors with the shared error schema", () => {
    const post = doc.paths["/v1/events"]?.post;
    for (const status of ["400", "401", "413"]) {
      expect(post?.responses?.[status]).toMatchObject({
        content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } },
      });
    }
    expect(resolvePointer("#/components/schemas/Error")).toMatchObject({ required: ["error"] });
  });

  it("documents every route the app serves, and only those (drift check)", () => {
    const served = new Set(
      app.routes
        .filter((r) => r.method !== "ALL" && !r.path.includes("*"))
        .map((r) => `${r.method.toUpperCase()} ${openApiPath(r.path)}`)
        .filter((route) => !UNDOCUMENTED.has(route.slice(route.indexOf(" ") + 1))),
    );
    const documented = new Set(operations().map(({ method, path }) => `${method.toUpperCase()} ${path}`));
    const undocumented = [...served].filter((r) => !documented.has(r)).sort();
    const phantom = [...documented].filter((r) => !served.has(r)).sort();
    expect(
      undocumented,
      `routes served but not in /openapi.json; describe them with describeRoute() in src/http/openapi/*-routes.ts:\n  ${undocumented.join("\n  ")}\n`,
    ).toEqual([]);
    expect(phantom, `routes in /openapi.json that the app does not serve (renamed or removed?):\n  ${phantom.join("\n  ")}\n`).toEqual([]);
  });

  it("describes the POST /v1/events body as the route validates it", async () => {
    const body = doc.paths["/v1/events"]?.post?.requestBody as {
      required: boolean;
      content: { "application/json": { schema: { $ref: string } } };
    };
    expect(body.required).toBe(true);
    const schema = resolvePointer(body.content["application/json"].schema.$ref) as {
      required: string[];
      properties: Record<string, { enum?: string[] }>;
    };
    expect([...schema.required].sort()).toEqual(["occurredAt", "source", "subject", "type"]);
    expect(schema.properties.type?.enum).toEqual([...EVENT_TYPES]);

    // Every property: leaving out a required one is a 400 naming it; leaving out any other is accepted.
    const valid = { ...customerMessage(unique("oas")), id: unique("evt-oas"), traceId: unique("trc-oas") };
    for (const property of Object.keys(schema.properties)) {
      const event: Record<string, unknown> = { ...valid, id: unique("evt-oas") };
      delete event[property];
      const res = await admin("/v1/events", { method: "POST", json: event });
      const answer = (await res.json()) as { error?: { field?: string } };
      if (schema.required.includes(property)) {
        expect(res.status, `without ${property}`).toBe(400);
        expect(answer.error?.field, `without ${property}`).toBe(property);
      } else {
        expect(res.status, `without ${property}: ${JSON.stringify(answer)}`).toBe(202);
      }
    }
  });
});

describe("/docs", () => {
  // Static assets are served before the Worker (wrangler.toml [assets]); in tests the Worker is
  // called directly, so ask the assets binding what a browser would get.
  const asset = (path: string) => env.ASSETS.fetch(new Request(`http://waooaw.test${path}`, { redirect: "manual" }));

  it("is an HTML page that loads Swagger UI from the Worker and the spec from /openapi.json", async () => {
    const redirect = await asset("/docs");
    expect([200, 307, 308]).toContain(redirect.status);
    await redirect.arrayBuffer();
    const page = await asset("/docs/");
    expect(page.status).toBe(200);
    expect(page.headers.get("content-type")).toContain("text/html");
    // public/_headers: the page may run scripts from this origin only.
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    const html = await page.text();
    const init = await asset("/docs/init.js");
    expect(await init.text()).toContain('url: "/openapi.json"');
    const scripts = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] as string).filter((u) => !u.startsWith("/openapi.json"));
    expect(scripts).toContain("/docs/vendor/swagger-ui-bundle.js");
    for (const url of scripts) {
      expect(url, "no CDN: every file comes from this Worker").toMatch(/^\//);
      const res = await asset(url);
      expect(res.status, `${url} (scripts/copy-docs-assets.mjs copies it from swagger-ui-dist)`).toBe(200);
      await res.arrayBuffer();
    }
  });
});
