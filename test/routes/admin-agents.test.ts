import { describe, expect, it } from "vitest";
import { admin, call, defineAndSpawn, env, supportDefinition, unique } from "../helpers";

describe("POST /v1/admin/agents", () => {
  it("spawns an active agent from a definition, with customer-scoped subscriptions", async () => {
    const slug = unique("spawn");
    await defineAndSpawn(supportDefinition(slug), []);
    const res = await admin("/v1/admin/agents", { method: "POST", json: { definition: slug, customerId: "acme" } });
    expect(res.status).toBe(201);
    const agent = (await res.json()) as { id: string; state: string; subscriptions: unknown[] };
    expect(agent).toMatchObject({
      id: expect.stringMatching(/^agt_/),
      state: "active",
      customerId: "acme",
      definition: { slug, version: 1 },
    });
    expect(agent.subscriptions).toEqual([{ event: "customer.*", customerId: "acme" }]);
    const row = await env.DB.prepare(`SELECT state FROM agent_instances WHERE id = ?`).bind(agent.id).first<{ state: string }>();
    expect(row?.state).toBe("active");
  });

  it("rejects an unknown definition, a bad id, and a second agent with the same id", async () => {
    const unknown = await admin("/v1/admin/agents", { method: "POST", json: { definition: "no-such-thing" } });
    expect(unknown.status).toBe(400);
    expect(await unknown.json()).toMatchObject({ error: { code: "unknown_definition", field: "definition" } });

    const badId = await admin("/v1/admin/agents", { method: "POST", json: { definition: "x", id: "has spaces" } });
    expect(badId.status).toBe(400);
    expect(await badId.json()).toMatchObject({ error: { field: "id" } });

    const slug = unique("dupe");
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id }]);
    const again = await admin("/v1/admin/agents", { method: "POST", json: { definition: slug, id } });
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "agent_exists", field: "id" } });
  });

  it("rejects an invalid definition naming the field", async () => {
    const def = supportDefinition(unique("bad"), { subscriptions: [{ event: "Not A Pattern" }] });
    const res = await admin("/v1/admin/definitions", { method: "POST", json: def });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "specialization.subscriptions[0].event" } });
  });
});

describe("agent lifecycle", () => {
  it("pauses, resumes and retires; an illegal transition is a 409", async () => {
    const slug = unique("life");
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id }]);
    const pause = await admin(`/v1/admin/agents/${id}/pause`, { method: "POST" });
    expect(pause.status).toBe(200);
    expect(await pause.json()).toMatchObject({ state: "paused" });
    expect(await (await admin(`/v1/admin/agents/${id}/resume`, { method: "POST" })).json()).toMatchObject({ state: "active" });
    expect(await (await admin(`/v1/admin/agents/${id}/retire`, { method: "POST" })).json()).toMatchObject({ state: "retired" });

    const resume = await admin(`/v1/admin/agents/${id}/resume`, { method: "POST" });
    expect(resume.status).toBe(409);
    expect(await resume.json()).toMatchObject({ error: { code: "illegal_transition", field: "state" } });
    const subs = await env.DB.prepare(`SELECT COUNT(*) AS n FROM subscriptions WHERE instance_id = ?`).bind(id).first<{ n: number }>();
    expect(subs?.n).toBe(0);
    const listed = (await (await admin(`/v1/admin/agents?state=retired&definition=${slug}`)).json()) as { items: { id: string }[] };
    expect(listed.items.map((a) => a.id)).toEqual([id]);
  });

  it("answers 404 for an unknown agent without creating it", async () => {
    for (const path of ["/v1/agents/nobody", "/v1/agents/nobody/decisions"]) {
      const res = await admin(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
    }
    expect((await admin("/v1/admin/agents/nobody/pause", { method: "POST" })).status).toBe(404);
  });

  it("keeps agent instances behind the operator token", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("hidden")), [{ id }]);
    expect((await call(`/v1/agents/${id}`)).status).toBe(404); // the public sees the catalogue only
    expect((await call(`/v1/agents/${id}`, { headers: { authorization: "Bearer wrong" } })).status).toBe(401);
    expect((await call(`/v1/agents/${id}/decisions`)).status).toBe(401);
    expect((await call(`/v1/agents/${id}/decisions/summary`)).status).toBe(401);
    for (const path of [`/v1/admin/agents/${id}`, `/v1/admin/agents/${id}/decisions`, `/v1/admin/agents/${id}/decisions/summary`]) {
      expect((await call(path)).status, path).toBe(401);
    }
  });
});

describe("GET /v1/admin/agents/:id", () => {
  it("shows identity, state, context and counters", async () => {
    const slug = unique("view");
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id }]);
    const res = await admin(`/v1/admin/agents/${id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      id,
      state: "active",
      personality: { displayName: "Test Triage" },
      specialization: { coe: "support", role: "triage" },
      inboxSize: 0,
      context: { recentEvents: [], notes: [], openTasks: [] },
    });
  });

  it("rejects an invalid decisions query, naming the field", async () => {
    const bad = await admin(`/v1/admin/agents/x/decisions?limit=0`);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "limit" } });
  });
});
