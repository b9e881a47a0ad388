// End-to-end test of the operator dashboard (public/admin) in headless Chromium, on the stack
// test/browser/run.ts starts: sign in (a wrong token, then the right one), agents and their
// health, one agent's decisions and a trace link, the charts (drawn, and their table equal to the
// API's numbers), costs, a dead letter replayed one by one and all at once, breakers and budgets,
// and the waterfall on a fixture trace. Its screenshots go to docs/dashboard-*.png (the README).
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { executeD1, type LocalStack, ROOT, sleep } from "../stack/local-stack";
import { a11ySmoke, check, heading, screenshot, sees, STEP_TIMEOUT_MS, step, type TestPage } from "./kit";

const DOCS = join(ROOT, "docs");
const TIERS = ["rules", "learned", "cache", "semantic", "llm", "fallback"] as const;

/** The operator API, as the test checks the page against it. */
function operatorApi(stack: LocalStack) {
  return async <T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> => {
    const res = await fetch(`${stack.baseUrl}${path}`, {
      signal: AbortSignal.timeout(STEP_TIMEOUT_MS),
      ...init,
      headers: {
        authorization: `Bearer ${stack.adminToken}`,
        ...(init.json === undefined ? {} : { "content-type": "application/json" }),
      },
      body: init.json === undefined ? init.body : JSON.stringify(init.json),
    }).catch((error: unknown) => {
      // undici's "fetch failed" hides why: say it.
      const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : "";
      throw new Error(`${init.method ?? "GET"} ${path} failed${cause}`);
    });
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

interface EventView {
  id: string;
  traceId: string;
  receivedAt: number;
  status: string;
  type: string;
  source: string;
  subject: string;
  customerId: string | null;
  occurredAt: string;
  payload: Record<string, unknown>;
}

/** A fixture trace (src/schemas/trace-views.ts): an ingest, its queue hop, a wake with a failed LLM call and a decision. */
const FIXTURE_TRACE = {
  traceId: "trc_fixture",
  startMs: 1_000_000,
  durationMs: 1_000,
  spanCount: 5,
  errorCount: 1,
  spans: [
    {
      spanId: "0000000000000001",
      parentSpanId: null,
      depth: 0,
      kind: "ingest",
      name: "ingest customer.message",
      startMs: 1_000_000,
      durationMs: 50,
      status: "ok",
    },
    {
      spanId: "0000000000000002",
      parentSpanId: "0000000000000001",
      depth: 1,
      kind: "queue",
      name: "queue wake",
      startMs: 1_000_050,
      durationMs: 200,
      status: "ok",
    },
    {
      spanId: "0000000000000003",
      parentSpanId: "0000000000000002",
      depth: 2,
      kind: "wake",
      name: "wake triage-1",
      startMs: 1_000_250,
      durationMs: 700,
      status: "ok",
    },
    {
      spanId: "0000000000000004",
      parentSpanId: "0000000000000003",
      depth: 3,
      kind: "llm",
      name: "llm claude",
      startMs: 1_000_300,
      durationMs: 500,
      status: "error",
      error: "HTTP 529 overloaded",
    },
    {
      spanId: "0000000000000005",
      parentSpanId: "0000000000000003",
      depth: 3,
      kind: "decision",
      name: "decision fallback escalate",
      startMs: 1_000_800,
      durationMs: null,
      status: "unset",
    },
  ].map((s) => ({ traceId: "trc_fixture", error: null, instanceId: null, eventId: null, attributes: {}, ...s })),
};

/** Waits until the view has finished loading (main.js sets aria-busy=false). */
async function settled(page: Page): Promise<void> {
  await page.locator('#view[aria-busy="false"]').waitFor({ state: "attached", timeout: STEP_TIMEOUT_MS });
}

/** The text of every cell of a table's body, row by row. */
async function cells(page: Page, tableId: string): Promise<string[][]> {
  return page
    .locator(`#${tableId} tbody tr`)
    .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())));
}

const n = (text: string | undefined) => Number((text ?? "").replace(/[,$]/g, ""));

export async function adminTest({ page }: TestPage, stack: LocalStack): Promise<void> {
  const api = operatorApi(stack);
  const run = randomUUID().slice(0, 8);
  const customer = `cus_dash${run}`;
  const agent = `dash-triage-${run}`;

  // Work for the dashboard to show: an agent of our own, three events its rules decide.
  await api("/v1/admin/definitions", {
    method: "POST",
    json: {
      slug: `dash-triage-${run}`,
      specialization: {
        coe: "support",
        role: "triage",
        capabilities: ["triage"],
        rules: [
          {
            id: "urgent",
            when: { type: "customer.message", conditions: [{ path: "payload.priority", op: "eq", value: "urgent" }] },
            then: { action: "escalate", reason: "urgent" },
          },
          {
            id: "answer",
            when: { type: "customer.message", subject: "ticket:*" },
            then: { action: "act", reason: "answer from playbook" },
          },
        ],
        subscriptions: [{ event: "customer.*" }],
      },
      personality: { displayName: "Dashboard Triage", tagline: "Tests", tone: "plain", languages: ["en"] },
    },
  });
  await api("/v1/admin/agents", { method: "POST", json: { definition: `dash-triage-${run}`, id: agent, customerId: customer } });
  const ingested: { id: string; traceId: string }[] = [];
  for (const payload of [{ text: "hello" }, { text: "and again" }, { text: "now!", priority: "urgent" }])
    ingested.push(
      await api("/v1/events", {
        method: "POST",
        json: {
          type: "customer.message",
          source: "dashboard-test",
          subject: "ticket:1",
          customerId: customer,
          occurredAt: new Date().toISOString(),
          payload,
        },
      }),
    );
  const deadline = Date.now() + 20_000;
  for (;;) {
    const decided = await api<{ items: unknown[] }>(`/v1/admin/agents/${agent}/decisions`);
    if (decided.items.length === 3) break;
    if (Date.now() > deadline) throw new Error(`the agent decided ${decided.items.length} of 3 events in 20 s`);
    await sleep(200);
  }

  await step("sign-in: a wrong token is refused with a clear message, the right one opens the agents", async () => {
    await page.goto(`${stack.baseUrl}/admin`);
    await heading(page, "Operator sign-in");
    await a11ySmoke(page, "sign-in");
    await page.getByLabel("Operator token").fill("not-the-token");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await sees(page, "That token was not accepted: it is not this deployment's operator token.");
    check((await page.getByLabel("Operator token").getAttribute("aria-invalid")) === "true", "the token field is not marked invalid");
    await screenshot(page, "admin-01-wrong-token", join(DOCS, "dashboard-login.png"));
    const stored = await page.evaluate(() => [sessionStorage.length, localStorage.length]);
    check(stored[0] === 0 && stored[1] === 0, `a refused token was stored: ${JSON.stringify(stored)}`);

    await page.getByLabel("Operator token").fill(stack.adminToken);
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await heading(page, "Agents and their health");
    const kept = await page.evaluate(() => ({ session: sessionStorage.getItem("waooaw.operatorToken"), local: localStorage.length }));
    check(kept.session !== null && kept.local === 0, `the token is not kept in sessionStorage only: ${JSON.stringify(kept)}`);
  });

  await step("agents: every instance with its state, inbox, last wake and errors, as the API lists them", async () => {
    await settled(page);
    const listed = await api<{ items: { id: string; state: string }[] }>("/v1/admin/agents?limit=500");
    const rows = await cells(page, "agents-table");
    check(rows.length === listed.items.length, `the table has ${rows.length} rows, the API lists ${listed.items.length} agents`);
    check(
      JSON.stringify(rows.map((r) => [r[0], r[2]])) === JSON.stringify(listed.items.map((a) => [a.id, a.state])),
      "the table's agents and states differ from the API's",
    );
    const ours = rows.find((r) => r[0] === agent);
    check(ours, `agent ${agent} is not listed`);
    check(
      ours[3] === "0" && ours[5] === "3" && ours[4] !== "—",
      `agent ${agent}'s row: ${JSON.stringify(ours)} (want inbox 0, 3 decisions, a last wake)`,
    );
    await a11ySmoke(page, "agents");
    await screenshot(page, "admin-02-agents", join(DOCS, "dashboard-agents.png"));
  });

  await step("agent page: its decisions with their tier and trace id, its tier mix and budget", async () => {
    await page.getByRole("link", { name: agent, exact: true }).click();
    await heading(page, `Agent ${agent}`);
    await settled(page);
    const decisions = await cells(page, "decisions-table");
    check(decisions.length === 3, `the agent page lists ${decisions.length} decisions`);
    check(
      decisions.every((d) => d[1] === "rules"),
      `tiers: ${decisions.map((d) => d[1]).join(", ")}`,
    );
    const traces = new Set(decisions.map((d) => d[6]));
    for (const e of ingested) check(traces.has(e.traceId), `trace ${e.traceId} of event ${e.id} is not on the agent page`);
    const tiers = await cells(page, "agent-tiers");
    check(
      tiers.some((t) => t[0] === "rules" && t[1] === "3"),
      `tier mix: ${JSON.stringify(tiers)}`,
    );
    await sees(page, `Budget of agent ${agent}`);
    await a11ySmoke(page, "agent");
    await screenshot(page, "admin-03-agent", join(DOCS, "dashboard-agent.png"));
  });

  await step(
    "trace: a decision's trace id opens its waterfall (every span of the API's trace, the decision's attributes); the list links to it",
    async () => {
      const traceId = ingested[0]?.traceId ?? "";
      await page.getByRole("link", { name: traceId, exact: true }).click();
      await heading(page, "Trace");
      await settled(page);
      const res = await fetch(`${stack.baseUrl}/v1/admin/traces/${traceId}`, { headers: { authorization: `Bearer ${stack.adminToken}` } });
      check(res.ok, `GET /v1/admin/traces/${traceId}: ${res.status}`);
      const trace = (await res.json()) as {
        spanCount: number;
        spans: { kind: string; name: string; attributes: Record<string, unknown> }[];
      };
      const rows = page.locator(`.waterfall[data-trace-id="${traceId}"] .wf-row`);
      check((await rows.count()) === trace.spanCount, `the waterfall shows ${await rows.count()} spans, the API has ${trace.spanCount}`);
      const kinds = await rows.evaluateAll((els) => els.map((e) => e.getAttribute("data-kind")));
      check(kinds.join(",") === trace.spans.map((s) => s.kind).join(","), `rows in the API's tree order: ${kinds.join(",")}`);
      check(kinds[0] === "ingest" && kinds.includes("decision"), `an ingest root and a decision: ${kinds.join(",")}`);
      // The axis is the trace's own: a finished trace's root, which lasts as long as the trace, fills its track.
      const rootShare = await rows.first().evaluate((row) => {
        const bar = row.querySelector(".wf-bar")?.getBoundingClientRect();
        const track = row.querySelector(".wf-track")?.getBoundingClientRect();
        return bar && track ? bar.width / track.width : 0;
      });
      check(rootShare > 0.9, `the root's bar fills ${Math.round(rootShare * 100)}% of its track, not all of it`);
      // A decision's attributes (its tier, among others) open under its row.
      const decision = rows.filter({ has: page.locator(".wf-kind", { hasText: "decision" }) }).first();
      await decision.locator("details.wf-attrs summary").click();
      await sees(page, "decision.tier", decision);
      await a11ySmoke(page, "trace");
      await screenshot(page, "admin-04-trace", join(DOCS, "dashboard-trace.png"));

      await page.goto(`${stack.baseUrl}/admin/#/traces`);
      await heading(page, "Traces");
      await settled(page);
      await page.locator("#traces-table").getByRole("link", { name: traceId, exact: true }).waitFor();
      await page.goto(`${stack.baseUrl}/admin/#/traces/trc_not_a_trace`);
      await sees(page, "No trace with id trc_not_a_trace here");
    },
  );

  await step("waterfall: a fixture trace renders indented by depth, bars on the time axis, errors marked in words", async () => {
    const drawn = await page.evaluate(async (trace) => {
      const module = "/admin/js/waterfall.js"; // the page's own module, as the browser loads it
      const { renderWaterfall } = (await import(module)) as {
        renderWaterfall: (t: unknown, now?: number) => HTMLElement;
      };
      const figure = renderWaterfall(trace);
      const view = document.getElementById("view");
      view?.replaceChildren(figure);
      return [...figure.querySelectorAll<HTMLElement>(".wf-row")].map((row) => ({
        depth: row.dataset["depth"],
        indent: (row.querySelector(".wf-name") as HTMLElement).style.paddingLeft,
        left: (row.querySelector(".wf-bar") as HTMLElement).style.left,
        width: (row.querySelector(".wf-bar") as HTMLElement).style.width,
        error: row.classList.contains("wf-error"),
        text: row.innerText,
      }));
    }, FIXTURE_TRACE);
    check(drawn.length === 5, `${drawn.length} rows for 5 spans`);
    check(
      JSON.stringify(drawn.map((r) => [r.depth, r.indent])) ===
        JSON.stringify([
          ["0", "0rem"],
          ["1", "1.25rem"],
          ["2", "2.5rem"],
          ["3", "3.75rem"],
          ["3", "3.75rem"],
        ]),
      `indentation: ${JSON.stringify(drawn.map((r) => [r.depth, r.indent]))}`,
    );
    // The LLM call starts 300 ms into a 1 s trace and lasts 500 ms; the open decision runs to the end.
    const pct = (css: string | undefined) => Number(/([\d.]+)%/.exec(css ?? "")?.[1]);
    check(pct(drawn[3]?.left) === 30 && pct(drawn[3]?.width) === 50, `LLM bar: ${JSON.stringify(drawn[3])}`);
    check(pct(drawn[4]?.left) === 80 && pct(drawn[4]?.width) === 20, `open span's bar: ${JSON.stringify(drawn[4])}`);
    check(
      drawn.map((r) => r.error).join() === "false,false,false,true,false" && /Error: HTTP 529 overloaded/.test(drawn[3]?.text ?? ""),
      `error marks: ${JSON.stringify(drawn.map((r) => [r.error, r.text]))}`,
    );
    await screenshot(page, "admin-04-waterfall-fixture");
  });

  await step("activity: the charts are drawn and their table says what the API says", async () => {
    const answered = page.waitForResponse((r) => new URL(r.url()).pathname === "/v1/admin/stats/timeseries");
    await page.getByRole("link", { name: "Activity", exact: true }).click();
    await heading(page, "Throughput and tier mix");
    const series = (await (await answered).json()) as {
      buckets: { start: number; events: number; wakes: number; decisions: Record<(typeof TIERS)[number], number>; costUsd: number }[];
    };
    await settled(page);
    await page.locator(".chart canvas").nth(2).waitFor({ state: "visible" });
    const canvases = await page.locator(".chart canvas").count();
    check(canvases >= 3, `${canvases} chart canvases`);
    // The table lists the buckets with something in them, oldest first.
    const busy = series.buckets.filter((b) => b.events + b.wakes + TIERS.reduce((s, t) => s + b.decisions[t], 0) > 0);
    const rows = await cells(page, "activity-table");
    check(rows.length === busy.length && busy.length > 0, `${rows.length} table rows for ${busy.length} busy buckets`);
    busy.forEach((b, i) => {
      const row = rows[i] ?? [];
      const want = [b.events, b.wakes, ...TIERS.map((t) => b.decisions[t])];
      const got = row.slice(1, 3 + TIERS.length).map(n);
      check(row[0] === new Date(b.start).toISOString().slice(0, 16).replace("T", " "), `row ${i} is bucket ${row[0]}, not ${b.start}`);
      check(
        JSON.stringify(got) === JSON.stringify(want),
        `bucket ${i}: the table says ${JSON.stringify(got)}, the API ${JSON.stringify(want)}`,
      );
    });
    const total = (k: "events" | "rules") => series.buckets.reduce((s, b) => s + (k === "events" ? b.events : b.decisions.rules), 0);
    check(total("events") >= 3 && total("rules") >= 3, `the last hour shows ${total("events")} events, ${total("rules")} rule decisions`);
    await a11ySmoke(page, "activity");
    await screenshot(page, "admin-05-activity", join(DOCS, "dashboard-activity.png"));
  });

  await step("costs: by agent and by customer, as the API reports them", async () => {
    await page.getByRole("link", { name: "Costs", exact: true }).click();
    await heading(page, "Costs");
    await settled(page);
    const report = await api<{ items: { key: string; decisions: number; rules: number; llm: number; costUsd: number }[] }>(
      "/v1/admin/costs?groupBy=agent&limit=500",
    );
    const rows = await cells(page, "costs-table");
    check(rows.length === report.items.length, `${rows.length} rows, the API has ${report.items.length} groups`);
    for (const [i, item] of report.items.entries()) {
      const row = rows[i] ?? [];
      check(
        row[0] === item.key && n(row[1]) === item.decisions && n(row[2]) === item.rules && n(row[6]) === item.llm,
        `row ${i}: ${JSON.stringify(row)} vs ${JSON.stringify(item)}`,
      );
    }
    await a11ySmoke(page, "costs");
    await screenshot(page, "admin-06-costs", join(DOCS, "dashboard-costs.png"));
    await page.getByRole("link", { name: "By customer", exact: true }).click();
    await settled(page);
    const byCustomer = await cells(page, "costs-table");
    const ours = byCustomer.find((r) => r[0] === customer);
    check(ours && n(ours[1]) === 3 && n(ours[2]) === 3, `customer ${customer}: ${JSON.stringify(ours)}`);
  });

  await step("dead letters: two undelivered events listed with their errors; replay one, then all", async () => {
    // Dead letters as the DLQ consumer stores them (src/wake/dead-letters.ts) for two real events:
    // a wake that failed past its retries is the only way there, and nothing here breaks an agent.
    const letters: string[] = [];
    for (const text of ["lost one", "lost two"]) {
      const { id } = await api<{ id: string }>("/v1/events", {
        method: "POST",
        json: {
          type: "customer.message",
          source: "dashboard-test",
          subject: "ticket:2",
          customerId: customer,
          occurredAt: new Date().toISOString(),
          payload: { text },
        },
      });
      const event = await api<EventView>(`/v1/events/${id}`);
      const stored = {
        v: 2,
        items: [
          {
            event: {
              id,
              type: event.type,
              source: event.source,
              subject: event.subject,
              customerId: event.customerId,
              occurredAt: event.occurredAt,
              payload: event.payload,
              traceId: event.traceId,
              receivedAt: event.receivedAt,
            },
          },
        ],
      };
      const letter = `dl_dash_${run}_${letters.length}`;
      const quoted = JSON.stringify(stored).replaceAll("'", "''");
      await executeD1(
        stack,
        `INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES ('${letter}', '${id}', '${quoted}', 'agent ${agent}: rules store unavailable', 4, ${Date.now() + letters.length})`,
      );
      letters.push(letter);
    }
    // The agents view says there is something to replay, and leads there.
    await page.getByRole("link", { name: "Agents", exact: true }).click();
    await heading(page, "Agents and their health");
    await settled(page);
    const tile = (await page.locator("#tile-dead").innerText()).trim();
    check(tile === "2", `the agents view counts ${tile} dead letters to replay, not 2`);
    await page.locator("#tile-dead a").click();
    await heading(page, "Dead letters");
    await settled(page);
    const rows = await cells(page, "dlq-table");
    check(
      rows.length >= 2 && rows.filter((r) => r[2] === `agent ${agent}: rules store unavailable`).length === 2,
      `dead letters shown: ${JSON.stringify(rows)}`,
    );
    await a11ySmoke(page, "dead letters");
    await screenshot(page, "admin-07-dlq", join(DOCS, "dashboard-dlq.png"));

    const [first, second] = letters as [string, string];
    await page.getByRole("button", { name: `Replay ${first}`, exact: true }).click();
    await sees(page, `Requeued ${first}.`);
    await sees(page, "requeued just now", page.locator(`[data-replayed="${first}"]`));
    const listed = async () => (await api<{ items: { id: string; replayCount: number }[] }>("/v1/admin/dlq?limit=200")).items;
    check((await listed()).find((l) => l.id === first)?.replayCount === 1, "the API does not count the replay of the first");

    await page.reload();
    await settled(page);
    const all = page.locator("#replay-all");
    check((await all.innerText()).includes("Replay all 1 not yet replayed"), `the button says "${await all.innerText()}"`);
    await all.click();
    await sees(page, "Replayed 1 of 1.");
    const after = await listed();
    check(after.find((l) => l.id === second)?.replayCount === 1, "the API does not count the replay of the second");
    check(after.find((l) => l.id === first)?.replayCount === 1, "replay all replayed the first again");
  });

  await step("breakers and budgets: the provider's breaker, every agent's budget, a customer's on request", async () => {
    await page.getByRole("link", { name: "Breakers & budgets", exact: true }).click();
    await heading(page, "Breakers and budgets");
    await settled(page);
    const breaker = await api<{ phase: string }>("/v1/admin/breakers/anthropic");
    const breakers = await cells(page, "breakers-table");
    check(breakers[0]?.[0] === "anthropic" && breakers[0][1] === breaker.phase.replace("_", "-"), `breakers: ${JSON.stringify(breakers)}`);
    const budget = await api<{ windows: { window: string; used: number; reserved: number; limit: number }[] }>(
      `/v1/admin/budgets/agents/${agent}`,
    );
    const rows = (await cells(page, "budgets-table")).filter((r) => r[0] === agent);
    check(
      JSON.stringify(rows.map((r) => [r[1], n(r[2]), n(r[3])])) ===
        JSON.stringify(budget.windows.map((w) => [w.window, w.used + w.reserved, w.limit])),
      `agent ${agent}'s budget rows: ${JSON.stringify(rows)} vs ${JSON.stringify(budget.windows)}`,
    );
    await page.getByLabel("Customer id").fill(customer);
    await page.getByRole("button", { name: "Show budget", exact: true }).click();
    await sees(page, `Budget of customer ${customer}`);
    await a11ySmoke(page, "breakers and budgets");
    await screenshot(page, "admin-08-controls", join(DOCS, "dashboard-controls.png"));
  });

  await step("sign-out: the token is forgotten and every view asks for it again", async () => {
    await page.getByRole("link", { name: "Sign-in", exact: true }).click();
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await heading(page, "Operator sign-in");
    check((await page.evaluate(() => sessionStorage.length)) === 0, "the token is still stored");
    await page.goto(`${stack.baseUrl}/admin/#/costs`);
    await heading(page, "Operator sign-in");
  });
}
