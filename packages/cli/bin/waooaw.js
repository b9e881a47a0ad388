#!/usr/bin/env node
// The `waooaw` command: loads the bundle that `npm run build:cli` writes (run by the root's
// `prepare`, so after `npm ci`), which holds the CLI, @waooaw/client and the platform's schemas.
import { existsSync } from "node:fs";

const bundle = new URL("../dist/waooaw.js", import.meta.url);
if (!existsSync(bundle)) {
  console.error("waooaw: the CLI is not built yet; run `npm run build:cli` at the repository's root");
  process.exit(1);
}
await import(bundle.href);
