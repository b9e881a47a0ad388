import { describe, expect, it } from "vitest";
import type { Event } from "../../src/schemas/event";
import { findSubscribers } from "../../src/wake/subscription-index";
import { env, unique } from "../helpers";

async function subscribe(instanceId: string, pattern: string, opts: { customer?: string; exact?: string; glob?: string } = {}) {
  await env.DB.prepare(
    `INSERT INTO subscriptions (instance_id, event_pattern, customer_id, subject_exact, subject_glob) VALUES (?, ?, ?, ?, ?)`,
  )
    .bind(instanceId, pattern, opts.customer ?? null, opts.exact ?? null, opts.glob ?? null)
    .run();
}

function event(type: Event["type"], subject: string, customerId?: string): Event {
  return {
    id: unique("evt"),
    traceId: "t",
    receivedAt: 0,
    type,
    source: "test",
    subject,
    occurredAt: "2026-01-01T00:00:00Z",
    payload: {},
    ...(customerId ? { customerId } : {}),
  };
}

describe("subscription index", () => {
  it("isolates tenants: own customer and explicit any-customer match, unscoped agents do not", async () => {
    // A type no other test uses, so only this test's rows can match.
    const [acme, other, anyone, unscoped] = [unique("acme"), unique("other"), unique("any"), unique("none")];
    const [cAcme, cOther] = [unique("c"), unique("c")];
    await subscribe(acme, "report.*", { customer: cAcme });
    await subscribe(other, "report.requested", { customer: cOther });
    await subscribe(anyone, "report.*", { customer: "*" });
    await subscribe(unscoped, "report.requested");

    const forAcme = event("report.requested", "weekly", cAcme);
    const noCustomer = event("report.requested", "weekly");
    const found = await findSubscribers(env.DB, [forAcme, noCustomer]);
    expect(found.get(forAcme.id)).toEqual(expect.arrayContaining([acme, anyone]));
    expect(found.get(forAcme.id)).not.toContain(other);
    expect(found.get(forAcme.id)).not.toContain(unscoped);
    expect(found.get(noCustomer.id)).toEqual(expect.arrayContaining([anyone, unscoped]));
    expect(found.get(noCustomer.id)).not.toContain(acme);
  });

  it("filters on exact subjects and globs, for bound agents too, and wakes an agent once", async () => {
    const customer = unique("c");
    const [exact, glob, both] = [unique("exact"), unique("glob"), unique("both")];
    await subscribe(exact, "handoff.requested", { customer, exact: "lead:42" });
    await subscribe(glob, "handoff.*", { customer, glob: "lead:4?" });
    await subscribe(both, "handoff.requested", { customer });
    await subscribe(both, "handoff.*", { customer, glob: "lead:*" });

    const hit = event("handoff.requested", "lead:42", customer);
    const miss = event("handoff.requested", "lead:500", customer);
    const found = await findSubscribers(env.DB, [hit, miss, { ...hit, id: unique("evt") }]);
    expect(found.get(hit.id)).toEqual([both, exact, glob].sort());
    expect(found.get(miss.id)).toEqual([both]);
  });
});
