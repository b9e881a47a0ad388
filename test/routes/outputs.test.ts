import { describe, expect, it } from "vitest";
import { agentInstances } from "../../src/db/schema";
import { hires } from "../../src/marketplace/schema";
import { OutputPage, OutputView } from "../../src/schemas/outputs";
import { admin, call } from "../helpers";
import { as, jsonOf, type SignedUp, signUp } from "../marketplace/helpers";
import { db, decided, rollUp, taskFor, violation } from "../outputs/records-fixtures";

// Customers read their own outputs, operators everyone's: through the real API, with outputs
// recorded by the roll-up hook for agents hired by customers who signed up through the API.

/** A signed-up customer with a hired agent (rows, so the test decides what it publishes). */
async function customerWithAgent(): Promise<SignedUp & { instanceId: string; hireId: string }> {
  const who = await signUp();
  const instanceId = `agt-${who.customerId}`;
  const hireId = `hir-${who.customerId}`;
  const now = Date.now();
  await db()
    .insert(agentInstances)
    .values({ id: instanceId, definitionSlug: "vision", state: "active", customerId: who.customerId, createdAt: now, updatedAt: now });
  await db()
    .insert(hires)
    .values({ id: hireId, customerId: who.customerId, slug: "vision", instanceId, kind: "hire", status: "active", startedAt: now });
  return { ...who, instanceId, hireId };
}

const page = async (res: Promise<Response>) => OutputPage.parse(await jsonOf(res, 200));

describe("GET /v1/outputs", () => {
  it("lists the customer's own outputs newest first, filtered and paged", async () => {
    const a = await customerWithAgent();
    const b = await customerWithAgent();
    const task = await taskFor({ customerId: a.customerId, instanceId: a.instanceId, hireId: a.hireId }, "Check the site");
    await rollUp([decided(a.instanceId, [violation("acme/site", "one.md"), violation("acme/site", "two.md")])]);
    await rollUp([decided(a.instanceId, [], { eventId: task.eventId, output: "# Done", subject: `hire:${a.hireId}:task:${task.id}` })]);
    await rollUp([decided(b.instanceId, [violation("beta/app", "secret.md")])]);

    const all = await page(as(a, "/v1/outputs"));
    expect(all.items.map((o) => o.kind)).toEqual(["document", "issue", "issue"]);
    expect(all.items.every((o) => o.customerId === a.customerId)).toBe(true);
    expect(all.items[0]).toMatchObject({ taskId: task.id, hireId: a.hireId, title: "Check the site", body: "# Done" });

    const issues = await page(as(a, "/v1/outputs?kind=issue&status=stored&limit=1"));
    expect(issues.items).toHaveLength(1);
    expect(issues.nextCursor).toBe(issues.items[0]?.id);
    const next = await page(as(a, `/v1/outputs?kind=issue&limit=1&cursor=${issues.nextCursor}`));
    // One decision's two issues share its time: the pages hold one each, in either order.
    expect([...issues.items, ...next.items].map((o) => o.subject).sort()).toEqual(["one.md", "two.md"]);
    expect(next.nextCursor).toBeNull();

    expect((await page(as(a, `/v1/outputs?task=${task.id}`))).items.map((o) => o.kind)).toEqual(["document"]);
    expect((await page(as(a, `/v1/outputs?hire=${a.hireId}&kind=document`))).items).toHaveLength(1);
    expect((await page(as(a, "/v1/outputs?status=posted"))).items).toEqual([]);
  });

  it("never shows another customer's outputs, by task, hire or customer filter", async () => {
    const a = await customerWithAgent();
    const b = await customerWithAgent();
    const theirs = await taskFor({ customerId: b.customerId, instanceId: b.instanceId, hireId: b.hireId }, "B's task");
    await rollUp([
      decided(b.instanceId, [], { eventId: theirs.eventId, output: "B's deliverable", subject: `hire:${b.hireId}:task:${theirs.id}` }),
    ]);
    expect((await page(as(b, `/v1/outputs?task=${theirs.id}`))).items).toHaveLength(1);

    expect((await page(as(a, `/v1/outputs?task=${theirs.id}`))).items).toEqual([]);
    expect((await page(as(a, `/v1/outputs?hire=${b.hireId}`))).items).toEqual([]);
    expect((await page(as(a, "/v1/outputs?task=no-such-task"))).items).toEqual([]);
    // `customer` is an operator's filter: a customer cannot use it to read someone else's.
    expect((await page(as(a, `/v1/outputs?customer=${b.customerId}`))).items).toEqual([]);
  });

  it("rejects bad filters and callers without a key", async () => {
    const a = await customerWithAgent();
    const bad = await as(a, "/v1/outputs?kind=poem");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ error: { code: "invalid_request", field: "kind" } });
    expect((await as(a, "/v1/outputs?limit=0")).status).toBe(400);
    expect((await call("/v1/outputs")).status).toBe(401);
  });
});

describe("GET /v1/outputs/{id}", () => {
  it("answers the customer's own output and 404 for anyone else's", async () => {
    const a = await customerWithAgent();
    const b = await customerWithAgent();
    await rollUp([decided(a.instanceId, [{ kind: "document", key: "notes", title: "Notes", body: "<script>alert(1)</script>" }])]);
    const [mine] = (await page(as(a, "/v1/outputs"))).items;
    if (!mine) throw new Error("no output recorded");
    const one = OutputView.parse(await jsonOf(as(a, `/v1/outputs/${mine.id}`), 200));
    expect(one).toMatchObject({ id: mine.id, title: "Notes", body: "<script>alert(1)</script>", channel: "none" });

    const other = await as(b, `/v1/outputs/${mine.id}`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await as(a, "/v1/outputs/out_nothing")).status).toBe(404);
  });
});

describe("GET /v1/admin/outputs", () => {
  it("lets operators read every customer's outputs, narrowed by customer, task and kind", async () => {
    const a = await customerWithAgent();
    const b = await customerWithAgent();
    const task = await taskFor({ customerId: a.customerId, instanceId: a.instanceId, hireId: a.hireId }, "A's task");
    await rollUp([decided(a.instanceId, [], { eventId: task.eventId, output: "A's work", subject: `hire:${a.hireId}:task:${task.id}` })]);
    await rollUp([decided(b.instanceId, [violation("beta/app", "x.md")])]);

    const ofB = await page(admin(`/v1/admin/outputs?customer=${b.customerId}`));
    expect(ofB.items.map((o) => [o.customerId, o.kind])).toEqual([[b.customerId, "issue"]]);
    const ofTask = await page(admin(`/v1/admin/outputs?task=${task.id}&kind=document`));
    expect(ofTask.items.map((o) => o.customerId)).toEqual([a.customerId]);
    const id = ofB.items[0]?.id ?? "";
    expect(OutputView.parse(await jsonOf(admin(`/v1/admin/outputs/${id}`), 200)).id).toBe(id);

    expect((await as(a, "/v1/admin/outputs")).status).toBe(401);
    expect((await admin("/v1/admin/outputs?status=lost")).status).toBe(400);
    expect((await admin("/v1/admin/outputs/out_nothing")).status).toBe(404);
  });
});
