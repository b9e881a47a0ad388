// The browser tests, end to end in headless Chromium, on one fresh local stack:
//
//   npm run test:browser          (tsx test/browser/run.ts)
//
// Starts the stack (test/stack/local-stack.ts: migrations, the local Anthropic server, wrangler
// dev, the demo catalogue), then drives the marketplace page (marketplace.browser.ts) and the
// operator dashboard (admin.browser.ts), each in its own browser context. Screenshots go to
// test-artifacts/screenshots/ (git-ignored); the dashboard's README screenshots to docs/.
//
// Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH); no browser is downloaded.
// Without it the tests are skipped with a message, except under CI=true, where they fail.
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { interrupted, type LocalStack, startLocalStack, stopLocalStack, tail, untilInterruptHandled } from "../stack/local-stack";
import { adminTest } from "./admin.browser";
import { CHROMIUM, chromiumMissing, Failure, launchBrowser, newTestPage, passed, SCREENSHOTS, shownText, type TestPage } from "./kit";
import { marketplaceTest } from "./marketplace.browser";

const TOTAL_BUDGET_MS = 240_000; // both tests, stack start included (2 shared cores can double the time)

const TESTS: [string, (page: TestPage, stack: LocalStack) => Promise<void>][] = [
  ["marketplace page", marketplaceTest],
  ["operator dashboard", adminTest],
];

async function main(): Promise<void> {
  const missing = chromiumMissing();
  if (missing) {
    if (process.env.CI === "true") {
      console.error(`browser test: FAILED: ${missing} and CI=true.`);
      process.exit(1);
    }
    console.log(`browser test: SKIPPED: ${missing} to run it.`);
    return;
  }
  const watchdog = setTimeout(() => {
    console.error(`browser test: FAILED: took longer than ${TOTAL_BUDGET_MS / 1000} s`);
    void stopLocalStack().finally(() => process.exit(1));
  }, TOTAL_BUDGET_MS);
  watchdog.unref();

  rmSync(SCREENSHOTS, { recursive: true, force: true });
  mkdirSync(SCREENSHOTS, { recursive: true });
  const started = Date.now();
  console.log("browser test: starting a fresh local stack (D1 migrations, Anthropic mock, wrangler dev)…");
  const stack = await startLocalStack({ name: "browser" });
  console.log(`browser test: stack up at ${stack.baseUrl} in ${Date.now() - started} ms; driving ${CHROMIUM}`);
  const browser = await launchBrowser();

  const only = process.env.BROWSER_TEST; // run one of them: BROWSER_TEST=dashboard npm run test:browser
  for (const [name, run] of TESTS) {
    if (only && !name.includes(only)) continue;
    console.log(`${name}:`);
    const tested = await newTestPage(browser);
    const { page, errors } = tested;
    try {
      await run(tested, stack);
      if (errors.length) throw new Failure(`the page logged errors:\n  ${errors.join("\n  ")}`);
    } catch (error) {
      if (interrupted()) await untilInterruptHandled();
      await page.screenshot({ path: join(SCREENSHOTS, "failure.png"), fullPage: true }).catch(() => {});
      console.error(`\npage ${page.url()} shows:\n${await shownText(page)}`);
      console.error(`\n  ✗ ${name}: ${error instanceof Error ? error.message : String(error)}`);
      if (!(error instanceof Failure) && error instanceof Error) console.error(error.stack);
      if (errors.length) console.error(`page errors:\n  ${errors.join("\n  ")}`);
      console.error(`\nwrangler log (${stack.log}), last lines:\n${tail(stack.log, 30)}`);
      console.error(`screenshots: ${SCREENSHOTS}`);
      console.log(`browser: ${passed()} passed, 1 failed`);
      await stopLocalStack();
      process.exit(1);
    }
    await tested.context.close();
  }
  await stopLocalStack();
  clearTimeout(watchdog);
  console.log(`browser test: done in ${((Date.now() - started) / 1000).toFixed(1)} s; screenshots in ${SCREENSHOTS}`);
  console.log(`browser: ${passed()} passed, 0 failed`);
}

main().catch(async (error: unknown) => {
  if (interrupted()) await untilInterruptHandled();
  console.error(`browser test: FAILED: ${error instanceof Error ? error.message : String(error)}`);
  await stopLocalStack();
  process.exit(1);
});
