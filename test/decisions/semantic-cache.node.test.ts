import { describe, expect, it } from "vitest";
import { readableSituation } from "../../src/decisions/cache/readable-situation";
import { bestMatch, originalReason, reusedReason, type SemanticEntry } from "../../src/decisions/cache/semantic-index";
import { canonicalSituation } from "../../src/decisions/situation-key";
import { LexicalEmbedder } from "../../src/memory/embedding/lexical";
import { cosine } from "../../src/memory/embedding/embedder";

const embedder = new LexicalEmbedder();
const message = (text: string, payload: Record<string, unknown> = {}) => ({
  type: "customer.message" as const,
  subject: "chat:17",
  payload: { text, ...payload },
});
const vectorOf = (event: ReturnType<typeof message>) => embedder.embedNow(readableSituation(event).text);
const similarity = (a: string, b: string) => cosine(vectorOf(message(a)), vectorOf(message(b)));

function entry(decisionId: string, text: string, extra: Partial<SemanticEntry> = {}): SemanticEntry {
  return { decisionId, eventType: "customer.message", customerId: null, hasOutput: false, vector: vectorOf(message(text)), ...extra };
}

describe("the semantic cache's view of a situation", () => {
  it("reads the subject and the payload's text and yes/no fields, normalized, without ids or field names of text", () => {
    const event = message("Refund order #4411 for BOB@x.io", { orderId: "o-4411", paid: true, items: [{ name: "Blender" }] });
    expect(readableSituation(event)).toEqual({
      type: "customer.message",
      text: "chat:#\nblender\npaid: yes\nrefund order ## for <email>", // payload keys in sorted order
      hasContent: true,
    });
    // The canonical text the learning records keep reads the same as the live event.
    expect(readableSituation(canonicalSituation(event))).toEqual(readableSituation(event));
  });

  it("a payload of greetings, ids and numbers says nothing: no near-duplicate can be judged on the subject alone", () => {
    expect(readableSituation(message("Thanks!", { orderId: "o-1", amount: 12 })).hasContent).toBe(false);
    expect(readableSituation(message("Why?")).hasContent).toBe(false);
    expect(readableSituation(message("Refund?")).hasContent).toBe(true);
  });

  it("with the lexical embedder, rewordings of one request stay above the default threshold; other requests fall well below", () => {
    expect(similarity("Where is my order? It has not arrived yet.", "where is my order, it has not arrived yet!!")).toBeGreaterThan(0.99);
    expect(
      similarity("Where is my order? It has not arrived yet.", "Where is my order? It has not arrived yet, please check."),
    ).toBeGreaterThan(0.9);
    expect(similarity("Where is my order? It has not arrived yet.", "Can I get a refund for my order?")).toBeLessThan(0.7);
    expect(similarity("refund please", "cancel my account")).toBeLessThan(0.7);
    // Lexical, not semantic: a paraphrase with other words is not recognised.
    expect(similarity("I want my money back", "Please refund me")).toBeLessThan(0.7);
  });
});

describe("choosing a remembered decision", () => {
  const query = (text: string, customerId: string | null = "cust_a", eventType = "customer.message") => ({
    eventType,
    customerId,
    vector: vectorOf(message(text)),
  });

  it("takes the most similar entry of the same event type", () => {
    const entries = [
      entry("dec_refund", "I want a refund for my blender"),
      entry("dec_where", "Where is my order? It has not arrived yet."),
    ];
    expect(bestMatch(entries, query("where is my order? it has not arrived yet", null))?.entry.decisionId).toBe("dec_where");
    expect(bestMatch(entries, query("where is my order? it has not arrived yet", null, "task.assigned"))).toBeUndefined();
    expect(bestMatch([], query("anything"))).toBeUndefined();
  });

  it("never reuses one customer's decision for another, deliverable or not (its reason and note speak of that customer)", () => {
    const deliverable = entry("dec_letter", "Write the apology letter for my late order", { hasOutput: true, customerId: "cust_a" });
    expect(bestMatch([deliverable], query("Write the apology letter for my late order", "cust_a"))?.entry.decisionId).toBe("dec_letter");
    expect(bestMatch([deliverable], query("Write the apology letter for my late order", "cust_b"))).toBeUndefined();
    expect(bestMatch([deliverable], query("Write the apology letter for my late order", null))).toBeUndefined();
    const plain = entry("dec_route", "Write the apology letter for my late order", { customerId: "cust_a" });
    expect(bestMatch([plain], query("Write the apology letter for my late order", "cust_b"))).toBeUndefined();
    expect(bestMatch([plain], query("Write the apology letter for my late order", null))).toBeUndefined();
    // Events with no customer reuse among themselves (an operator's own agents).
    const unbound = entry("dec_unbound", "Write the apology letter for my late order");
    expect(bestMatch([unbound], query("Write the apology letter for my late order", null))?.entry.decisionId).toBe("dec_unbound");
  });

  it("names the decision reused and its similarity, without stacking prefixes when a reuse is reused", () => {
    const once = reusedReason("dec_1", 0.9531, "customer asks where the order is");
    expect(once).toBe("semantic: reused decision dec_1 at similarity 0.953: customer asks where the order is");
    expect(reusedReason("dec_2", 0.93, once)).toBe("semantic: reused decision dec_2 at similarity 0.930: customer asks where the order is");
    expect(originalReason(once)).toBe("customer asks where the order is");
  });

  it("scans the most entries an agent keeps (2,000) in milliseconds", () => {
    const texts = ["order", "refund", "invoice", "delivery", "account", "password", "discount", "warranty"];
    const entries = Array.from({ length: 2_000 }, (_, i) =>
      entry(`dec_${i}`, `${texts[i % 8]} question number ${i} about ${texts[(i * 7) % 8]} and ${texts[(i * 3) % 8]}`),
    );
    const q = query("a question about my refund and delivery");
    bestMatch(entries, q); // warm up
    const runs = 20;
    const started = performance.now();
    for (let i = 0; i < runs; i++) bestMatch(entries, q);
    const perScanMs = (performance.now() - started) / runs;
    console.log(`semantic cache scan: 2,000 entries × ${embedder.dimension} dimensions in ${perScanMs.toFixed(2)} ms`);
    expect(perScanMs).toBeLessThan(25);
  });
});
