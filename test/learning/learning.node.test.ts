import { describe, expect, it } from "vitest";
import { situationOf } from "../../src/learning/agent-learning";
import { LEARNABLE_TIERS, feedbackRevokeReason } from "../../src/learning/evidence";
import { scopeCustomer } from "../../src/learning/learned-rules";
import { canonicalSituation, hashText, situationKey } from "../../src/decisions/situation-key";

const message = (text: string, customerId?: string) => ({
  type: "customer.message" as const,
  subject: "chat:7",
  payload: { text, orderId: "o-1" },
  ...(customerId ? { customerId } : {}),
});

describe("what learning keeps of a situation", () => {
  it("is the hash part of the cache's situation key, with the canonical text people read", () => {
    const noted = situationOf(message("Where is order 12?", "acme"));
    expect(noted).toEqual({
      situationKey: hashText(canonicalSituation(message("Where is order 12?", "acme"))),
      canonical: '["customer.message","chat:#",{"text":"where is order #?"}]',
      eventType: "customer.message",
      customerId: "acme",
    });
    expect(situationKey("scope", message("Where is order 12?", "acme"))).toBe(`scope:acme:${noted.situationKey}`);
    expect(situationOf(message("where is ORDER 9?", "acme")).situationKey).toBe(noted.situationKey);
    expect(situationOf(message("Can I get a refund?", "acme")).situationKey).not.toBe(noted.situationKey);
    expect(situationOf(message("Where is order 12?")).customerId).toBe("-");
  });

  it("is kept for the model's tiers and learned rules, never for declared rules or fallbacks", () => {
    expect([...LEARNABLE_TIERS].sort()).toEqual(["cache", "learned", "llm", "semantic"]);
  });
});

describe("learned rules", () => {
  it("belong to the customer named at the end of their scope (customer ids may hold colons)", () => {
    expect(scopeCustomer("support:0123456789abcdef:acme")).toBe("acme");
    expect(scopeCustomer("support:0123456789abcdef:org:acme")).toBe("org:acme");
    expect(scopeCustomer("support:0123456789abcdef:-")).toBeNull();
  });

  it("say in words why bad feedback revoked them", () => {
    expect(feedbackRevokeReason({ decisionId: "d", rating: 1 })).toBe("rated 1/5");
    expect(feedbackRevokeReason({ decisionId: "d", verdict: "bad", comment: "wrong team" })).toBe("rated bad; wrong team");
    expect(feedbackRevokeReason({ decisionId: "d", correction: { action: "delegate", reason: "sales owns pricing" } })).toBe(
      "corrected to delegate: sales owns pricing",
    );
    expect(feedbackRevokeReason({ decisionId: "d", correction: { action: "ignore" }, rating: 2, comment: "x".repeat(600) })).toHaveLength(
      500,
    );
  });
});
