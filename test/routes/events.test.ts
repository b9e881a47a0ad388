import { describe, expect, it } from "vitest";
import { admin, call, customerMessage, defineAndSpawn, delivered, env, eventually, postEvent, supportDefinition, unique } from "../helpers";

async function eventCount(): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM events`).first<{ n: number }>())?.n ?? 0;
}

describe("POST /v1/events", () => {
  it("refuses a request without the operator token, or with a wrong one", async () => {
    const before = await eventCount();
    const none = await call("/v1/events", { method: "POST", json: customerMessage("c") });
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect(await none.json()).toEqual({ error: { code: "unauthorized", message: expect.any(String) } });
    const wrong = await call("/v1/events", {
      method: "POST",
      json: customerMessage("c"),
      headers: { authorization: "Bearer not-the-token" },
    });
    expect(wrong.status).toBe(401);
    const admin401 = await call("/v1/admin/dlq");
    expect(admin401.status).toBe(401);
    expect(await eventCount()).toBe(before);
  });

  it("rejects a malformed event with a 400 naming the field, and stores nothing", async () => {
    const before = await eventCount();
    const res = await admin("/v1/events", { method: "POST", json: { ...customerMessage("c"), occurredAt: "yesterday" } });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; field: string } };
    expect(body.error).toMatchObject({ code: "invalid_request", field: "occurredAt" });

    const badType = await admin("/v1/events", { method: "POST", json: { ...customerMessage("c"), type: "github.star" } });
    expect(badType.status).toBe(400);
    expect(((await badType.json()) as { error: { field: string } }).error.field).toBe("type");

    const notJson = await admin("/v1/events", { method: "POST", body: "{nope", headers: { "content-type": "application/json" } });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("invalid_json");

    const badBatch = await admin("/v1/events/batch", {
      method: "POST",
      json: { events: [customerMessage("c"), { ...customerMessage("c"), subject: "" }] },
    });
    expect(badBatch.status).toBe(400);
    expect(((await badBatch.json()) as { error: { field: string } }).error.field).toBe("events[1].subject");
    expect(await eventCount()).toBe(before);
  });

  it("rejects an event larger than a queue message can carry", async () => {
    const res = await admin("/v1/events", { method: "POST", json: customerMessage("c", { payload: { text: "x".repeat(70_000) } }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "payload" } });
  });

  it("accepts a valid event: 202 with its id and trace id, and records it", async () => {
    const res = await admin("/v1/events", { method: "POST", json: customerMessage(unique("c")) });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { id: string; traceId: string; status: string };
    expect(body).toEqual({ id: expect.stringMatching(/^evt_/), traceId: expect.stringMatching(/^trc_/), status: "queued" });
    const event = await delivered(body.id);
    expect(event).toMatchObject({ id: body.id, traceId: body.traceId, type: "customer.message", payload: { text: "hello" } });
  });

  it("is idempotent for a producer-supplied id", async () => {
    const id = unique("evt");
    const first = await postEvent(customerMessage(unique("c"), { id }));
    expect(first.status).toBe("queued");
    const again = await admin("/v1/events", { method: "POST", json: customerMessage("other", { id }) });
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ id, traceId: first.traceId, status: "duplicate" });
    const rows = await env.DB.prepare(`SELECT COUNT(*) AS n FROM events WHERE id = ?`).bind(id).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("ingests a full batch of 100 events and delivers every one", async () => {
    const customer = unique("c");
    await defineAndSpawn(supportDefinition(unique("batch")), [{ id: unique("agent"), customerId: customer }]);
    const res = await admin("/v1/events/batch", {
      method: "POST",
      json: { events: Array.from({ length: 100 }, () => customerMessage(customer)) },
    });
    expect(res.status).toBe(202);
    const body = (await res.json()) as { accepted: number; ids: string[] };
    expect(body.accepted).toBe(100);
    expect(new Set(body.ids).size).toBe(100);
    await eventually(async () => {
      const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM events WHERE customer_id = ? AND status = 'delivered'`)
        .bind(customer)
        .first<{ n: number }>();
      return row?.n === 100 ? true : undefined;
    });
    // Re-posting the same 100 ids is a no-op: reported as duplicates, nothing enqueued.
    const again = await admin("/v1/events/batch", {
      method: "POST",
      json: { events: body.ids.map((id) => customerMessage(customer, { id })) },
    });
    expect(await again.json()).toMatchObject({ accepted: 0 });
    const dupes = await admin("/v1/events/batch", {
      method: "POST",
      json: { events: [customerMessage(customer, { id: "same" }), customerMessage(customer, { id: "same" })] },
    });
    expect(dupes.status).toBe(400);
    expect(await dupes.json()).toMatchObject({ error: { field: "events[1].id" } });
    const tooMany = await admin("/v1/events/batch", {
      method: "POST",
      json: { events: Array.from({ length: 101 }, () => customerMessage(customer)) },
    });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.json()).toMatchObject({ error: { field: "events" } });
  });
});

describe("GET /v1/events/:id", () => {
  it("answers 404 for an unknown event", async () => {
    const res = await admin("/v1/events/evt_missing");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});

describe("unknown routes", () => {
  it("answer 404 JSON", async () => {
    const res = await call("/v2/whatever");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
