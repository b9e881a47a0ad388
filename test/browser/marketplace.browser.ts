// End-to-end test of the marketplace page (public/index.html) in headless Chromium, driven like
// a user on the local stack test/browser/run.ts starts (`npm run test:browser`), asserting what
// is on screen. Screenshots of each main view go to test-artifacts/screenshots/ (git-ignored).
import { join } from "node:path";
import type { Page, Route } from "playwright-core";
import { scriptAnthropic } from "../servers/control";
import { type LocalStack, ROOT, sleep, verificationLinkInLog } from "../stack/local-stack";
import { a11ySmoke, check, Failure, heading, screenshot, sees, step, STEP_TIMEOUT_MS, type TestPage, WORK_TIMEOUT_MS } from "./kit";

/** A sales-qualified lead and the deal to plan: the SDR scores it and hands it to the account executive. */
const CHAIN_INPUTS = {
  kind: "qualify-lead",
  lead: { company: "Nordwind GmbH", authority: "economic-buyer", need: "critical", budget: 80_000, timelineMonths: 2 },
  now: "2026-12-01T09:00:00Z",
  deal: "Nordwind GmbH platform",
  closeDate: "2027-03-31",
};

// ---------------------------------------------------------------------------------------------
// Catalogue helpers

interface HeldSearch {
  /** The page has sent the request (its answer is being held back). */
  sent: Promise<void>;
  /** The held answer has been handed to the page (or dropped: the page had cancelled the request). */
  released: Promise<void>;
}

/**
 * Holds back the answer to the first catalogue request (GET /v1/agents?…) that `matches`: the
 * server answers at once, the page gets that answer `ms` later. Later requests pass untouched.
 * This makes an earlier search's answer arrive after a newer search's.
 */
async function holdFirstSearch(page: Page, matches: (query: URLSearchParams) => boolean, ms: number): Promise<HeldSearch> {
  let sent = () => {};
  let released = () => {};
  const held: HeldSearch = {
    sent: new Promise<void>((resolve) => (sent = resolve)),
    released: new Promise<void>((resolve) => (released = resolve)),
  };
  const isSearch = (url: URL) => url.pathname === "/v1/agents";
  let taken = false;
  const handler = async (route: Route) => {
    if (taken || !matches(new URL(route.request().url()).searchParams)) return route.fallback();
    taken = true;
    sent();
    try {
      const response = await route.fetch();
      await sleep(ms);
      await route.fulfill({ response });
    } catch {
      // the page cancelled the request meanwhile: nothing to hand over
    } finally {
      await page.unroute(isSearch, handler);
      released();
    }
  };
  await page.route(isSearch, handler);
  return held;
}

/** The demo catalogue (templates/index.ts), and the catalogue page's page size (public/js/views/browse.js). */
const DEMO_AGENTS = 15;
const FIRST_PAGE = 12;

async function cardCount(page: Page, expected: number): Promise<void> {
  const cards = page.locator("#results > li");
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  const settled = async () =>
    (await page.locator("#browse-view").isVisible()) &&
    (await page.locator('#results[aria-busy="false"]').count()) === 1 &&
    (await cards.count()) === expected;
  while (!(await settled())) {
    if (Date.now() > deadline) throw new Failure(`expected ${expected} agent cards, there are ${await cards.count()}`);
    await sleep(100);
  }
}

// ---------------------------------------------------------------------------------------------
// The user's journey

const DELIVERABLE = "WAOOAW 2.3 release notes: dark mode follows your system theme, and exports now finish in seconds.";
const REPLY = "Dark mode is here, and exports are fast.";
/** A deliverable in Markdown, with HTML an agent (or a webhook it quotes) might carry: shown as text, never run. */
const RICH_DELIVERABLE = [
  "# Launch checklist for 2.3",
  "",
  "**Announce** on the [launch page](https://example.com/launch) and [nowhere else](javascript:alert(1)).",
  "",
  "## Owners",
  "",
  "| Item | Owner |",
  "|---|---|",
  "| Release notes | Maya |",
  "| Social posts | Sam |",
  "",
  "- Publish the notes",
  "- Email the customers",
  "- Post on social",
  "",
  "<script>window.__pwned = 'script'</script>",
  "",
  `<img src="x" onerror="window.__pwned = 'img'">`,
].join("\n");

async function journey(page: Page, stack: LocalStack): Promise<void> {
  const base = stack.baseUrl;
  const hireIdOf = () => /#\/hires\/([^?]+)/.exec(page.url())?.[1] ?? "";

  await step("browse: the catalogue lists the 15 demo agents, a page at a time, with no layout shift", async () => {
    await page.goto(`${base}/`);
    await heading(page, "Find an agent that earns your business");
    await cardCount(page, FIRST_PAGE);
    await sees(page, `${FIRST_PAGE} agents shown; more available.`);
    const cls = await page.evaluate(() => (window as unknown as { __cls: number }).__cls);
    check(cls < 0.1, `cumulative layout shift on load is ${cls.toFixed(3)} (want < 0.1)`);
    await a11ySmoke(page, "browse");
    await screenshot(page, "01-browse");
    await page.getByRole("button", { name: "Load more agents", exact: true }).click();
    await cardCount(page, DEMO_AGENTS);
    for (const name of ["Maya, Content Writer", "Sam, Sales Development Rep", "Ava, Support Triage", "Grace, Customer Success Manager"])
      await sees(page, name, page.locator("#results"));
    await sees(page, `${DEMO_AGENTS} agents shown.`);
    await sees(page, "$49");
    // Fresh, with nothing focused, for the keyboard step.
    await page.reload();
    await cardCount(page, FIRST_PAGE);
  });

  await step("keyboard: the skip link comes first and shows a visible focus ring", async () => {
    await page.locator("body").focus();
    await page.keyboard.press("Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      const s = getComputedStyle(el);
      return {
        text: el.textContent?.trim(),
        outline: s.outlineStyle,
        width: parseFloat(s.outlineWidth),
        top: el.getBoundingClientRect().top,
      };
    });
    check(focused.text === "Skip to content", `the first Tab stop is "${focused.text}", not the skip link`);
    check(
      focused.outline !== "none" && focused.width >= 2 && focused.top >= 0,
      `the focused skip link is not visibly focused: ${JSON.stringify(focused)}`,
    );
  });

  await step('search: "release notes" finds the content writer', async () => {
    await page.getByLabel("Search agents", { exact: true }).fill("release notes");
    await page.getByLabel("Search agents", { exact: true }).press("Enter");
    await sees(page, "1 agent found for “release notes”.");
    await cardCount(page, 1);
    await sees(page, "Maya, Content Writer", page.locator("#results"));
    await screenshot(page, "02-search");
  });

  await step("search: the answer to an older search, arriving last, never replaces the newer one's", async () => {
    const search = page.getByLabel("Search agents", { exact: true });
    const older = await holdFirstSearch(page, (query) => query.get("q") === "leads", 1_500);
    await search.fill("leads");
    await search.press("Enter");
    await older.sent;
    await search.fill("release notes");
    await search.press("Enter");
    await sees(page, "1 agent found for “release notes”.");
    await cardCount(page, 1);
    await older.released;
    await sleep(300); // time to paint, if the page let it
    const status = (await page.locator("#results-status").innerText()).trim();
    check(status === "1 agent found for “release notes”.", `after the older answer arrived, the status says "${status}"`);
    await cardCount(page, 1);
    await sees(page, "Maya, Content Writer", page.locator("#results"));
    check(page.url().endsWith("#/?q=release+notes"), `the address is ${page.url()}`);
  });

  await step("filter: Sales shows only the five sales specialists; a bad price range shows the API's error plainly", async () => {
    await page.getByRole("button", { name: "Clear filters", exact: true }).click();
    await cardCount(page, FIRST_PAGE);
    await page.getByLabel("Centre of excellence").selectOption("sales");
    await cardCount(page, 5);
    await sees(page, "Sam, Sales Development Rep", page.locator("#results"));
    await sees(page, "Elena, Account Executive", page.locator("#results"));
    await page.getByLabel("Min price ($/month)").fill("100");
    await page.getByLabel("Max price ($/month)").fill("10");
    await page.getByLabel("Max price ($/month)").press("Enter");
    const alert = page.locator("#browse-error");
    await sees(page, "minPrice: must not exceed maxPrice", alert);
    await sees(page, "Field: minPrice", alert);
    check(
      (await page.getByLabel("Min price ($/month)").getAttribute("aria-invalid")) === "true",
      "the min price input is not marked invalid",
    );
    await screenshot(page, "03-filter-error");
    await page.getByRole("button", { name: "Clear filters", exact: true }).click();
    await cardCount(page, FIRST_PAGE);
    check(await alert.isHidden(), "the error stays on screen after clearing the filters");
  });

  await step("filter: the min price's search, still loading as the max is typed, keeps the max and loses to the newer query", async () => {
    const minOnly = (query: URLSearchParams) => query.get("minPrice") === "100" && !query.has("maxPrice");
    const older = await holdFirstSearch(page, minOnly, 1_500);
    const max = page.getByLabel("Max price ($/month)");
    // A user types a min price, tabs to the max and types it. Here in one go, so that the search
    // the min price starts (on its change event) reaches the router only after the max is typed:
    // the worst timing, which a fast typist or a busy page gets now and then.
    await page.evaluate(() => {
      const minInput = document.getElementById("f-min-price") as HTMLInputElement;
      const maxInput = document.getElementById("f-max-price") as HTMLInputElement;
      minInput.focus();
      minInput.value = "100";
      minInput.dispatchEvent(new Event("input", { bubbles: true }));
      maxInput.focus();
      minInput.dispatchEvent(new Event("change", { bubbles: true }));
      maxInput.value = "10";
      maxInput.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await older.sent;
    check((await max.inputValue()) === "10", `the max price the user typed was replaced by "${await max.inputValue()}"`);
    await max.press("Enter");
    const alert = page.locator("#browse-error");
    await sees(page, "minPrice: must not exceed maxPrice", alert);
    await sees(page, "The agents could not be loaded.", page.locator("#results-status"));
    await older.released;
    await sleep(300); // time to paint, if the page let it
    await sees(page, "minPrice: must not exceed maxPrice", alert);
    const status = (await page.locator("#results-status").innerText()).trim();
    check(status === "The agents could not be loaded.", `after the older answer arrived, the status says "${status}"`);
    check((await page.locator("#results > li").count()) === 0, "the older query's answer painted agent cards");
    check(page.url().includes("maxPrice=10"), `the address is ${page.url()}`);
    await page.getByRole("button", { name: "Clear filters", exact: true }).click();
    await cardCount(page, FIRST_PAGE);
  });

  await step("profile: persona, capabilities, samples, price, trial terms, trust and stats (opened by keyboard)", async () => {
    await page.getByRole("link", { name: "Maya, Content Writer", exact: true }).focus();
    await page.keyboard.press("Enter");
    await heading(page, "Maya, Content Writer");
    const focused = await page.evaluate(() => document.activeElement?.tagName);
    check(focused === "H1", `after navigating, focus should be on the page heading; it is on ${focused}`);
    for (const text of [
      "Turns your shipping velocity into stories your customers read",
      "Maya writes release notes, blog posts and social copy",
      "warm, clear, concise",
      "Free trial: 7 days, up to 10 tasks and $2 of AI spend.",
      "Readability check: an onboarding-emails blog draft",
      "Tasks finished",
      "No reviews yet. Try the agent and be the first.",
      "No ratings yet",
    ])
      await sees(page, text);
    await sees(page, "release notes", page.getByRole("list", { name: "Capabilities" }));
    await page.getByText("How the trust score is computed").click();
    await sees(page, /trust = 60% rating/);
    await a11ySmoke(page, "profile");
    await screenshot(page, "04-profile");
  });

  await step("account: an empty sign-up shows the field error; a real one shows the key once", async () => {
    await page.getByRole("link", { name: "Sign up to start a free trial", exact: true }).click();
    await heading(page, "Sign up or sign in");
    await a11ySmoke(page, "sign-up");
    await page.getByRole("button", { name: "Create account", exact: true }).click();
    await sees(page, "Field: name");
    await page.getByLabel("Your name or company").fill("Acme Robotics");
    await page.getByLabel("Email", { exact: true }).fill("ops@acme-robotics.example");
    await page.getByRole("button", { name: "Create account", exact: true }).click();
    await heading(page, "Your account");
    await sees(page, "Your API key — copy it now, it is shown only once:");
    const key = (await page.locator("#new-api-key").innerText()).trim();
    check(/^wk_[\w-]{20,}$/.test(key), `the shown API key looks wrong: ${key}`);
    await sees(page, "Acme Robotics");
    await sees(page, "ops@acme-robotics.example");
    await sees(page, "not yet: follow the link we sent to this address to start trials");
    check((await page.locator("#account-link").innerText()) === "Account", "the header does not show the signed-in state");
    await a11ySmoke(page, "account");
    await screenshot(page, "05-account");
  });

  await step("verify: the link from the dev log (no e-mail service locally) opens a page whose button verifies the address", async () => {
    const link = await verificationLinkInLog(stack, "ops@acme-robotics.example");
    const tab = await page.context().newPage();
    await tab.goto(link);
    await heading(tab, "Verify your e-mail address");
    await tab.getByRole("button", { name: "Verify my e-mail address", exact: true }).click();
    await sees(tab, "Your e-mail address is verified.");
    await tab.close();
    await page.reload();
    await sees(page, "Verified");
    await sees(page, /^yes$/);
  });

  await step("trial: start a free trial from the profile", async () => {
    await page.getByRole("link", { name: "Continue where you were", exact: true }).click();
    await heading(page, "Maya, Content Writer");
    await page.getByRole("button", { name: "Start free trial", exact: true }).click();
    await heading(page, "Trial: Maya, Content Writer");
    await sees(page, "Your free trial of Maya, Content Writer has started.");
    await sees(page, "0 of 10");
    check(hireIdOf().startsWith("hir_"), `unexpected hire URL ${page.url()}`);
    // The agent's model (the local Anthropic server) will draft the deliverable, then the reply.
    await scriptAnthropic(stack.anthropicUrl, `agent-${hireIdOf()}`, [
      { kind: "tool", input: { action: "act", reason: "drafted the release notes", output: DELIVERABLE } },
      { kind: "tool", input: { action: "act", reason: "shortened the intro", output: REPLY } },
    ]);
    await a11ySmoke(page, "hire");
  });

  await step("task: give a task and see the agent's deliverable appear", async () => {
    await page.getByLabel("Title").fill("Release notes for 2.3");
    await page.getByLabel("Instructions").fill("Write release notes for dark mode and the faster exports.");
    await page.getByRole("button", { name: "Give task", exact: true }).click();
    await heading(page, "Release notes for 2.3");
    await sees(page, DELIVERABLE, undefined, WORK_TIMEOUT_MS);
    await sees(page, "Done", page.locator("#view .status-line").first());
    await sees(page, "Note: drafted the release notes");
    await sees(page, "Decided by its AI model");
    await a11ySmoke(page, "task");
    await screenshot(page, "06-task-done");
  });

  await step("message: send a message and see the agent's reply", async () => {
    await page.getByLabel("Message to Maya").fill("Please make the intro shorter.");
    await page.getByRole("button", { name: "Send message", exact: true }).click();
    await sees(page, "Please make the intro shorter.", page.locator(".messages"));
    await sees(page, REPLY, page.locator(".messages"), WORK_TIMEOUT_MS);
  });

  await step("rate: rate the task 5 stars with a comment", async () => {
    await page.getByLabel("5 stars").check();
    await page.getByLabel("Comment (optional)").fill("Exactly what we needed");
    await page.getByRole("button", { name: "Rate task", exact: true }).click();
    await sees(page, "Your rating: 5 out of 5 — “Exactly what we needed”.");
    await sees(page, "Update rating");
    await screenshot(page, "07-task-rated");
  });

  await step("review: back on the trial, the task is listed as done; publish a review", async () => {
    await page.getByRole("link", { name: "← Back to Maya, Content Writer", exact: true }).click();
    await heading(page, "Trial: Maya, Content Writer");
    await sees(page, "Release notes for 2.3", page.locator("section", { has: page.getByRole("heading", { name: "Tasks", exact: true }) }));
    await sees(page, "Rated 5/5");
    await sees(page, "1 of 10");
    const review = page.locator("section", { has: page.getByRole("heading", { name: "Review Maya", exact: true }) });
    await review.getByLabel("4 stars").check();
    await review.getByLabel("Your review").fill("Quick, clear release notes.");
    await review.getByRole("button", { name: "Publish review", exact: true }).click();
    await sees(page, "Thank you! Your 4-star review is published on Maya’s profile.");
    await a11ySmoke(page, "trial (reviewed)");
    await screenshot(page, "08-trial-reviewed");
  });

  await step("convert: the trial becomes a hire", async () => {
    await page.getByRole("button", { name: "Convert to a hire ($49/month)", exact: true }).click();
    await sees(page, "Maya, Content Writer is now hired: same agent, same context, no trial limits.");
    await heading(page, "Hire: Maya, Content Writer");
    check((await page.getByRole("button", { name: /Convert to a hire/ }).count()) === 0, "the convert button is still offered");
    check((await page.getByText("Trial ends").count()) === 0, "the hire still shows a trial end");
    await a11ySmoke(page, "hire (converted)");
    await screenshot(page, "09-hired");
  });

  await step("outputs: the hire lists its documents; one opens with its Markdown rendered, and HTML in it stays text", async () => {
    const hireId = hireIdOf();
    await scriptAnthropic(stack.anthropicUrl, `agent-${hireId}`, [
      { kind: "tool", input: { action: "act", reason: "wrote the launch checklist", output: RICH_DELIVERABLE } },
    ]);
    await page.getByLabel("Title").fill("Launch checklist");
    await page.getByLabel("Instructions").fill("A checklist for the 2.3 launch, with owners.");
    await page.getByRole("button", { name: "Give task", exact: true }).click();
    await heading(page, "Launch checklist");
    await sees(page, "Done", page.locator("#view .status-line").first(), WORK_TIMEOUT_MS);
    await page.getByRole("link", { name: "← Back to Maya, Content Writer", exact: true }).click();
    await heading(page, "Hire: Maya, Content Writer");
    const outputs = page.locator("section", { has: page.getByRole("heading", { name: "Outputs", exact: true }) });
    // The first task's deliverable, the reply to the message on it, and this one's.
    await sees(page, "3 outputs.", outputs);
    await sees(page, "Reply: Release notes for 2.3", outputs);
    const row = outputs.locator(".row-card", { hasText: "Launch checklist" });
    await sees(page, /^Document · Kept on WAOOAW · /, row);
    await sees(page, /^Stored$/, row);
    await sees(page, "kept on the platform", row);
    await a11ySmoke(page, "hire (outputs)");
    await row.getByRole("link", { name: "Launch checklist", exact: true }).click();
    await heading(page, "Launch checklist");
    const body = page.getByRole("article", { name: "Output" });
    await sees(page, "Launch checklist for 2.3", body.locator("h2"));
    await sees(page, "Owners", body.locator("h3"));
    await sees(page, "Release notes", body.locator("table td").first());
    check((await body.locator("table tr").count()) === 3, "the table does not have its header and two rows");
    check((await body.locator("ul > li").count()) === 3, "the list does not have its three items");
    await sees(page, "Announce", body.locator("strong"));
    // The script and the image's onerror are shown as the text they are, and never ran.
    await sees(page, "<script>window.__pwned = 'script'</script>", body);
    await sees(page, `<img src="x" onerror="window.__pwned = 'img'">`, body);
    check((await body.locator("script, img, iframe").count()) === 0, "the agent's HTML became elements");
    const pwned = await page.evaluate(() => (window as unknown as { __pwned?: string }).__pwned);
    check(pwned === undefined, `the agent's HTML ran: window.__pwned = ${pwned}`);
    const links = await body.locator("a").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
    check(JSON.stringify(links) === JSON.stringify(["https://example.com/launch"]), `links in the body: ${JSON.stringify(links)}`);
    await a11ySmoke(page, "output");
    await screenshot(page, "09b-output", join(ROOT, "docs", "outputs.png"));
    await page.getByRole("link", { name: "← The hire", exact: true }).click();
    await heading(page, "Hire: Maya, Content Writer");
  });

  await step("my hires: the hire is listed, active", async () => {
    await page.getByRole("link", { name: "My hires", exact: true }).click();
    await heading(page, "My hires");
    const row = page.locator(".row-card", { hasText: "Maya, Content Writer" });
    await sees(page, /^Hire$/, row);
    await sees(page, /^Active$/, row);
    await a11ySmoke(page, "my hires");
    await screenshot(page, "10-my-hires");
  });

  await step("reputation: the profile shows the review and rating; a second trial is refused plainly", async () => {
    await page.getByRole("link", { name: "Browse agents", exact: true }).click();
    await heading(page, "Find an agent that earns your business");
    await cardCount(page, FIRST_PAGE);
    await page.getByRole("link", { name: "Maya, Content Writer", exact: true }).click();
    await heading(page, "Maya, Content Writer");
    await sees(page, "Quick, clear release notes.");
    await sees(page, "4.5 out of 5 (2 ratings)");
    await page.getByRole("button", { name: "Start free trial", exact: true }).click();
    await sees(page, "you have already trialled content-writer; hire it to keep working with it");
    await sees(page, "Field: agent");
    await a11ySmoke(page, "profile (reviewed)");
    await screenshot(page, "11-profile-after");
  });

  await step("needs a person: a task that ended llm_unconfigured is shown as a normal outcome", async () => {
    // Without ANTHROPIC_API_KEY a task no rule covers ends like this; the stack here has a (local)
    // model, so this one task's response is stubbed in the browser to show how the page renders it.
    const summary = "llm_unconfigured: ANTHROPIC_API_KEY is not set, so no model can decide; a person must";
    await page.route("**/v1/tasks/tsk_stubbed_unconfigured/chain", (route) =>
      route.fulfill({ json: { taskId: "tsk_stubbed_unconfigured", status: "needs_human", holders: [], messages: [] } }),
    );
    await page.route("**/v1/tasks/tsk_stubbed_unconfigured", (route) =>
      route.fulfill({
        json: {
          id: "tsk_stubbed_unconfigured",
          hireId: "hir_stubbed",
          agent: "content-writer",
          title: "Draft a launch post",
          instructions: "A post about 2.3",
          inputs: {},
          status: "needs_human",
          createdAt: Date.now() - 2_000,
          finishedAt: Date.now() - 1_000,
          rating: null,
          messages: [],
          output: {
            action: "escalate",
            summary,
            deliverable: null,
            delegateTo: null,
            tier: "fallback",
            decisionId: "dec_x",
            decidedAt: Date.now() - 1_000,
          },
          history: [
            { at: Date.now() - 2_000, kind: "created", detail: {} },
            { at: Date.now() - 1_000, kind: "decided", detail: {} },
          ],
        },
      }),
    );
    await page.goto(`${base}/#/tasks/tsk_stubbed_unconfigured`);
    await heading(page, "Draft a launch post");
    await sees(page, "Needs a person", page.locator("#view .status-line").first());
    await sees(page, /this server has no AI model configured \(ANTHROPIC_API_KEY is not set\)/);
    await sees(page, "This is a normal outcome, not an error.");
    check((await page.locator(".error-box:visible").count()) === 0, "the llm_unconfigured outcome is shown as an error");
    await a11ySmoke(page, "task (needs a person)");
    await screenshot(page, "12-task-needs-human");
  });

  await step("team: hire an SDR and an account executive; a qualified lead goes through both, no model involved", async () => {
    for (const slug of ["sales-ae", "sales-sdr"]) {
      await page.goto(`${base}/#/agents/${slug}`);
      const hire = page.getByRole("button", { name: /^Hire for \$/ });
      await hire.waitFor({ timeout: STEP_TIMEOUT_MS });
      await hire.click();
      await heading(page, /^Hire: /);
    }
    await page.getByLabel("Title").fill("Nordwind wants a demo");
    await page.getByLabel("Instructions").fill("Qualify the lead; if it is good, plan the close.");
    await page.getByText("Work inputs (optional)").click();
    await page.getByLabel("Inputs, as JSON").fill(JSON.stringify(CHAIN_INPUTS));
    await page.getByRole("button", { name: "Give task", exact: true }).click();
    await heading(page, "Nordwind wants a demo");
    await sees(page, "Done", page.locator("#view .status-line").first(), WORK_TIMEOUT_MS);
    const chain = page.locator("section", { has: page.getByRole("heading", { name: "Who worked on it", exact: true }) });
    await sees(page, "account-executive", chain.locator(".chain-holders"), WORK_TIMEOUT_MS);
    await sees(page, /sdr …\w{4} handed the task to account-executive/, chain);
    await sees(page, /account-executive …\w{4} acknowledged/, chain);
    await sees(page, /Mutual close plan/, page.locator(".deliverable").first());
    // Both agents' deliverables are the task's outputs.
    const outputs = page.locator("section", { has: page.getByRole("heading", { name: "Outputs", exact: true }) });
    await sees(page, "2 outputs.", outputs, WORK_TIMEOUT_MS);
    check(
      (await outputs.getByRole("link", { name: "Nordwind wants a demo", exact: true }).count()) === 2,
      "the task's outputs are not both listed",
    );
    await a11ySmoke(page, "task (chain)");
    await screenshot(page, "12b-task-chain");
  });

  await step("responsive: no horizontal scrolling on a 390 px wide phone", async () => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${base}/#/`);
    await cardCount(page, FIRST_PAGE);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    check(overflow <= 0, `the page is ${overflow} px wider than the phone's screen`);
    await a11ySmoke(page, "browse (phone)");
    await screenshot(page, "13-browse-phone");
  });
}

/** The marketplace journey, then: every POST the page sent carried its own Idempotency-Key. */
export async function marketplaceTest({ page }: TestPage, stack: LocalStack): Promise<void> {
  const posts: { url: string; key: string | undefined }[] = [];
  page.on("request", (request) => {
    if (request.method() === "POST" && new URL(request.url()).pathname.startsWith("/v1/"))
      posts.push({ url: request.url(), key: request.headers()["idempotency-key"] });
  });
  await journey(page, stack);
  await step("idempotency: every POST the page sent carried its own Idempotency-Key", async () => {
    const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
    check(posts.length >= 8, `expected the journey's POSTs, saw ${posts.length}`);
    const missing = posts.filter((p) => !p.key || !uuid.test(p.key));
    check(missing.length === 0, `POSTs without an Idempotency-Key: ${missing.map((p) => p.url).join(", ")}`);
    const keys = new Set(posts.map((p) => p.key));
    check(keys.size === posts.length, "two different actions shared an Idempotency-Key");
  });
}
