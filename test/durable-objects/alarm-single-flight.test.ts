import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { anthropicUrl, stubOf } from "../decisions/llm-helpers";
import { customerMessage, defineAndSpawn, eventually, supportDefinition, unique } from "../helpers";

describe("the agent's alarm runs one at a time", () => {
  it("a second run while one is asking the model waits for it: the model is asked once and its answer is the decision", async () => {
    const agent = unique("agent");
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("single")), [{ id: agent, customerId: customer }]);
    // Slow enough that the runtime's own run is still waiting for it when the second run starts.
    await scriptAnthropic(anthropicUrl(), agent, [
      { kind: "tool", input: { action: "act", reason: "the scripted answer" }, delayMs: 1_500 },
    ]);
    const event: Event = {
      ...customerMessage(customer, { subject: "chat:slow" }),
      id: unique("evt"),
      traceId: unique("trace"),
      receivedAt: Date.now(),
      payload: { text: "a question only the model answers" },
    };
    const stub = stubOf(agent);
    expect(unwrap<WakeResult>(await stub.wake(event)).decision).toBeNull();
    // The runtime's run has asked the model; a second run (a test's, or an operator's) starts meanwhile.
    await eventually(async () => ((await anthropicRequests(anthropicUrl(), agent)).length === 1 ? true : undefined));
    await runInDurableObject(stub, (instance: AgentDO) => instance.alarm());

    const decision = await eventually(async () =>
      unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.find((d) => d.eventId === event.id),
    );
    expect(decision).toMatchObject({ tier: "llm", reason: "the scripted answer" });
    expect(await anthropicRequests(anthropicUrl(), agent)).toHaveLength(1);
  });
});
