import { describe, expect, it } from "vitest";
import { ServiceUnavailableError } from "../../src/errors";
import { ingestEvents } from "../../src/wake/ingest";
import { onSchedule } from "../../src/wake/schedule";
import { customerMessage, defineAndSpawn, delivered, env, postEvent, supportDefinition, unique } from "../helpers";

/** The real queue binding, refusing sends the way a Queues outage does. */
const refusingQueue = { ...env, WAKE_QUEUE: { send: () => Promise.reject(new Error("queue unavailable")), sendBatch: () => Promise.reject(new Error("queue unavailable")) } } as unknown as Env;

describe("ingest when the queue refuses", () => {
  it("answers 503, keeps the event, and the cron re-enqueues it so it is delivered", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("stranded")), [{ id: agent, customerId: customer }]);
    const id = unique("evt");

    await expect(ingestEvents(refusingQueue, [customerMessage(customer, { id })])).rejects.toBeInstanceOf(ServiceUnavailableError);
    const row = await env.DB.prepare(`SELECT status, last_error FROM events WHERE id = ?`).bind(id).first<{ status: string; last_error: string }>();
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
