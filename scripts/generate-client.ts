// `npm run client:generate`: writes the API's OpenAPI document (built from the routes' zod
// schemas) to packages/client/openapi.json, then regenerates the client's types from it
// (packages/client/scripts/generate.mjs). Run it after changing a route or a schema; the test
// test/client/generated.node.test.ts fails until you do.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { writeSources } from "../packages/client/scripts/generate.mjs";
import { openApiDocument } from "../src/http/openapi";

export const CLIENT_DIR = join(import.meta.dirname, "..", "packages", "client");

/** The document as committed: two-space JSON and a final newline. */
export const documentText = (): string => `${JSON.stringify(openApiDocument(), null, 2)}\n`;

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(join(CLIENT_DIR, "openapi.json"), documentText());
  const written = await writeSources();
  console.log(`@waooaw/client: wrote openapi.json, ${written.join(", ")}`);
}
