import { describe, expect, it } from "vitest";
import type { WakeResult } from "../../src/schemas/decision";
import { flushWork, queueBatchWork } from "../../src/traces/batch-work";

/** A wake result for `event`, decided with `action` (null: buffered, no decision yet). */
function result(event: { id: string; traceId: string }, action: "act" | "escalate" | "delegate" | null): WakeResult {
  // Only the fields the batch's work reads matter here; the rest keep the type honest.
  return {
    instanceId: "agent-1",
    eventId: event.id,
    outcome: action ? "decided" : "buffered",
    duplicate: false,
    decision: action
      ? ({ id: `dec-${event.id}`, instanceId: "agent-1", eventId: event.id, traceId: event.traceId, action } as WakeResult["decision"])
      : null,
    eventReceivedAt: 0,
    recordedAt: 1,
  };
}

const ev = (n: number) => ({ id: `evt-${n}`, traceId: `trc-${n}` });
const message = (...events: { id: string; traceId: string }[]) => ({ body: { v: 2, items: events.map((event) => ({ event })) } });

describe("what a queue batch's export may look up for errors", () => {
  it("suspects only the traces where an error can be: an event nobody woke for, a decision that escalated or delegated", () => {
    const [acted, escalated, delegated, unwoken, buffered] = [1, 2, 3, 4, 5].map(ev) as [
      ReturnType<typeof ev>,
      ReturnType<typeof ev>,
      ReturnType<typeof ev>,
      ReturnType<typeof ev>,
      ReturnType<typeof ev>,
    ];
    const work = queueBatchWork(
      [message(acted, escalated), message(delegated, unwoken, buffered)],
      [result(acted, "act"), result(escalated, "escalate"), result(delegated, "delegate"), result(buffered, null)],
      0,
    );
    expect(work.traceIds).toEqual(expect.arrayContaining(["trc-1", "trc-2", "trc-3", "trc-4", "trc-5"]));
    expect([...(work.suspects ?? [])].sort()).toEqual(["trc-2", "trc-3", "trc-4"]);
  });

  it("suspects every trace of a dead-letter batch (its events are all dead), and an agent's flush only its risky decisions", () => {
    const [a, b] = [ev(1), ev(2)];
    expect(queueBatchWork([message(a, b)], [], 0, { deadLetters: true }).suspects).toBeUndefined();
    expect(flushWork([result(a, "act"), result(b, "escalate")], 0).suspects).toEqual(["trc-2"]);
  });
});
