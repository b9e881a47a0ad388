import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { admin, customerMessage, unique } from "../helpers";

describe("a batch of events encrypted at rest", () => {
  it("stores each payload as its own envelope under the current key, with its own IV, and reads each back", async () => {
    const subject = unique("sealed-batch");
    const events = Array.from({ length: 40 }, (_, i) =>
      customerMessage(unique("cus"), { subject, payload: { text: `private note ${i}`, priority: i % 2 ? "urgent" : "normal" } }),
    );
    const res = await admin("/v1/events/batch", { method: "POST", json: { events } });
    expect(res.status).toBe(202);
    const rows = await env.DB.prepare("SELECT id, payload FROM events WHERE subject = ? ORDER BY id")
      .bind(subject)
      .all<{ id: string; payload: string }>();
    expect(rows.results).toHaveLength(40);
    const ivs = new Set<string>();
    for (const row of rows.results) {
      expect(row.payload).toMatch(/^"enc:v1:k2:[\w-]{16}:[\w-]+"$/);
      expect(row.payload).not.toContain("private note");
      ivs.add(row.payload.split(":")[3] ?? "");
    }
    expect(ivs.size).toBe(40);
    const texts = new Set<string>();
    for (const row of rows.results) {
      const read = await admin(`/v1/events/${row.id}`);
      expect(read.status).toBe(200);
      texts.add(((await read.json()) as { payload: { text: string } }).payload.text);
    }
    expect(texts).toEqual(new Set(events.map((e) => e.payload?.["text"])));
  });
});
