import { createExecutionContext, createMessageBatch, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/index";
import { admin, customerMessage, defineAndSpawn, env, eventually, supportDefinition, unique } from "../helpers";

/** A stored-shape event for a customer's agent (what ingest would have put on the queue). */
function eventFor(customer: string) {
  return { ...customerMessage(customer), id: unique("evt"), traceId: unique("trace"), receivedAt: Date.now(), payload: { text: "hello" } };
}

async function decidedEvents(agent: string): Promise<string[]> {
  const page = (await (await admin(`/v1/admin/agents/${agent}/decisions`)).json()) as { items: { eventId: string }[] };
  return page.items.map((d) => d.eventId);
}

async function runBatch(queue: string, bodies: unknown[]) {
  const batch = createMessageBatch(
    queue,
    bodies.map((body) => ({ id: unique("msg"), timestamp: new Date(), attempts: 1, body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return { batch, result: await getQueueResult(batch, ctx) };
}

describe("wake message versions", () => {
  it("the new consumer still reads a v1 message (what a Worker of the previous version writes)", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("v1")), [{ id: agent, customerId: customer }]);
    const event = eventFor(customer);
    const { result } = await runBatch("waooaw-wake", [{ v: 1, event, to: [agent] }]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(await decidedEvents(agent)).toEqual([event.id]);
  });

  it("dead-letters a message of a version it does not know, saying so, and acks it (never lost, never retried forever)", async () => {
    const customer = unique("cust");
    const body = { v: 3, batch: [{ event: eventFor(customer) }] };
    const { batch, result } = await runBatch("waooaw-wake", [body]);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    const list = (await (await admin("/v1/admin/dlq?limit=100")).json()) as { items: { id: string; error: string }[] };
    const letter = list.items.find((l) => l.id === `dl_${batch.messages[0]?.id}`);
    expect(letter?.error).toMatch(/^unknown wake message version 3: this consumer reads v1, v2/);
    // This Worker cannot read it either, so a replay says why instead of sending nothing.
    const replay = await admin(`/v1/admin/dlq/${letter?.id}/replay`, { method: "POST" });
    expect(replay.status).toBe(409);
    expect(await replay.json()).toMatchObject({ error: { code: "not_replayable", message: expect.stringContaining("version 3") } });
  });

  it("replays every event of a message an older consumer could not read, once a Worker that reads it runs", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("replay")), [{ id: agent, customerId: customer }]);
    const [first, second] = [eventFor(customer), eventFor(customer)];
    // What a rolled-back v1-only consumer stored for a packed v2 message written by the newer version.
    const id = unique("dl_msg");
    await env.DB.prepare(
      `INSERT INTO dead_letters (id, event_id, message, error, attempts, dead_at) VALUES (?, 'unknown', ?, 'invalid wake message', 1, ?)`,
    )
      .bind(id, JSON.stringify({ v: 2, items: [{ event: first }, { event: second }] }), Date.now())
      .run();
    const replay = await admin(`/v1/admin/dlq/${id}/replay`, { method: "POST" });
    expect(replay.status).toBe(202);
    expect(await replay.json()).toMatchObject({ id, eventIds: [first.id, second.id], status: "requeued" });
    const decided = await eventually(async () => {
      const ids = await decidedEvents(agent);
      return ids.length === 2 ? ids : undefined;
    });
    expect(decided.sort()).toEqual([first.id, second.id].sort());
  });
});
