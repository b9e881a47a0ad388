// A local OpenTelemetry collector's trace receiver, speaking OTLP/HTTP as the specification
// (opentelemetry-proto, "OTLP/HTTP") defines it:
//   - `POST /v1/traces` with an ExportTraceServiceRequest, either `Content-Type:
//     application/json` (the protobuf JSON mapping, ids as hex) or `application/x-protobuf`
//     (binary protobuf, decoded here field by field), optionally `Content-Encoding: gzip`;
//   - success: 200 with an ExportTraceServiceResponse in the request's encoding (`{}` in JSON,
//     an empty message in protobuf); a body that cannot be decoded: 400 with a google.rpc.Status;
//     an unsupported content type: 415;
//   - throttling and unavailability as a real collector answers them: 429 or 503 with a
//     `Retry-After` header (seconds), which clients must honour before retrying.
// Every request is recorded with its headers and its spans (normalized to the JSON shape, ids
// in lowercase hex, 64-bit integers as decimal strings), whatever the encoding.
//
// Scopes: a base URL of `<url>/s/<name>` (the client appends `/v1/traces`) records and fails
// separately, so a test that scripts failures does not disturb the exports of others; plain
// `<url>` is the scope "default".
//
// Control endpoints (not part of the protocol; `?scope=<name>`, default "default"):
//   POST /__fail   {count, status?, retryAfter?, delayMs?}  the next `count` exports answer
//                  `status` (default 503) with `Retry-After: retryAfter` when given, after `delayMs`
//   GET  /__requests                     the recorded export requests, oldest first
//   GET  /__counts                       {requests, spans} received, without the records themselves
//   GET  /__spans?traceId=<32 hex>       every recorded span of that trace (any scope), oldest first
//   POST /__reset                        clear records and pending failures (no ?scope: all)
// Runs in Node only (vitest globalSetup, or `npx tsx test/servers/otlp-server.ts --port 4318`).
import http from "node:http";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { listen } from "./listen";

export type OtlpValue =
  | { stringValue: string }
  | { boolValue: boolean }
  | { intValue: string }
  | { doubleValue: number }
  | { arrayValue: { values: OtlpValue[] } }
  | { kvlistValue: { values: OtlpKeyValue[] } }
  | { bytesValue: string };
export interface OtlpKeyValue {
  key: string;
  value: OtlpValue;
}

/** A received span, normalized, with its resource's and scope's names beside it. */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  name: string;
  kind: number;
  startTimeUnixNano: string;
  endTimeUnixNano: string;
  attributes: OtlpKeyValue[];
  status: { code: number; message: string };
  resource: OtlpKeyValue[];
  scope: string;
}

export interface ReceivedRequest {
  scope: string;
  at: number;
  contentType: string;
  headers: Record<string, string>;
  /** What the receiver answered. */
  status: number;
  spans: ReceivedSpan[];
}

export interface OtlpFailPlan {
  count: number;
  status?: number;
  retryAfter?: number;
  delayMs?: number;
}

export interface OtlpServer {
  url: string;
  close(): Promise<void>;
}

// --- protobuf (proto3 wire format) ------------------------------------------------------------

type Field = { no: number; wire: number; int: bigint; bytes: Uint8Array };

function* fields(buf: Uint8Array): Generator<Field> {
  let i = 0;
  const varint = (): bigint => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (i >= buf.length) throw new Error("truncated varint");
      const b = buf[i++] ?? 0;
      result |= BigInt(b & 0x7f) << shift;
      if ((b & 0x80) === 0) return result;
      shift += 7n;
    }
  };
  const fixed = (n: number): bigint => {
    if (i + n > buf.length) throw new Error("truncated fixed field");
    let v = 0n;
    for (let k = n - 1; k >= 0; k--) v = (v << 8n) | BigInt(buf[i + k] ?? 0);
    i += n;
    return v;
  };
  while (i < buf.length) {
    const key = Number(varint());
    const no = key >>> 3;
    const wire = key & 7;
    const empty = new Uint8Array();
    if (wire === 0) yield { no, wire, int: varint(), bytes: empty };
    else if (wire === 1) yield { no, wire, int: fixed(8), bytes: empty };
    else if (wire === 5) yield { no, wire, int: fixed(4), bytes: empty };
    else if (wire === 2) {
      const len = Number(varint());
      if (i + len > buf.length) throw new Error("truncated length-delimited field");
      yield { no, wire, int: 0n, bytes: buf.subarray(i, i + len) };
      i += len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
}

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");
const utf8 = (b: Uint8Array) => Buffer.from(b).toString("utf8");
const double = (v: bigint) => {
  const view = new DataView(new ArrayBuffer(8));
  view.setBigUint64(0, v, true);
  return view.getFloat64(0, true);
};
const signed = (v: bigint) => BigInt.asIntN(64, v).toString();

function anyValueOf(buf: Uint8Array): OtlpValue {
  for (const f of fields(buf)) {
    if (f.no === 1) return { stringValue: utf8(f.bytes) };
    if (f.no === 2) return { boolValue: f.int !== 0n };
    if (f.no === 3) return { intValue: signed(f.int) };
    if (f.no === 4) return { doubleValue: double(f.int) };
    if (f.no === 5) return { arrayValue: { values: [...fields(f.bytes)].filter((x) => x.no === 1).map((x) => anyValueOf(x.bytes)) } };
    if (f.no === 6) return { kvlistValue: { values: [...fields(f.bytes)].filter((x) => x.no === 1).map((x) => keyValueOf(x.bytes)) } };
    if (f.no === 7) return { bytesValue: Buffer.from(f.bytes).toString("base64") };
  }
  return { stringValue: "" };
}

function keyValueOf(buf: Uint8Array): OtlpKeyValue {
  let key = "";
  let value: OtlpValue = { stringValue: "" };
  for (const f of fields(buf)) {
    if (f.no === 1) key = utf8(f.bytes);
    else if (f.no === 2) value = anyValueOf(f.bytes);
  }
  return { key, value };
}

function spanOf(buf: Uint8Array, resource: OtlpKeyValue[], scope: string): ReceivedSpan {
  const span: ReceivedSpan = {
    traceId: "",
    spanId: "",
    parentSpanId: "",
    name: "",
    kind: 0,
    startTimeUnixNano: "0",
    endTimeUnixNano: "0",
    attributes: [],
    status: { code: 0, message: "" },
    resource,
    scope,
  };
  for (const f of fields(buf)) {
    if (f.no === 1) span.traceId = hex(f.bytes);
    else if (f.no === 2) span.spanId = hex(f.bytes);
    else if (f.no === 4) span.parentSpanId = hex(f.bytes);
    else if (f.no === 5) span.name = utf8(f.bytes);
    else if (f.no === 6) span.kind = Number(f.int);
    else if (f.no === 7) span.startTimeUnixNano = f.int.toString();
    else if (f.no === 8) span.endTimeUnixNano = f.int.toString();
    else if (f.no === 9) span.attributes.push(keyValueOf(f.bytes));
    else if (f.no === 15)
      for (const s of fields(f.bytes)) {
        if (s.no === 2) span.status.message = utf8(s.bytes);
        else if (s.no === 3) span.status.code = Number(s.int);
      }
  }
  return span;
}

/** ExportTraceServiceRequest { repeated ResourceSpans resource_spans = 1; } */
function decodeProtobuf(buf: Uint8Array): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  for (const rs of fields(buf)) {
    if (rs.no !== 1) continue;
    let resource: OtlpKeyValue[] = [];
    const scopeSpans: Uint8Array[] = [];
    for (const f of fields(rs.bytes)) {
      if (f.no === 1) resource = [...fields(f.bytes)].filter((x) => x.no === 1).map((x) => keyValueOf(x.bytes));
      else if (f.no === 2) scopeSpans.push(f.bytes);
    }
    for (const ss of scopeSpans) {
      let scope = "";
      for (const f of fields(ss)) {
        if (f.no === 1) for (const s of fields(f.bytes)) if (s.no === 1) scope = utf8(s.bytes);
      }
      for (const f of fields(ss)) if (f.no === 2) spans.push(spanOf(f.bytes, resource, scope));
    }
  }
  return spans;
}

// --- JSON -------------------------------------------------------------------------------------

type Json = Record<string, unknown>;
const obj = (x: unknown): Json => (typeof x === "object" && x !== null ? (x as Json) : {});
const list = (x: unknown): unknown[] => (Array.isArray(x) ? x : []);
const str = (x: unknown): string => (typeof x === "string" ? x : typeof x === "number" ? String(x) : "");

function jsonValue(x: unknown): OtlpValue {
  const v = obj(x);
  if ("stringValue" in v) return { stringValue: str(v.stringValue) };
  if ("boolValue" in v) return { boolValue: v.boolValue === true };
  if ("intValue" in v) return { intValue: str(v.intValue) };
  if ("doubleValue" in v) return { doubleValue: Number(v.doubleValue) };
  if ("arrayValue" in v) return { arrayValue: { values: list(obj(v.arrayValue).values).map(jsonValue) } };
  if ("kvlistValue" in v) return { kvlistValue: { values: list(obj(v.kvlistValue).values).map(jsonKeyValue) } };
  if ("bytesValue" in v) return { bytesValue: str(v.bytesValue) };
  throw new Error("an attribute value has no known type");
}
const jsonKeyValue = (x: unknown): OtlpKeyValue => ({ key: str(obj(x).key), value: jsonValue(obj(x).value) });

const HEX_ID = (length: number) => new RegExp(`^([0-9a-f]{${length}})?$`);

/** The JSON encoding: ids must be hex (not base64, as the generic protobuf JSON mapping would have them). */
function decodeJson(text: string): ReceivedSpan[] {
  const body = obj(JSON.parse(text));
  const spans: ReceivedSpan[] = [];
  for (const rs of list(body.resourceSpans)) {
    const resource = list(obj(obj(rs).resource).attributes).map(jsonKeyValue);
    for (const ss of list(obj(rs).scopeSpans)) {
      const scope = str(obj(obj(ss).scope).name);
      for (const raw of list(obj(ss).spans)) {
        const s = obj(raw);
        const span: ReceivedSpan = {
          traceId: str(s.traceId),
          spanId: str(s.spanId),
          parentSpanId: str(s.parentSpanId),
          name: str(s.name),
          kind: Number(s.kind ?? 0),
          startTimeUnixNano: str(s.startTimeUnixNano) || "0",
          endTimeUnixNano: str(s.endTimeUnixNano) || "0",
          attributes: list(s.attributes).map(jsonKeyValue),
          status: { code: Number(obj(s.status).code ?? 0), message: str(obj(s.status).message) },
          resource,
          scope,
        };
        if (!HEX_ID(32).test(span.traceId) || span.traceId === "") throw new Error(`traceId must be 32 hex digits, got ${span.traceId}`);
        if (!HEX_ID(16).test(span.spanId) || span.spanId === "") throw new Error(`spanId must be 16 hex digits, got ${span.spanId}`);
        if (!HEX_ID(16).test(span.parentSpanId)) throw new Error(`parentSpanId must be 16 hex digits, got ${span.parentSpanId}`);
        if (!/^\d+$/.test(span.startTimeUnixNano) || !/^\d+$/.test(span.endTimeUnixNano)) throw new Error("times must be unix nanoseconds");
        spans.push(span);
      }
    }
  }
  return spans;
}

// --- the server -------------------------------------------------------------------------------

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

const EXPORT_PATH = /^(?:\/s\/([A-Za-z0-9_.-]+))?\/v1\/traces$/;

export async function startOtlpServer(opts: { port?: number; host?: string } = {}): Promise<OtlpServer> {
  const requests: ReceivedRequest[] = [];
  const failures = new Map<string, OtlpFailPlan>();

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", "http://localhost");
      const scopeParam = url.searchParams.get("scope");
      if (url.pathname === "/__fail" && req.method === "POST") {
        failures.set(scopeParam ?? "default", JSON.parse((await readBody(req)).toString() || "{}") as OtlpFailPlan);
        return send(res, 200, { ok: true });
      }
      if (url.pathname === "/__requests")
        return send(
          res,
          200,
          requests.filter((r) => r.scope === (scopeParam ?? "default")),
        );
      if (url.pathname === "/__counts") {
        const ofScope = requests.filter((r) => r.scope === (scopeParam ?? "default"));
        return send(res, 200, { requests: ofScope.length, spans: ofScope.reduce((n, r) => n + r.spans.length, 0) });
      }
      if (url.pathname === "/__spans") {
        const traceId = url.searchParams.get("traceId");
        return send(
          res,
          200,
          requests.flatMap((r) => r.spans.filter((s) => s.traceId === traceId)),
        );
      }
      if (url.pathname === "/__reset" && req.method === "POST") {
        if (scopeParam === null) {
          requests.length = 0;
          failures.clear();
        } else {
          failures.delete(scopeParam);
          for (let i = requests.length - 1; i >= 0; i--) if (requests[i]?.scope === scopeParam) requests.splice(i, 1);
        }
        return send(res, 200, { ok: true });
      }

      const match = EXPORT_PATH.exec(url.pathname);
      if (!match) return send(res, 404, { code: 5, message: `no such path ${url.pathname}` });
      if (req.method !== "POST") return send(res, 405, { code: 12, message: "only POST" }, { allow: "POST" });
      const scope = match[1] ?? "default";
      const contentType = (req.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase() ?? "";
      let raw = await readBody(req);
      const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(", ") : (v ?? "")]));
      const record = (status: number, spans: ReceivedSpan[] = []) =>
        requests.push({ scope, at: Date.now(), contentType, headers, status, spans });

      const plan = failures.get(scope);
      if (plan && plan.count > 0) {
        plan.count--;
        if (plan.delayMs) await new Promise((r) => setTimeout(r, plan.delayMs));
        const status = plan.status ?? 503;
        record(status);
        return send(
          res,
          status,
          { code: 14, message: "unavailable (scripted)" },
          plan.retryAfter === undefined ? {} : { "retry-after": String(plan.retryAfter) },
        );
      }

      if (contentType !== "application/json" && contentType !== "application/x-protobuf") {
        record(415);
        return send(res, 415, { code: 3, message: `unsupported content type ${contentType}` });
      }
      let spans: ReceivedSpan[];
      try {
        if ((req.headers["content-encoding"] ?? "").toLowerCase() === "gzip") raw = gunzipSync(raw);
        spans = contentType === "application/json" ? decodeJson(raw.toString("utf8")) : decodeProtobuf(new Uint8Array(raw));
      } catch (error) {
        record(400);
        return send(res, 400, { code: 3, message: `bad ExportTraceServiceRequest: ${(error as Error).message}` });
      }
      record(200, spans);
      if (contentType === "application/x-protobuf") {
        res.writeHead(200, { "content-type": "application/x-protobuf" });
        return res.end();
      }
      return send(res, 200, {});
    } catch (error) {
      send(res, 500, { code: 13, message: (error as Error).message });
    }
  });
  return listen(server, opts.host ?? "127.0.0.1", opts.port ?? 0);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const portArg = process.argv.indexOf("--port");
  const hostArg = process.argv.indexOf("--host");
  const server = await startOtlpServer({
    port: portArg >= 0 ? Number(process.argv[portArg + 1]) : undefined,
    host: hostArg >= 0 ? process.argv[hostArg + 1] : undefined,
  });
  console.log(server.url);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
