import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otlpTraceId, sampled, spanIdOf } from "../../src/traces/ids";
import { traceIdOfTraceparent } from "../../src/traces/traceparent";
import { exportRequest, keyValues } from "../../src/traces/otlp";
import { otlpConfig, parseHeaders } from "../../src/traces/otlp-config";
import { type BatchWork, postSpans, retryAfter, spansToExport } from "../../src/traces/export";
import { finishedByEvent, finishedByWake } from "../../src/traces/sources";
import type { TreeSpan } from "../../src/traces/tree";
import { failOtlp, otlpRequests, otlpScopeUrl } from "../servers/otlp-control";
import { type OtlpServer, startOtlpServer } from "../servers/otlp-server";

function span(traceId: string, key: string, extra: Partial<TreeSpan> = {}): TreeSpan {
  return {
    traceId,
    spanId: spanIdOf(traceId, key),
    parentSpanId: null,
    depth: 0,
    kind: "decision",
    name: key,
    startMs: 1_000,
    durationMs: 5,
    status: "ok",
    error: null,
    instanceId: "agent-1",
    eventId: "evt_1",
    attributes: { "decision.tier": "llm", "gen_ai.usage.input_tokens": 800, "cost.usd": 0.0012, "decision.rule_id": null, ok: true },
    endMs: 1_005,
    completedBy: finishedByWake("evt_1", "agent-1"),
    ...extra,
  };
}

describe("OTLP/HTTP JSON encoding", () => {
  it("writes an ExportTraceServiceRequest: hex ids, nanosecond strings, typed attributes, status codes", () => {
    const parent = span("trc_a", "ingest", { kind: "ingest" });
    const child = span("trc_a", "llm", { kind: "llm", parentSpanId: parent.spanId, status: "error", error: "llm_error: 400" });
    const req = exportRequest([parent as TreeSpan & { endMs: number }, child as TreeSpan & { endMs: number }]);
    const [rs] = req.resourceSpans;
    expect(rs?.resource.attributes).toContainEqual({ key: "service.name", value: { stringValue: "waooaw" } });
    const [a, b] = rs?.scopeSpans[0]?.spans ?? [];
    expect(a).toMatchObject({
      traceId: otlpTraceId("trc_a"),
      spanId: parent.spanId,
      kind: 2,
      startTimeUnixNano: "1000000000",
      endTimeUnixNano: "1005000000",
      status: { code: 1 },
    });
    expect(a).not.toHaveProperty("parentSpanId");
    expect(b).toMatchObject({ parentSpanId: parent.spanId, kind: 3, status: { code: 2, message: "llm_error: 400" } });
    expect(a?.traceId).toMatch(/^[0-9a-f]{32}$/);
    expect(a?.attributes).toEqual(
      expect.arrayContaining([
        { key: "decision.tier", value: { stringValue: "llm" } },
        { key: "gen_ai.usage.input_tokens", value: { intValue: "800" } },
        { key: "cost.usd", value: { doubleValue: 0.0012 } },
        { key: "ok", value: { boolValue: true } },
        { key: "waooaw.trace_id", value: { stringValue: "trc_a" } },
      ]),
    );
    expect(a?.attributes.some((kv) => kv.key === "decision.rule_id")).toBe(false);
  });

  it("keeps a producer's W3C trace id and hashes ours", () => {
    expect(otlpTraceId("4BF92F3577B34DA6A3CE929D0E0E4736")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(otlpTraceId("trc_1")).toBe(otlpTraceId("trc_1"));
    expect(otlpTraceId("trc_1")).not.toBe(otlpTraceId("trc_2"));
    expect(otlpTraceId("00000000000000000000000000000000")).not.toMatch(/^0+$/);
    expect(keyValues({ a: null })).toEqual([]);
  });
});

describe("export configuration", () => {
  it("reads the OpenTelemetry variables: endpoint, traces endpoint, headers, timeout, sample rate", () => {
    expect(otlpConfig({})).toBeNull();
    expect(otlpConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318/" })).toEqual({
      url: "http://collector:4318/v1/traces",
      headers: {},
      timeoutMs: 10_000,
      sampleRate: 0.1, // a tenth by default: exporting every trace costs load A a fifth (bench load O)
    });
    expect(
      otlpConfig({
        OTEL_EXPORTER_OTLP_ENDPOINT: "http://collector:4318",
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: "https://api.example.com/otlp/traces",
        OTEL_EXPORTER_OTLP_HEADERS: "x-api-key=abc,x-team=core",
        OTEL_EXPORTER_OTLP_TRACES_HEADERS: "x-api-key=def%3D",
        OTEL_EXPORTER_OTLP_TIMEOUT: "2500",
        TRACE_SAMPLE_RATE: "0.25",
      }),
    ).toEqual({
      url: "https://api.example.com/otlp/traces",
      headers: { "x-api-key": "def=", "x-team": "core" },
      timeoutMs: 2500,
      sampleRate: 0.25,
    });
    expect(parseHeaders("broken, =x,k = v ")).toEqual({ k: "v" });
    // A bad value turns the export off instead of failing the work it would watch.
    expect(otlpConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://c:4318", TRACE_SAMPLE_RATE: "2" })).toBeNull();
  });

  it("samples by trace id alone, near the rate asked", () => {
    const ids = Array.from({ length: 2000 }, (_, i) => `trc_${i}`);
    const kept = ids.filter((id) => sampled(id, 0.25)).length;
    expect(kept).toBeGreaterThan(400);
    expect(kept).toBeLessThan(600);
    expect(ids.filter((id) => sampled(id, 0.25))).toEqual(ids.filter((id) => sampled(id, 0.25)));
    expect(ids.every((id) => sampled(id, 1) && !sampled(id, 0))).toBe(true);
  });

  it("reads retry-after in seconds or as a date, within bounds", () => {
    expect(retryAfter("2")).toBe(2_000);
    expect(retryAfter(null)).toBe(1_000);
    expect(retryAfter("600")).toBe(10_000);
    expect(retryAfter(new Date(10_000).toUTCString(), 7_000)).toBe(3_000);
  });
});

describe("which spans a piece of work exports", () => {
  const T = "trc_pick";
  const ingest = span(T, "ingest", { status: "ok", endMs: 1_100, completedBy: finishedByEvent("evt_1") });
  const mine = span(T, "decision", { completedBy: finishedByWake("evt_1", "agent-1") });
  const later = span(T, "handoff", { completedBy: finishedByWake("evt_2", "agent-2") });
  const open = span(T, "open", { endMs: null, durationMs: null, completedBy: null });
  const work: BatchWork = { startedAt: 1_000, traceIds: [T], eventIds: ["evt_1"], wakes: [finishedByWake("evt_1", "agent-1")] };

  it("sends what this work finished, once, and nothing open", () => {
    const trees = new Map([[T, [ingest, mine, later, open]]]);
    expect(spansToExport(trees, work, 1).map((s) => s.name)).toEqual(["ingest", "decision"]);
    // A retried batch carrying the event again: its ingest ended before, so it does not leave twice.
    expect(spansToExport(trees, { ...work, startedAt: 5_000, wakes: [] }, 1)).toEqual([]);
  });

  it("drops a trace the sample leaves out, unless it holds an error, then sends all of it", () => {
    const ok = new Map([[T, [ingest, mine, later]]]);
    expect(spansToExport(ok, work, 0)).toEqual([]);
    const failed = span(T, "failed", { status: "error", error: "boom" });
    const withError = new Map([[T, [ingest, failed, later]]]);
    expect(spansToExport(withError, work, 0).map((s) => s.name)).toEqual(["ingest", "failed", "handoff"]);
    // Later work on that trace sends only its own part: the earlier part went with the error.
    expect(
      spansToExport(withError, { ...work, startedAt: 9_000, eventIds: [], wakes: [finishedByWake("evt_2", "agent-2")] }, 0).map(
        (s) => s.name,
      ),
    ).toEqual(["handoff"]);
  });
});

describe("posting to a collector (the local OTLP receiver)", () => {
  let server: OtlpServer;
  beforeAll(async () => {
    server = await startOtlpServer();
  });
  afterAll(() => server.close());

  const config = (scope: string) => ({
    url: `${otlpScopeUrl(server.url, scope)}/v1/traces`,
    headers: { "x-api-key": "k" },
    timeoutMs: 2_000,
    sampleRate: 1,
  });
  const closed = [span("trc_post", "one")] as (TreeSpan & { endMs: number })[];

  it("delivers the spans with the configured headers", async () => {
    expect(await postSpans(config("ok"), closed)).toBe(true);
    const [req] = await otlpRequests(server.url, "ok");
    expect(req).toMatchObject({ status: 200, contentType: "application/json", headers: expect.objectContaining({ "x-api-key": "k" }) });
    expect(req?.spans[0]).toMatchObject({ traceId: otlpTraceId("trc_post"), spanId: closed[0]?.spanId, name: "one" });
  });

  it("waits as long as a 429's retry-after asks, then retries once", async () => {
    await failOtlp(server.url, "throttled", { count: 1, status: 429, retryAfter: 1 });
    const started = Date.now();
    expect(await postSpans(config("throttled"), closed)).toBe(true);
    const reqs = await otlpRequests(server.url, "throttled");
    expect(reqs.map((r) => r.status)).toEqual([429, 200]);
    expect((reqs[1]?.at ?? 0) - started).toBeGreaterThanOrEqual(950);
  });

  it("gives up after one retry of a 503, without throwing", async () => {
    await failOtlp(server.url, "down", { count: 5, status: 503, retryAfter: 0 });
    expect(await postSpans(config("down"), closed)).toBe(false);
    expect((await otlpRequests(server.url, "down")).map((r) => r.status)).toEqual([503, 503]);
  });

  it("times out a collector that does not answer, retries once, and gives up", async () => {
    await failOtlp(server.url, "slow", { count: 2, delayMs: 1_500 });
    expect(await postSpans({ ...config("slow"), timeoutMs: 200 }, closed)).toBe(false);
  });
});

describe("W3C traceparent", () => {
  it("gives an ingested event the producer's trace id when the header is valid", () => {
    expect(traceIdOfTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(traceIdOfTraceparent("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-future")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    for (const bad of [
      undefined,
      "",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra",
    ])
      expect(traceIdOfTraceparent(bad)).toBeUndefined();
  });
});
