// Traces end to end: one trace id from a customer's task through the queue, agents, the
// coordinator and the handoff; the span tree an operator reads; and the spans the Worker exports
// to the local OTLP/HTTP receiver (test/servers/otlp-server.ts), which it is configured to use.
import { createExecutionContext, createMessageBatch, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, inject, it } from "vitest";
import worker from "../../src/index";
import { traceSources } from "../../src/platform";
import type { Trace, TracePage, TraceSpan } from "../../src/schemas/trace-views";
import { exportBatchTraces } from "../../src/traces/export";
import { otlpTraceId } from "../../src/traces/ids";
import { readTraceTrees } from "../../src/traces/read-traces";
import { pendingEventStatements, stampEvent } from "../../src/wake/ingest";
import { finishedByWake } from "../../src/traces/sources";
import { admin, call, customerMessage, defineAndSpawn, env, eventually, nth, postEvent, supportDefinition, unique } from "../helpers";
import { signUp } from "../marketplace/helpers";
import { accountExecutive, ensurePublished, finishedTask, giveTask, hire, QUALIFIED_LEAD, sdr } from "../organisation/helpers";
import { scriptAnthropic } from "../servers/control";
import { otlpRequests, otlpScopeUrl, otlpSpans } from "../servers/otlp-control";
import type { ReceivedSpan } from "../servers/otlp-server";

const otlpUrl = inject("otlpUrl");
const anthropicUrl = inject("anthropicUrl");
const SDR = sdr();
const AE = accountExecutive();

async function traceOf(traceId: string): Promise<Trace> {
  const res = await admin(`/v1/admin/traces/${traceId}`);
  expect(res.status).toBe(200);
  return res.json();
}

async function traceIdOfTask(taskId: string): Promise<string> {
  const row = await env.DB.prepare("SELECT e.trace_id AS traceId FROM tasks t JOIN events e ON e.id = t.event_id WHERE t.id = ?")
    .bind(taskId)
    .first<{ traceId: string }>();
  if (!row) throw new Error(`no event for task ${taskId}`);
  return row.traceId;
}

const parentOf = (trace: Trace, span: TraceSpan) => trace.spans.find((s) => s.spanId === span.parentSpanId);
const attribute = (span: ReceivedSpan | undefined, key: string) => span?.attributes.find((a) => a.key === key)?.value;

describe("a handoff chain's trace", () => {
  let trace: Trace;
  let customerId: string;
  let sdrInstance: string;
  let aeInstance: string;

  beforeAll(async () => {
    await ensurePublished(SDR, AE);
    const who = await signUp();
    customerId = who.customerId;
    const s = await hire(who, SDR.slug);
    const a = await hire(who, AE.slug);
    sdrInstance = s.instanceId;
    aeInstance = a.instanceId;
    const taskId = await giveTask(who, s.id, QUALIFIED_LEAD);
    expect((await finishedTask(who, taskId)).status).toBe("done");
    const traceId = await traceIdOfTask(taskId);
    // The receiver's acknowledgement closes the handoff: wait for the whole tree to be closed.
    trace = await eventually(async () => {
      const t = await traceOf(traceId);
      return t.spans.length >= 11 && t.spans.every((span) => span.durationMs !== null) ? t : undefined;
    });
  });

  it("shows every hop in order, each under the span that caused it", () => {
    expect(trace.spans.map((s) => [s.depth, s.kind, s.name])).toEqual([
      [0, "ingest", "ingest task.assigned"],
      [1, "queue", "queue waooaw-wake"],
      [1, "wake", `wake ${sdrInstance} decided`],
      [2, "decision", "decision rules delegate"],
      [3, "handoff", "handoff sdr → account-executive"],
      [4, "coordinator", "coordinator route account-executive"],
      [5, "ingest", "ingest handoff.requested"],
      [6, "queue", "queue waooaw-wake"],
      [6, "wake", `wake ${aeInstance} decided`],
      [7, "decision", "decision rules act"],
      // Each agent's deliverable, kept on the platform, under the decision that wrote it.
      [8, "output", "output none document stored"],
      [3, "output", "output none document stored"],
    ]);
    const [root, ...rest] = trace.spans;
    expect(root?.parentSpanId).toBeNull();
    for (const span of rest) expect(parentOf(trace, span)?.depth).toBe(span.depth - 1);
    // Each hop starts no earlier than the one before it.
    const hops = trace.spans.filter((s) => s.kind !== "queue" && s.kind !== "output");
    for (let i = 1; i < hops.length; i++) expect(nth(hops, i).startMs).toBeGreaterThanOrEqual(nth(hops, i - 1).startMs);
    const handoff = nth(trace.spans.filter((s) => s.kind === "handoff"));
    expect(handoff.attributes).toMatchObject({
      "message.from_instance": sdrInstance,
      "message.to_instance": aeInstance,
      "message.status": "done",
    });
    expect(nth(trace.spans.filter((s) => s.kind === "coordinator")).instanceId).toBe(aeInstance);
    expect(trace).toMatchObject({ spanCount: trace.spans.length, errorCount: 0 });
    expect(trace.spans.every((s) => s.traceId === trace.traceId && s.status === "ok")).toBe(true);
  });

  it("is listed among recent traces with its counts", async () => {
    const page = await eventually(async () => {
      const res = await admin(`/v1/admin/traces?customerId=${customerId}`);
      const body = (await res.json()) as TracePage;
      return body.items.length > 0 ? body : undefined;
    });
    expect(page.items).toEqual([
      {
        traceId: trace.traceId,
        startMs: trace.startMs,
        rootType: "task.assigned",
        customerId,
        eventCount: 2,
        decisionCount: 2,
        errorCount: 0,
      },
    ]);
    await postEvent(customerMessage(customerId, { subject: "ticket:paging" }));
    const first = (await (await admin("/v1/admin/traces?limit=1")).json()) as TracePage;
    expect(first.items).toHaveLength(1);
    expect(first.nextCursor).toMatch(/^\d+~/);
    const next = (await (await admin(`/v1/admin/traces?limit=1&cursor=${first.nextCursor}`)).json()) as TracePage;
    expect(next.items[0]?.traceId).not.toBe(first.items[0]?.traceId);
    expect(next.items[0]?.startMs).toBeLessThanOrEqual(first.items[0]?.startMs ?? 0);
  });

  it("is read the same among many traces (a queue batch's), past one query's worth", async () => {
    const others = Array.from({ length: 600 }, (_, i) => `trc_absent_${i}_${"x".repeat(100)}`);
    const trees = await readTraceTrees(env.DB, [...others, trace.traceId], traceSources);
    expect([...trees.keys()]).toEqual([trace.traceId]);
    expect(trees.get(trace.traceId)?.map((s) => s.spanId)).toEqual(trace.spans.map((s) => s.spanId));
  });

  it("reaches the OTLP receiver: every span once, with its ids and parents", async () => {
    const id = otlpTraceId(trace.traceId);
    const received = await eventually(async () => {
      const spans = await otlpSpans(otlpUrl, id);
      return spans.length >= trace.spans.length ? spans : undefined;
    });
    expect(received.map((s) => s.spanId).sort()).toEqual(trace.spans.map((s) => s.spanId).sort());
    for (const span of trace.spans) {
      const got = received.find((r) => r.spanId === span.spanId);
      expect(got).toMatchObject({ traceId: id, name: span.name, parentSpanId: span.parentSpanId ?? "", status: { code: 1 } });
      expect(BigInt(got?.startTimeUnixNano ?? 0)).toBe(BigInt(span.startMs) * 1_000_000n);
      expect(attribute(got, "waooaw.trace_id")).toEqual({ stringValue: trace.traceId });
    }
    expect(
      attribute(
        received.find((s) => s.name === "coordinator route account-executive"),
        "coordinator.assigned",
      ),
    ).toEqual({
      stringValue: aeInstance,
    });
    expect(received[0]?.resource).toContainEqual({ key: "service.name", value: { stringValue: "waooaw" } });
  });
});

describe("a model's decision in a trace", () => {
  it("carries the call's model, tokens and cost, and is exported once the agent has recorded it", async () => {
    // A customer of its own: no other test's agent wakes for its events.
    const [agent, customer] = [unique("agent"), unique("cust")];
    await defineAndSpawn(supportDefinition(unique("traced-llm")), [{ id: agent, customerId: customer }]);
    await scriptAnthropic(anthropicUrl, agent, [
      { kind: "tool", input: { action: "act", reason: "look up the order" }, usage: { input_tokens: 800, output_tokens: 40 } },
    ]);
    const { traceId } = await postEvent(customerMessage(customer, { subject: "chat:1", payload: { text: "Where is my order?" } }));
    const trace = await eventually(async () => {
      const t = await traceOf(traceId);
      return t.spans.some((s) => s.kind === "llm") ? t : undefined;
    });
    const decision = nth(trace.spans.filter((s) => s.kind === "decision"));
    const llm = nth(trace.spans.filter((s) => s.kind === "llm"));
    expect(decision).toMatchObject({ name: "decision llm act", instanceId: agent, status: "ok" });
    expect(decision.attributes).toMatchObject({
      "decision.tier": "llm",
      "gen_ai.usage.input_tokens": 800,
      "gen_ai.usage.output_tokens": 40,
    });
    expect(llm.parentSpanId).toBe(decision.spanId);
    expect(llm.attributes).toMatchObject({ "gen_ai.usage.input_tokens": 800, "gen_ai.usage.output_tokens": 40 });
    expect(llm.attributes["gen_ai.request.model"]).toEqual(expect.any(String));
    expect(llm.attributes["cost.usd"]).toBeGreaterThan(0);

    // The decision came from the agent's alarm, after the queue batch: its flush exported it.
    const exported = await eventually(async () => {
      const spans = await otlpSpans(otlpUrl, otlpTraceId(traceId));
      return spans.some((s) => s.spanId === llm.spanId) ? spans : undefined;
    });
    const got = exported.find((s) => s.spanId === llm.spanId);
    expect(got).toMatchObject({ parentSpanId: decision.spanId, kind: 3 });
    expect(attribute(got, "gen_ai.usage.input_tokens")).toEqual({ intValue: "800" });
    expect(exported.filter((s) => s.spanId === llm.spanId)).toHaveLength(1);
  });
});

describe("sampling", () => {
  it("at rate 0 drops an ordinary trace but keeps one with an error, whole", async () => {
    const [agent, customer] = [unique("agent"), unique("cust")];
    await defineAndSpawn(supportDefinition(unique("sampled")), [{ id: agent, customerId: customer }]);
    await scriptAnthropic(anthropicUrl, agent, [{ kind: "error", status: 400, message: "prompt is too long" }]);
    const failing = await postEvent(customerMessage(customer, { subject: "chat:2", payload: { text: "help" } }));
    const fine = await postEvent(customerMessage(customer, { subject: "ticket:9" }));
    const failed = await eventually(async () => {
      const t = await traceOf(failing.traceId);
      return t.errorCount > 0 ? t : undefined;
    });
    expect(nth(failed.spans.filter((s) => s.kind === "decision"))).toMatchObject({
      status: "error",
      error: expect.stringMatching(/^llm_error/),
    });
    await eventually(async () => ((await traceOf(fine.traceId)).spans.some((s) => s.kind === "decision") ? true : undefined));

    const scope = unique("rate0");
    const sampledEnv = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: otlpScopeUrl(otlpUrl, scope), TRACE_SAMPLE_RATE: "0" };
    const events = [failing, fine];
    const wakes = events.map((e) => finishedByWake(e.id, agent));
    await exportBatchTraces(
      sampledEnv,
      { startedAt: 0, traceIds: events.map((e) => e.traceId), eventIds: events.map((e) => e.id), wakes },
      traceSources,
    );

    const requests = await otlpRequests(otlpUrl, scope);
    const traceIds = new Set(requests.flatMap((r) => r.spans.map((s) => s.traceId)));
    expect([...traceIds]).toEqual([otlpTraceId(failing.traceId)]);
    const names = requests.flatMap((r) => r.spans.map((s) => s.name)).sort();
    expect(names).toEqual(
      failed.spans
        .filter((s) => s.durationMs !== null)
        .map((s) => s.name)
        .sort(),
    );
    const decision = requests.flatMap((r) => r.spans).find((s) => s.name.startsWith("decision"));
    expect(decision?.status).toMatchObject({ code: 2, message: expect.stringMatching(/^llm_error/) });
  });
});

describe("the queue handler's export", () => {
  it("at rate 0 sends a dead-lettered event's trace, from the dead-letter queue's batch, and not a delivered one's", async () => {
    const scope = unique("dlq");
    const exportingEnv = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: otlpScopeUrl(otlpUrl, scope), TRACE_SAMPLE_RATE: "0" };
    const customer = unique("nobody");
    const [dead, fine] = [1, 2].map(() => stampEvent(customerMessage(customer), Date.now()));
    if (!dead || !fine) throw new Error("unreachable");
    await env.DB.batch(pendingEventStatements(env.DB, [dead, fine]));
    await env.DB.prepare("UPDATE events SET attempts = 4, last_error = 'agent-x: boom' WHERE id = ?").bind(dead.id).run();

    const run = async (queue: string, event: typeof dead) => {
      const batch = createMessageBatch(queue, [
        { id: unique("msg"), timestamp: new Date(), attempts: 4, body: { v: 2, items: [{ event, to: [] }] } },
      ]);
      const ctx = createExecutionContext();
      await worker.queue(batch, exportingEnv, ctx);
      await waitOnExecutionContext(ctx);
    };
    await run("waooaw-wake", fine);
    await run("waooaw-wake-dlq", dead);

    const spans = (await otlpRequests(otlpUrl, scope)).flatMap((r) => r.spans);
    expect(new Set(spans.map((s) => s.traceId))).toEqual(new Set([otlpTraceId(dead.traceId)]));
    expect(spans.map((s) => [s.name, s.status.code]).sort()).toEqual([
      ["dead letter customer.message", 2],
      ["ingest customer.message", 2],
      ["queue waooaw-wake", 1],
    ]);
    expect(spans.find((s) => s.name.startsWith("dead letter"))?.status.message).toBe("agent-x: boom");
    expect((await traceOf(fine.traceId)).spans[0]).toMatchObject({ status: "ok" });
  });
});

describe("the trace routes", () => {
  it("refuse a missing or wrong operator token", async () => {
    for (const path of ["/v1/admin/traces", `/v1/admin/traces/${unique("trc")}`]) {
      for (const headers of [{}, { authorization: "Bearer wrong" }] as Record<string, string>[]) {
        const res = await call(path, { headers });
        expect(res.status).toBe(401);
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
      }
    }
  });

  it("join a producer's trace: an event sent with a W3C traceparent carries its trace id", async () => {
    const w3c = "0af7651916cd43dd8448eb211c80319c";
    const res = await admin("/v1/events", {
      method: "POST",
      json: customerMessage(unique("cust")),
      headers: { traceparent: `00-${w3c}-b7ad6b7169203331-01` },
    });
    expect(res.status).toBe(202);
    expect(((await res.json()) as { traceId: string }).traceId).toBe(w3c);
    const trace = await traceOf(w3c);
    expect(trace.spans[0]).toMatchObject({ kind: "ingest", traceId: w3c });
    expect(otlpTraceId(w3c)).toBe(w3c);
  });

  it("answer 404 for a trace no event carries", async () => {
    const res = await admin(`/v1/admin/traces/${unique("trc")}`);
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
