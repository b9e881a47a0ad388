import { describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "../../src/errors";
import { ingestEvents } from "../../src/wake/ingest";
import { onSchedule } from "../../src/scheduled";
import { admin, customerMessage, defineAndSpawn, delivered, env, eventStatus, postEvent, supportDefinition, unique } from "../helpers";

/** The real queue binding, refusing sends the way a Queues outage does. */
const refusingQueue = {
  ...env,
  WAKE_QUEUE: {
    send: () => Promise.reject(new Error("queue unavailable")),
    sendBatch: () => Promise.reject(new Error("queue unavailable")),
  },
} as unknown as Env;

describe("ingest when the queue refuses", () => {
  it("answers 503, keeps the event, and the cron re-enqueues it so it is delivered", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("stranded")), [{ id: agent, customerId: customer }]);
    const id = unique("evt");

    await expect(ingestEvents(refusingQueue, [customerMessage(customer, { id })])).rejects.toBeInstanceOf(ServiceUnavailableError);
    const row = await env.DB.prepare(`SELECT status, last_error FROM events WHERE id = ?`)
      .bind(id)
      .first<{ status: string; last_error: string }>();
    expect(row).toMatchObject({ status: "enqueue_failed", last_error: expect.stringContaining("queue unavailable") });

    await onSchedule({ cron: "*/15 * * * *", scheduledTime: Date.now() }, env);
    const event = await delivered(id);
    expect(event.wakes).toEqual([expect.objectContaining({ instanceId: agent, outcome: "decided" })]);
  });

  it("lets a producer retry with the same id after a refusal", async () => {
    const id = unique("evt");
    await expect(ingestEvents(refusingQueue, [customerMessage(unique("c"), { id })])).rejects.toThrow("retry with the same ids");
    const retried = await postEvent(customerMessage(unique("c"), { id }));
    expect(retried).toMatchObject({ id, status: "queued" });
    await delivered(id);
  });
});

/** What a request cut off between its D1 write and its queue send leaves behind, ten minutes ago. */
async function leavePending(id: string, customer: string): Promise<void> {
  await env.DB.prepare(
    `INSERT INTO events (id, type, source, subject, customer_id, trace_id, occurred_at, received_at, payload, status) VALUES (?, 'customer.message', 't', 'ticket:1', ?, 't', ?, ?, '{}', 'pending')`,
  )
    .bind(id, customer, new Date().toISOString(), Date.now() - 600_000)
    .run();
}

describe("events that never reached the queue", () => {
  it("sweeps a pending event whose ingest died before sending it", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("pending")), [{ id: agent, customerId: customer }]);
    const id = unique("evt");
    await leavePending(id, customer);
    // A producer retrying that id now gets it sent, not a "duplicate" that was never queued.
    const retried = await postEvent(customerMessage(customer, { id }));
    expect(retried.status).toBe("queued");
    await delivered(id);

    const swept = unique("evt");
    await leavePending(swept, customer);
    await onSchedule({ cron: "*/15 * * * *", scheduledTime: Date.now() }, env);
    expect((await delivered(swept)).wakes).toEqual([expect.objectContaining({ instanceId: agent, outcome: "decided" })]);
  });

  it("never moves a delivered event back to queued", async () => {
    const { id } = await postEvent(customerMessage(unique("c")));
    await delivered(id);
    await env.DB.prepare(`UPDATE events SET status = 'delivered' WHERE id = ?`).bind(id).run();
    const again = await postEvent(customerMessage(unique("c"), { id }));
    expect(again.status).toBe("duplicate");
    expect((await eventStatus(id)).status).toBe("delivered");
  });
});

describe("event size", () => {
  it("counts UTF-8 bytes, not characters", async () => {
    const res = await admin("/v1/events", { method: "POST", json: customerMessage("c", { payload: { text: "日".repeat(25_000) } }) });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { field: "payload" } });
  });
});
