import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { ForbiddenError } from "../../src/errors";
import { errorResponse } from "../../src/http/errors";
import type { AppEnv } from "../../src/types";
import type { AuditInput } from "../../src/schemas/audit";
import { AuditPage } from "../../src/schemas/audit";
import { admin, call, customerMessage, delivered, env, eventually, supportDefinition, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, signUp } from "../marketplace/helpers";
import { connect } from "../github/webhooks-helpers";
import { auditEntries, onlyEntry, verify } from "./helpers";

const FROM = { "cf-connecting-ip": "203.0.113.7", "user-agent": "audit-test/1.0" };

describe("the audit log", () => {
  it("records an operator's definition publishes and agent lifecycle with actor, address, user agent, before and after", async () => {
    const slug = unique("audited");
    const definition = supportDefinition(slug);
    expect((await admin("/v1/admin/definitions", { method: "POST", json: definition, headers: FROM })).status).toBe(201);
    expect((await admin("/v1/admin/definitions", { method: "POST", json: { ...definition, version: 2 }, headers: FROM })).status).toBe(201);
    const publishes = await auditEntries(`action=definition.publish&targetId=${slug}`);
    expect(publishes.map((e) => [e.before, e.after])).toEqual([
      [{ version: 1 }, { version: 2, listed: false }],
      [null, { version: 1, listed: false }],
    ]);
    expect(publishes[0]).toMatchObject({
      actor: { kind: "operator", id: "admin-token", role: "admin" },
      target: { type: "definition", id: slug },
      outcome: "success",
      method: "POST",
      path: "/v1/admin/definitions",
      ip: "203.0.113.7",
      userAgent: "audit-test/1.0",
    });

    const id = unique("agent");
    expect((await admin("/v1/admin/agents", { method: "POST", json: { definition: slug, id }, headers: FROM })).status).toBe(201);
    for (const step of ["pause", "resume", "retire"])
      expect((await admin(`/v1/admin/agents/${id}/${step}`, { method: "POST", headers: FROM })).status).toBe(200);
    const lifecycle = (await auditEntries(`targetType=agent&targetId=${id}`)).reverse();
    expect(lifecycle.map((e) => [e.action, e.before, e.after])).toEqual([
      ["agent.spawn", null, { definition: { slug, version: 2 }, state: "active", customerId: null }],
      ["agent.pause", { state: "active" }, { state: "paused" }],
      ["agent.resume", { state: "paused" }, { state: "active" }],
      ["agent.retire", { state: "active" }, expect.objectContaining({ state: expect.stringMatching(/^retir/) })],
    ]);
    // A refused transition changes nothing, so it records nothing.
    expect((await admin(`/v1/admin/agents/${id}/resume`, { method: "POST" })).status).toBe(409);
    expect(await auditEntries(`action=agent.resume&targetId=${id}`)).toHaveLength(1);
  });

  it("records budget overrides and breaker resets with the state before and after", async () => {
    const who = await signUp();
    const limits = { tokensPerDay: 1000, usdPerMonth: 5, llmCallsPerMinute: 3 };
    expect((await admin(`/v1/admin/budgets/customers/${who.customerId}`, { method: "PUT", json: limits })).status).toBe(200);
    expect((await admin(`/v1/admin/budgets/customers/${who.customerId}`, { method: "DELETE" })).status).toBe(200);
    const [cleared, set] = await auditEntries(`targetType=budget.customer&targetId=${who.customerId}`);
    expect(set).toMatchObject({
      action: "budget.override",
      customerId: who.customerId,
      before: { overridden: false },
      after: { limits, overridden: true },
    });
    expect(cleared).toMatchObject({ action: "budget.override.clear", before: { limits, overridden: true }, after: { overridden: false } });

    expect((await admin("/v1/admin/breakers/anthropic/reset", { method: "POST" })).status).toBe(200);
    const [reset] = await auditEntries("action=breaker.reset&targetId=anthropic&limit=1");
    expect(reset).toMatchObject({ target: { type: "breaker", id: "anthropic" }, after: { phase: "closed", consecutiveFailures: 0 } });
  });

  it("records a dead letter's replay", async () => {
    const event = { ...customerMessage(unique("nobody")), id: unique("evt-dead") };
    expect((await admin("/v1/events", { method: "POST", json: event })).status).toBe(202);
    await delivered(event.id);
    const stored = await env.DB.prepare(`SELECT trace_id, received_at FROM events WHERE id = ?`)
      .bind(event.id)
      .first<{ trace_id: string; received_at: number }>();
    const message = { v: 2, items: [{ event: { ...event, traceId: stored?.trace_id, receivedAt: stored?.received_at } }] };
    const letter = unique("dl_audit");
    await env.DB.prepare(`INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES (?, ?, ?, 'test', 4, ?)`)
      .bind(letter, event.id, JSON.stringify(message), Date.now())
      .run();
    expect((await admin(`/v1/admin/dlq/${letter}/replay`, { method: "POST" })).status).toBe(202);
    expect(await onlyEntry(`action=dlq.replay&targetId=${letter}`)).toMatchObject({ after: { eventIds: [event.id] } });
  });

  it("records a customer's sign-up, keys, trial, conversion and cancellation, and shows them only their own", async () => {
    const definition = listedDefinition();
    await publish(definition);
    const alice = await signUp("Alice");
    const bob = await signUp("Bob");
    const key = await jsonOf<{ id: string; key: string; prefix: string }>(
      as(alice, "/v1/customers/me/keys", { method: "POST", json: { label: "ci" }, headers: FROM }),
      201,
    );
    expect((await as(alice, `/v1/customers/me/keys/${key.id}`, { method: "DELETE" })).status).toBe(204);
    const trial = await jsonOf<{ id: string }>(as(alice, "/v1/trials", { method: "POST", json: { agent: definition.slug } }), 201);
    await jsonOf(as(alice, `/v1/hires/${trial.id}/convert`, { method: "POST" }), 200);
    await jsonOf(as(alice, `/v1/hires/${trial.id}/cancel`, { method: "POST" }), 200);

    const own = AuditPage.parse(await jsonOf(as(alice, "/v1/customers/me/audit"), 200)).items;
    expect(own.map((e) => e.action).reverse()).toEqual([
      "customer.signup",
      "customer.email_verified",
      "key.create",
      "key.revoke",
      "trial.start",
      "trial.convert",
      "hire.cancel",
    ]);
    expect(own.every((e) => e.customerId === alice.customerId)).toBe(true);
    const created = own.find((e) => e.action === "key.create");
    expect(created).toMatchObject({
      actor: { kind: "customer", id: alice.customerId },
      ip: "203.0.113.7",
      after: { label: "ci", prefix: key.prefix },
    });
    expect(own.find((e) => e.action === "hire.cancel")).toMatchObject({
      before: { kind: "hire", status: "active" },
      after: { status: "cancelled" },
    });
    // No entry holds a key: not the one created, not the one used to call.
    expect(JSON.stringify(own)).not.toContain(key.key);
    expect(JSON.stringify(own)).not.toContain(alice.key);

    const bobs = AuditPage.parse(await jsonOf(as(bob, "/v1/customers/me/audit"), 200)).items;
    expect(bobs.map((e) => e.action)).toEqual(["customer.email_verified", "customer.signup"]);
    // A customer's filters cannot widen the scope to someone else's account.
    const probe = AuditPage.parse(await jsonOf(as(bob, `/v1/customers/me/audit?customerId=${alice.customerId}`), 200)).items;
    expect(probe.map((e) => e.customerId)).toEqual([bob.customerId, bob.customerId]);
    const page = AuditPage.parse(await jsonOf(as(alice, "/v1/customers/me/audit?limit=2&action=key.create"), 200));
    expect(page.items.map((e) => e.action)).toEqual(["key.create"]);
  });

  it("records a repository's connection and secret rotation without the secret", async () => {
    const who = await signUp();
    const connected = await connect(who);
    const rotated = await jsonOf<{ webhookSecret: string }>(as(who, `/v1/repositories/${connected.id}/secret`, { method: "POST" }), 200);
    expect((await as(who, `/v1/repositories/${connected.id}`, { method: "DELETE" })).status).toBe(204);
    const entries = (await auditEntries(`targetType=repository&targetId=${connected.id}`)).reverse();
    expect(entries.map((e) => [e.action, e.customerId])).toEqual([
      ["repository.connect", who.customerId],
      ["repository.secret.rotate", who.customerId],
      ["repository.disconnect", who.customerId],
    ]);
    expect(JSON.stringify(entries)).not.toContain(connected.webhookSecret);
    expect(JSON.stringify(entries)).not.toContain(rotated.webhookSecret);
  });

  it("records every refused authentication without the credential presented", async () => {
    const secret = `not-the-token-${unique("s")}`;
    const bogusKey = `wk_${"f".repeat(40)}`;
    expect((await call("/v1/admin/audit", { headers: { authorization: `Bearer ${secret}`, ...FROM } })).status).toBe(401);
    expect((await call("/v1/customers/me/keys", { headers: { authorization: `Bearer ${bogusKey}` } })).status).toBe(401);
    const refused = await eventually(async () => {
      const items = await auditEntries("action=auth.refused&limit=50");
      const mine = items.filter((e) => e.ip === "203.0.113.7" || e.path === "/v1/customers/me/keys");
      return mine.length >= 2 ? mine : undefined;
    });
    expect(refused.find((e) => e.path === "/v1/admin/audit")).toMatchObject({
      actor: { kind: "anonymous" },
      outcome: "denied",
      method: "GET",
      target: { type: "route", id: "GET /v1/admin/audit" },
      userAgent: "audit-test/1.0",
    });
    const stored = await env.DB.prepare(`SELECT * FROM audit_log`).all();
    expect(JSON.stringify(stored.results)).not.toContain(secret);
    expect(JSON.stringify(stored.results)).not.toContain(bogusKey);
  });

  it("records a refused authorization (403) with the caller it refused, after answering", async () => {
    // A route of our own that refuses a customer, behind the app's one error handler (roles'
    // refusals are operators': test/http/operator-roles.test.ts).
    const route = `/forbidden/${unique("p")}`;
    const app = new Hono<AppEnv>()
      .use(async (c, next) => {
        c.set("caller", "customer:cus_forbidden");
        c.set("customerId", "cus_forbidden");
        await next();
      })
      .get(route, () => {
        throw new ForbiddenError();
      })
      .onError(errorResponse);
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(`http://waooaw.test${route}`, { headers: FROM }), env, ctx);
    expect(res.status).toBe(403);
    await waitOnExecutionContext(ctx);
    expect(await onlyEntry(`action=authz.refused&targetId=${encodeURIComponent(`GET ${route}`)}`)).toMatchObject({
      actor: { kind: "customer", id: "cus_forbidden" },
      customerId: "cus_forbidden",
      outcome: "denied",
      reason: "forbidden",
      ip: "203.0.113.7",
    });
  });

  it("files a refused out-of-scope key under its customer, and hides operators' addresses from customers", async () => {
    const who = await signUp("Scoped");
    const read = await jsonOf<{ key: string }>(as(who, "/v1/customers/me/keys", { method: "POST", json: { scope: "read" } }), 201);
    const refused = await call("/v1/customers/me/keys", {
      method: "POST",
      json: { label: "more" },
      headers: { ...FROM, authorization: `Bearer ${read.key}` },
    });
    expect(refused.status).toBe(403);
    const entry = await eventually(async () =>
      AuditPage.parse(await jsonOf(as(who, "/v1/customers/me/audit?action=authz.refused"), 200)).items.at(0),
    );
    expect(entry).toMatchObject({ actor: { kind: "customer", id: who.customerId }, customerId: who.customerId, reason: "key_scope" });

    const vouched = await admin(`/v1/admin/customers/${who.customerId}/verify-email`, { method: "POST", headers: FROM });
    expect(vouched.status).toBe(200);
    const seen = AuditPage.parse(await jsonOf(as(who, "/v1/customers/me/audit?action=customer.verify_email"), 200)).items;
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ actor: { kind: "operator", id: "operator" }, ip: null, userAgent: null });
    // Operators still see who it was and from where.
    expect(await onlyEntry(`action=customer.verify_email&customerId=${who.customerId}`)).toMatchObject({
      actor: { kind: "operator", id: "admin-token" },
      ip: "203.0.113.7",
    });
  });

  it("filters by actor, time and target, and pages with a cursor", async () => {
    const from = new Date(Date.now() - 1000).toISOString();
    const slug = unique("paged");
    for (let v = 1; v <= 3; v++) await publish({ ...supportDefinition(slug), version: v });
    const first = AuditPage.parse(await jsonOf(admin(`/v1/admin/audit?targetId=${slug}&actor=admin-token&since=${from}&limit=2`), 200));
    expect(first.items.map((e) => (e.after as { version: number }).version)).toEqual([3, 2]);
    expect(first.nextCursor).not.toBeNull();
    const next = AuditPage.parse(await jsonOf(admin(`/v1/admin/audit?targetId=${slug}&limit=2&cursor=${first.nextCursor}`), 200));
    expect(next).toMatchObject({ items: [expect.objectContaining({ after: { version: 1, listed: false } })], nextCursor: null });
    expect((await jsonOf<{ items: unknown[] }>(admin(`/v1/admin/audit?targetId=${slug}&until=${from}`), 200)).items).toEqual([]);
    const bad = await admin("/v1/admin/audit?since=yesterday");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { field: string } }).error.field).toBe("since");
    expect((await call("/v1/admin/audit/verify")).status).toBe(401);
  });

  it("keeps the chain linear under 50 concurrent appends", async () => {
    const writer = env.AUDIT.get(env.AUDIT.idFromName("log"));
    const tag = unique("burst");
    const entry = (i: number): AuditInput => ({
      actor: { kind: "operator", id: tag },
      action: "test.burst",
      target: { type: "test", id: String(i) },
      outcome: "success",
    });
    const appended = await Promise.all(Array.from({ length: 50 }, (_, i) => writer.append(entry(i))));
    const seqs = appended.map((a) => a.seq).sort((a, b) => a - b);
    expect(new Set(seqs).size).toBe(50);
    expect((seqs.at(-1) ?? 0) - (seqs[0] ?? 0)).toBe(49);
    expect(await verify()).toMatchObject({ ok: true });
  });

  it("verifies the whole chain, and the database refuses to update or delete an entry", async () => {
    const result = await verify();
    expect(result).toMatchObject({ ok: true, checked: result.headSeq });
    expect(result.headSeq).toBeGreaterThan(0);
    await expect(env.DB.prepare(`UPDATE audit_log SET actor_id = 'someone else' WHERE seq = 1`).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare(`DELETE FROM audit_log WHERE seq = 1`).run()).rejects.toThrow(/append-only/);
    expect(await verify()).toMatchObject({ ok: true, headSeq: result.headSeq });
  });
});
