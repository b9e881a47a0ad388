// The API contract: every documented response, checked against its documented schema.
//
// Each request below goes through `check()`, which finds the route the request hit in the
// OpenAPI registry (the same data /openapi.json is generated from) and parses the real response
// with the schema documented for the status it answered. A status the route does not document
// fails, and so does a body with a field missing or a field the documentation does not have
// (zod drops unknown keys, so the parsed body must equal the raw one). The walk covers every
// documented success response of every route, and every route's 401, and the last test fails if
// one was left out, so a new route or status cannot go unchecked. Other error statuses are
// checked wherever the walk provokes them (400, 404, 409, 413, 422); 503 needs a queue that
// refuses, which test/wake/ingest.test.ts covers.
import { describe, expect, inject, it } from "vitest";
import type { z } from "zod";
import { describedRoutes, documentedResponses } from "../../src/http/openapi/registry";
import "../../src/http/openapi";
import { auth, call, customerMessage, delivered, env, eventually, nth, supportDefinition, unique } from "../helpers";
import { listedDefinition, type SignedUp, signUp as signUpCustomer } from "../marketplace/helpers";
import { QUALIFIED_LEAD, sdr } from "../organisation/helpers";
import { example, uniqueRepository } from "../github/webhooks-helpers";
import { sign } from "@octokit/webhooks-methods";
import { verificationLinkFor } from "../servers/resend-control";

const routes = [...documentedResponses()].map(([route, responses]) => {
  const [method = "", template = ""] = route.split(" ");
  const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, "[^/]+")}$`);
  return { route, method, template, pattern, responses, params: (template.match(/\{/g) ?? []).length };
});

/** Routes that answer without a token too: the public profile, or with one the deprecated operator read. */
const TOKEN_OPTIONAL = new Set(["GET /v1/agents/{ref}"]);

/** Which documented responses the walk has seen: `GET /v1/hires/{id} 200`. */
const seen = new Set<string>();

/** The documented route a request hits; the most specific one when a template could match too. */
function routeOf(method: string, path: string) {
  const candidates = routes.filter((r) => r.method === method && r.pattern.test(path)).sort((a, b) => a.params - b.params);
  return candidates[0];
}

type Init = RequestInit & { json?: unknown; as?: SignedUp | "operator" | "public" };

/** Path parameters that name something a customer owns (a coordinator's `{coe}` is public). */
const TENANT_PARAM = /\{(id|ruleId|memoryId)\}/;

/** Customer routes on an owned resource that another customer has already been refused. */
const probed = new Set<string>();
let intruder: Promise<SignedUp> | undefined;

/**
 * Before a customer acts on something they own, another customer tries the very same request
 * (method, path, body). When the owner's request then succeeds, the other's must have been
 * refused with a 404 (nothing there for them) or a 403, and the owner's success shows the attempt
 * changed nothing; when the owner's fails too (bad input), the other's must have failed.
 */
async function probeAsIntruder(method: string, path: string, init: Init): Promise<{ status: number; text: string }> {
  intruder ??= signUpCustomer("Intruder Inc");
  const other = await intruder;
  const headers = { ...(init.headers as Record<string, string> | undefined), authorization: `Bearer ${other.key}` };
  const res = await call(path, { ...init, method, headers });
  return { status: res.status, text: await res.text() };
}

/** Calls the API and checks the response against what its route documents for that status. */
async function check(method: string, path: string, init: Init = {}): Promise<{ status: number; body: unknown; res: Response }> {
  const who = init.as ?? "public";
  const headers: Record<string, string> = { ...(init.headers as Record<string, string> | undefined) };
  if (who === "operator") Object.assign(headers, auth);
  else if (who !== "public") headers.authorization = `Bearer ${who.key}`;
  const route = routeOf(method, new URL(path, "http://x").pathname);
  const intruded =
    typeof who === "object" && route && TENANT_PARAM.test(route.template) ? await probeAsIntruder(method, path, init) : undefined;
  const res = await call(path, { ...init, method, headers });
  if (intruded && route) {
    const where = `${route.route} as another customer (the owner got ${res.status}): ${intruded.text}`;
    if (res.status < 300) {
      expect([403, 404], where).toContain(intruded.status);
      probed.add(route.route);
    } else expect(intruded.status, where).toBeGreaterThanOrEqual(400);
  }
  expect(route, `${method} ${path} is not a documented route`).toBeDefined();
  if (!route) throw new Error("unreachable");
  const where = `${route.route} → ${res.status}`;
  const text = await res.text();
  expect(route.responses.has(res.status), `${where} is not a documented status: ${text}`).toBe(true);
  const schema = route.responses.get(res.status) as z.ZodType | null | undefined;
  let body: unknown = null;
  if (schema === null) expect(text, `${where} documents no body`).toBe("");
  else if (schema) {
    // GET /metrics answers Prometheus text and the verification link a page, documented as strings.
    body = res.headers.get("content-type")?.startsWith("text/") ? text : JSON.parse(text);
    const parsed = schema.safeParse(body);
    expect(parsed.error?.issues ?? [], `${where}: ${text}`).toEqual([]);
    expect(parsed.data, `${where}: undocumented fields in ${text}`).toEqual(body);
  }
  seen.add(`${route.route} ${res.status}`);
  return { status: res.status, body, res };
}

/** `check`, insisting on one status and returning the body typed as the caller expects. */
async function expectStatus<T>(status: number, method: string, path: string, init: Init = {}): Promise<T> {
  const answer = await check(method, path, init);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.body)}`).toBe(status);
  return answer.body as T;
}

const get = <T>(path: string, as: Init["as"], status = 200) => expectStatus<T>(status, "GET", path, { as });
const post = <T>(path: string, as: Init["as"], json?: unknown, status = 200) => expectStatus<T>(status, "POST", path, { as, json });

describe("the API contract: responses match their documentation", () => {
  const slug = unique("contract");
  const customer = unique("contract-cust");
  const instance = unique("contract-agt");
  let signedUp: SignedUp;

  it("events: ingest one and a batch, a duplicate, and read one back", async () => {
    await post("/v1/admin/definitions", "operator", supportDefinition(`${slug}-ops`), 201);
    await post("/v1/admin/agents", "operator", { definition: `${slug}-ops`, id: instance, customerId: customer }, 201);
    const event = { ...customerMessage(customer, { payload: { priority: "urgent" } }), id: unique("evt-contract") };
    const { id, traceId } = await post<{ id: string; traceId: string }>("/v1/events", "operator", event, 202);
    await post("/v1/events", "operator", event, 200);
    await post("/v1/events/batch", "operator", { events: [customerMessage(unique("nobody"))] }, 202);
    await delivered(id);
    await get(`/v1/events/${id}`, "operator");
    await get(`/v1/events/${unique("missing")}`, "operator", 404);
    await get("/v1/admin/events?limit=5", "operator");
    await get(`/v1/admin/traces/${traceId}`, "operator");
    await get(`/v1/admin/traces/${unique("trc-missing")}`, "operator", 404);
    await get(`/v1/admin/traces?limit=2&customerId=${customer}`, "operator");
    await get("/v1/admin/traces?limit=0", "operator", 400);
    await post("/v1/events", "public", event, 401);
    await post("/v1/events", "operator", { ...event, type: "github.star" }, 400);
  });

  it("agent instances: read, decisions, summary, lifecycle, and the deprecated paths", async () => {
    await get(`/v1/admin/agents/${instance}`, "operator");
    await get(`/v1/admin/agents/${instance}/decisions?limit=1`, "operator");
    await get(`/v1/admin/agents/${instance}/decisions/summary`, "operator");
    await get(`/v1/admin/agents?definition=${slug}-ops`, "operator");
    await get(`/v1/admin/agents/${unique("nobody")}`, "operator", 404);
    for (const [path, successor] of [
      [`/v1/agents/${instance}`, `/v1/admin/agents/${instance}`],
      [`/v1/agents/${instance}/decisions`, `/v1/admin/agents/${instance}/decisions`],
      [`/v1/agents/${instance}/decisions/summary`, `/v1/admin/agents/${instance}/decisions/summary`],
    ] as const) {
      const { status, res } = await check("GET", path, { as: "operator" });
      expect(status).toBe(200);
      expect(res.headers.get("deprecation"), path).toMatch(/^@\d+$/);
      expect(res.headers.get("link"), path).toBe(`<${successor}>; rel="successor-version"`);
    }
    const memories = [{ customerId: customer, kind: "fact", text: "We are a dental clinic in Ohio" }];
    await post(`/v1/admin/agents/${instance}/memories`, "operator", { memories }, 201);
    await post(`/v1/admin/agents/${instance}/memories`, "operator", { memories: [] }, 400);
    await post(`/v1/admin/agents/${unique("nobody")}/memories`, "operator", { memories }, 404);
    await get(`/v1/admin/agents/${instance}/memories/search?q=dental+clinic&customerId=${customer}`, "operator");
    await get(`/v1/admin/agents/${instance}/memories/search?q=x&topK=0`, "operator", 400);
    await get(`/v1/admin/agents/${unique("nobody")}/memories/search?q=x`, "operator", 404);
    await post(`/v1/admin/agents/${instance}/pause`, "operator");
    await post(`/v1/admin/agents/${instance}/resume`, "operator");
    await post(`/v1/admin/agents/${instance}/retire`, "operator");
    await post(`/v1/admin/agents/${instance}/resume`, "operator", undefined, 409);
  });

  it("definitions and the demo seed", async () => {
    await get("/v1/definitions", "public");
    const rules = [
      { id: "audit", when: { type: "task.assigned" }, then: { action: "act" as const, reason: "audit", skill: "seo.no-such-skill" } },
    ];
    const refused = await post<{ error: { code: string; field: string } }>(
      "/v1/admin/definitions",
      "operator",
      supportDefinition(`${slug}-skills`, { rules }),
      400,
    );
    expect(refused.error).toMatchObject({ code: "unknown_skill", field: "specialization.rules[0].then.skill" });
    await post("/v1/admin/seed", "operator");
  });

  it("budgets, breakers, costs, stats", async () => {
    await get(`/v1/admin/budgets/customers/${customer}`, "operator");
    const limits = { tokensPerDay: 10, usdPerMonth: 1, llmCallsPerMinute: 1 };
    await expectStatus(200, "PUT", `/v1/admin/budgets/customers/${customer}`, { as: "operator", json: limits });
    await expectStatus(200, "DELETE", `/v1/admin/budgets/customers/${customer}`, { as: "operator" });
    await get(`/v1/admin/budgets/agents/${unique("nobody")}`, "operator", 404);
    await get("/v1/admin/breakers/anthropic", "operator");
    await post("/v1/admin/breakers/anthropic/reset", "operator");
    await get("/v1/admin/encryption", "operator");
    await post("/v1/admin/encryption/reencrypt", "operator", { limit: 10, agents: 1 });
    await post("/v1/admin/encryption/reencrypt", "operator", { limit: "all" }, 400);
    await post("/v1/admin/cron/run", "operator", { cron: "*/15 * * * *" });
    await post("/v1/admin/cron/run", "operator", { cron: "hourly" }, 400);
    await get("/v1/admin/costs?groupBy=coe", "operator");
    await get("/v1/admin/stats?since=0", "operator");
    await get("/v1/admin/reconciliation?since=0", "operator");
    await get("/v1/admin/stats/timeseries?step=3600000", "operator");
    await get("/v1/admin/stats/timeseries?step=60000", "operator", 400);
    await get("/metrics", "operator");
  });

  it("dead letters: list and replay", async () => {
    const event = { ...customerMessage(unique("nobody")), id: unique("evt-dead") };
    await post("/v1/events", "operator", event, 202);
    await delivered(event.id);
    const stored = await eventually(async () => {
      const row = await env.DB.prepare(`SELECT * FROM events WHERE id = ?`).bind(event.id).first<Record<string, unknown>>();
      return row ?? undefined;
    });
    const message = {
      v: 2,
      items: [{ event: { ...event, traceId: stored["trace_id"], receivedAt: stored["received_at"], payload: event.payload ?? {} } }],
    };
    const letter = unique("dl_contract");
    await env.DB.prepare(`INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES (?, ?, ?, 'test', 4, ?)`)
      .bind(letter, event.id, JSON.stringify(message), Date.now())
      .run();
    await get("/v1/admin/dlq?limit=5", "operator");
    await post(`/v1/admin/dlq/${letter}/replay`, "operator", undefined, 202);
    await post(`/v1/admin/dlq/${unique("dl_missing")}/replay`, "operator", undefined, 404);
  });

  it("customers: sign up, verify the e-mail, account, keys", async () => {
    const email = `ops@${unique("contract")}.example`;
    const signUp = await post<{ customer: { id: string }; apiKey: { key: string } }>(
      "/v1/customers",
      "public",
      { name: "Contract Co", email },
      201,
    );
    signedUp = { customerId: signUp.customer.id, key: signUp.apiKey.key };
    const tokenOf = async (to: string) =>
      new URL((await verificationLinkFor(inject("resendUrl"), to)) ?? "http://x").searchParams.get("token");
    const first = await tokenOf(email);
    await post("/v1/customers/me/verification", signedUp, undefined, 202);
    await post("/v1/customers/verify", "public", { token: first }, 400);
    // Opening the link changes nothing (the page's form posts the token: test/marketplace/email-verification.test.ts).
    const second = await tokenOf(email);
    await get(`/v1/customers/verify?token=${second}`, "public");
    await post("/v1/customers/verify", "public", { token: second });
    await post("/v1/customers/me/verification", signedUp, undefined, 409);
    const otherEmail = `ops@${unique("contract")}.example`;
    const other = await post<{ customer: { id: string } }>("/v1/customers", "public", { name: "Other Co", email: otherEmail }, 201);
    await post("/v1/customers/verify", "public", { token: await tokenOf(otherEmail) });
    await post(`/v1/admin/customers/${other.customer.id}/verify-email`, "operator");
    await post(`/v1/admin/customers/${unique("cus-none")}/verify-email`, "operator", undefined, 404);
    await get("/v1/customers/me", signedUp);
    const key = await post<{ id: string }>("/v1/customers/me/keys", signedUp, { label: "ci" }, 201);
    await get("/v1/customers/me/keys", signedUp);
    await expectStatus(204, "DELETE", `/v1/customers/me/keys/${key.id}`, { as: signedUp });
    await expectStatus(404, "DELETE", `/v1/customers/me/keys/${key.id}`, { as: signedUp });
    await get("/v1/customers/me", "public", 401);
    await get("/v1/customers/me/audit?limit=5", signedUp);
    await get("/v1/customers/me/export", signedUp);
    // Erasing: another customer, since the walk goes on as this one.
    const leaving = await post<{ customer: { id: string }; apiKey: { key: string } }>(
      "/v1/customers",
      "public",
      { name: "Leaving Co", email: `${unique("ops")}@example.com` },
      201,
    );
    await expectStatus(200, "DELETE", "/v1/customers/me", { as: { customerId: leaving.customer.id, key: leaving.apiKey.key } });
  });

  it("the audit log: entries and the chain's verification", async () => {
    await get("/v1/admin/audit?limit=5&action=definition.publish", "operator");
    await get("/v1/admin/audit/verify", "operator");
    await get("/v1/admin/audit?limit=0", "operator", 400);
  });

  it("the catalogue, trials, hires, tasks, messages, ratings and reviews", async () => {
    await post("/v1/admin/definitions", "operator", listedDefinition(slug), 201);
    await get(`/v1/agents?q=tickets&limit=2`, "public");
    await get(`/v1/agents/${slug}`, "public");
    await get(`/v1/agents/${unique("nobody")}`, "public", 404);

    const trial = await post<{ id: string }>("/v1/trials", signedUp, { agent: slug }, 201);
    await post("/v1/trials", signedUp, { agent: slug }, 409);
    const task = await post<{ id: string }>(`/v1/hires/${trial.id}/tasks`, signedUp, { title: "Contract", instructions: "Do it" }, 202);
    await eventually(async () => {
      const detail = await get<{ status: string }>(`/v1/tasks/${task.id}`, signedUp);
      return detail.status !== "queued" ? detail : undefined;
    });
    await post(`/v1/tasks/${task.id}/messages`, signedUp, { text: "Thanks" }, 202);
    await post(`/v1/tasks/${task.id}/rating`, signedUp, { stars: 5 });
    await get(`/v1/hires/${trial.id}/tasks?limit=5`, signedUp);
    const remembered = await get<{ items: { id: string }[] }>(`/v1/hires/${trial.id}/memories?limit=5`, signedUp);
    await get(`/v1/hires/${trial.id}/memories?cursor=later`, signedUp, 400);
    await get(`/v1/hires/${unique("hir")}/memories`, signedUp, 404);
    await expectStatus(204, "DELETE", `/v1/hires/${trial.id}/memories/${nth(remembered.items).id}`, { as: signedUp });
    await expectStatus(404, "DELETE", `/v1/hires/${trial.id}/memories/${nth(remembered.items).id}`, { as: signedUp });
    await expectStatus(200, "DELETE", `/v1/hires/${trial.id}/memories`, { as: signedUp });
    await expectStatus(404, "DELETE", `/v1/hires/${unique("hir")}/memories`, { as: signedUp });
    await get(`/v1/tasks/${unique("tsk")}`, signedUp, 404);

    await post(`/v1/hires/${trial.id}/convert`, signedUp);
    await get(`/v1/hires/${trial.id}`, signedUp);
    await get("/v1/hires?active=true", signedUp);
    await post(`/v1/hires/${trial.id}/review`, signedUp, { stars: 4, text: "Solid" }, 201);
    await post(`/v1/hires/${trial.id}/review`, signedUp, { stars: 4, text: "Again" }, 409);
    await post(`/v1/hires/${trial.id}/cancel`, signedUp);
    await post(`/v1/hires/${trial.id}/tasks`, signedUp, { title: "Late", instructions: "Do it" }, 409);

    const hire = await post<{ id: string }>("/v1/hires", signedUp, { agent: slug }, 201);
    await post(`/v1/hires/${hire.id}/cancel`, signedUp);
    await get(`/v1/hires/${unique("hir")}`, signedUp, 404);
  });

  it("the organisation: matrices, a task given to a coordinator, its chain, escalations", async () => {
    const sdrDefinition = sdr(`${slug}-sdr`);
    await post("/v1/admin/definitions", "operator", sdrDefinition, 201);
    await get("/v1/coordinators", "public");
    await get("/v1/coordinators/sales", "public");
    await get("/v1/coordinators/finance", "public", 400);
    const lead = { type: "inbound-lead", title: "A lead", instructions: "Qualify it", inputs: QUALIFIED_LEAD };
    await post("/v1/coordinators/sales/tasks", signedUp, lead, 409);
    await post("/v1/hires", signedUp, { agent: sdrDefinition.slug }, 201);
    const routed = await post<{ taskId: string }>("/v1/coordinators/sales/tasks", signedUp, lead, 202);
    await eventually(async () => {
      const chain = await get<{ status: string }>(`/v1/tasks/${routed.taskId}/chain`, signedUp);
      return chain.status === "needs_hire" ? chain : undefined;
    });
    await get(`/v1/tasks/${unique("tsk")}/chain`, signedUp, 404);
    await get("/v1/admin/escalations?limit=5", "operator");
  });

  it("GitHub: connected repositories and their webhooks", async () => {
    const repository = uniqueRepository();
    const repo = await post<{ id: string; webhookSecret: string }>("/v1/repositories", signedUp, { repository }, 201);
    await post("/v1/repositories", signedUp, { repository }, 409);
    await get("/v1/repositories", signedUp);
    await get(`/v1/repositories/${repo.id}`, signedUp);
    await get(`/v1/repositories/${unique("repo")}`, signedUp, 404);
    await expectStatus(200, "PATCH", `/v1/repositories/${repo.id}`, { as: signedUp, json: { token: "github_pat_contract" } });
    await expectStatus(400, "PATCH", `/v1/repositories/${repo.id}`, { as: signedUp, json: { dailyReport: { as: "nowhere" } } });
    const { webhookSecret } = await post<{ webhookSecret: string }>(`/v1/repositories/${repo.id}/secret`, signedUp);

    const webhook = async (event: string, payload: unknown, status: number, delivery: string = crypto.randomUUID()) => {
      const body = JSON.stringify(payload);
      const headers = { "content-type": "application/json", "x-github-event": event, "x-github-delivery": delivery };
      await expectStatus(status, "POST", "/v1/webhooks/github", {
        body,
        headers: { ...headers, "x-hub-signature-256": await sign(webhookSecret, body) },
      });
    };
    const delivery = crypto.randomUUID();
    await webhook("push", example("push", repository), 202, delivery);
    await webhook("push", example("push", repository), 200, delivery);
    await webhook("ping", example("ping", repository), 200);
    await webhook("star", example("star", repository, "created"), 202);
    await webhook("push", example("push", uniqueRepository()), 404);
    await expectStatus(400, "POST", "/v1/webhooks/github", { body: "{", headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` } });
    await expectStatus(204, "DELETE", `/v1/repositories/${repo.id}`, { as: signedUp });
  });

  it("outputs: the daily report, read by its customer and by operators", async () => {
    // A report covers a finished day (yesterday by default): the customer's hires start the day before.
    await env.DB.prepare(`UPDATE hires SET started_at = started_at - 2 * 86400000 WHERE customer_id = ?`).bind(signedUp.customerId).run();
    await post("/v1/admin/reports/daily", "operator", {});
    await post("/v1/admin/reports/daily", "operator", { date: "yesterday" }, 400);
    const mine = await get<{ items: { id: string; kind: string }[] }>("/v1/outputs?kind=report", signedUp);
    const report = nth(mine.items);
    await get(`/v1/outputs/${report.id}`, signedUp);
    await get(`/v1/outputs/${unique("out")}`, signedUp, 404);
    await get(`/v1/outputs?kind=poem`, signedUp, 400);
    await get(`/v1/admin/outputs?customer=${signedUp.customerId}&limit=5`, "operator");
    await get(`/v1/admin/outputs/${report.id}`, "operator");
    await get(`/v1/admin/outputs/${unique("out")}`, "operator", 404);
  });

  it("learned rules: three good-rated model decisions make one; operators and the customer read and revoke it", async () => {
    const learner = unique("contract-learner");
    const mine = { customerId: signedUp.customerId, subscriptions: [{ event: "feedback.received" as const }] };
    await post("/v1/admin/agents", "operator", { definition: slug, id: learner, ...mine }, 201);
    for (const n of [1, 2, 3]) {
      await post(
        "/v1/events",
        "operator",
        customerMessage(signedUp.customerId, { subject: `chat:${n}`, payload: { text: `Where is order ${n}?` } }),
        202,
      );
    }
    const decided = () => get<{ items: { id: string }[] }>(`/v1/admin/agents/${learner}/decisions`, "operator");
    const decisions = await eventually(async () => ((await decided()).items.length === 3 ? (await decided()).items : undefined));
    for (const { id } of decisions) {
      const rating = { type: "feedback.received" as const, subject: "chat:feedback", payload: { decisionId: id, rating: 5 } };
      await post("/v1/events", "operator", customerMessage(signedUp.customerId, rating), 202);
    }
    const active = `/v1/admin/learned-rules?definition=${slug}&status=active&customerId=${signedUp.customerId}&limit=5`;
    const rule = await eventually(async () => (await get<{ items: { id: string }[] }>(active, "operator")).items[0]);
    await get(`/v1/admin/learned-rules/${rule.id}`, "operator");
    await get(`/v1/admin/learned-rules/${unique("lrn")}`, "operator", 404);
    const hires = await get<{ items: { id: string; agent: string }[] }>("/v1/hires", signedUp);
    const hire = nth(hires.items.filter((h) => h.agent === slug));
    await get(`/v1/hires/${hire.id}/learned-rules?status=active`, signedUp);
    await post(`/v1/hires/${hire.id}/learned-rules/${rule.id}/revoke`, signedUp, {}, 400);
    await post(`/v1/hires/${hire.id}/learned-rules/${rule.id}/revoke`, signedUp, { reason: "ask me instead" });
    await post(`/v1/admin/learned-rules/${rule.id}/revoke`, "operator", { reason: "already revoked: unchanged" });
    await post(`/v1/admin/learned-rules/${unique("lrn")}/revoke`, "operator", { reason: "missing" }, 404);
  });

  it("refusals: a wrong or missing token on every route that takes one, a body too large, an Idempotency-Key reused", async () => {
    for (const { method, template, responses } of routes) {
      if (!responses.has(401)) continue;
      const path = template.replace(/\{[^}]+\}/g, "x");
      const wrong = await check(method.toUpperCase(), path, { headers: { authorization: "Bearer wrong" } });
      expect(wrong.status, `${method} ${template} with a wrong token`).toBe(401);
      if (TOKEN_OPTIONAL.has(`${method} ${template}`)) continue;
      const missing = await check(method.toUpperCase(), path);
      expect(missing.status, `${method} ${template} without a token`).toBe(401);
    }
    const huge = { ...customerMessage(customer), payload: { text: "x".repeat(1024 * 1024) } };
    await post("/v1/events", "operator", huge, 413);
    const key = unique("idem");
    const signUp = (name: string) =>
      expectStatus(name === "First" ? 201 : 422, "POST", "/v1/customers", {
        headers: { "idempotency-key": key },
        json: { name, email: `${unique("ops")}@example.com` },
      });
    await signUp("First");
    await signUp("Second");
  });

  it("probed every customer route on an owned resource as another customer", () => {
    const customers = (route: string) => [describedRoutes().get(route)?.auth ?? []].flat().includes("customer");
    const owned = routes.filter((r) => customers(r.route) && TENANT_PARAM.test(r.template));
    const unprobed = owned.map((r) => r.route).filter((r) => !probed.has(r));
    expect(unprobed, "customer routes never tried by another customer").toEqual([]);
    expect(probed.size).toBeGreaterThan(15);
  });

  it("left no documented success response, nor any 401, unchecked", () => {
    const documented = routes.flatMap(({ route, responses }) =>
      [...responses.keys()].filter((s) => s < 300 || s === 401).map((s) => `${route} ${s}`),
    );
    const unchecked = documented.filter((r) => !seen.has(r)).sort();
    expect(unchecked, `documented but never checked against a real response:\n  ${unchecked.join("\n  ")}\n`).toEqual([]);
    expect(nth([...seen]), "the walk ran").toBeTruthy();
  });
});
