import { describe, expect, it } from "vitest";
import { unwrap } from "../../src/agents/agent-ref";
import type { WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { type FaultPlan, fires } from "../../src/resilience/faults";
import { call, customerMessage, defineAndSpawn, env, eventually, supportDefinition, unique } from "../helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));

async function plan(): Promise<FaultPlan> {
  return ((await (await call("/health")).json()) as { faults: FaultPlan }).faults;
}

/** An urgent message (decided by a rule, in the wake itself) whose id makes `abortMidWake` fire, or not, for this agent. */
function eventFor(
  faults: FaultPlan,
  agent: string,
  aborts: boolean,
  extra: { subject?: string; payload: Record<string, unknown> } = { payload: { priority: "urgent" } },
): Event {
  for (;;) {
    const id = unique("evt");
    if (fires(faults, "abortMidWake", `${id}:${agent}`) === aborts) {
      const { subject = "ticket:1", payload } = extra;
      return { ...customerMessage("c"), subject, payload, id, traceId: unique("trc"), receivedAt: Date.now() };
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

  it("an agent aborted in its alarm, after deciding and before flushing, finishes the flush later: the decision reaches D1 once", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("abort")), [{ id: agent }]);
    const faults = await plan();
    // No rule matches a chat: the model decides it, in the agent's alarm.
    const aborted = eventFor(faults, agent, true, { subject: "chat:1", payload: { text: "hello" } });
    expect(unwrap<WakeResult>(await stubOf(agent).wake(aborted))).toMatchObject({ outcome: "buffered" });
    const inD1 = () =>
      env.DB.prepare("SELECT id FROM decisions WHERE event_id = ? AND instance_id = ?")
        .bind(aborted.id, agent)
        .all()
        .then((r) => r.results);
    // Only D1 is read while waiting: a call into the object just after its abort can meet the
    // broken output gate and throw the injected fault itself (test-only concurrency).
    const rows = await eventually(async () => {
      const found = await inD1();
      return found.length ? found : undefined;
    }, 20_000);
    expect(rows).toHaveLength(1);
  }, 30_000);

  it("an agent whose alarm is cut short more times in a row than the runtime retries an alarm still drains its inbox", async () => {
    const agent = unique("agent");
    await defineAndSpawn(supportDefinition(unique("abort")), [{ id: agent }]);
    const faults = await plan();
    // Seven model decisions, each aborting the run that records it: seven failed runs in a row
    // (the runtime gives up on an alarm after six retries, and waits longer before each).
    const events = Array.from({ length: 7 }, (_, i) =>
      eventFor(faults, agent, true, { subject: `chat:${i}`, payload: { text: `question ${i}` } }),
    );
    for (const e of events) expect(unwrap<WakeResult>(await stubOf(agent).wake(e))).toMatchObject({ outcome: "buffered" });
    const decided = await eventually(async () => {
      const { results } = await env.DB.prepare("SELECT event_id, count(*) AS n FROM decisions WHERE instance_id = ? GROUP BY event_id")
        .bind(agent)
        .all<{ event_id: string; n: number }>();
      return results.length === events.length ? results : undefined;
    }, 25_000);
    expect(decided.every((d) => d.n === 1)).toBe(true);
  }, 40_000);
});
