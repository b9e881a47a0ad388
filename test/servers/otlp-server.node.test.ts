// The local OTLP receiver speaks the protocol: both encodings, gzip, errors as a collector answers.
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { otlpRequests, otlpSpans } from "./otlp-control";
import { type OtlpServer, startOtlpServer } from "./otlp-server";

// A minimal protobuf writer, enough for one ExportTraceServiceRequest (field numbers from
// opentelemetry-proto's trace.proto and common.proto).
const varint = (n: bigint): number[] => {
  const out: number[] = [];
  let v = n;
  while (v > 0x7fn) {
    out.push(Number(v & 0x7fn) | 0x80);
    v >>= 7n;
  }
  out.push(Number(v));
  return out;
};
const tag = (no: number, wire: number) => varint(BigInt((no << 3) | wire));
const bytes = (no: number, b: Uint8Array | number[]) => [...tag(no, 2), ...varint(BigInt(b.length)), ...b];
const text = (no: number, s: string) => bytes(no, [...Buffer.from(s, "utf8")]);
const fixed64 = (no: number, n: bigint) => {
  const b = Buffer.alloc(8);
  b.writeBigUInt64LE(n);
  return [...tag(no, 1), ...b];
};
const int = (no: number, n: number) => [...tag(no, 0), ...varint(BigInt(n))];
const hex = (no: number, h: string) => bytes(no, [...Buffer.from(h, "hex")]);

const TRACE = "5b8efff798038103d269b633813fc60c";
const SPAN = "eee19b7ec3c1b174";
const PARENT = "eee19b7ec3c1b173";

function protobufRequest(): Uint8Array {
  const stringValue = (no: number, key: string, value: string) => bytes(no, [...text(1, key), ...bytes(2, text(1, value))]);
  const intAttr = bytes(9, [...text(1, "gen_ai.usage.input_tokens"), ...bytes(2, int(3, 800))]);
  const span = [
    ...hex(1, TRACE),
    ...hex(2, SPAN),
    ...hex(4, PARENT),
    ...text(5, "llm claude"),
    ...int(6, 3),
    ...fixed64(7, 1_700_000_000_000_000_000n),
    ...fixed64(8, 1_700_000_000_100_000_000n),
    ...stringValue(9, "gen_ai.request.model", "claude"),
    ...intAttr,
    ...bytes(15, [...text(2, "overloaded"), ...int(3, 2)]),
  ];
  const scopeSpans = [...bytes(1, text(1, "waooaw.traces")), ...bytes(2, span)];
  const resource = stringValue(1, "service.name", "waooaw");
  return new Uint8Array(bytes(1, [...bytes(1, resource), ...bytes(2, scopeSpans)]));
}

describe("the local OTLP/HTTP receiver", () => {
  let server: OtlpServer;
  beforeAll(async () => {
    server = await startOtlpServer();
  });
  afterAll(() => server.close());
  const post = (path: string, body: BodyInit, headers: Record<string, string>) =>
    fetch(`${server.url}${path}`, { method: "POST", body, headers });

  it("decodes binary protobuf and answers in protobuf", async () => {
    const res = await post("/s/pb/v1/traces", protobufRequest(), { "content-type": "application/x-protobuf" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const [span] = await otlpSpans(server.url, TRACE);
    expect(span).toMatchObject({
      traceId: TRACE,
      spanId: SPAN,
      parentSpanId: PARENT,
      name: "llm claude",
      kind: 3,
      startTimeUnixNano: "1700000000000000000",
      endTimeUnixNano: "1700000000100000000",
      status: { code: 2, message: "overloaded" },
      scope: "waooaw.traces",
      resource: [{ key: "service.name", value: { stringValue: "waooaw" } }],
    });
    expect(span?.attributes).toEqual([
      { key: "gen_ai.request.model", value: { stringValue: "claude" } },
      { key: "gen_ai.usage.input_tokens", value: { intValue: "800" } },
    ]);
  });

  it("decodes gzipped JSON, and refuses ids that are not hex", async () => {
    const body = {
      resourceSpans: [
        {
          resource: { attributes: [] },
          scopeSpans: [
            {
              scope: { name: "s" },
              spans: [{ traceId: TRACE, spanId: "0000000000000001", name: "json", kind: 1, startTimeUnixNano: "1", endTimeUnixNano: 2 }],
            },
          ],
        },
      ],
    };
    const ok = await post("/s/json/v1/traces", gzipSync(JSON.stringify(body)), {
      "content-type": "application/json",
      "content-encoding": "gzip",
    });
    expect([ok.status, await ok.json()]).toEqual([200, {}]);
    const bad = structuredClone(body);
    const first = bad.resourceSpans[0]?.scopeSpans[0]?.spans[0];
    if (first) first.traceId = Buffer.from(TRACE, "hex").toString("base64");
    const refused = await post("/s/json/v1/traces", JSON.stringify(bad), { "content-type": "application/json" });
    expect(refused.status).toBe(400);
    expect((await otlpRequests(server.url, "json")).map((r) => [r.status, r.spans.length])).toEqual([
      [200, 1],
      [400, 0],
    ]);
  });

  it("answers 415 to other content types and 404 elsewhere", async () => {
    expect((await post("/v1/traces", "x", { "content-type": "text/plain" })).status).toBe(415);
    expect((await post("/v1/metrics", "{}", { "content-type": "application/json" })).status).toBe(404);
  });
});
