import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import type { AgentDO, AgentSnapshot } from "../../durable-objects/agent";
import { unwrap } from "../../src/agents/agent-ref";
import type { Decision, WakeResult } from "../../src/schemas/decision";
import type { Event } from "../../src/schemas/event";
import { DRAIN_CHECK_MS, type DrainRecord, NOTHING_HANDED_BACK, type RetireDrainExtension } from "../../src/agents/retire-drain";
import { anthropicRequests, scriptAnthropic } from "../servers/control";
import { admin, customerMessage, defineAndSpawn, env, eventually, supportDefinition, unique } from "../helpers";

const stubOf = (id: string) => env.AGENT.get(env.AGENT.idFromName(id));

/** Runs the agent's alarm (or waits for the one already running) until it has `count` decisions. */
function drained(stub: ReturnType<typeof stubOf>, count: number): Promise<Decision[]> {
  return eventually(async () => {
    await runDurableObjectAlarm(stub);
    const items = unwrap<{ items: Decision[] }>(await stub.listDecisions(100)).items;
    return items.length >= count ? items : undefined;
  });
}

function event(customer: string, extra: Partial<Event> = {}): Event {
  return {
    ...customerMessage(customer),
    payload: { text: "hi" },
    id: unique("evt"),
    traceId: unique("trc"),
    receivedAt: Date.now(),
    ...extra,
  };
}

describe("AgentDO", () => {
  it("keeps its state, context and decisions when the object restarts", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("evict")), [{ id }]);
    const stub = stubOf(id);
    const first = event("c", { type: "task.assigned", subject: "ticket:9", payload: { taskId: "t-9", title: "Reply to Bob" } });
    unwrap<WakeResult>(await stub.wake(first)); // no rule: the model decides it, in the alarm
    unwrap<WakeResult>(await stub.wake(event("c", { subject: "ticket:9" }))); // waits behind it
    await drained(stub, 2);
    unwrap<AgentSnapshot>(await stub.pause());

    await evictDurableObject(stub);

    const after = unwrap<AgentSnapshot>(await stubOf(id).snapshot());
    expect(after.state).toBe("paused");
    expect(after.context.openTasks).toEqual([expect.objectContaining({ taskId: "t-9", title: "Reply to Bob" })]);
    expect(after.context.recentEvents.map((e) => e.type)).toEqual(["customer.message", "task.assigned"]); // newest first
    expect(after.counters).toMatchObject({ wakes: 2, "decisions.act": 2 }); // a rule, then the (local) LLM
    expect(after.context.notes).toEqual([expect.objectContaining({ text: "answered" })]);
    const again = unwrap<WakeResult>(await stubOf(id).wake(first));
    expect(again).toMatchObject({ duplicate: true, outcome: "decided" });
  });

  it("answers a redelivery to an active agent with its first decision, applying nothing twice", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("redelivered")), [{ id }]);
    const stub = stubOf(id);
    const message = event("c", { subject: "ticket:4" });
    const first = unwrap<WakeResult>(await stub.wake(message));
    const again = unwrap<WakeResult>(await stub.wake(message));
    expect(first).toMatchObject({ outcome: "decided", duplicate: false, decision: { tier: "rules", action: "act" } });
    expect(again).toMatchObject({ outcome: "decided", duplicate: true, decision: { id: first.decision?.id } });
    const snapshot = unwrap<AgentSnapshot>(await stub.snapshot());
    expect(snapshot.counters).toMatchObject({ wakes: 1, duplicates: 1 });
    expect(snapshot.context.notes).toHaveLength(1); // the rule's note, once
  });

  it("answers a redelivery with the whole first decision: a handoff keeps its type and kind", async () => {
    const id = unique("agent");
    const consult = {
      id: "consult",
      when: { type: "customer.message", subject: "ticket:*" },
      then: { action: "delegate" as const, reason: "ask SEO", delegateTo: "seo", handoff: { type: "request" as const, kind: "seo-audit" } },
    };
    await defineAndSpawn(supportDefinition(unique("whole"), { rules: [consult] }), [{ id }]);
    const message = event("c", { subject: "ticket:5" });
    const first = unwrap<WakeResult>(await stubOf(id).wake(message));
    await evictDurableObject(stubOf(id)); // read back from storage, not from memory
    const again = unwrap<WakeResult>(await stubOf(id).wake(message));
    expect(first.decision?.handoff).toEqual({ type: "request", kind: "seo-audit" });
    expect(again).toMatchObject({ duplicate: true, decision: { id: first.decision?.id, handoff: { type: "request", kind: "seo-audit" } } });
  });

  it("asks the LLM when no rule matches", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("fallback")), [{ id }]);
    const stub = stubOf(id);
    const result = unwrap<WakeResult>(await stub.wake(event("c", { subject: "chat:1" })));
    // The queue batch is not held up by the model: the event waits in the inbox for the alarm.
    expect(result).toMatchObject({ outcome: "buffered", decision: null });
    const [decision] = await drained(stub, 1);
    expect(decision).toMatchObject({ action: "act", tier: "llm", cache: "miss", model: "claude-haiku-4-5" });
  });

  it("closes a task when it is updated to done", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("tasks")), [{ id }]);
    const stub = stubOf(id);
    await stub.wake(event("c", { type: "task.assigned", subject: "task:1", payload: { title: "One" } }));
    await stub.wake(event("c", { type: "task.updated", subject: "task:1", payload: { status: "done" } }));
    expect(unwrap<AgentSnapshot>(await stub.snapshot()).context.openTasks).toEqual([]);
  });

  it("decides the events buffered while paused before it retires: its inbox is work in flight", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("inbox-drain")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    const buffered = [event("c"), event("c")]; // plain events: no product counts them
    for (const e of buffered) expect(unwrap<WakeResult>(await stub.wake(e)).outcome).toBe("buffered");
    const retiring = unwrap<AgentSnapshot>(await stub.retire());
    expect(retiring).toMatchObject({ state: "retiring", drain: { remaining: 2, endedAt: null } });
    const retired = await eventually(async () => {
      await runDurableObjectAlarm(stub);
      const s = unwrap<AgentSnapshot>(await stub.snapshot());
      return s.state === "retired" ? s : undefined;
    });
    expect(retired).toMatchObject({ inboxSize: 0, drain: { remaining: 0, finished: 2, endedAt: expect.any(Number) } });
    expect(retired.counters["discarded"] ?? 0).toBe(0);
    const decided = unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.map((d) => d.eventId);
    expect(decided.sort()).toEqual(buffered.map((e) => e.id).sort());
    for (const e of buffered) {
      const row = await env.DB.prepare(`SELECT outcome FROM wake_log WHERE event_id = ?`).bind(e.id).first<{ outcome: string }>();
      expect(row?.outcome).toBe("decided");
    }
  });

  it("records buffered events as discarded when retired with its work left to the caller (a hire ending)", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("discard")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    const buffered = event("c");
    expect(unwrap<WakeResult>(await stub.wake(buffered)).outcome).toBe("buffered");
    const retired = unwrap<AgentSnapshot>(await stub.retire({ handBack: false }));
    expect(retired).toMatchObject({ state: "retired", inboxSize: 0, counters: { discarded: 1 } });
    const row = await env.DB.prepare(`SELECT outcome FROM wake_log WHERE event_id = ?`).bind(buffered.id).first<{ outcome: string }>();
    expect(row?.outcome).toBe("discarded");
  });

  it("does not work what is being handed back: an alarm that fires meanwhile waits for the hand-back", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("handing-back")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    const [task, plain] = [event("c"), event("c")]; // `task` carries work a peer takes
    for (const e of [task, plain]) await stub.wake(e);
    await runInDurableObject(stub, async (instance: AgentDO) => {
      let begun!: () => void;
      let release!: () => void;
      const handingBack = new Promise<void>((r) => (begun = r));
      const released = new Promise<void>((r) => (release = r));
      let rerouted = false;
      const drain: RetireDrainExtension = {
        name: "peer",
        inFlight: async () => (rerouted ? 0 : 1),
        handBack: async (_env, _id, phase) => {
          if (phase !== "start") return NOTHING_HANDED_BACK;
          begun();
          await released; // the coordinator is still re-routing it
          rerouted = true;
          return { rerouted: 1, handedBack: 0, eventIds: [task.id] };
        },
      };
      Object.defineProperty(instance, "retireDrain", { value: drain });
      const retiring = instance.retire();
      await handingBack;
      const alarm = instance.alarm(); // due now (or a held event's wake asked for it)
      await new Promise((r) => setTimeout(r, 100));
      expect(instance["store"].inboxSize()).toBe(2); // nothing worked while the hand-back runs
      release();
      await Promise.all([retiring, alarm]);
    });
    const after = await eventually(async () => {
      await runDurableObjectAlarm(stub);
      const s = unwrap<AgentSnapshot>(await stub.snapshot());
      return s.state === "retired" ? s : undefined;
    });
    expect(after).toMatchObject({ inboxSize: 0, counters: { discarded: 1 }, drain: { finished: 1, rerouted: 1 } });
    // The handed-back task is the peer's: only the plain event was decided here.
    expect(unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.map((d) => d.eventId)).toEqual([plain.id]);
  });

  it("a retiring agent whose inbox work throws looks at its drain again, and still drains", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("drain-throws")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    const e = event("c");
    await stub.wake(e);
    await runInDurableObject(stub, async (instance: AgentDO, state) => {
      const now = Date.now();
      const drain: DrainRecord = {
        startedAt: now,
        deadline: now + 300_000,
        remaining: 1,
        finished: 0,
        handedBack: 0,
        rerouted: 0,
        endedAt: null,
      };
      instance["store"].setState("retiring");
      instance["store"].saveDrain(drain);
      await state.storage.deleteAlarm();
      Object.defineProperty(instance, "answer", { value: () => Promise.reject(new Error("the model's host is down")), configurable: true });
      await expect(instance.alarm()).rejects.toThrow(/host is down/);
      // The check at the end of the run never ran: one is scheduled anyway.
      expect(await state.storage.getAlarm()).toBeGreaterThanOrEqual(now + DRAIN_CHECK_MS);
      Reflect.deleteProperty(instance, "answer"); // the model is back
    });
    const after = await eventually(async () => {
      await runDurableObjectAlarm(stub);
      const s = unwrap<AgentSnapshot>(await stub.snapshot());
      return s.state === "retired" ? s : undefined;
    });
    expect(after).toMatchObject({ inboxSize: 0, drain: { remaining: 0, finished: 1, endedAt: expect.any(Number) } });
  });

  it("keeps arrival order: events that arrive while a backlog drains queue behind it", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("order")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    const a = event("c");
    await stub.wake(a);
    await stub.resume();
    const b = event("c");
    expect(unwrap<WakeResult>(await stub.wake(b)).outcome).toBe("buffered");
    // The runtime may be running the drain the resume asked for already: wait for both decisions.
    const items = await eventually(async () => {
      await runDurableObjectAlarm(stub);
      const page = unwrap<{ items: Decision[] }>(await stub.listDecisions(10));
      return page.items.length === 2 ? page.items : undefined;
    });
    expect(items.map((d) => d.eventId)).toEqual([b.id, a.id]);
  });

  it("pages its decisions newest first", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("page")), [{ id }]);
    const stub = stubOf(id);
    for (let i = 0; i < 3; i++) await stub.wake(event("c"));
    const page1 = (await (await admin(`/v1/admin/agents/${id}/decisions?limit=2`)).json()) as { items: unknown[]; nextCursor: number };
    expect(page1.items).toHaveLength(2);
    const page2 = (await (await admin(`/v1/admin/agents/${id}/decisions?limit=2&cursor=${page1.nextCursor}`)).json()) as {
      items: unknown[];
      nextCursor: null;
    };
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
  });

  it("serializes lifecycle changes: a concurrent resume and retire leave one consistent state", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("race")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    await Promise.allSettled([stub.resume(), stub.retire()]);
    const state = unwrap<AgentSnapshot>(await stub.snapshot()).state;
    const row = await env.DB.prepare(`SELECT state FROM agent_instances WHERE id = ?`).bind(id).first<{ state: string }>();
    const subs = await env.DB.prepare(`SELECT COUNT(*) AS n FROM subscriptions WHERE instance_id = ?`).bind(id).first<{ n: number }>();
    expect(row?.state).toBe(state);
    expect(state).toBe("retired"); // retire is final whichever ran first
    expect(subs?.n).toBe(0);
  });

  it("lets only one of two concurrent spawns of the same id win, and D1 mirrors the winner", async () => {
    const slug = unique("spawnrace");
    await defineAndSpawn(supportDefinition(slug), []);
    const definition = (await (await admin("/v1/definitions")).json()) as { items: { slug: string }[] };
    expect(definition.items.some((d) => d.slug === slug)).toBe(true);
    const id = unique("agent");
    const res = await Promise.all(
      ["cust-a", "cust-b"].map((customerId) => admin("/v1/admin/agents", { method: "POST", json: { definition: slug, id, customerId } })),
    );
    expect(res.map((r) => r.status).sort()).toEqual([201, 409]);
    const kept = unwrap<AgentSnapshot>(await stubOf(id).snapshot()).customerId;
    const row = await env.DB.prepare(`SELECT customer_id FROM agent_instances WHERE id = ?`).bind(id).first<{ customer_id: string }>();
    const subs = await env.DB.prepare(`SELECT DISTINCT customer_id FROM subscriptions WHERE instance_id = ?`)
      .bind(id)
      .all<{ customer_id: string }>();
    expect(row?.customer_id).toBe(kept);
    expect(subs.results.map((r) => r.customer_id)).toEqual([kept]);
  });

  it("does not decide twice when a drain is re-run after being cut short", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("rerun")), [{ id }]);
    const stub = stubOf(id);
    await stub.pause();
    const e = event("c");
    await stub.wake(e);
    await stub.resume();
    await runDurableObjectAlarm(stub);
    // What an alarm cut off after recording the decision but before clearing the inbox leaves.
    await runInDurableObject(stub, (instance: AgentDO, state) => {
      instance["store"].buffer(e, Date.now());
      return state.storage.setAlarm(Date.now());
    });
    await runDurableObjectAlarm(stub);
    const after = unwrap<AgentSnapshot>(await stub.snapshot());
    expect(after.inboxSize).toBe(0);
    expect(after.counters["wakes"]).toBe(1);
    expect(unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items).toHaveLength(1);
  });

  it("two overlapping alarm runs decide a deferred event once, asking the model once (the second waits for the first)", async () => {
    const id = unique("agent");
    await defineAndSpawn(supportDefinition(unique("overlap")), [{ id }]);
    const stub = stubOf(id);
    await scriptAnthropic(inject("anthropicUrl"), id, [
      { kind: "tool", input: { action: "act", reason: "first" }, delayMs: 200 },
      { kind: "tool", input: { action: "act", reason: "second" }, delayMs: 200 },
    ]);
    const e = event("c", { subject: "chat:overlap" });
    expect(unwrap<WakeResult>(await stub.wake(e)).outcome).toBe("buffered");
    await runInDurableObject(stub, (instance: AgentDO) => Promise.all([instance.alarm(), instance.alarm()]));
    const decisions = unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items;
    expect(decisions.filter((d) => d.eventId === e.id).map((d) => d.reason)).toEqual(["first"]);
    expect(await anthropicRequests(inject("anthropicUrl"), id)).toHaveLength(1);
    expect(unwrap<AgentSnapshot>(await stub.snapshot()).inboxSize).toBe(0);
  });

  it("a second alarm run while the runtime's is asking the model waits for it: the model is asked once and its answer is the decision", async () => {
    const agent = unique("agent");
    const customer = unique("cust");
    await defineAndSpawn(supportDefinition(unique("single")), [{ id: agent, customerId: customer }]);
    // Slow enough that the runtime's own run is still waiting for it when the second run starts.
    await scriptAnthropic(inject("anthropicUrl"), agent, [
      { kind: "tool", input: { action: "act", reason: "the scripted answer" }, delayMs: 1_500 },
    ]);
    const e = event(customer, { subject: "chat:slow", payload: { text: "a question only the model answers" } });
    const stub = stubOf(agent);
    expect(unwrap<WakeResult>(await stub.wake(e)).decision).toBeNull();
    // The runtime's run has asked the model; a second run (a test's, or an operator's) starts meanwhile.
    await eventually(async () => ((await anthropicRequests(inject("anthropicUrl"), agent)).length === 1 ? true : undefined));
    await runInDurableObject(stub, (instance: AgentDO) => instance.alarm());

    const decision = await eventually(async () =>
      unwrap<{ items: Decision[] }>(await stub.listDecisions(10)).items.find((d) => d.eventId === e.id),
    );
    expect(decision).toMatchObject({ tier: "llm", reason: "the scripted answer" });
    expect(await anthropicRequests(inject("anthropicUrl"), agent)).toHaveLength(1);
  });
});
