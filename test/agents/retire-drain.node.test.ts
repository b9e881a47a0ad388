import { describe, expect, it } from "vitest";
import {
  drainSeconds,
  drainStep,
  IN_TRANSIT_GRACE_MS,
  type RetireDrainExtension,
  retireDrains,
  workInFlight,
} from "../../src/agents/retire-drain";

const drain = { startedAt: 1_000, deadline: 1_000 + 300_000 };

describe("the retire drain's rule", () => {
  it("retires as soon as nothing is in flight, however early", () => {
    expect(drainStep(drain, 1_001, 0, 5)).toBe("retire");
  });

  it("keeps working while it holds work and time is left", () => {
    expect(drainStep(drain, 2_000, 3, 2)).toBe("wait");
  });

  it("hands back what is left when the time runs out, even while it still holds work", () => {
    expect(drainStep(drain, drain.deadline, 3, 2)).toBe("hand_back");
  });

  it("holding nothing, waits a moment for work already on its way, then hands back the rest", () => {
    expect(drainStep(drain, drain.startedAt + IN_TRANSIT_GRACE_MS - 1, 2, 0)).toBe("wait");
    expect(drainStep(drain, drain.startedAt + IN_TRANSIT_GRACE_MS, 2, 0)).toBe("hand_back");
  });

  it("counts the inbox as work in flight without counting a queued task twice (its event is in the inbox too)", () => {
    expect(workInFlight(0, 3)).toBe(3); // plain events buffered while paused: no product counts them
    expect(workInFlight(2, 2)).toBe(2); // two queued tasks, their two events in the inbox
    expect(workInFlight(1, 0)).toBe(1); // a handoff whose event is still on its way
    expect(workInFlight(0, 0)).toBe(0); // only then does it retire
  });

  it("reads RETIRE_DRAIN_SECONDS, defaulting to 300, and refuses nonsense loudly", () => {
    expect(drainSeconds({})).toBe(300);
    expect(drainSeconds({ RETIRE_DRAIN_SECONDS: "0" })).toBe(0);
    expect(drainSeconds({ RETIRE_DRAIN_SECONDS: "45" })).toBe(45);
    expect(() => drainSeconds({ RETIRE_DRAIN_SECONDS: "soon" })).toThrow(/RETIRE_DRAIN_SECONDS/);
  });
});

describe("the products' drains as one", () => {
  const part = (name: string, inFlight: number, rerouted: number, handedBack: number, calls: string[]): RetireDrainExtension => ({
    name,
    inFlight: async () => inFlight,
    handBack: async (_env, id, phase) => {
      calls.push(`${name}:${phase}:${id}`);
      return { rerouted, handedBack, eventIds: [`${name}-evt`] };
    },
  });

  it("adds up the work in flight and what was handed back, asking each product in turn", async () => {
    const calls: string[] = [];
    const both = retireDrains([part("organisation", 2, 2, 0, calls), part("marketplace", 3, 0, 1, calls)]);
    const env = {} as Env; // the parts above read no bindings
    expect(await both.inFlight(env, "a")).toBe(5);
    expect(await both.handBack(env, "a", "final", 0)).toEqual({
      rerouted: 2,
      handedBack: 1,
      eventIds: ["organisation-evt", "marketplace-evt"],
    });
    expect(calls).toEqual(["organisation:final:a", "marketplace:final:a"]);
  });

  it("takes an event after retiring began when any product says it carries on held work, and adds up the answers awaited", async () => {
    const awaitsOne: RetireDrainExtension = {
      ...part("organisation", 1, 0, 0, []),
      continues: (event) => event.type === "handoff.completed",
      awaiting: async () => 1,
    };
    const both = retireDrains([awaitsOne, part("marketplace", 0, 0, 0, [])]);
    const event = (type: string) => ({ type }) as Parameters<NonNullable<RetireDrainExtension["continues"]>>[0];
    expect(both.continues?.(event("handoff.completed"))).toBe(true);
    expect(both.continues?.(event("customer.message"))).toBe(false);
    expect(await both.awaiting?.({} as Env, "a")).toBe(1);
  });
});
