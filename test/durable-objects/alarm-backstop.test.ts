import { runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { AgentDO } from "../../durable-objects/agent";
import { AgentStore } from "../../src/agents/agent-store";
import type { Event } from "../../src/schemas/event";
import { customerMessage, defineAndSpawn, supportDefinition, unique, env } from "../helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));

describe("the agent's alarm backstop", () => {
  it("backs off when a run keeps failing, and forgets the failures once a run finishes", async () => {
    const agent = unique("agent");
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("backstop")), [{ id: agent, customerId: customer }]);
    // An event whose payload no key in the ring opens (its key was dropped): every run throws on it.
    const event: Event = {
      ...customerMessage(customer, { subject: "chat:stuck" }),
      id: unique("evt"),
      traceId: unique("trace"),
      receivedAt: Date.now(),
      payload: { text: "stuck" },
    };
    const unopenable = "enc:v1:gone:AAAAAAAAAAAAAAAA:AAAA";

    const delays = await runInDurableObject(stubOf(agent), async (instance: AgentDO, state) => {
      new AgentStore(state.storage.sql).buffer(event, Date.now(), unopenable);
      const out: number[] = [];
      for (let run = 0; run < 11; run++) {
        await expect(instance.alarm()).rejects.toThrow();
        out.push(((await state.storage.getAlarm()) ?? 0) - Date.now());
      }
      return out;
    });
    // Eight quick tries 2 s apart (as many as an abort storm needs: test/faults), then 4 s, 8 s,
    // 16 s (give or take the time the run took): not a retry every 2 s forever.
    const expected = [2, 2, 2, 2, 2, 2, 2, 2, 4, 8, 16].map((s) => s * 1000);
    delays.forEach((delay, i) => {
      expect(delay, `run ${i + 1}`).toBeGreaterThan((expected[i] ?? 0) - 1_000);
      expect(delay, `run ${i + 1}`).toBeLessThanOrEqual(expected[i] ?? 0);
    });

    // Once the stuck event is gone, a run finishes: the count resets and no backstop is left behind.
    const after = await runInDurableObject(stubOf(agent), async (instance: AgentDO, state) => {
      state.storage.sql.exec("DELETE FROM inbox");
      await instance.alarm();
      return { alarm: await state.storage.getAlarm(), failed: await state.storage.get("alarm:failedRuns") };
    });
    expect(after).toEqual({ alarm: null, failed: undefined });
  });
});
