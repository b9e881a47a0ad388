import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/agents/agent-ref";
import type { WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { type FaultPlan, fires } from "../../src/resilience/faults";
import { call, customerMessage, defineAndSpawn, env, supportDefinition, unique } from "../helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));

async function plan(): Promise<FaultPlan> {
  return ((await (await call("/health")).json()) as { faults: FaultPlan }).faults;
}

/** An urgent message (decided by a rule, in the wake itself) whose id makes `abortMidWake` fire, or not, for this agent. */
function eventFor(faults: FaultPlan, agent: string, aborts: boolean): Event {
  for (;;) {
    const id = unique("evt");
    if (fires(faults, "abortMidWake", `${id}:${agent}`) === aborts) {
      return { ...customerMessage("c"), payload: { priority: "urgent" }, id, traceId: unique("trc"), receivedAt: Date.now() };
    }
  }
}

describe("abortMidWake", () => {
  it("an agent aborted after recording its decision answers the retry with that decision, and decides nothing twice", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("abort")), [{ id: agent }]);
    const faults = await plan();
    const aborted = eventFor(faults, agent, true);

    await expect(stubOf(agent).wake(aborted)).rejects.toThrow(/injected fault abortMidWake/);
    // A fresh stub (the consumer's next batch gets one): the object restarted and kept what it wrote.
    const again = unwrap<WakeResult>(await stubOf(agent).wake(aborted));
    expect(again).toMatchObject({ duplicate: true, outcome: "decided", decision: expect.objectContaining({ action: "escalate" }) });
    const next = unwrap<WakeResult>(await stubOf(agent).wake(eventFor(faults, agent, false)));
    expect(next).toMatchObject({ duplicate: false, outcome: "decided" });
  });
});
