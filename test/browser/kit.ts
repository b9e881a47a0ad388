// Shared by the browser tests (test/browser/run.ts runs them on one local stack): Chromium's
// launch, what a page logged, steps and assertions on what is on screen, screenshots and a cheap
// accessibility smoke check.
//
// Needs Debian's Chromium (/usr/bin/chromium, or CHROMIUM_PATH); no browser is downloaded.
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Locator, type Page } from "playwright-core";
import { ARTIFACTS, atStop, sleep } from "../stack/local-stack";

export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** Every test's screenshots (git-ignored); the dashboard's also go to docs/ for the README. */
export const SCREENSHOTS = join(ARTIFACTS, "screenshots");
export const STEP_TIMEOUT_MS = 15_000; // one thing to appear on screen
export const WORK_TIMEOUT_MS = 30_000; // an agent working a task (queue → agent → LLM → D1)

// ---------------------------------------------------------------------------------------------
// Assertions on what is on screen

export class Failure extends Error {}
export function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Failure(message);
}

/** Waits until `text` is visible somewhere on the page (or inside `within`). */
export async function sees(page: Page, text: string | RegExp, within?: Locator, timeout = STEP_TIMEOUT_MS): Promise<Locator> {
  const locator = (within ?? page.locator("body")).getByText(text).filter({ visible: true }).first();
  try {
    await locator.waitFor({ state: "visible", timeout });
  } catch {
    const shown = (
      await page
        .locator("main")
        .innerText()
        .catch(() => "")
    )
      .replace(/\s+\n/g, "\n")
      .slice(0, 1_500);
    throw new Failure(`expected to see ${String(text)} within ${timeout} ms; the page shows:\n${shown}`);
  }
  return locator;
}
export async function heading(page: Page, text: string | RegExp): Promise<void> {
  const h1 = page.locator("h1");
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  for (;;) {
    const current = (await h1.innerText()).trim();
    if (typeof text === "string" ? current === text : text.test(current)) return;
    if (Date.now() > deadline) throw new Failure(`expected the page heading ${String(text)}, it is "${current}"`);
    await sleep(100);
  }
}

/** A full-page screenshot into test-artifacts/screenshots/<name>.png (and `copyTo`, when given). */
export async function screenshot(page: Page, name: string, copyTo?: string): Promise<void> {
  const options = { fullPage: true, animations: "disabled" } as const;
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), ...options });
  if (copyTo) await page.screenshot({ path: copyTo, ...options });
}

interface A11yReport {
  problems: string[];
}

/**
 * A cheap accessibility smoke check of the current view, in the page: one h1, the landmarks,
 * a label for every form control, a name for every button and link, alt on images, unique ids,
 * no skipped heading levels, a lang, and WCAG AA text contrast (4.5:1; 3:1 for large text);
 * also that no "null"/"undefined"/"NaN" leaked onto the screen.
 */
export async function a11ySmoke(page: Page, view: string): Promise<void> {
  const report = await page.evaluate((): A11yReport => {
    const problems: string[] = [];
    const visible = (el: Element) => {
      const s = getComputedStyle(el);
      const r = el.getBoundingClientRect();
      return s.visibility !== "hidden" && s.display !== "none" && (r.width > 0 || r.height > 0) && !el.closest("[hidden]");
    };
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ""}${el.getAttribute("name") ? `[name=${el.getAttribute("name")}]` : ""}`;
    const labelledBy = (el: Element) =>
      (el.getAttribute("aria-labelledby") ?? "")
        .split(/\s+/)
        .filter(Boolean)
        .map((id) => document.getElementById(id)?.textContent?.trim() ?? "")
        .join(" ")
        .trim();
    const nameOf = (el: Element) =>
      (el.getAttribute("aria-label") ?? "").trim() ||
      labelledBy(el) ||
      (el.textContent ?? "").trim() ||
      (el.querySelector("img[alt]")?.getAttribute("alt") ?? "");

    if (!document.documentElement.lang) problems.push("<html> has no lang");
    const leaked = /\b(null|undefined|NaN)\b|\[object Object\]/.exec(document.querySelector("main")?.innerText ?? "");
    if (leaked) problems.push(`the page shows a programming value: "${leaked[0]}"`);
    const h1s = [...document.querySelectorAll("h1")].filter(visible);
    if (h1s.length !== 1 || !h1s[0]?.textContent?.trim()) problems.push(`expected exactly one non-empty visible h1, found ${h1s.length}`);
    for (const [selector, name] of [
      ["header", "banner (header)"],
      ["nav", "navigation"],
      ["main", "main"],
      ["footer", "contentinfo (footer)"],
    ] as const) {
      if (!document.querySelector(selector)) problems.push(`no ${name} landmark`);
    }
    for (const el of document.querySelectorAll("input, select, textarea")) {
      if (!visible(el) || (el as HTMLInputElement).type === "hidden") continue;
      const control = el as HTMLInputElement;
      const labelled = (control.labels?.length ?? 0) > 0 || el.getAttribute("aria-label") || labelledBy(el);
      if (!labelled) problems.push(`form control without a label: ${describe(el)}`);
    }
    for (const el of document.querySelectorAll("button, a[href], [role=button]")) {
      if (visible(el) && !nameOf(el)) problems.push(`${describe(el)} has no accessible name`);
    }
    for (const img of document.querySelectorAll("img")) if (!img.hasAttribute("alt")) problems.push(`img without alt: ${img.src}`);
    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll("[id]")) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) problems.push(`id "${id}" is used ${n} times`);
    let last = 0;
    for (const hx of document.querySelectorAll("h1, h2, h3, h4, h5, h6")) {
      if (!visible(hx)) continue;
      const level = Number(hx.tagName[1]);
      if (last && level > last + 1) problems.push(`heading level skips from h${last} to h${level}: "${hx.textContent?.trim()}"`);
      last = level;
    }

    // Contrast of every visible text run against the first opaque background behind it.
    const rgba = (c: string) => {
      const m = c.match(/rgba?\(([^)]+)\)/);
      if (!m?.[1]) return null;
      const [r = 0, g = 0, b = 0, a = 1] = m[1]
        .split(/[\s,/]+/)
        .filter(Boolean)
        .map(Number);
      return { r, g, b, a };
    };
    const lum = ({ r, g, b }: { r: number; g: number; b: number }) => {
      const f = (byte: number) => {
        const v = byte / 255;
        return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el: Element | null) => {
      for (let e = el; e; e = e.parentElement) {
        const bg = rgba(getComputedStyle(e).backgroundColor);
        if (bg && bg.a >= 0.99) return bg;
      }
      return { r: 255, g: 255, b: 255, a: 1 };
    };
    const faded = (el: Element | null) => {
      for (let e = el; e; e = e.parentElement) if (Number(getComputedStyle(e).opacity) < 1) return true;
      return false;
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const el = node.parentElement;
      if (!el || seen.has(el) || !node.textContent?.trim() || !visible(el)) continue;
      seen.add(el);
      if (el.closest("[disabled], [aria-disabled=true], .visually-hidden, .skip-link") || faded(el)) continue; // exempt or not shown
      const style = getComputedStyle(el);
      const fg = rgba(style.color);
      if (!fg) continue;
      const bg = background(el);
      const [l1, l2] = [lum(fg), lum(bg)].sort((a, b) => b - a) as [number, number];
      const ratio = (l1 + 0.05) / (l2 + 0.05);
      const size = parseFloat(style.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        problems.push(`contrast ${ratio.toFixed(2)}:1 for "${node.textContent.trim().slice(0, 40)}" (${describe(el)})`);
    }
    return { problems };
  });
  check(report.problems.length === 0, `accessibility smoke check of the ${view} view:\n  - ${report.problems.join("\n  - ")}`);
}

// ---------------------------------------------------------------------------------------------
// Steps

let passedSteps = 0;
/** How many steps passed so far, over every test of the run. */
export const passed = () => passedSteps;

/** Runs one named step of a journey: logs it, or fails naming it. */
export async function step(name: string, run: () => Promise<void>): Promise<void> {
  const started = Date.now();
  try {
    await run();
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Failure(`step "${name}": ${message}`);
  }
  passedSteps += 1;
  console.log(`  ✓ ${name} (${Date.now() - started} ms)`);
}

// ---------------------------------------------------------------------------------------------
// The browser

/** Whether Chromium is there; without it the tests are skipped, except under CI=true. */
export function chromiumMissing(): string | undefined {
  if (existsSync(CHROMIUM)) return undefined;
  return `${CHROMIUM} not found; install it with \`sudo apt-get install -y --no-install-recommends chromium\` (or set CHROMIUM_PATH)`;
}

export async function launchBrowser(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Root (CI containers) cannot use Chromium's sandbox; /dev/shm is small in containers.
    args: [...(process.getuid?.() === 0 ? ["--no-sandbox"] : []), "--disable-dev-shm-usage"],
  });
  atStop(() => browser.close());
  return browser;
}

/** A page in a fresh context (its own storage), and the errors it logs. */
export interface TestPage {
  context: BrowserContext;
  page: Page;
  /** Uncaught errors and console errors, except Chromium's notes on 4xx answers the tests provoke. */
  errors: string[];
}

export async function newTestPage(browser: Browser): Promise<TestPage> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: "en-GB",
    timezoneId: "UTC",
    reducedMotion: "reduce",
  });
  context.setDefaultTimeout(STEP_TIMEOUT_MS);
  // tsx (esbuild, keepNames) wraps named functions in `__name(…)`; functions this script sends to
  // the page need that helper there too.
  await context.addInitScript({ content: "window.__name = (fn) => fn;" });
  // Cumulative layout shift since the page started loading (Layout Instability API).
  await context.addInitScript(() => {
    const w = window as unknown as { __cls: number };
    w.__cls = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[])
        if (!entry.hadRecentInput) w.__cls += entry.value;
    }).observe({ type: "layout-shift", buffered: true });
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (error) => errors.push(error.message));
  page.on("console", (message) => {
    // 4xx answers the journey provokes on purpose are logged by Chromium as resource errors.
    if (message.type() === "error" && !message.text().startsWith("Failed to load resource")) errors.push(message.text());
  });
  return { context, page, errors };
}

/** What the page shows, for a failure's report. */
export async function shownText(page: Page): Promise<string> {
  return (
    await page
      .locator("body")
      .innerText()
      .catch(() => "")
  ).slice(0, 2_000);
}
