#!/usr/bin/env node
// Bundles src/main.ts with everything it imports (commander, read, cli-table3, cli-progress,
// @waooaw/client's build, zod and the platform's schemas) into dist/waooaw.js, one ES module for
// Node 20+: `bin/waooaw.js` then starts without resolving anything else.
import { build } from "esbuild";

const root = new URL("..", import.meta.url).pathname;
await build({
  absWorkingDir: root,
  entryPoints: ["src/main.ts"],
  outfile: "dist/waooaw.js",
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  // commander and cli-progress are CommonJS and require Node's built-ins: give the bundle a require.
  banner: { js: "import { createRequire as __waooawRequire } from 'node:module'; const require = __waooawRequire(import.meta.url);" },
  legalComments: "none",
  logLevel: "warning",
});
