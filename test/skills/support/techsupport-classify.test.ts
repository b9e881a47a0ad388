import { describe, expect, it } from "vitest";
import { DecisionEngine, RulesTier } from "../../../src/decisions/engine";
import type { Situation } from "../../../src/decisions/situation";
import { Rule } from "../../../src/schemas/identity";
import { SkillRegistry } from "../../../src/skills/registry";
import { classifyTicket } from "../../../src/skills/support/techsupport-classify";

const registry = new SkillRegistry([classifyTicket]);

interface Triage {
  category: string;
  confidence: number;
  evidence: string[];
  priority: string;
  priorityRule: { id: string; reason: string };
  queue: string;
  sentiment: { label: string; score: number; cues: string[] };
  flags: string[];
}

function triage(input: unknown): Triage & { deliverable: string } {
  const outcome = registry.run("techsupport.classify-ticket", input);
  if (!outcome.ok) throw new Error(`${outcome.error.code}: ${outcome.error.message}`);
  return { ...(outcome.output as Triage), deliverable: outcome.deliverable };
}

describe("techsupport.classify-ticket", () => {
  it("calls a company-wide outage P1 and the angry customer angry", () => {
    const t = triage({
      subject: "URGENT: app is down for all our users",
      text: "Since 09:10 UTC the dashboard returns 503 Service Unavailable for everyone in our company. Nobody can work. This is the third time this month, absolutely unacceptable!!",
    });
    expect(t).toMatchObject({
      category: "outage",
      confidence: 1,
      priority: "P1",
      priorityRule: { id: "outage-wide" },
      queue: "Incident response (on-call engineering)",
    });
    expect(t.evidence).toEqual(expect.arrayContaining(["is down", "503", "service unavailable", "nobody can"]));
    expect(t.sentiment).toEqual({ label: "angry", score: -6, cues: ["third time", "unacceptable", "!!"] });
    expect(t.flags).toEqual(["urgent wording (urgent)", "wide impact (all our users, everyone, nobody)"]);
    expect(t.deliverable).toContain("## Ticket triage: P1, outage");
    expect(t.deliverable).toContain("- **Priority:** P1, rule `outage-wide`: service down for many users");
  });

  it("sends a double charge to billing as P2", () => {
    const t = triage({
      subject: "Charged twice for November",
      text: "Hi, our credit card was charged twice for the November invoice (INV-2231). Can you refund the duplicate payment? Thanks",
    });
    expect(t).toMatchObject({ category: "billing", priority: "P2", priorityRule: { id: "money-taken" }, queue: "Billing" });
    expect(t.sentiment.label).toBe("neutral");
  });

  it("keeps a crash with a workaround at P3 when the customer says it is not urgent", () => {
    const t = triage({
      subject: "Export to CSV crashes",
      text: "When I export a report with more than 50k rows the page crashes with an error. Steps to reproduce: open Reports, choose Q3, click Export. It's not urgent, we can use the PDF export meanwhile.",
    });
    expect(t).toMatchObject({ category: "bug", priority: "P3", priorityRule: { id: "defect" }, flags: [] });
    expect(t.evidence).toEqual(["crash", "error", "steps to reproduce", "reproduce"]);
    // The same ticket from an enterprise customer goes up a level.
    expect(triage({ text: "The page crashes with an error when I export.", customerTier: "enterprise" }).priorityRule.id).toBe(
      "enterprise-defect",
    );
  });

  it("raises a locked-out user with a deadline to P2", () => {
    const t = triage({
      text: "I can't log in since I reset my password, the 2FA code is always rejected. I'm locked out and have a client demo in an hour, urgent please",
    });
    expect(t).toMatchObject({
      category: "account-access",
      priority: "P2",
      priorityRule: { id: "work-blocked" },
      queue: "Identity and access",
    });
    expect(t.evidence).toEqual(["log in", "password", "2fa", "locked out"]);
  });

  it("treats a phishing report as a P1 security incident", () => {
    const t = triage({
      text: "We got a phishing email that looks like it came from your domain, and one of our admins reports a suspicious login from an unknown IP.",
    });
    expect(t).toMatchObject({ category: "security", priority: "P1", priorityRule: { id: "security-incident" }, queue: "Security team" });
  });

  it("files questions and requests at P4, with their sentiment", () => {
    const howTo = triage({
      text: "How do I add a new user to my workspace and give them admin permission? I couldn't find it in the documentation.",
    });
    expect(howTo).toMatchObject({ category: "how-to", priority: "P4", priorityRule: { id: "question" }, confidence: 0.69 });
    const request = triage({
      subject: "Feature request: dark mode",
      text: "It would be great if you could add a dark mode. Our designers would love it. Thanks, the product is awesome!",
    });
    expect(request).toMatchObject({ category: "feature-request", priority: "P4", queue: "Product feedback", flags: [] });
    expect(request.sentiment).toMatchObject({ label: "positive", score: 6 });
    expect(triage({ text: "Hello, just wanted to say the onboarding call was great, thank you." })).toMatchObject({
      category: "general",
      confidence: 0,
      priority: "P4",
    });
  });

  it("raises an angry customer who talks of leaving to P2 and flags the churn risk", () => {
    const t = triage({
      subject: "Sync still broken",
      text: "This is the worst support ever. I am not happy at all. If this is not fixed we will cancel our subscription and switch to a competitor.",
    });
    expect(t).toMatchObject({ category: "bug", priority: "P2", priorityRule: { id: "churn-threat" } });
    expect(t.sentiment).toEqual({ label: "angry", score: -6, cues: ["still", "worst", "not happy"] });
    expect(t.flags).toEqual(["churn risk (cancel our, switch to, competitor)"]);
    expect(t.deliverable).toContain('- **Sentiment:** angry (-6): "still", "worst", "not happy"');
  });

  it("refuses bad input with the offending field", () => {
    const field = (input: unknown) => {
      const outcome = registry.run("techsupport.classify-ticket", input);
      expect(outcome).toMatchObject({ ok: false, error: { code: "skill_input_invalid" } });
      return outcome.ok ? undefined : outcome.error.field;
    };
    expect(field({ subject: "Help" })).toBe("text");
    expect(field({ text: "   " })).toBe("text");
    expect(field({ text: 42 })).toBe("text");
    expect(field({ text: "x".repeat(20_001) })).toBe("text");
    expect(field({ text: "down", subject: "y".repeat(501) })).toBe("subject");
    expect(field({ text: "down", customerTier: "platinum" })).toBe("customerTier");
    expect(field({ text: "down", affectedUsers: 0 })).toBe("affectedUsers");
  });
});

describe("a support agent's rule that triages customer messages", () => {
  const rules = [
    {
      id: "triage-message",
      when: { type: "customer.message" },
      then: { action: "act", reason: "triage the message", skill: "techsupport.classify-ticket", input: "payload" },
    },
  ].map((r) => Rule.parse(r));
  const engine = new DecisionEngine([new RulesTier(rules, registry)]);
  const message = (payload: Record<string, unknown>): Situation => ({
    event: {
      id: "e1",
      traceId: "t",
      receivedAt: 0,
      type: "customer.message",
      source: "marketplace",
      subject: "hire:h1:task:t1",
      occurredAt: "2026-12-02T00:00:00Z",
      payload,
    },
    context: { openTaskCount: 0, recentEventCount: 0, state: "active" },
  });

  it("reads the message payload (text and task title) and delivers the triage", () => {
    const answer = engine.decide(
      message({ taskId: "t1", messageId: "m1", taskTitle: "Invoice question", text: "Why does the invoice show VAT twice?" }),
      { decisionId: "d1" },
    );
    expect(answer).toMatchObject({ tier: "rules", action: "act", ruleId: "triage-message" });
    expect(answer instanceof Promise ? "" : answer.output).toContain("## Ticket triage: P3, billing");
  });

  it("escalates an empty message with the field", () => {
    const answer = engine.decide(message({ taskId: "t1", text: "" }), { decisionId: "d2" });
    expect(answer).toMatchObject({ action: "escalate" });
    expect(answer instanceof Promise ? "" : answer.reason).toMatch(/^skill_input_invalid: techsupport.classify-ticket: text: /);
  });
});
