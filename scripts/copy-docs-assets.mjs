#!/usr/bin/env node
// Copies the Swagger UI files that /docs needs from node_modules/swagger-ui-dist into
// public/docs/vendor/ (git-ignored), and marked's ESM build (the page's Markdown lexer, see
// public/js/markdown.js) into public/vendor/marked/, where the Worker's static assets ([assets]
// in wrangler.toml) serve them: the page and the docs work offline, with no CDN.
// public/docs/index.html is committed.
// Runs from package.json's `prepare` (so after `npm ci`/`npm install`) and before start, test,
// bench and deploy; cheap and idempotent (files already up to date are left alone).
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { basename, dirname, join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const PACKAGES = [
  {
    name: "swagger-ui-dist",
    target: "public/docs/vendor",
    files: ["swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png", "favicon-16x16.png", "LICENSE", "NOTICE"],
  },
  { name: "marked", target: "public/vendor/marked", files: ["lib/marked.esm.js", "LICENSE"] },
];

const same = (a, b) => existsSync(b) && statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));

for (const { name, target, files } of PACKAGES) {
  let source;
  try {
    source = dirname(createRequire(join(root, "package.json")).resolve(`${name}/package.json`));
  } catch {
    console.error(`copy-docs-assets: ${name} is not installed; run \`npm ci\` first.`);
    process.exit(1);
  }
  mkdirSync(join(root, target), { recursive: true });
  let copied = 0;
  for (const file of files) {
    const from = join(source, file);
    const to = join(root, target, basename(file));
    if (same(from, to)) continue;
    copyFileSync(from, to);
    copied += 1;
  }
  const { version } = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
  if (copied) console.log(`copy-docs-assets: ${name} ${version} → ${target} (${copied} file(s) updated)`);
}
