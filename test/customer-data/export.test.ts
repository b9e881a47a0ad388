import { describe, expect, it } from "vitest";
import { CustomerExport } from "../../src/schemas/customer-data";
import { call, unique } from "../helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp } from "../marketplace/helpers";

const post = (json?: unknown) => ({ method: "POST", json });

describe("GET /v1/customers/me/export", () => {
  it("returns the caller's account, keys (no secrets), hires, tasks with history and messages, reviews, and nothing of anyone else's", async () => {
    const slug = unique("export");
    await publish(listedDefinition(slug));
    const alice = await signUp("Alice Export");
    const bob = await signUp("Bob Export");
    const hire = await jsonOf<{ id: string }>(as(alice, "/v1/hires", post({ agent: slug })), 201);
    const task = await jsonOf<{ id: string }>(
      as(alice, `/v1/hires/${hire.id}/tasks`, post({ title: "Plan", instructions: "Alice's export plan" })),
      202,
    );
    await jsonOf(as(alice, `/v1/tasks/${task.id}/messages`, post({ text: "a follow-up for export" })), 202);
    await settledTask(alice, task.id, 1);
    await jsonOf(as(alice, `/v1/hires/${hire.id}/review`, post({ stars: 4, text: "exported review" })), 201);
    const bobHire = await jsonOf<{ id: string }>(as(bob, "/v1/trials", post({ agent: slug })), 201);

    const res = await as(alice, "/v1/customers/me/export");
    expect(res.status).toBe(200);
    const raw = await res.text();
    const doc = CustomerExport.parse(JSON.parse(raw));
    expect(doc.account).toMatchObject({ id: alice.customerId, name: "Alice Export" });
    expect(doc.apiKeys).toHaveLength(1);
    expect(raw).not.toContain(alice.key);
    expect(doc.hires.map((h) => h.id)).toEqual([hire.id]);
    expect(doc.tasks).toHaveLength(1);
    expect(doc.tasks[0]).toMatchObject({ id: task.id, instructions: "Alice's export plan" });
    expect(doc.tasks[0]?.messages.map((m) => m.text)).toEqual(["a follow-up for export"]);
    expect(doc.tasks[0]?.history.length).toBeGreaterThan(0);
    expect(doc.reviews).toMatchObject([{ hireId: hire.id, stars: 4, text: "exported review" }]);
    expect(doc.truncated).toEqual([]);
    expect(raw).not.toContain(bobHire.id);
    expect(raw).not.toContain(bob.customerId);

    // A read-only key may export; no key may not.
    const read = await jsonOf<{ key: string }>(as(alice, "/v1/customers/me/keys", post({ scope: "read" })), 201);
    expect((await as({ ...alice, key: read.key }, "/v1/customers/me/export")).status).toBe(200);
    expect((await call("/v1/customers/me/export")).status).toBe(401);
  });
});
