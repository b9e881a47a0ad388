// `npm run client:generate`: writes the API's OpenAPI document (built from the routes' zod
// schemas) to packages/client/openapi.json, then regenerates the client's types from it
// (packages/client/scripts/generate.mjs). Run it after changing a route or a schema; the test
// test/client/generated.node.test.ts fails until you do.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { writeSources } from "../packages/client/scripts/generate.mjs";
import { openApiDocument } from "../src/http/openapi";

export const CLIENT_DIR = join(import.meta.dirname, "..", "packages", "client");

/** The document as committed: two-space JSON and a final newline. */
export const documentText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

/**
 * Every operationId ever generated, one per line, sorted: customers' code calls them by name, so
 * a name may be added here but never leave (test/client/generated.node.test.ts checks the
 * document still has each). Generating adds new names; it never removes one.
 */
export const PUBLISHED_IDS_FILE = join(CLIENT_DIR, "published-operation-ids.txt");

export function operationIds(): string[] {
  const ids: string[] = [];
  for (const item of Object.values(openApiDocument().paths ?? {}))
    for (const op of Object.values(item as Record<string, { operationId?: string }>)) if (op.operationId) ids.push(op.operationId);
  return ids.sort();
}

export function publishedIds(): string[] {
  return existsSync(PUBLISHED_IDS_FILE) ? readFileSync(PUBLISHED_IDS_FILE, "utf8").split("\n").filter(Boolean) : [];
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  writeFileSync(join(CLIENT_DIR, "openapi.json"), documentText());
  const published = [...new Set([...publishedIds(), ...operationIds()])].sort();
  writeFileSync(PUBLISHED_IDS_FILE, `${published.join("\n")}\n`);
  const written = await writeSources();
  console.log(`@waooaw/client: wrote openapi.json, published-operation-ids.txt, ${written.join(", ")}`);
}
