#!/usr/bin/env node
// Copies the Swagger UI files that /docs needs from node_modules/swagger-ui-dist into
// public/docs/vendor/ (git-ignored), where the Worker's static assets ([assets] in wrangler.toml)
// serve them: the docs work offline, with no CDN. public/docs/index.html is committed.
// Runs from package.json's `prepare` (so after `npm ci`/`npm install`) and before start, test,
// bench and deploy; cheap and idempotent (files already up to date are left alone).
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const target = join(root, "public/docs/vendor");
const FILES = ["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png", "LICENSE", "NOTICE"];

let source;
try {
  source = dirname(createRequire(join(root, "package.json")).resolve("swagger-ui-dist/package.json"));
} catch {
  console.error("copy-docs-assets: swagger-ui-dist is not installed; run `npm ci` first.");
  process.exit(1);
}

const same = (a, b) => existsSync(b) && statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));

mkdirSync(target, { recursive: true });
let copied = 0;
for (const file of FILES) {
  const from = join(source, file);
  const to = join(target, file);
  if (same(from, to)) continue;
  copyFileSync(from, to);
  copied += 1;
}
const { version } = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
if (copied) console.log(`copy-docs-assets: swagger-ui-dist ${version} → public/docs/vendor (${copied} file(s) updated)`);
