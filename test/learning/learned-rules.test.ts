import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/agents/agent-ref";
import type { DecisionSummary } from "../../src/schemas/agent-views";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import type { FeedbackPayload } from "../../src/schemas/feedback";
import type { LearnedRule, LearnedRulePage } from "../../src/schemas/learning";
import type { HireView } from "../../src/schemas/marketplace-views";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { admin, customerMessage, defineAndSpawn, env, eventually, nth, supportDefinition, unique } from "../helpers";
import { anthropicUrl, decide, stubOf } from "../decisions/llm-helpers";
import { as, jsonOf, listedDefinition, publish, settledTask, signUp, type SignedUp } from "../marketplace/helpers";

const requestsOf = async (agent: string) => (await anthropicRequests(anthropicUrl(), agent)).length;
const post = (json?: unknown) => ({ method: "POST", json });

function event(customer: string, extra: Partial<Event> = {}): Event {
  return {
    ...customerMessage(customer),
    payload: { text: "hello" },
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
    ...extra,
  };
}
/** The same situation each time: only the order number (and its id) differ. */
const question = (customer: string, order: number, text = "Where is order") =>
  event(customer, { subject: `chat:${order}`, payload: { text: `${text} ${order}?`, orderId: `o-${order}` } });
const feedback = (customer: string, payload: FeedbackPayload, id = unique("fb")) =>
  event(customer, { id, type: "feedback.received", subject: "chat:feedback", payload });

const rate = (agent: string, customer: string, decisionId: string, rating: number) =>
  decide(agent, feedback(customer, { decisionId, rating }));

async function rulesOf(query: string): Promise<LearnedRule[]> {
  return (await jsonOf<LearnedRulePage>(admin(`/v1/admin/learned-rules?${query}`), 200)).items;
}

/** Three model decisions of one situation, spread over `agents`, each rated good: returns them and the rule. */
async function learn(
  agents: string[],
  customer: string,
  slug: string,
  text?: string,
): Promise<{ decisions: Decision[]; rule: LearnedRule }> {
  const decisions: Decision[] = [];
  for (let i = 0; i < 3; i++) decisions.push(await decide(agents[i % agents.length] ?? "", question(customer, i + 1, text)));
  for (const [i, d] of decisions.entries()) await rate(agents[i % agents.length] ?? "", customer, d.id, 5);
  const [rule] = await rulesOf(`definition=${slug}&status=active&customerId=${customer}`);
  if (!rule) throw new Error("no rule was learned");
  return { decisions, rule };
}

describe("learning from feedback: rated model decisions become learned rules", () => {
  it("three good-rated model decisions of a situation make a rule that decides it with no model call; revoking brings the model back", async () => {
    const slug = unique("learn");
    const customer = unique("cust");
    const agents = [unique("agent"), unique("agent"), unique("agent")];
    await defineAndSpawn(
      supportDefinition(slug),
      agents.map((id) => ({ id, customerId: customer })),
    );
    await scriptAnthropic(anthropicUrl(), nth(agents, 0), [{ kind: "tool", input: { action: "act", reason: "look up the order" } }]);

    const { decisions, rule } = await learn(agents, customer, slug);
    // One model call; the siblings reused its answer from the shared cache. Each carries its situation.
    expect(decisions.map((d) => d.tier)).toEqual(["llm", "cache", "cache"]);
    expect(new Set(decisions.map((d) => d.situationKey)).size).toBe(1);
    expect(rule).toMatchObject({
      definition: slug,
      customerId: customer,
      eventType: "customer.message",
      action: "act",
      reason: "learned: look up the order",
      status: "active",
      situationKey: decisions[0]?.situationKey,
      provenance: { ratings: 3, decisionIds: decisions.map((d) => d.id) },
    });
    expect(rule.situation).toContain("where is order #?");
    expect([...rule.provenance.instances].sort()).toEqual([...agents].sort());
    expect(await jsonOf<LearnedRule>(admin(`/v1/admin/learned-rules/${rule.id}`), 200)).toEqual(rule);

    const first = nth(agents, 0);
    const asked = await requestsOf(first);
    // The agent whose rating promoted the rule uses it at once; the others on their replica's
    // next refresh (LEARNED_RULES_REFRESH_SECONDS): promotions are not broadcast, revocations are.
    expect((await decide(nth(agents, 2), question(customer, 6))).tier).toBe("learned");
    expect((await decide(first, question(customer, 8))).tier).toBe("cache");
    await stubOf(first).refreshLearnedRules();
    const learned = await decide(first, question(customer, 4));
    expect(learned).toMatchObject({
      tier: "learned",
      ruleId: rule.id,
      action: "act",
      reason: rule.reason,
      inputTokens: 0,
      costUsd: 0,
      cache: null,
    });
    // At once, with no model and no I/O: decided in the wake itself.
    expect(unwrap<WakeResult>(await stubOf(first).wake(question(customer, 5))).decision).toMatchObject({ tier: "learned" });
    expect(await requestsOf(first)).toBe(asked);

    const summary = await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${first}/decisions/summary`), 200);
    expect(summary.tiers["learned"]).toMatchObject({ count: 2 });
    expect(summary.learning).toEqual({ rulesActive: 1, decisionsByLearnedRules: 2, ratings: { good: 1, bad: 0, neutral: 0 } });

    const revoked = await jsonOf<LearnedRule>(admin(`/v1/admin/learned-rules/${rule.id}/revoke`, post({ reason: "prices changed" })), 200);
    expect(revoked).toMatchObject({ status: "revoked", revokedBy: "operator", revokeReason: "prices changed" });
    expect(revoked.revokedAt).toBeGreaterThan(0);
    // Neither the rule nor the cached answer it was learned from decides any more: the model does.
    expect(await decide(first, question(customer, 7))).toMatchObject({ tier: "llm" });
    expect(await requestsOf(first)).toBe(asked + 1);
    expect((await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${first}/decisions/summary`), 200)).learning.rulesActive).toBe(0);
    expect(await rulesOf(`definition=${slug}&status=active`)).toEqual([]);
  });

  it("a bad rating blocks promotion, and revokes the rule that made a decision", async () => {
    const slug = unique("bad");
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: agent, customerId: customer }]);

    // Four model decisions of one situation: one corrected, then three good ratings.
    const decisions: Decision[] = [];
    for (let i = 1; i <= 4; i++) decisions.push(await decide(agent, question(customer, i, "Can I get a refund for order")));
    await decide(
      agent,
      feedback(customer, { decisionId: nth(decisions, 0).id, correction: { action: "escalate", reason: "refunds need a person" } }),
    );
    for (const d of decisions.slice(1)) await rate(agent, customer, d.id, 4);
    expect(await rulesOf(`definition=${slug}`)).toEqual([]);

    const { rule } = await learn([agent], customer, slug);
    const learned = await decide(agent, question(customer, 9));
    expect(learned).toMatchObject({ tier: "learned", ruleId: rule.id });
    await rate(agent, customer, learned.id, 1);
    const [after] = await rulesOf(`definition=${slug}`);
    expect(after).toMatchObject({ id: rule.id, status: "revoked", revokedBy: "feedback", revokeReason: "rated 1/5" });
    expect((await decide(agent, question(customer, 10))).tier).toBe("llm");
    const summary = await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${agent}/decisions/summary`), 200);
    expect(summary.learning.ratings).toEqual({ good: 6, bad: 2, neutral: 0 });
  });

  it("what one customer's agents learned never decides for another's, and deliverables are never promoted", async () => {
    const slug = unique("tenant");
    const [alice, bob] = [unique("alice"), unique("bob")];
    const [a, b] = [unique("agent"), unique("agent")];
    await defineAndSpawn(supportDefinition(slug), [
      { id: a, customerId: alice },
      { id: b, customerId: bob },
    ]);
    await learn([a], alice, slug);
    expect((await decide(a, question(alice, 4))).tier).toBe("learned");
    expect(await decide(b, question(bob, 4))).toMatchObject({ tier: "llm" });
    expect(await rulesOf(`definition=${slug}&customerId=${bob}`)).toEqual([]);

    const replies = [1, 2, 3].map((n) => ({
      kind: "tool" as const,
      input: { action: "act", reason: "replied", output: `Order ${n} ships today.` },
    }));
    await scriptAnthropic(anthropicUrl(), b, replies);
    const answered: Decision[] = [];
    for (let i = 1; i <= 3; i++) answered.push(await decide(b, question(bob, i, "When does my parcel ship, order")));
    expect(answered.map((d) => d.tier)).toEqual(["llm", "llm", "llm"]);
    for (const d of answered) await rate(b, bob, d.id, 5);
    expect(await rulesOf(`definition=${slug}&customerId=${bob}`)).toEqual([]);
  });

  it("redelivered and repeated feedback on one decision counts once; good feedback keeps the cached answer", async () => {
    const slug = unique("redeliver");
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(slug), [{ id: agent, customerId: customer }]);
    const first = await decide(agent, question(customer, 1));
    const again = feedback(customer, { decisionId: first.id, rating: 5 });
    await decide(agent, again);
    expect(unwrap<WakeResult>(await stubOf(agent).wake(again)).duplicate).toBe(true);
    await rate(agent, customer, first.id, 5); // the same decision rated again: replaces, does not add
    await rate(agent, customer, first.id, 4);
    const second = await decide(agent, question(customer, 2));
    expect(second.tier).toBe("cache"); // good feedback did not forget it
    await rate(agent, customer, second.id, 5);
    expect(await rulesOf(`definition=${slug}`)).toEqual([]);
    const third = await decide(agent, question(customer, 3));
    await rate(agent, customer, third.id, 5);
    const [rule] = await rulesOf(`definition=${slug}`);
    expect(rule?.provenance).toMatchObject({ ratings: 3, decisionIds: [first.id, second.id, third.id] });

    // An invalid payload is decided like any event and learned from by nobody.
    const invalid = await decide(agent, event(customer, { type: "feedback.received", subject: "chat:feedback", payload: { rating: 9 } }));
    expect(invalid.eventId).toBeTruthy();
    const summary = await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${agent}/decisions/summary`), 200);
    expect(summary.learning.ratings).toEqual({ good: 3, bad: 0, neutral: 0 });
  });

  it("feedback that waits behind a pause is learned from when the agent resumes", async () => {
    const customer = unique("cust");
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("paused")), [{ id: agent, customerId: customer }]);
    const decided = await decide(agent, question(customer, 1));
    const stub = stubOf(agent);
    await stub.pause();
    const waiting = feedback(customer, { decisionId: decided.id, verdict: "bad" });
    expect(unwrap<WakeResult>(await stub.wake(waiting)).outcome).toBe("buffered");
    await stub.resume();
    await decide(agent, waiting);
    const summary = await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${agent}/decisions/summary`), 200);
    expect(summary.learning.ratings).toEqual({ good: 0, bad: 1, neutral: 0 });
    // Bad feedback forgot the cached answer: the same situation goes to the model again.
    expect((await decide(agent, question(customer, 2))).tier).toBe("llm");
  });
});

describe("learning from feedback: customers see and revoke what their hired agent learned", () => {
  async function hiredAgent(who: SignedUp, slug: string): Promise<{ hire: HireView; agent: string }> {
    const hire = await jsonOf<HireView>(as(who, "/v1/trials", post({ agent: slug })), 201);
    return { hire, agent: `agent-${hire.id}` };
  }

  it("task ratings become feedback events for the decisions that worked the task, and a re-rating replaces the rating", async () => {
    const slug = unique("rated");
    await publish(listedDefinition(slug));
    const who = await signUp();
    const { hire, agent } = await hiredAgent(who, slug);
    const task = await jsonOf<{ id: string }>(as(who, `/v1/hires/${hire.id}/tasks`, post({ title: "Reply", instructions: "Say hi" })), 202);
    const done = await settledTask(who, task.id);
    const decisionId = done.output?.decisionId;
    expect(decisionId).toBeTruthy();

    await jsonOf(as(who, `/v1/tasks/${task.id}/rating`, post({ stars: 5 })), 200);
    const rated = await eventually(async () => {
      const s = await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${agent}/decisions/summary`), 200);
      return s.learning.ratings.good === 1 ? s : undefined;
    });
    expect(rated.learning.ratings).toEqual({ good: 1, bad: 0, neutral: 0 });
    const { results } = await env.DB.prepare(`SELECT id, type, customer_id AS customerId FROM events WHERE id LIKE ?`)
      .bind(`fb-${task.id}-%`)
      .all();
    expect(results).toEqual([{ id: `fb-${task.id}-${decisionId}-1`, type: "feedback.received", customerId: who.customerId }]);

    await jsonOf(as(who, `/v1/tasks/${task.id}/rating`, post({ stars: 1 })), 200);
    const rerated = await eventually(async () => {
      const s = await jsonOf<DecisionSummary>(admin(`/v1/admin/agents/${agent}/decisions/summary`), 200);
      return s.learning.ratings.bad === 1 ? s : undefined;
    });
    expect(rerated.learning.ratings).toEqual({ good: 0, bad: 1, neutral: 0 });
  });

  it("a customer lists and revokes only their own hire's rules; another's answer 404", async () => {
    const slug = unique("own");
    await publish(listedDefinition(slug));
    const [alice, bob] = [await signUp("Alice"), await signUp("Bob")];
    const mine = await hiredAgent(alice, slug);
    const theirs = await hiredAgent(bob, slug);
    const { rule } = await learn([mine.agent], alice.customerId, slug);

    const listed = await jsonOf<LearnedRulePage>(as(alice, `/v1/hires/${mine.hire.id}/learned-rules`), 200);
    expect(listed.items.map((r) => r.id)).toEqual([rule.id]);
    expect((await jsonOf<LearnedRulePage>(as(bob, `/v1/hires/${theirs.hire.id}/learned-rules`), 200)).items).toEqual([]);
    expect((await as(bob, `/v1/hires/${mine.hire.id}/learned-rules`)).status).toBe(404);
    const stolen = await as(bob, `/v1/hires/${theirs.hire.id}/learned-rules/${rule.id}/revoke`, post({ reason: "not mine" }));
    expect(stolen.status).toBe(404);
    const missingReason = await as(alice, `/v1/hires/${mine.hire.id}/learned-rules/${rule.id}/revoke`, post({}));
    expect(missingReason.status).toBe(400);
    expect(((await missingReason.json()) as { error: { field: string } }).error.field).toBe("reason");

    expect((await decide(mine.agent, question(alice.customerId, 4))).tier).toBe("learned");
    const revoked = await jsonOf<LearnedRule>(
      as(alice, `/v1/hires/${mine.hire.id}/learned-rules/${rule.id}/revoke`, post({ reason: "I prefer to be asked" })),
      200,
    );
    expect(revoked).toMatchObject({ status: "revoked", revokedBy: "customer" });
    expect((await decide(mine.agent, question(alice.customerId, 5))).tier).toBe("llm");
  });
});
