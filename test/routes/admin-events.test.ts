import { WaooawApiError } from "@waooaw/client";
import { describe, expect, it } from "vitest";
import { EventList } from "../../src/schemas/event-views";
import { admin, call, clientOf, customerMessage, postEvent, TOKEN, unique } from "../helpers";

const operator = clientOf(TOKEN);

async function postThree(prefix: string): Promise<string[]> {
  const customer = unique("cust");
  const ids = [`${prefix}-1`, `${prefix}-2`, `${prefix}-3`];
  // One at a time, so they are received in this order (ids also sort in it, for events in one millisecond).
  for (const id of ids) await postEvent(customerMessage(customer, { id }));
  return ids;
}

describe("GET /v1/admin/events", () => {
  it("lists the newest events oldest first, then only what arrived after the cursor", async () => {
    const ids = await postThree(unique("evt-tail"));

    const newest = EventList.parse(await operator.adminListEvents({ query: { limit: 2 } }));
    expect(newest.items.map((e) => e.id)).toEqual(ids.slice(1));
    expect(newest.items[0]).toMatchObject({ type: "customer.message", subject: "ticket:1", payload: { text: "hello" } });
    expect(newest.items[0]).not.toHaveProperty("wakes");

    // Nothing new: no items, and the same cursor to poll again with.
    const idle = await operator.adminListEvents({ query: { cursor: newest.cursor } });
    expect(idle).toEqual({ items: [], cursor: newest.cursor });

    const [later] = await postThree(unique("evt-later"));
    const next = await operator.adminListEvents({ query: { cursor: newest.cursor, limit: 1 } });
    expect(next.items.map((e) => e.id)).toEqual([later]);
    const rest = await operator.adminListEvents({ query: { cursor: next.cursor } });
    expect(rest.items).toHaveLength(2);
    expect(rest.items.every((e) => e.id.startsWith(later?.slice(0, -2) ?? "?"))).toBe(true);
  });

  it("starts from the beginning when there is nothing yet, and filters by type and status", async () => {
    const first = await operator.adminListEvents({ query: { type: "budget.warning" } });
    expect(first.items).toEqual([]);
    await postEvent({ type: "budget.warning", source: "test", subject: "budget:1", payload: {}, occurredAt: new Date().toISOString() });
    const after = await operator.adminListEvents({ query: { type: "budget.warning", cursor: first.cursor } });
    expect(after.items.map((e) => e.type)).toEqual(["budget.warning"]);
    const dead = await operator.adminListEvents({ query: { status: "dead", type: "budget.warning" } });
    expect(dead.items).toEqual([]);
  });

  it("refuses a bad cursor or limit, naming the field, and callers without the operator token", async () => {
    const bad = await admin("/v1/admin/events?cursor=yesterday");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { field: "cursor" } });
    expect((await admin("/v1/admin/events?limit=1000")).status).toBe(400);
    expect((await call("/v1/admin/events")).status).toBe(401);
    await expect(clientOf("wrong").adminListEvents()).rejects.toBeInstanceOf(WaooawApiError);
  });
});
