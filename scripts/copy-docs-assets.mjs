#!/usr/bin/env node
// Copies the Swagger UI files that /docs needs from node_modules/swagger-ui-dist into
// public/docs/vendor/ (git-ignored), and marked's ESM build (the page's Markdown lexer, see
// public/js/markdown.js) into public/vendor/marked/, uPlot (the operator dashboard's charts) into public/vendor/uplot/, and the page's API client (@waooaw/client's
// build, packages/client/dist, with openapi-fetch, its one dependency) into public/vendor/, where
// the Worker's static assets ([assets] in wrangler.toml) serve them: the page and the docs work
// offline, with no CDN. public/index.html's import map names them.
// public/docs/index.html is committed.
// Runs from package.json's `prepare` (so after `npm ci`/`npm install`) and before start, test,
// bench and deploy; cheap and idempotent (files already up to date are left alone).
import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
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
  // The operator dashboard's charts (public/admin): small, dependency-free, canvas.
  { name: "uplot", target: "public/vendor/uplot", files: ["dist/uPlot.esm.js", "dist/uPlot.min.css", "dist/uPlot.d.ts", "LICENSE"] },
  { name: "openapi-fetch", target: "public/vendor/openapi-fetch", files: ["dist/index.mjs", "LICENSE"] },
  // Built by `npm run build:client` (which runs first); its modules keep their folders (dist/generated/).
  { name: "@waooaw/client", target: "public/vendor/waooaw-client", tree: "dist", extension: ".js" },
];

/** Files under `dir` ending in `extension`, relative to `dir` (by hand: `recursive` needs Node 20.1). */
function filesUnder(dir, extension, prefix = "") {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? filesUnder(join(dir, entry.name), extension, join(prefix, entry.name))
      : entry.name.endsWith(extension)
        ? [join(prefix, entry.name)]
        : [],
  );
}

const same = (a, b) => existsSync(b) && statSync(a).size === statSync(b).size && readFileSync(a).equals(readFileSync(b));

for (const { name, target, files, tree, extension } of PACKAGES) {
  let source;
  try {
    source = dirname(createRequire(join(root, "package.json")).resolve(`${name}/package.json`));
  } catch {
    console.error(`copy-docs-assets: ${name} is not installed; run \`npm ci\` first.`);
    process.exit(1);
  }
  if (tree && !existsSync(join(source, tree))) {
    console.error(`copy-docs-assets: ${name} is not built; run \`npm run build:client\` first.`);
    process.exit(1);
  }
  const built = tree ? filesUnder(join(source, tree), extension) : [];
  const pairs = tree
    ? built.map((f) => [join(source, tree, f), join(root, target, f)])
    : files.map((f) => [join(source, f), join(root, target, basename(f))]);
  let copied = 0;
  if (tree) {
    // A module the build no longer makes must not linger where the page could still load it.
    const kept = new Set(built);
    for (const stale of filesUnder(join(root, target), extension).filter((f) => !kept.has(f))) {
      rmSync(join(root, target, stale));
      copied += 1;
    }
  }
  for (const [from, to] of pairs) {
    if (same(from, to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(from, to);
    copied += 1;
  }
  const { version } = JSON.parse(readFileSync(join(source, "package.json"), "utf8"));
  if (copied) console.log(`copy-docs-assets: ${name} ${version} → ${target} (${copied} file(s) updated)`);
}
