#!/usr/bin/env node
// Generates the client's typed surface from the API's OpenAPI document:
// - src/generated/schema.ts: every path, operation and schema as TypeScript types, by
//   openapi-typescript (types only: nothing of it runs);
// - src/generated/operations.ts: each operationId's method and path, and whether the route
//   honours Idempotency-Key (so retries of that POST are safe): the one table the runtime needs.
// `npm run client:generate` at the repository root rebuilds openapi.json from the API's zod
// schemas first, then runs this; test/client/generated.node.test.ts fails when they are stale.
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const HEADER = "// Generated from openapi.json by scripts/generate.mjs (`npm run client:generate`). Do not edit.\n";
const METHODS = ["get", "put", "post", "patch", "delete"];

/** @param {any} document the OpenAPI 3.1 document @returns {Promise<Record<string, string>>} file (relative to the package) → text */
export async function generateSources(document) {
  const ast = await openapiTS(structuredClone(document), { alphabetize: false, exportType: false });
  const schema = HEADER + astToString(ast);
  const rows = [];
  for (const [path, item] of Object.entries(document.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      if (!op.operationId) throw new Error(`${method.toUpperCase()} ${path} has no operationId`);
      const idempotent = (op.parameters ?? []).some((p) => p.in === "header" && p.name.toLowerCase() === "idempotency-key");
      const fields = [`method: "${method.toUpperCase()}"`, `path: "${path}"`];
      if (idempotent) fields.push("idempotencyKey: true");
      // A success answered as text (GET /metrics: Prometheus format) is returned as a string, not parsed as JSON.
      const success = Object.entries(op.responses ?? {}).filter(([status]) => status.startsWith("2"));
      if (success.some(([, r]) => Object.keys(r.content ?? {}).some((type) => type.startsWith("text/")))) fields.push("text: true");
      rows.push(`  ${op.operationId}: { ${fields.join(", ")} },`);
    }
  }
  const operations =
    HEADER +
    "/** Each operation's method and path; `idempotencyKey`: the route honours `Idempotency-Key`, so retrying it is safe; `text`: it answers text, not JSON. */\n" +
    `export const OPERATIONS = {\n${rows.join("\n")}\n} as const;\n`;
  return { "src/generated/schema.ts": schema, "src/generated/operations.ts": operations };
}

/** Writes the generated files from the package's committed openapi.json. */
export async function writeSources() {
  const document = JSON.parse(readFileSync(join(root, "openapi.json"), "utf8"));
  const files = await generateSources(document);
  for (const [file, text] of Object.entries(files)) writeFileSync(join(root, file), text);
  return Object.keys(files);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const written = await writeSources();
  console.log(`@waooaw/client: generated ${written.join(", ")}`);
}
