import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { generateSources } from "../../packages/client/scripts/generate.mjs";
import { CLIENT_DIR, documentText, operationIds, publishedIds } from "../../scripts/generate-client";
import { openApiDocument } from "../../src/http/openapi";
import { documentedExamples } from "../../src/http/openapi/registry";

const STALE = "stale: run `npm run client:generate` and commit the result";
const committed = (file: string) => readFileSync(join(CLIENT_DIR, file), "utf8");

describe("@waooaw/client's generated code", () => {
  it("is generated from the API as it is now (openapi.json, schema.ts, operations.ts)", async () => {
    expect(committed("openapi.json") === documentText(), `packages/client/openapi.json is ${STALE}`).toBe(true);
    const sources = await generateSources(openApiDocument());
    for (const [file, text] of Object.entries(sources)) expect(committed(file) === text, `packages/client/${file} is ${STALE}`).toBe(true);
  }, 60_000);

  it("keeps every operationId it ever published (customers' code calls them by name)", () => {
    const current = new Set(operationIds());
    const published = publishedIds();
    expect(published.length).toBeGreaterThanOrEqual(71);
    const gone = published.filter((id) => !current.has(id));
    expect(gone, "published operationIds that are gone: renaming one breaks customers' code (keep the name, deprecate the route)").toEqual(
      [],
    );
    const unlisted = [...current].filter((id) => !published.includes(id));
    expect(unlisted, `not in packages/client/published-operation-ids.txt: ${STALE}`).toEqual([]);
  });

  it("shows an example with every request body, and each parses with the body's schema", () => {
    const examples = [...documentedExamples()];
    expect(examples.length).toBeGreaterThanOrEqual(20);
    const stale = examples.filter(([, { body, example }]) => !body.safeParse(example).success).map(([route]) => route);
    expect(stale, "examples that no longer parse with their body's schema").toEqual([]);
  });

  it("names every operation, uniquely, and declares who may call it", () => {
    const document = openApiDocument();
    const ids: string[] = [];
    for (const [path, item] of Object.entries(document.paths ?? {})) {
      for (const [method, op] of Object.entries(item as Record<string, { operationId?: string; security?: unknown[]; tags?: string[] }>)) {
        expect(op.operationId, `${method} ${path}`).toMatch(/^[a-z][A-Za-z0-9]+$/);
        expect(Array.isArray(op.security), `${method} ${path} declares security`).toBe(true);
        expect(op.tags?.length, `${method} ${path} has a tag`).toBeGreaterThan(0);
        ids.push(op.operationId ?? "");
      }
    }
    expect(new Set(ids).size).toBe(ids.length);
    const declaredTags = new Set((document.tags ?? []).map((t) => t.name));
    for (const [path, item] of Object.entries(document.paths ?? {}))
      for (const op of Object.values(item as Record<string, { tags?: string[] }>))
        for (const tag of op.tags ?? []) expect(declaredTags.has(tag), `${path}: tag ${tag} is declared with a description`).toBe(true);
    expect(document.servers?.map((s) => s.url)).toEqual(["http://localhost:8787", "https://{host}"]);
  });
});
