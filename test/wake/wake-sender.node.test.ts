import { describe, expect, it } from "vitest";
import { WakeMessage, wakeItemsOf, type Event, type WakeItem } from "../../src/schemas/event";
import { packWakes, sendGroups } from "../../src/wake/wake-sender";

const event = (i: number, text: string): Event => ({
  id: `e${i}`,
  traceId: "t",
  receivedAt: 0,
  type: "customer.message",
  source: "s",
  subject: "x",
  occurredAt: "2026-01-01T00:00:00Z",
  payload: { text },
});
const bytes = (m: unknown) => new TextEncoder().encode(JSON.stringify(m)).byteLength;
const to = Array.from({ length: 100 }, (_, i) => `agent-with-a-long-instance-name-${i}`);

describe("packWakes", () => {
  it("packs up to 100 small events into one message, in order", () => {
    const items = Array.from({ length: 250 }, (_, i): WakeItem => ({ event: event(i, "hi") }));
    const messages = packWakes(items);
    expect(messages.map((m) => m.items.length)).toEqual([100, 100, 50]);
    expect(messages.flatMap((m) => wakeItemsOf(m).map((item) => item.event.id))).toEqual(items.map((item) => item.event.id));
    for (const m of messages) expect(WakeMessage.safeParse(m).success).toBe(true);
  });

  it("keeps every message under the queue's 128 KB, recipient lists and multi-byte text included", () => {
    const items = Array.from({ length: 10 }, (_, i): WakeItem => ({ event: event(i, "é".repeat(20_000)), to })); // ~53 KB each
    const messages = packWakes(items);
    for (const m of messages) expect(bytes(m)).toBeLessThanOrEqual(120 * 1024);
    expect(messages.length).toBeGreaterThan(1);
    expect(messages.flatMap((m) => m.items)).toHaveLength(10);
  });
});

describe("sendGroups", () => {
  it("never puts more than 100 messages or 240 KB in one sendBatch", () => {
    const small = Array.from({ length: 250 }, (_, i) => ({ v: 2 as const, items: [{ event: event(i, "hi") }] }));
    expect(sendGroups(small).map((g) => g.length)).toEqual([100, 100, 50]);

    const big = packWakes(Array.from({ length: 10 }, (_, i): WakeItem => ({ event: event(i, "é".repeat(28_000)), to }))); // ~60 KB each
    const groups = sendGroups(big);
    for (const g of groups) expect(g.reduce((n, m) => n + bytes(m), 0)).toBeLessThanOrEqual(240 * 1024);
    expect(groups.flat().flatMap((m) => m.items)).toHaveLength(10);
  });
});
