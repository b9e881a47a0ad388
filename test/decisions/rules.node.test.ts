import { describe, expect, it } from "vitest";
import { DecisionEngine, RulesTier } from "../../src/decisions/engine";
import { conditionHolds, firstMatchingRule } from "../../src/decisions/rules";
import type { Situation } from "../../src/decisions/situation";
import { Rule, type RuleCondition } from "../../src/schemas/identity";
import { SkillRegistry } from "../../src/skills/registry";
import { defineSkill } from "../../src/skills/skill";
import { z } from "zod";

const situation = (payload: Record<string, unknown>, type = "customer.message", subject = "ticket:1"): Situation => ({
  event: {
    id: "e",
    traceId: "t",
    receivedAt: 0,
    type: type as Situation["event"]["type"],
    source: "s",
    subject,
    occurredAt: "2026-01-01T00:00:00Z",
    payload,
  },
  context: { openTaskCount: 3, recentEventCount: 0, state: "active" },
});

const holds = (c: RuleCondition, payload: Record<string, unknown>) => conditionHolds(c, situation(payload));

describe("rule conditions", () => {
  it("compares, tests membership and containment, and reads context", () => {
    expect(holds({ path: "payload.priority", op: "eq", value: "urgent" }, { priority: "urgent" })).toBe(true);
    expect(holds({ path: "payload.priority", op: "neq", value: "urgent" }, { priority: "low" })).toBe(true);
    expect(holds({ path: "payload.tier", op: "in", value: ["gold", "silver"] }, { tier: "gold" })).toBe(true);
    expect(holds({ path: "payload.text", op: "contains", value: "PRICING" }, { text: "what is your pricing?" })).toBe(true);
    expect(holds({ path: "payload.labels", op: "contains", value: "bug" }, { labels: ["bug", "p1"] })).toBe(true);
    expect(holds({ path: "payload.size", op: "gte", value: 1000 }, { size: 1000 })).toBe(true);
    expect(holds({ path: "payload.size", op: "gt", value: 1000 }, { size: 1000 })).toBe(false);
    expect(holds({ path: "payload.size", op: "lt", value: 10 }, { size: 3 })).toBe(true);
    expect(holds({ path: "payload.name", op: "lte", value: "b" }, { name: "a" })).toBe(true);
    expect(holds({ path: "payload.email", op: "matches", value: "*@acme.com" }, { email: "jo@acme.com" })).toBe(true);
    expect(holds({ path: "payload.customer.plan", op: "exists" }, { customer: { plan: "pro" } })).toBe(true);
    expect(holds({ path: "payload.customer.plan", op: "exists" }, { customer: null })).toBe(false);
    expect(holds({ path: "context.openTaskCount", op: "gte", value: 3 }, {})).toBe(true);
    expect(holds({ path: "event.subject", op: "eq", value: "ticket:1" }, {})).toBe(true);
    expect(holds({ path: "unknown.thing", op: "exists" }, {})).toBe(false);
  });

  it("treats a type mismatch as false rather than throwing", () => {
    expect(holds({ path: "payload.size", op: "gt", value: 10 }, { size: "big" })).toBe(false);
    expect(holds({ path: "payload.tier", op: "in", value: "gold" }, { tier: "gold" })).toBe(false);
  });
});

describe("rules", () => {
  const rules = [
    {
      id: "push-main",
      when: { type: "github.*", conditions: [{ path: "payload.ref", op: "eq", value: "refs/heads/main" }] },
      then: { action: "act", reason: "main" },
    },
    { id: "push-any", when: { type: "github.push" }, then: { action: "ignore", reason: "branch" } },
    { id: "vip", when: { subject: "vip:*" }, then: { action: "escalate", reason: "vip" } },
  ].map((r) => Rule.parse(r));

  it("lets the first matching rule win", () => {
    expect(firstMatchingRule(rules, situation({ ref: "refs/heads/main" }, "github.push"))?.id).toBe("push-main");
    expect(firstMatchingRule(rules, situation({ ref: "refs/heads/dev" }, "github.push"))?.id).toBe("push-any");
    expect(firstMatchingRule(rules, situation({}, "customer.message", "vip:9"))?.id).toBe("vip");
    expect(firstMatchingRule(rules, situation({}))).toBeUndefined();
  });

  it("the engine answers from the first tier that answers, else escalates", async () => {
    const engine = new DecisionEngine([new RulesTier(rules, new SkillRegistry([]))]);
    expect(await engine.decide(situation({}, "github.push"), { decisionId: "d1" })).toMatchObject({
      tier: "rules",
      action: "ignore",
      ruleId: "push-any",
      cache: null,
    });
    const fallback = await engine.decide(situation({}), { decisionId: "d2" });
    expect(fallback).toMatchObject({ tier: "fallback", action: "escalate" });
    expect(fallback.latencyMs).toBeGreaterThanOrEqual(0);
  });
});

describe("delegating rules", () => {
  const verdict = defineSkill({
    name: "test.verdict",
    title: "Says SQL when the score is 70 or more",
    input: z.object({ score: z.number() }),
    output: z.object({ verdict: z.enum(["SQL", "nurture"]) }),
    run: ({ score }) => ({ verdict: score >= 70 ? ("SQL" as const) : ("nurture" as const) }),
    render: ({ verdict: v }) => `verdict: ${v}`,
  });
  const rule = Rule.parse({
    id: "hand-on",
    when: {},
    then: {
      action: "delegate",
      reason: "qualified: to an AE",
      skill: "test.verdict",
      delegateTo: "account-executive",
      delegateWhen: [{ path: "output.verdict", op: "eq", value: "SQL" }],
      handoff: { kind: "plan-close" },
    },
  });
  const tier = new RulesTier([rule], new SkillRegistry([verdict]));

  it("hands off with the skill's deliverable when its result calls for it, and keeps the work otherwise", () => {
    expect(tier.decide(situation({ inputs: { score: 90 } }))).toEqual({
      action: "delegate",
      reason: "qualified: to an AE",
      ruleId: "hand-on",
      note: undefined,
      delegateTo: "account-executive",
      handoff: { type: "handoff", kind: "plan-close" },
      output: "verdict: SQL",
    });
    expect(tier.decide(situation({ inputs: { score: 10 } }))).toMatchObject({
      action: "act",
      reason: "qualified: to an AE; kept, not handed to account-executive: the test.verdict result does not call for it",
      output: "verdict: nurture",
    });
    expect(tier.decide(situation({ inputs: { score: "high" } }))).toMatchObject({
      action: "escalate",
      reason: expect.stringMatching(/^skill_input_invalid: test.verdict: /),
    });
  });

  it("refuses delegate rules without a role, and hand-off fields on other actions", () => {
    const issues = (then: Record<string, unknown>) =>
      Rule.safeParse({ id: "r", when: {}, then }).error?.issues.map((i) => [i.path.join("."), i.message]);
    expect(issues({ action: "delegate", reason: "x" })).toBeUndefined();
    expect(issues({ action: "act", reason: "x", handoff: { type: "request" } })).toEqual([
      ["then.handoff", "only a `delegate` rule hands work off"],
    ]);
    expect(issues({ action: "delegate", reason: "x", delegateTo: "seo", delegateWhen: [] })).toEqual([
      ["then.delegateWhen", "`delegateWhen` tests a skill's result: name the skill"],
    ]);
    expect(issues({ action: "ignore", reason: "x", skill: "a.b" })).toEqual([
      ["then.skill", "a skill does the work of an `act` or `delegate` rule"],
    ]);
  });
});
