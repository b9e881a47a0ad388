import { describe, expect, it } from "vitest";
import type { WakeItem } from "../../src/schemas/event";
import { readWakeMessage, WAKE_READERS, wakeMessageVersion } from "../../src/wake/message-versions";
import { wakeMessages } from "../../src/wake/wake-sender";

const item = (n: number): WakeItem => ({
  event: {
    id: `evt_${n}`,
    type: "customer.message",
    source: "test",
    subject: `ticket:${n}`,
    customerId: "cust",
    occurredAt: "2026-12-01T09:00:00.000Z",
    payload: {},
    traceId: `trace_${n}`,
    receivedAt: 1,
  },
  to: ["agent"],
});

describe("wake message versions (pure)", () => {
  it("reads the current version and the previous one", () => {
    expect(Object.keys(WAKE_READERS)).toEqual(["1", "2"]);
  });

  it("writes v1 (one event a message) or v2 (packed) as WAKE_MESSAGE_VERSION says, and reads both back", () => {
    const items = [item(1), item(2), item(3)];
    const v1 = wakeMessages(items, 1);
    expect(v1.map((m) => m.v)).toEqual([1, 1, 1]);
    const v2 = wakeMessages(items, 2);
    expect(v2.map((m) => m.v)).toEqual([2]);
    for (const messages of [v1, v2]) {
      const read = messages.flatMap((m) => {
        const r = readWakeMessage(JSON.parse(JSON.stringify(m)));
        return "items" in r ? r.items : [];
      });
      expect(read).toEqual(items);
    }
  });

  it("names the version it cannot read, and a message without one", () => {
    expect(readWakeMessage({ v: 7, items: [] })).toEqual({
      error: expect.stringMatching(/^unknown wake message version 7: this consumer reads v1, v2/),
    });
    expect(readWakeMessage({ items: [] })).toEqual({ error: expect.stringContaining("no version field") });
    expect(readWakeMessage({ v: 1, nothing: true })).toEqual({ error: expect.stringContaining("invalid wake message (v1)") });
  });

  it("takes the writers' version from WAKE_MESSAGE_VERSION, defaulting to 2, and refuses one no consumer reads", () => {
    expect(wakeMessageVersion({})).toBe(2);
    expect(wakeMessageVersion({ WAKE_MESSAGE_VERSION: "1" })).toBe(1);
    expect(() => wakeMessageVersion({ WAKE_MESSAGE_VERSION: "3" })).toThrow(/WAKE_MESSAGE_VERSION must be one of 1, 2/);
  });
});
