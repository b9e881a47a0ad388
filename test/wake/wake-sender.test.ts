import { describe, expect, it } from "vitest";
import type { Event } from "../../src/schemas/event";
import { sendGroups, wakeMessageBytes } from "../../src/wake/wake-sender";

const event = (i: number, text: string): Event => ({
  id: `e${i}`, traceId: "t", receivedAt: 0, type: "customer.message", source: "s", subject: "x", occurredAt: "2026-01-01T00:00:00Z", payload: { text },
});

describe("sendGroups", () => {
  it("never puts more than 100 messages or 240 KB in one sendBatch", () => {
    const small = Array.from({ length: 250 }, (_, i) => event(i, "hi"));
    expect(sendGroups(small).map((g) => g.length)).toEqual([100, 100, 50]);

    const big = Array.from({ length: 10 }, (_, i) => event(i, "é".repeat(30_000))); // ~60 KB each in UTF-8
    const groups = sendGroups(big);
    for (const g of groups) expect(g.reduce((n, e) => n + wakeMessageBytes(e), 0)).toBeLessThanOrEqual(240 * 1024);
    expect(groups.flat()).toHaveLength(10);
  });
});
