import { describe, expect, it } from "vitest";
import type { Event, WakeMessage } from "../../src/schemas/event";
import { sendGroups } from "../../src/wake/wake-sender";

const event = (i: number, text: string): Event => ({
  id: `e${i}`, traceId: "t", receivedAt: 0, type: "customer.message", source: "s", subject: "x", occurredAt: "2026-01-01T00:00:00Z", payload: { text },
});
const bytes = (m: WakeMessage) => new TextEncoder().encode(JSON.stringify(m)).byteLength;

describe("sendGroups", () => {
  it("never puts more than 100 messages or 240 KB in one sendBatch, recipient lists included", () => {
    const small = Array.from({ length: 250 }, (_, i): WakeMessage => ({ v: 1, event: event(i, "hi") }));
    expect(sendGroups(small).map((g) => g.length)).toEqual([100, 100, 50]);

    const to = Array.from({ length: 100 }, (_, i) => `agent-with-a-long-instance-name-${i}`);
    const big = Array.from({ length: 10 }, (_, i): WakeMessage => ({ v: 1, event: event(i, "é".repeat(28_000)), to })); // ~60 KB each
    const groups = sendGroups(big);
    for (const g of groups) expect(g.reduce((n, m) => n + bytes(m), 0)).toBeLessThanOrEqual(240 * 1024);
    expect(groups.flat()).toHaveLength(10);
  });
});
