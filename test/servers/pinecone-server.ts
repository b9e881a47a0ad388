// A local stand-in for Pinecone, speaking the wire protocol `@pinecone-database/pinecone` 8.2
// uses (node_modules/@pinecone-database/pinecone/dist/pinecone-generated-ts-fetch/{db_data,
// inference}/apis/*.js): JSON bodies in snake_case or camelCase exactly as the generated models
// read and write them, `Api-Key` and `X-Pinecone-Api-Version` on every request.
//
// Data plane (an index host; the client appends these paths to it):
//   POST /vectors/upsert        {vectors: [{id, values, metadata?}], namespace?} → {upsertedCount}
//   POST /query                 {namespace?, topK, vector | id, filter?, includeValues?, includeMetadata?}
//                               → {matches: [{id, score, values, metadata?}], namespace, usage: {readUnits}}
//                               (cosine: the index's metric); filters: equality, $eq $ne $in $nin $gt $gte $lt $lte, $and, $or
//   POST /vectors/delete        {ids? | deleteAll? | filter?, namespace?} → {}; deleteAll of a namespace that
//                               does not exist → 404 (as serverless Pinecone answers)
//   GET  /vectors/fetch         ?ids=a&ids=b&namespace= → {vectors: {id: {...}}, namespace, usage}
//   GET  /vectors/list          ?namespace&prefix&limit&paginationToken → {vectors: [{id}], pagination?, namespace, usage}
//   POST /describe_index_stats  {filter?} → {namespaces: {ns: {vectorCount}}, dimension, indexFullness, totalVectorCount, metric, vectorType}
//   GET  /namespaces            → {namespaces: [{name, record_count}], total_count}
//   GET|DELETE /namespaces/{ns} → {name, record_count} | 202; 404 when it does not exist
// Inference (the controller host):
//   POST /embed                 {model, inputs: [{text}], parameters: {input_type, dimension?}}
//                               → {model, vector_type: "dense", data: [{values, vector_type}], usage: {total_tokens}}
//                               Deterministic vectors (feature hashing of words, 1024 dimensions unless
//                               `parameters.dimension` says otherwise), so tests can predict what is close.
//                               Known models: multilingual-e5-large, llama-text-embed-v2; others → 400.
// Errors use Pinecone's bodies: 401 {"error":{"code":"UNAUTHENTICATED","message":"Invalid API Key"},"status":401},
// 400/404/429/500/503 with {"error":{"code","message"},"status"}; 429 carries `retry-after`.
// A dimension that differs from the index's first vectors → 400, as a real index refuses it.
//
// Isolation: a host of `<url>/index/<name>` is a separate index (data, scripts and stats), so
// parallel tests need not share state; plain `<url>` is the index "default". Embedding counts
// go to the index of the host the client was pointed at (controllerHostUrl may carry /index/<name> too).
//
// Control endpoints (no auth; `?index=<name>`, default "default"):
//   POST /__script  {steps: [{status, retryAfter?, delayMs?, path?}]}  the next requests (whose path starts
//                   with `path`, when given) fail with `status` (after `delayMs`), one step each
//   POST /__reset   clear data, scripts and stats (no ?index: all indexes)
//   GET  /__stats   {requests, byPath, apiVersions, namespaces: {ns: vectorCount}, embedded}
// Runs in Node only (vitest globalSetup, or `npx tsx test/servers/pinecone-server.ts --port 8790 --key K`).
import http from "node:http";
import { pathToFileURL } from "node:url";
import { listen } from "./listen";

export const PINECONE_TEST_KEY = "test-pinecone-key";
const EMBED_MODELS = new Set(["multilingual-e5-large", "llama-text-embed-v2"]);
const DEFAULT_EMBED_DIMENSION = 1024;

export interface PineconeServer {
  url: string;
  key: string;
  close(): Promise<void>;
}

export interface PineconeStep {
  status: number;
  retryAfter?: number;
  delayMs?: number;
  /** Only requests whose path starts with this (e.g. `/query`, `/vectors/upsert`, `/embed`). */
  path?: string;
}

export interface PineconeStats {
  requests: number;
  byPath: Record<string, number>;
  apiVersions: string[];
  namespaces: Record<string, number>;
  embedded: number;
}

type Metadata = Record<string, string | number | boolean | string[]>;
interface StoredVector {
  id: string;
  values: number[];
  metadata?: Metadata;
}

class Index {
  namespaces = new Map<string, Map<string, StoredVector>>();
  dimension: number | null = null;
  steps: PineconeStep[] = [];
  stats = { requests: 0, byPath: {} as Record<string, number>, apiVersions: new Set<string>(), embedded: 0 };

  namespace(name: string, create: boolean): Map<string, StoredVector> | undefined {
    let ns = this.namespaces.get(name);
    if (!ns && create) {
      ns = new Map();
      this.namespaces.set(name, ns);
    }
    return ns;
  }
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

const GRPC_NOT_FOUND = { code: 5, message: "Namespace not found", details: [] };

function errorBody(status: number, code: string, message: string) {
  return { error: { code, message }, status };
}

const STATUS_CODES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

function matches(metadata: Metadata | undefined, filter: unknown): boolean {
  if (!filter || typeof filter !== "object") return true;
  for (const [key, condition] of Object.entries(filter as Record<string, unknown>)) {
    if (key === "$and") {
      if (!(condition as unknown[]).every((f) => matches(metadata, f))) return false;
      continue;
    }
    if (key === "$or") {
      if (!(condition as unknown[]).some((f) => matches(metadata, f))) return false;
      continue;
    }
    const value = metadata?.[key];
    const ops =
      condition !== null && typeof condition === "object" && !Array.isArray(condition)
        ? (condition as Record<string, unknown>)
        : { $eq: condition };
    for (const [op, expected] of Object.entries(ops)) {
      const has = (v: unknown) => (Array.isArray(value) ? value.includes(v as string) : value === v);
      const ok =
        op === "$eq"
          ? has(expected)
          : op === "$ne"
            ? !has(expected)
            : op === "$in"
              ? (expected as unknown[]).some(has)
              : op === "$nin"
                ? !(expected as unknown[]).some(has)
                : op === "$gt"
                  ? typeof value === "number" && value > (expected as number)
                  : op === "$gte"
                    ? typeof value === "number" && value >= (expected as number)
                    : op === "$lt"
                      ? typeof value === "number" && value < (expected as number)
                      : op === "$lte"
                        ? typeof value === "number" && value <= (expected as number)
                        : (() => {
                            throw new HttpError(400, "INVALID_ARGUMENT", `unknown filter operator ${op}`);
                          })();
      if (!ok) return false;
    }
  }
  return true;
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] as number;
    const y = b[i] as number;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na && nb ? dot / Math.sqrt(na * nb) : 0;
}

/** Deterministic embedding: signed feature hashing of lower-case words, L2-normalized. */
export function testEmbedding(text: string, dimension = DEFAULT_EMBED_DIMENSION): number[] {
  const out = new Array<number>(dimension).fill(0);
  for (const word of text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []) {
    let hash = 0x811c9dc5;
    for (let i = 0; i < word.length; i++) hash = Math.imul(hash ^ word.charCodeAt(i), 0x01000193) >>> 0;
    const bucket = hash % dimension;
    out[bucket] = (out[bucket] as number) + (hash & 0x80000000 ? -1 : 1);
  }
  const norm = Math.sqrt(out.reduce((s, v) => s + v * v, 0));
  return norm ? out.map((v) => v / norm) : out;
}

function namespaceOf(body: { namespace?: unknown }): string {
  return typeof body.namespace === "string" ? body.namespace : "";
}

function handleData(
  index: Index,
  method: string,
  path: string,
  query: URLSearchParams,
  body: Record<string, unknown>,
): { status: number; body?: unknown } {
  if (method === "POST" && path === "/vectors/upsert") {
    const vectors = body["vectors"] as StoredVector[] | undefined;
    if (!Array.isArray(vectors) || vectors.length === 0)
      throw new HttpError(400, "INVALID_ARGUMENT", "vectors: at least one vector is required");
    for (const v of vectors) {
      if (!v.id || !Array.isArray(v.values)) throw new HttpError(400, "INVALID_ARGUMENT", "each vector needs an id and values");
      index.dimension ??= v.values.length;
      if (v.values.length !== index.dimension) {
        throw new HttpError(
          400,
          "INVALID_ARGUMENT",
          `Vector dimension ${v.values.length} does not match the dimension of the index ${index.dimension}`,
        );
      }
    }
    const ns = index.namespace(namespaceOf(body), true) as Map<string, StoredVector>;
    for (const v of vectors) ns.set(v.id, { id: v.id, values: v.values, ...(v.metadata ? { metadata: v.metadata } : {}) });
    return { status: 200, body: { upsertedCount: vectors.length } };
  }
  if (method === "POST" && path === "/query") {
    const namespace = namespaceOf(body);
    const topK = Number(body["topK"]);
    if (!Number.isInteger(topK) || topK < 1 || topK > 10_000)
      throw new HttpError(400, "INVALID_ARGUMENT", "topK must be between 1 and 10000");
    const ns = index.namespace(namespace, false);
    let vector = body["vector"] as number[] | undefined;
    if (!vector && typeof body["id"] === "string") vector = ns?.get(body["id"])?.values;
    if (!vector) return { status: 200, body: { matches: [], namespace, usage: { readUnits: 1 } } };
    if (index.dimension !== null && vector.length !== index.dimension) {
      throw new HttpError(
        400,
        "INVALID_ARGUMENT",
        `Query vector dimension ${vector.length} does not match the dimension of the index ${index.dimension}`,
      );
    }
    const query = vector;
    const scored = [...(ns?.values() ?? [])]
      .filter((v) => matches(v.metadata, body["filter"]))
      .map((v) => ({ v, score: cosine(query, v.values) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, topK)
      .map(({ v, score }) => ({
        id: v.id,
        score,
        values: body["includeValues"] ? v.values : [],
        ...(body["includeMetadata"] && v.metadata ? { metadata: v.metadata } : {}),
      }));
    return { status: 200, body: { matches: scored, namespace, usage: { readUnits: 1 + Math.floor((ns?.size ?? 0) / 1000) } } };
  }
  if (method === "POST" && path === "/vectors/delete") {
    const namespace = namespaceOf(body);
    const ns = index.namespace(namespace, false);
    if (body["deleteAll"]) {
      if (!ns) return { status: 404, body: GRPC_NOT_FOUND };
      index.namespaces.delete(namespace);
    } else if (Array.isArray(body["ids"])) {
      for (const id of body["ids"] as string[]) ns?.delete(id);
    } else if (body["filter"]) {
      for (const [id, v] of ns ?? []) if (matches(v.metadata, body["filter"])) ns?.delete(id);
    } else throw new HttpError(400, "INVALID_ARGUMENT", "one of ids, deleteAll or filter is required");
    if (ns && ns.size === 0) index.namespaces.delete(namespace);
    return { status: 200, body: {} };
  }
  if (method === "GET" && path === "/vectors/fetch") {
    const namespace = query.get("namespace") ?? "";
    const ns = index.namespace(namespace, false);
    const vectors: Record<string, StoredVector> = {};
    for (const id of query.getAll("ids")) {
      const v = ns?.get(id);
      if (v) vectors[id] = v;
    }
    return { status: 200, body: { vectors, namespace, usage: { readUnits: 1 } } };
  }
  if (method === "GET" && path === "/vectors/list") {
    const namespace = query.get("namespace") ?? "";
    const prefix = query.get("prefix") ?? "";
    const limit = Number(query.get("limit") ?? 100);
    const start = Number(query.get("paginationToken") ?? 0);
    const ids = [...(index.namespace(namespace, false)?.keys() ?? [])].filter((id) => id.startsWith(prefix)).sort();
    const page = ids.slice(start, start + limit);
    return {
      status: 200,
      body: {
        vectors: page.map((id) => ({ id })),
        ...(start + limit < ids.length ? { pagination: { next: String(start + limit) } } : {}),
        namespace,
        usage: { readUnits: 1 },
      },
    };
  }
  if (method === "POST" && path === "/describe_index_stats") {
    const namespaces: Record<string, { vectorCount: number }> = {};
    let total = 0;
    for (const [name, ns] of index.namespaces) {
      const count = [...ns.values()].filter((v) => matches(v.metadata, body["filter"])).length;
      namespaces[name] = { vectorCount: count };
      total += count;
    }
    return {
      status: 200,
      body: {
        namespaces,
        dimension: index.dimension ?? 0,
        indexFullness: 0,
        totalVectorCount: total,
        metric: "cosine",
        vectorType: "dense",
      },
    };
  }
  if (method === "GET" && path === "/namespaces") {
    const names = [...index.namespaces.keys()].sort();
    return {
      status: 200,
      body: { namespaces: names.map((name) => ({ name, record_count: index.namespaces.get(name)?.size ?? 0 })), total_count: names.length },
    };
  }
  const named = /^\/namespaces\/([^/]+)$/.exec(path);
  if (named) {
    const name = decodeURIComponent(named[1] as string);
    const ns = index.namespace(name, false);
    if (!ns) return { status: 404, body: errorBody(404, "NOT_FOUND", `Namespace ${name} not found`) };
    if (method === "GET") return { status: 200, body: { name, record_count: ns.size } };
    if (method === "DELETE") {
      index.namespaces.delete(name);
      return { status: 202 };
    }
  }
  if (method === "POST" && path === "/embed") {
    const model = String(body["model"] ?? "");
    if (!EMBED_MODELS.has(model)) throw new HttpError(400, "INVALID_ARGUMENT", `Model '${model}' not found`);
    const inputs = body["inputs"] as { text?: string }[] | undefined;
    if (!Array.isArray(inputs) || inputs.length === 0 || inputs.length > 96) {
      throw new HttpError(400, "INVALID_ARGUMENT", "inputs: between 1 and 96 inputs are required");
    }
    const parameters = (body["parameters"] ?? {}) as { input_type?: string; dimension?: number };
    if (parameters.input_type !== "passage" && parameters.input_type !== "query") {
      throw new HttpError(400, "INVALID_ARGUMENT", "parameters.input_type must be passage or query");
    }
    index.stats.embedded += inputs.length;
    const data = inputs.map((input) => ({
      values: testEmbedding(input.text ?? "", parameters.dimension ?? DEFAULT_EMBED_DIMENSION),
      vector_type: "dense",
    }));
    const tokens = inputs.reduce((n, input) => n + (input.text ?? "").split(/\s+/).length, 0);
    return { status: 200, body: { model, vector_type: "dense", data, usage: { total_tokens: tokens } } };
  }
  throw new HttpError(404, "NOT_FOUND", `no route ${method} ${path}`);
}

export async function startPineconeServer(options: { port?: number; host?: string; key?: string } = {}): Promise<PineconeServer> {
  const key = options.key ?? PINECONE_TEST_KEY;
  const indexes = new Map<string, Index>();
  const indexNamed = (name: string) => {
    let index = indexes.get(name);
    if (!index) {
      index = new Index();
      indexes.set(name, index);
    }
    return index;
  };

  const server = http.createServer(async (req, res) => {
    const send = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, body === undefined ? headers : { "content-type": "application/json", ...headers });
      res.end(body === undefined ? undefined : JSON.stringify(body));
    };
    try {
      const url = new URL(req.url ?? "/", "http://local");
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const raw = Buffer.concat(chunks).toString("utf8");
      const method = req.method ?? "GET";

      if (url.pathname.startsWith("/__")) {
        const name = url.searchParams.get("index");
        if (url.pathname === "/__reset") {
          if (name === null) indexes.clear();
          else indexes.delete(name);
          return send(200, { ok: true });
        }
        const index = indexNamed(name ?? "default");
        if (url.pathname === "/__script") {
          const { steps } = JSON.parse(raw || "{}") as { steps?: PineconeStep[] };
          index.steps.push(...(steps ?? []));
          return send(200, { queued: index.steps.length });
        }
        if (url.pathname === "/__stats") {
          const namespaces: Record<string, number> = {};
          for (const [ns, vectors] of index.namespaces) namespaces[ns] = vectors.size;
          return send(200, {
            requests: index.stats.requests,
            byPath: index.stats.byPath,
            apiVersions: [...index.stats.apiVersions],
            namespaces,
            embedded: index.stats.embedded,
          } satisfies PineconeStats);
        }
        return send(404, errorBody(404, "NOT_FOUND", "unknown control endpoint"));
      }

      const scoped = /^\/index\/([^/]+)(\/.*)$/.exec(url.pathname);
      const index = indexNamed(scoped ? decodeURIComponent(scoped[1] as string) : "default");
      const path = scoped ? (scoped[2] as string) : url.pathname;
      index.stats.requests++;
      index.stats.byPath[`${method} ${path}`] = (index.stats.byPath[`${method} ${path}`] ?? 0) + 1;

      if (req.headers["api-key"] !== key) return send(401, errorBody(401, "UNAUTHENTICATED", "Invalid API Key"));
      const version = req.headers["x-pinecone-api-version"];
      if (typeof version !== "string" || !version) {
        return send(400, errorBody(400, "INVALID_ARGUMENT", "Missing X-Pinecone-Api-Version header"));
      }
      index.stats.apiVersions.add(version);

      const stepAt = index.steps.findIndex((s) => !s.path || path.startsWith(s.path));
      if (stepAt >= 0) {
        const [step] = index.steps.splice(stepAt, 1) as [PineconeStep];
        if (step.delayMs) await new Promise((r) => setTimeout(r, step.delayMs));
        if (step.status >= 200 && step.status < 300) {
          // A delay-only step: answer normally after waiting.
        } else {
          const headers: Record<string, string> = step.status === 429 ? { "retry-after": String(step.retryAfter ?? 1) } : {};
          const message = step.status === 429 ? "Request rate limit exceeded" : step.status === 401 ? "Invalid API Key" : "Internal error";
          return send(step.status, errorBody(step.status, STATUS_CODES[step.status] ?? "UNKNOWN", message), headers);
        }
      }

      let body: Record<string, unknown> = {};
      if (raw) {
        try {
          body = JSON.parse(raw) as Record<string, unknown>;
        } catch {
          return send(400, errorBody(400, "INVALID_ARGUMENT", "request body is not JSON"));
        }
      }
      const answer = handleData(index, method, path, url.searchParams, body);
      return send(answer.status, answer.body);
    } catch (error) {
      if (error instanceof HttpError) return send(error.status, errorBody(error.status, error.code, error.message));
      return send(500, errorBody(500, "INTERNAL", String(error)));
    }
  });
  const listening = await listen(server, options.host ?? "127.0.0.1", options.port ?? 0);
  return { url: listening.url, key, close: listening.close };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(`--${name}`);
    return at >= 0 ? process.argv[at + 1] : undefined;
  };
  const started = await startPineconeServer({ port: Number(arg("port") ?? 8790), key: arg("key") });
  console.log(`Pinecone protocol server on ${started.url} (Api-Key: ${started.key})`);
}
