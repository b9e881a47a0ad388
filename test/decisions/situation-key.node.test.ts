import { describe, expect, it } from "vitest";
import { canonicalSituation, normalizeText, situationKey } from "../../src/decisions/situation-key";

const event = (subject: string, payload: Record<string, unknown>) => ({ type: "customer.message" as const, subject, payload });

describe("situation keys", () => {
  it("normalizes ids, numbers, e-mails, URLs, case and spacing", () => {
    expect(normalizeText("  Refund ORDER #4411 for BOB@x.io  see https://a.b/c?d=1 ")).toBe("refund order ## for <email> see <url>");
    expect(normalizeText("ticket 3f2b8c1e-1a2b-4c3d-8e9f-0123456789ab")).toBe("ticket <id>");
  });

  it("gives the same key to the same situation with other ids, numbers and key order", () => {
    const a = event("ticket:101", { text: "Where is my order 55?", orderId: "o-1", at: "2026-01-01", tier: "gold" });
    const b = event("ticket:202", { tier: "gold", text: "where is my  order 9?", orderId: "o-2", at: "2026-02-02" });
    expect(situationKey("s", a)).toBe(situationKey("s", b));
    expect(canonicalSituation(a)).toBe(canonicalSituation(b));
  });

  it("drops id and time fields but keeps words that merely end like them", () => {
    const key = (payload: Record<string, unknown>) => situationKey("s", event("t:1", payload));
    expect(key({ paid: false })).not.toBe(key({ paid: true }));
    expect(key({ format: "pdf", valid: true })).not.toBe(key({ format: "csv", valid: true }));
    expect(key({ orderId: "o-1", createdAt: "x", order_id: 1, requestId: "r" })).toBe(
      key({ orderId: "o-2", createdAt: "y", order_id: 2, requestId: "q" }),
    );
  });

  it("keeps each customer's situations apart, even within one scope", () => {
    const a = { ...event("ticket:1", { text: "refund please" }), customerId: "alice" };
    expect(situationKey("s", a)).not.toBe(situationKey("s", { ...a, customerId: "bob" }));
  });

  it("keeps situations apart when what matters differs, or when the scope differs", () => {
    const a = event("ticket:1", { text: "refund please" });
    expect(situationKey("s", a)).not.toBe(situationKey("s", event("ticket:1", { text: "cancel please" })));
    expect(situationKey("s", a)).not.toBe(situationKey("s", { ...a, type: "task.assigned" as never }));
    expect(situationKey("support:abc:cust-a", a)).not.toBe(situationKey("support:abc:cust-b", a));
  });
});
