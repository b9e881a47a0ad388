/**
 * Serves a prebuilt worker locally the way `wrangler dev --no-bundle` does (wrangler's own
 * `unstable_startWorker`, the same miniflare/workerd runtime), but with the DevTools inspector
 * off. `wrangler dev` always attaches one and enables its Network domain, so every subrequest,
 * including each local D1 query, is turned into four DevTools events that wrangler's Node process
 * writes to its debug log: a dev-tool tax, absent in production, that falls only on systems
 * that make subrequests. The bench serves every system this way so none pays it.
 *
 * Usage: node start-worker.mjs '<json options>'; runs until SIGTERM/SIGINT.
 */
import { unstable_startWorker } from "wrangler";

const opts = JSON.parse(process.argv[2] ?? "{}");
const worker = await unstable_startWorker({
  config: opts.config,
  entrypoint: opts.script,
  build: { bundle: false },
  bindings: Object.fromEntries(Object.entries(opts.vars ?? {}).map(([name, value]) => [name, { type: "plain_text", value }])),
  ...(opts.assets ? { assets: opts.assets } : {}),
  dev: {
    inspector: false,
    persist: opts.persistTo,
    logLevel: opts.logLevel ?? "warn",
    watch: false,
    liveReload: false,
    server: { hostname: "127.0.0.1", port: opts.port },
    // Serves /__scheduled?cron=…, which fires a Cron Trigger by hand (the soak fires the one that posts due outputs).
    testScheduled: true,
  },
});
await worker.ready;
console.log(`ready on ${(await worker.url).href}`);

let stopping = false;
for (const signal of ["SIGTERM", "SIGINT"]) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    await worker.dispose().catch(() => {});
    process.exit(0);
  });
}
