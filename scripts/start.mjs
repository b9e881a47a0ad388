#!/usr/bin/env node
// `npm start`: everything local in miniflare after only `npm ci`.
// 1. creates a git-ignored .dev.vars with a random ADMIN_TOKEN and a random ENCRYPTION_KEYS entry
//    if there are none (an existing .dev.vars without ENCRYPTION_KEYS gets one added),
// 2. applies the D1 migrations to the local database,
// 3. runs `wrangler dev` on localhost:8787 and seeds the demo catalogue once it is up.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const port = process.env.PORT ?? "8787";
const devVars = resolve(root, ".dev.vars");
const wrangler = resolve(root, "node_modules/.bin/wrangler");

function ensureAdminToken() {
  const current = existsSync(devVars) ? readFileSync(devVars, "utf8") : "";
  const found = /^ADMIN_TOKEN\s*=\s*"?([^"\n]+)"?/m.exec(current);
  if (found?.[1]) return { token: found[1], created: false };
  const token = randomBytes(24).toString("base64url");
  writeFileSync(devVars, `${current}${current && !current.endsWith("\n") ? "\n" : ""}ADMIN_TOKEN="${token}"\n`, { mode: 0o600 });
  return { token, created: true };
}

// A local key ring for encryption at rest (AES-256: 32 random bytes). Never replaced once
// written: the local database's encrypted values need it to stay readable.
function ensureEncryptionKeys() {
  const current = readFileSync(devVars, "utf8");
  if (/^ENCRYPTION_KEYS\s*=/m.test(current)) return false;
  const entry = `local1:${randomBytes(32).toString("base64")}`;
  writeFileSync(devVars, `${current}${current && !current.endsWith("\n") ? "\n" : ""}ENCRYPTION_KEYS="${entry}"\n`, { mode: 0o600 });
  return true;
}

const { token, created } = ensureAdminToken();
console.log(created ? `Created ${devVars} with a random ADMIN_TOKEN.` : `Using ADMIN_TOKEN from ${devVars}.`);
if (ensureEncryptionKeys()) console.log(`Added a random ENCRYPTION_KEYS entry to ${devVars} (encryption at rest).`);

const migrate = spawnSync(wrangler, ["d1", "migrations", "apply", "DB", "--local"], {
  cwd: root,
  stdio: "inherit",
  env: { ...process.env, CI: "true" }, // never prompt
});
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

// --test-scheduled serves /__scheduled?cron=…, which fires a Cron Trigger by hand (the README uses it).
const dev = spawn(wrangler, ["dev", "--port", port, "--ip", "127.0.0.1", "--test-scheduled", ...process.argv.slice(2)], {
  cwd: root,
  stdio: "inherit",
});
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => dev.kill(signal));
dev.on("exit", (code) => process.exit(code ?? 0));

async function seedWhenReady() {
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 120; i++) {
    try {
      const health = await fetch(`${base}/health`);
      if (health.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  const res = await fetch(`${base}/v1/admin/seed`, { method: "POST", headers: { authorization: `Bearer ${token}` } });
  const body = await res.json();
  if (!res.ok) {
    console.error("Seeding the demo catalogue failed:", body);
    return;
  }
  console.log(`\nWAOOAW is running on ${base}  (marketplace page: ${base}/, API docs: ${base}/docs/)`);
  console.log(`Operator dashboard: ${base}/admin  (sign in with the operator token below)`);
  console.log(`Demo catalogue: ${body.definitions.join(", ")}; agents: ${[...body.spawned, ...body.existing].join(", ")}`);
  console.log(`Operator token: in ${devVars}  (export ADMIN_TOKEN=$(grep ADMIN_TOKEN .dev.vars | cut -d'"' -f2))\n`);
}
seedWhenReady().catch((error) => console.error("Seeding the demo catalogue failed:", error));
