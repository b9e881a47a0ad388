import { describe, expect, it } from "vitest";
import { organisationTraceSource } from "../../src/organisation/trace-source";
import type { CoreRecords, DecisionRecord, EventRecord } from "../../src/traces/core-records";
import { coreSpans } from "../../src/traces/core-spans";
import { parentFrom } from "../../src/traces/read-traces";
import { finishedByEvent, finishedByWake, type RawSpan } from "../../src/traces/sources";
import { assembleTree, traceOf } from "../../src/traces/tree";

const T = "trc_chain";

function event(id: string, extra: Partial<EventRecord> = {}): EventRecord {
  return {
    traceId: T,
    id,
    type: "task.assigned",
    source: "waooaw.marketplace",
    subject: "hire:h1:task:t1",
    customerId: "c1",
    receivedAt: 1_000,
    status: "delivered",
    attempts: 1,
    lastError: null,
    matchedCount: 1,
    deliveredAt: 1_100,
    ...extra,
  };
}

function decision(id: string, eventId: string, instanceId: string, extra: Partial<DecisionRecord> = {}): DecisionRecord {
  return {
    id,
    instanceId,
    eventId,
    action: "act",
    reason: "done",
    tier: "rules",
    ruleId: "r1",
    delegateTo: null,
    latencyMs: 10,
    decidedAt: 1_050,
    model: null,
    inputTokens: 0,
    outputTokens: 0,
    costUsd: 0,
    cache: null,
    ...extra,
  };
}

/** A task the SDR hands to the account executive, who asks the model. */
const records: CoreRecords = {
  events: [
    event("evt_1"),
    event("msg_d1.1", {
      type: "handoff.requested",
      source: "waooaw.organisation",
      subject: "hire:h2:task:t1:msg:msg_d1",
      receivedAt: 1_200,
      deliveredAt: 1_400,
    }),
  ],
  wakes: [
    { eventId: "evt_1", instanceId: "agent-sdr", outcome: "decided", decisionId: "d1", recordedAt: 1_060 },
    { eventId: "msg_d1.1", instanceId: "agent-ae", outcome: "decided", decisionId: "d2", recordedAt: 1_350 },
  ],
  decisions: [
    decision("d1", "evt_1", "agent-sdr", { action: "delegate", delegateTo: "account-executive", decidedAt: 1_050 }),
    decision("d2", "msg_d1.1", "agent-ae", {
      tier: "llm",
      ruleId: null,
      model: "claude-test",
      inputTokens: 800,
      outputTokens: 40,
      costUsd: 0.001,
      latencyMs: 100,
      decidedAt: 1_340,
      cache: "miss",
    }),
  ],
  deadLetters: [],
};

/** What the organisation's source reads for that handoff (its read is SQL; here its spans). */
const handoff: RawSpan[] = [
  {
    key: "handoff:msg_d1",
    parentKey: "decision:d1",
    kind: "handoff",
    name: "handoff sdr → account-executive",
    startMs: 1_060,
    endMs: 1_350,
    status: "ok",
    error: null,
    instanceId: "agent-sdr",
    eventId: "msg_d1.1",
    attributes: {},
    completedBy: finishedByWake("msg_d1.1", "agent-ae"),
  },
  {
    key: "coordinator:msg_d1",
    parentKey: "handoff:msg_d1",
    kind: "coordinator",
    name: "coordinator route account-executive",
    startMs: 1_060,
    endMs: 1_200,
    status: "ok",
    error: null,
    instanceId: "agent-ae",
    eventId: "msg_d1.1",
    attributes: {},
    completedBy: finishedByWake("evt_1", "agent-sdr"),
  },
];

describe("a trace's spans from its records", () => {
  const raw = [...coreSpans(records, parentFrom([organisationTraceSource])), ...handoff];
  const spans = assembleTree(T, raw);

  it("lays every hop out in order, each under the span that caused it", () => {
    expect(spans.map((s) => [s.depth, s.name])).toEqual([
      [0, "ingest task.assigned"],
      [1, "queue waooaw-wake"],
      [1, "wake agent-sdr decided"],
      [2, "decision rules delegate"],
      [3, "handoff sdr → account-executive"],
      [4, "coordinator route account-executive"],
      [5, "ingest handoff.requested"],
      [6, "queue waooaw-wake"],
      [6, "wake agent-ae decided"],
      [7, "decision llm act"],
      [8, "llm claude-test"],
    ]);
    const byName = new Map(spans.map((s) => [s.name, s]));
    for (const s of spans.slice(1)) {
      const parent = spans.find((p) => p.spanId === s.parentSpanId);
      expect(parent?.depth).toBe(s.depth - 1);
    }
    expect(byName.get("ingest handoff.requested")?.parentSpanId).toBe(byName.get("coordinator route account-executive")?.spanId);
    expect(spans[0]?.parentSpanId).toBeNull();
  });

  it("gives stable 16-hex span ids and the model call's tokens and cost", () => {
    expect(assembleTree(T, raw).map((s) => s.spanId)).toEqual(spans.map((s) => s.spanId));
    for (const s of spans) expect(s.spanId).toMatch(/^[0-9a-f]{16}$/);
    expect(new Set(spans.map((s) => s.spanId)).size).toBe(spans.length);
    const llm = spans.find((s) => s.kind === "llm");
    expect(llm).toMatchObject({ startMs: 1_240, durationMs: 100, instanceId: "agent-ae", status: "ok" });
    expect(llm?.attributes).toMatchObject({
      "gen_ai.request.model": "claude-test",
      "gen_ai.usage.input_tokens": 800,
      "gen_ai.usage.output_tokens": 40,
      "cost.usd": 0.001,
    });
    expect(spans.find((s) => s.name === "decision llm act")?.attributes).toMatchObject({
      "decision.tier": "llm",
      "decision.cache": "miss",
    });
  });

  it("marks what each span was finished by, and sums up the trace", () => {
    const by = new Map(spans.map((s) => [s.name, s.completedBy]));
    expect(by.get("ingest task.assigned")).toBe(finishedByEvent("evt_1"));
    expect(by.get("decision rules delegate")).toBe(finishedByWake("evt_1", "agent-sdr"));
    expect(by.get("llm claude-test")).toBe(finishedByWake("msg_d1.1", "agent-ae"));
    const trace = traceOf(T, spans);
    expect(trace).toMatchObject({ traceId: T, startMs: 1_000, durationMs: 400, spanCount: 11, errorCount: 0 });
    expect(trace.spans[0]).not.toHaveProperty("completedBy");
  });

  it("shows a dead event and a failed model call as errors; open spans have no duration", () => {
    const failing: CoreRecords = {
      events: [
        event("evt_dead", { status: "dead", deliveredAt: null, lastError: "agent-x: boom" }),
        event("evt_open", { status: "pending", deliveredAt: null }),
      ],
      wakes: [{ eventId: "evt_dead", instanceId: "agent-x", outcome: "decided", decisionId: "dx", recordedAt: 1_050 }],
      decisions: [
        decision("dx", "evt_dead", "agent-x", {
          action: "escalate",
          reason: "llm_unavailable: 529 overloaded",
          model: "claude-test",
          tier: "fallback",
        }),
      ],
      deadLetters: [{ id: "dl_1", eventId: "evt_dead", error: "agent-x: boom", attempts: 4, deadAt: 2_000, replayCount: 0 }],
    };
    const trace = traceOf(T, assembleTree(T, coreSpans(failing)), 3_000);
    const named = (name: string) => trace.spans.filter((s) => s.name === name);
    expect(named("ingest task.assigned").map((s) => [s.status, s.durationMs])).toEqual([
      ["error", 1_000],
      ["unset", null],
    ]);
    expect(named("dead letter task.assigned")[0]).toMatchObject({ status: "error", error: "agent-x: boom", kind: "dead_letter" });
    expect(named("decision fallback escalate")[0]).toMatchObject({ status: "error", error: "llm_unavailable: 529 overloaded" });
    expect(named("llm claude-test")[0]).toMatchObject({ status: "error" });
    expect(trace.errorCount).toBe(4);
    expect(trace.durationMs).toBe(2_000); // the open span counts to "now"
  });

  it("keeps a span whose parent the trace does not hold, as a root", () => {
    const orphan = { ...handoff[0], key: "output:o1", parentKey: "decision:elsewhere", kind: "output" } as RawSpan;
    const tree = assembleTree(T, [orphan]);
    expect(tree).toHaveLength(1);
    expect(tree[0]).toMatchObject({ depth: 0, parentSpanId: null });
  });
});
