import { describe, expect, it } from "vitest";
import type { TierAnswer } from "../../src/decisions/engine";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { env, supportDefinition, unique } from "../helpers";
import { anthropicUrl, identityOf, llmTierFor, situationOf } from "./llm-helpers";
import { skills } from "../../src/platform";
import { fieldCipher } from "../../src/crypto/env-cipher";
import { openPayload } from "../../src/wake/event-payloads";

const decision = { action: "delegate", reason: "billing question", delegateTo: "billing" };
const requestsOf = (key: string) => anthropicRequests(anthropicUrl(), key);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("LLM tier (real SDK against the local Messages API)", () => {
  it("decides through the forced tool and records usage × price as cost", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity);
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [
      { kind: "tool", input: decision, usage: { input_tokens: 1_200, output_tokens: 300 } },
    ]);
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({ ...decision, usage: { model: "claude-haiku-4-5", inputTokens: 1_200, outputTokens: 300 } });
    expect(answer.declined).toBeUndefined();
    // claude-haiku-4-5: $1 per million input tokens, $5 per million output tokens.
    expect(answer.usage?.costUsd).toBeCloseTo(1_200 * 1e-6 + 300 * 5e-6, 12);
    const [request] = await requestsOf(identity.instanceId);
    expect(request?.body).toMatchObject({
      model: "claude-haiku-4-5",
      tool_choice: { type: "tool", name: "record_decision" },
      metadata: { user_id: identity.instanceId },
      system: expect.stringContaining("Test Triage"),
    });
  });

  it("retries a 429 after its retry-after and a 500, then succeeds", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity);
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [
      { kind: "error", status: 429, retryAfter: "0.05" },
      { kind: "error", status: 500, retryAfterMs: "10" },
      { kind: "tool", input: decision },
    ]);
    expect(await tier.decide(situationOf())).toMatchObject({ action: "delegate" });
    expect(await requestsOf(identity.instanceId)).toHaveLength(3);
  });

  it("escalates llm_unavailable when the provider stays overloaded (529) past the retries", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity, { LLM_MAX_RETRIES: "1" });
    const overloaded = { kind: "error" as const, status: 529, retryAfterMs: "5" };
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [overloaded, overloaded]);
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({
      action: "escalate",
      declined: true,
      reason: expect.stringMatching(/^llm_unavailable: 529 overloaded_error/),
    });
    expect(await requestsOf(identity.instanceId)).toHaveLength(2);
  });

  it("gives up on a response slower than the timeout", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity, { LLM_TIMEOUT_MS: "200", LLM_MAX_RETRIES: "0" });
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [{ kind: "hang", ms: 2_000 }]);
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({ action: "escalate", declined: true, reason: expect.stringMatching(/^llm_unavailable: .*time/i) });
  });

  it("repairs invalid output once, charging both calls", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity);
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [
      { kind: "tool", input: { action: "dance", reason: "" }, usage: { input_tokens: 100, output_tokens: 10 } },
      { kind: "tool", input: decision, usage: { input_tokens: 200, output_tokens: 20 } },
    ]);
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({ ...decision, usage: { inputTokens: 300, outputTokens: 30 } });
    const second = (await requestsOf(identity.instanceId))[1]?.body as { messages: { role: string; content: unknown }[] };
    expect(second.messages.at(-1)?.content).toEqual([
      expect.objectContaining({ type: "tool_result", is_error: true, content: expect.stringContaining("action") }),
    ]);
  });

  it("escalates llm_invalid_output when the repair is invalid too", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity);
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [
      { kind: "text", text: "I think you should act." },
      { kind: "tool", input: { action: "delegate", reason: "no target" } },
    ]);
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({ action: "escalate", declined: true, reason: expect.stringContaining("llm_invalid_output") });
    expect(answer.reason).toContain("delegateTo");
    expect(answer.usage?.inputTokens).toBeGreaterThan(0);
  });

  it("opens the shared breaker after the configured failures, fails fast, and closes after a good probe", async () => {
    const identity = identityOf();
    const { tier, breaker } = llmTierFor(identity, { LLM_MAX_RETRIES: "0", BREAKER_FAILURE_THRESHOLD: "2", BREAKER_COOLDOWN_MS: "300" });
    const down = { kind: "error" as const, status: 503 };
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [down, down, { kind: "tool", input: decision }]);
    await tier.decide(situationOf());
    expect((await breaker.status()).phase).toBe("closed");
    await tier.decide(situationOf());
    expect((await breaker.status()).phase).toBe("open");

    const fast: TierAnswer = await tier.decide(situationOf());
    expect(fast).toMatchObject({ action: "escalate", reason: expect.stringContaining("circuit breaker open") });
    expect(await requestsOf(identity.instanceId)).toHaveLength(2); // the open breaker sent nothing

    await sleep(350);
    expect(await tier.decide(situationOf())).toMatchObject({ action: "delegate" }); // the probe
    expect(await breaker.status()).toMatchObject({ phase: "closed", consecutiveFailures: 0 });
  });

  it("without an API key escalates llm_unconfigured and calls nothing", async () => {
    const identity = identityOf();
    const { tier } = llmTierFor(identity, { ANTHROPIC_API_KEY: undefined });
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({
      action: "escalate",
      declined: true,
      reason: expect.stringMatching(/^llm_unconfigured: ANTHROPIC_API_KEY/),
    });
    expect(await requestsOf(identity.instanceId)).toHaveLength(0);
  });

  it("refuses a model without a price rather than spend unbudgeted", async () => {
    const identity = identityOf({ ...supportDefinition(unique("unpriced")), defaults: { model: "claude-unknown-9" } });
    const answer = await llmTierFor(identity).tier.decide(situationOf());
    expect(answer).toMatchObject({ declined: true, reason: expect.stringMatching(/^llm_unpriced: model claude-unknown-9/) });
  });

  it("over budget: escalates budget_exceeded before calling, and emits budget.exceeded once", async () => {
    const identity = identityOf({ ...supportDefinition(unique("broke")), defaults: { budget: { tokensPerDay: 50 } } });
    const { tier } = llmTierFor(identity);
    const first = situationOf();
    const answer = await tier.decide(first);
    expect(answer).toMatchObject({
      action: "escalate",
      declined: true,
      reason: expect.stringMatching(/^budget_exceeded: agent .* tokensPerDay limit 50/),
    });
    await tier.decide(situationOf());
    expect(await requestsOf(identity.instanceId)).toHaveLength(0);
    const { results } = await env.DB.prepare(`SELECT type, customer_id, trace_id FROM events WHERE subject = ?`)
      .bind(`budget:agent:${identity.instanceId}`)
      .all();
    // The alert belongs to the trace of the decision that ran into the limit.
    expect(results).toEqual([{ type: "budget.exceeded", customer_id: null, trace_id: first.event.traceId }]);
  });

  it("warns once when spend crosses the warning threshold", async () => {
    const identity = identityOf({ ...supportDefinition(unique("warn")), defaults: { budget: { tokensPerDay: 20_000 } } });
    const { tier } = llmTierFor(identity, { BUDGET_WARNING_THRESHOLD: "0.5" });
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [
      { kind: "tool", input: decision, usage: { input_tokens: 9_000, output_tokens: 1_500 } },
      { kind: "tool", input: decision, usage: { input_tokens: 100, output_tokens: 10 } },
    ]);
    await tier.decide(situationOf());
    await tier.decide(situationOf());
    const { results } = await env.DB.prepare(`SELECT type, payload FROM events WHERE subject = ?`)
      .bind(`budget:agent:${identity.instanceId}`)
      .all<{ type: string; payload: string }>();
    expect(results.map((r) => r.type)).toEqual(["budget.warning"]);
    expect(await openPayload(fieldCipher(env), JSON.parse(results[0]?.payload ?? "{}"))).toMatchObject({
      level: "warning",
      window: "tokensPerDay",
      limit: 20_000,
    });
  });
});

describe("LLM tier: skills as tools", () => {
  const withSkill = () =>
    identityOf({
      ...supportDefinition(unique("llm-skills")),
      specialization: {
        ...supportDefinition("x").specialization,
        rules: [
          {
            id: "classify",
            when: { conditions: [{ path: "payload.inputs.kind", op: "eq", value: "classify-ticket" }] },
            then: { action: "act", reason: "classify", skill: "techsupport.classify-ticket" },
          },
        ],
      },
    });

  it("offers the agent's own skills as tools; a skill result becomes the deliverable the model acts on", async () => {
    const identity = withSkill();
    const { tier } = llmTierFor(identity, {}, skills);
    const ticket = { subject: "URGENT: app is down", text: "Since 09:10 UTC the dashboard returns 503 for everyone. Nobody can work." };
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [
      { kind: "tool", name: "skill__techsupport__classify-ticket", input: { subject: "" } },
      { kind: "tool", name: "skill__techsupport__classify-ticket", input: ticket },
      { kind: "tool", input: { action: "act", reason: "classified with the skill" } },
    ]);
    const answer = await tier.decide(situationOf());
    expect(answer).toMatchObject({ action: "act", reason: "classified with the skill", output: expect.stringContaining("P1, outage") });
    const requests = await requestsOf(identity.instanceId);
    expect(requests).toHaveLength(3);
    const first = requests[0]?.body as { tools: { name: string }[]; tool_choice: unknown; system: string };
    expect(first.tools.map((t) => t.name)).toEqual(["record_decision", "skill__techsupport__classify-ticket"]);
    expect(first.tool_choice).toEqual({ type: "any" });
    expect(first.system).toContain("skill tools");
    // The bad call came back as an error result the model could correct; the good one as Markdown.
    const second = requests[1]?.body as { messages: { content: { type: string; is_error?: boolean; content?: string }[] }[] };
    expect(second.messages.at(-1)?.content[0]).toMatchObject({
      type: "tool_result",
      is_error: true,
      content: expect.stringMatching(/^skill_input_invalid: /),
    });
    const third = requests[2]?.body as { messages: { content: { content?: string }[] }[] };
    expect(third.messages.at(-1)?.content[0]?.content).toContain("P1, outage");
    expect(answer.usage?.inputTokens).toBeGreaterThan(0);
  });

  it("after three skill calls the model must decide", async () => {
    const identity = withSkill();
    const { tier } = llmTierFor(identity, {}, skills);
    const call = {
      kind: "tool" as const,
      name: "skill__techsupport__classify-ticket",
      input: { subject: "Help", text: "The export button does nothing." },
    };
    await scriptAnthropic(anthropicUrl(), identity.instanceId, [call, call, call, { kind: "tool", input: decision }]);
    expect(await tier.decide(situationOf())).toMatchObject({ action: "delegate" });
    const last = (await requestsOf(identity.instanceId)).at(-1)?.body as { tools: unknown[]; tool_choice: unknown };
    expect(last.tool_choice).toEqual({ type: "tool", name: "record_decision" });
    expect(last.tools).toHaveLength(2);
  });
});
