import { describe, expect, it } from "vitest";
import { SkillRegistry } from "../../../src/skills/registry";
import { buildBattlecard, handleObjections } from "../../../src/skills/sales/enablement";
import { exampleOf } from "../examples";
import { invalidField, ok } from "./helpers";

const registry = new SkillRegistry([buildBattlecard, handleObjections]);

describe("enablement.build-battlecard", () => {
  const card = exampleOf(buildBattlecard);

  it("sorts features into wins, losses and parity by importance and plants landmines", () => {
    const { output } = ok(registry, buildBattlecard, card);
    expect(output.wins.map((w) => [w.feature, w.importance, w.us, w.them])).toEqual([
      ["Email sequences", "critical", "full", "partial"],
      ["Salesforce sync", "high", "full", "roadmap"],
    ]);
    // Their higher importance for AI call notes counts; their Dialer is missing from our list.
    expect(output.losses.map((l) => [l.feature, l.importance, l.us, l.them])).toEqual([
      ["AI call notes", "high", "roadmap", "full"],
      ["Dialer", "medium", "none", "full"],
      ["Mobile app", "low", "partial", "full"],
    ]);
    expect(output.parity).toEqual(["SSO / SAML"]);
    expect(output.unverified).toEqual(["Territory management"]);
    expect(output.edge).toBe(-6); // (4·1 + 3·2 − 3·2 − 2·3 − 1·1) / (3 · 16) = −6.25%
    expect(output.landmines).toEqual([
      "Ask to see Email sequences live, end to end, in their demo.",
      "Ask for the general-availability date of Salesforce sync in writing.",
    ]);
    expect(output.traps[0]).toBe(
      "RivalSoft will lead with AI call notes (ours is on the roadmap: commit to a date only if product has): ask how often they would use it, then move to Email sequences and Salesforce sync.",
    );
  });

  it("compares prices per user per month and answers objections from the comparison", () => {
    const { output, deliverable } = ok(registry, buildBattlecard, card);
    expect(output.price).toEqual({
      ours: 50,
      theirs: 45,
      unit: "per user per month",
      difference: 0.111,
      yearlyForSeats: { ours: 30_000, theirs: 27_000 },
      position: "11.1% dearer: justify with Email sequences and Salesforce sync; sell on outcomes, not list price",
    });
    expect(output.objections.map((o) => o.category)).toEqual(["price", "feature", "feature", "security"]);
    expect(output.objections[0]?.response).toContain("Here: 11.1% dearer");
    expect(output.objections[1]?.response).toBe(
      "Acknowledge the gap on AI call notes (ours: roadmap); ask how critical it is, then move to Email sequences and Salesforce sync.",
    );
    expect(output.objections[2]?.response).toBe("We fully support SSO / SAML: show it live.");
    expect(output.objections[3]?.response).toBe("Send the security pack on day one.");
    expect(deliverable).toContain("## Battlecard: Waooaw CRM vs RivalSoft");
    expect(deliverable).toContain("| Email sequences | critical | full | partial |");
    expect(deliverable).toContain("$50 vs $45 per user per month: 11.1% dearer");
    expect(deliverable).toContain("Yearly: $30,000 vs $27,000.");
    expect(deliverable).toContain("**Check RivalSoft for:** Territory management");
  });

  it("calls a price within ten percent parity and skips prices in different units", () => {
    const parity = ok(registry, buildBattlecard, {
      ...card,
      competitor: { ...card.competitor, price: { amount: 52, per: "month" } },
    }).output;
    expect(parity.price?.position).toBe("price parity: compete on fit and risk, not price");
    const mixed = ok(registry, buildBattlecard, {
      ...card,
      competitor: { ...card.competitor, price: { amount: 5000, per: "year", unit: "account" } },
    }).output;
    expect(mixed.price).toBeNull();
  });

  it("reports bad input with the field", () => {
    expect(invalidField(registry, "enablement.build-battlecard", { ...card, us: { ...card.us, features: [] } })).toBe("us.features");
    expect(invalidField(registry, "enablement.build-battlecard", { ...card, competitor: undefined })).toBe("competitor");
    const bad = { ...card, us: { ...card.us, features: [{ name: "X", support: "yes" }] } };
    expect(invalidField(registry, "enablement.build-battlecard", bad)).toBe("us.features[0].support");
    expect(invalidField(registry, "enablement.build-battlecard", { ...card, competitor: { ...card.competitor, name: "waooaw crm" } })).toBe(
      "competitor.name",
    );
    const many = Array.from({ length: 101 }, (_, i) => ({ name: `F${i}`, support: "full" }));
    expect(invalidField(registry, "enablement.build-battlecard", { ...card, us: { ...card.us, features: many } })).toBe("us.features");
    expect(invalidField(registry, "enablement.build-battlecard", { ...card, us: { ...card.us, price: { amount: 5, per: "week" } } })).toBe(
      "us.price.per",
    );
  });
});

describe("enablement.handle-objections", () => {
  it("classifies objections by their phrases and gives the LAER play with a stage note", () => {
    const { output, deliverable } = ok(registry, handleObjections, {
      stage: "negotiation",
      competitors: ["RivalSoft"],
      objections: [
        "It's too expensive, can you do a discount?",
        "We already use RivalSoft and our contract runs to March",
        "Just send me some information",
        "There's no budget, it's frozen until next year",
        "I need to run it by my CFO",
        "Hmm, I'm not sure",
      ],
    });
    expect(output.answers.map((a) => [a.category, a.confidence, a.matched])).toEqual([
      ["price", "high", ["too expensive", "discount"]],
      ["competitor", "high", ["already use", "rivalsoft"]],
      ["brush-off", "high", ["send me", "some information"]],
      ["budget", "medium", ["no budget"]],
      ["authority", "high", ["my cfo", "run it by"]],
      ["unclassified", "low", []],
    ]);
    expect(output.answers[0]?.stageNote).toBe(
      "Trade, don't cave: any concession in return for term, volume, a signing date or a case study.",
    );
    expect(output.answers[4]?.stageNote).toBe("Late in the deal this is a warning: confirm the signer and the approval steps now.");
    expect(output.answers[2]?.stageNote).toBeUndefined();
    expect(deliverable).toContain('### 1. "It\'s too expensive, can you do a discount?": Price (high confidence)');
    expect(deliverable).toContain("**At this stage:** Trade, don't cave");
    expect(deliverable).toContain("**Avoid:** Sending the full deck and waiting.");
  });

  it("treats early price talk as a deflection", () => {
    const { output } = ok(registry, handleObjections, { stage: "discovery", objections: ["What does it cost?"] });
    expect(output.answers[0]).toMatchObject({ category: "price", stageNote: expect.stringContaining("usually a deflection") });
  });

  it("reports bad input with the field", () => {
    expect(invalidField(registry, "enablement.handle-objections", { objections: [] })).toBe("objections");
    expect(invalidField(registry, "enablement.handle-objections", { objections: [""] })).toBe("objections[0]");
    expect(invalidField(registry, "enablement.handle-objections", { objections: ["x".repeat(501)] })).toBe("objections[0]");
    expect(invalidField(registry, "enablement.handle-objections", { objections: Array(21).fill("too expensive") })).toBe("objections");
    expect(invalidField(registry, "enablement.handle-objections", { objections: ["ok"], stage: "closed-won" })).toBe("stage");
    expect(invalidField(registry, "enablement.handle-objections", { objections: "too expensive" })).toBe("objections");
  });
});
