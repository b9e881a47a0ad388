// A local stand-in for the Anthropic Messages API (`POST /v1/messages`) that speaks the real wire
// protocol — headers, Message objects, error bodies, status codes, `retry-after[-ms]` — so the real
// `@anthropic-ai/sdk` can be pointed at it (`baseURL`) from tests running inside workerd and from the
// benchmark. Plain `node:http`, no framework. Runs in Node only (vitest globalSetup, or the CLI:
// `npx tsx test/servers/anthropic-server.ts --port 8788`).
//
// Scripting is per caller, keyed by the request body's `metadata.user_id` (missing → "default"),
// so parallel tests do not interfere. Control endpoints (not part of the real API):
//   POST /__script          {key, steps}  replace that key's queue of steps
//   GET  /__requests?key=K                 [{headers, body, at}] recorded for K, in order
//   POST /__reset?key=K                    clear K's queue and records (no key: clear everything, an outage too)
//   GET  /__stats                          {total, byKey: {K: n}}
//   POST /__answers         {answers: [{contains, input}]}  default answers by content (all keys):
//                           a request whose last user message contains `contains` gets `input`
//                           as its decision instead of the default (first match wins; [] clears)
//   POST /__outage          {phases: [{status, seconds, retryAfter?}]}  a scheduled outage for every key,
//                           starting now: during a phase every Messages request gets `status` with the
//                           real error body (529 overloaded_error, 429 rate_limit_error…) and, when
//                           given, `retry-after: <retryAfter>`; healthy after the last. [] ends it now.
//   GET  /__outage          {active, phase (index, or null), endsAt (epoch ms the outage ends, or null)}
// Each `/v1/messages` request consumes the next step of its key; an empty queue means the default:
// an immediate tool_use `{action:"act", reason:"llm: default mock decision"}` (text if no tools).
import http from "node:http";
import { listen } from "./listen";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";

export interface Usage {
  input_tokens: number;
  output_tokens: number;
}

export type AnthropicStep =
  /**
   * A `tool_use` block (`stop_reason: "tool_use"`) named after the forced/first tool, or `name`
   * (a tool the request offered; the API refuses a forced choice of another, and so does this).
   */
  | { kind: "tool"; input: unknown; name?: string; usage?: Usage; delayMs?: number }
  /** A text block (`stop_reason: "end_turn"`). */
  | { kind: "text"; text: string; usage?: Usage; delayMs?: number }
  /** A real Anthropic error body for `status`; optional `retry-after` / `retry-after-ms` headers. */
  | { kind: "error"; status: number; message?: string; retryAfter?: string; retryAfterMs?: string; delayMs?: number }
  /** Wait `ms`, then answer with the default success (use it to exceed a client timeout). */
  | { kind: "hang"; ms: number };

/** One phase of a scheduled outage (`POST /__outage`). */
export interface OutagePhase {
  status: number;
  seconds: number;
  /** Seconds, sent as the `retry-after` header. */
  retryAfter?: number;
}

/** `GET /__outage`. */
export interface OutageState {
  active: boolean;
  phase: number | null;
  endsAt: number | null;
}

function isOutagePhase(v: unknown): v is OutagePhase {
  return (
    isObject(v) &&
    Number.isInteger(v.status) &&
    (v.status as number) >= 400 &&
    (v.status as number) <= 599 &&
    typeof v.seconds === "number" &&
    v.seconds > 0 &&
    (v.retryAfter === undefined || (typeof v.retryAfter === "number" && v.retryAfter >= 0))
  );
}

/** Where a scheduled outage stands at `now`: the phase in force, if any. */
export function outageAt(phases: readonly OutagePhase[], startedAt: number, now: number): OutageState & { current?: OutagePhase } {
  let end = startedAt;
  for (const [i, phase] of phases.entries()) {
    end += phase.seconds * 1000;
    if (now < end) {
      const endsAt = phases.slice(i + 1).reduce((t, p) => t + p.seconds * 1000, end);
      return { active: true, phase: i, endsAt, current: phase };
    }
  }
  return { active: false, phase: null, endsAt: null };
}

export interface RecordedRequest {
  headers: Record<string, string>;
  body: unknown;
  at: number;
}

export interface AnthropicServerOptions {
  port?: number;
  host?: string;
  /** Keep request headers/bodies for `/__requests` (default true). Counts are always kept. */
  record?: boolean;
}

export interface AnthropicServer {
  url: string;
  close(): Promise<void>;
}

export const DEFAULT_DECISION = { action: "act", reason: "llm: default mock decision" } as const;
const DEFAULT_OUTPUT_TOKENS = 24;
const MAX_BODY_BYTES = 32 * 1024 * 1024; // the real API's limit for Messages requests

/** Anthropic's error `type` for each HTTP status (https://docs.anthropic.com/en/api/errors). */
export function anthropicErrorType(status: number): string {
  switch (status) {
    case 400:
      return "invalid_request_error";
    case 401:
      return "authentication_error";
    case 402:
      return "billing_error";
    case 403:
      return "permission_error";
    case 404:
      return "not_found_error";
    case 413:
      return "request_too_large";
    case 429:
      return "rate_limit_error";
    case 500:
      return "api_error";
    case 504:
      return "timeout_error";
    case 529:
      return "overloaded_error";
    default:
      return status >= 500 ? "api_error" : "invalid_request_error";
  }
}

const DEFAULT_MESSAGES: Record<string, string> = {
  invalid_request_error: "Invalid request.",
  authentication_error: "invalid x-api-key",
  billing_error: "Your credit balance is too low to access the Anthropic API.",
  permission_error: "Your API key does not have permission to use the specified resource.",
  not_found_error: "Not found.",
  request_too_large: "Request exceeds the maximum allowed number of bytes.",
  rate_limit_error: "Number of request tokens has exceeded your per-minute rate limit.",
  api_error: "Internal server error",
  timeout_error: "Request timeout.",
  overloaded_error: "Overloaded",
};

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function randomId(prefix: string, length = 24): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const b of bytes) out += BASE62[b % 62];
  return out;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function flatHeaders(req: http.IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return out;
}

function readBody(req: http.IncomingMessage): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on("end", () => resolve(tooLarge ? "too_large" : Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** The first problem with a Messages request body, in the API's `field: problem` wording, or null. */
/** A control request's JSON body; undefined when it is too large or not JSON. */
async function readJson(req: http.IncomingMessage): Promise<unknown> {
  const raw = await readBody(req);
  if (raw === "too_large") return undefined;
  try {
    return JSON.parse(raw.toString("utf8"));
  } catch {
    return undefined;
  }
}

function validateMessagesBody(body: unknown): string | null {
  if (!isObject(body)) return "Input should be a valid dictionary";
  if (body.model === undefined) return "model: Field required";
  if (typeof body.model !== "string" || body.model === "") return "model: Input should be a valid string";
  if (body.max_tokens === undefined) return "max_tokens: Field required";
  if (typeof body.max_tokens !== "number" || !Number.isInteger(body.max_tokens)) {
    return "max_tokens: Input should be a valid integer";
  }
  if (body.max_tokens < 1) return "max_tokens: Input should be greater than or equal to 1";
  if (body.messages === undefined) return "messages: Field required";
  if (!Array.isArray(body.messages)) return "messages: Input should be a valid list";
  if (body.messages.length === 0) return "messages: at least one message is required";
  for (const [i, m] of body.messages.entries()) {
    if (!isObject(m)) return `messages.${i}: Input should be a valid dictionary`;
    if (m.role !== "user" && m.role !== "assistant") return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    if (m.content === undefined) return `messages.${i}.content: Field required`;
    if (typeof m.content !== "string" && !Array.isArray(m.content)) {
      return `messages.${i}.content: Input should be a valid string or list of content blocks`;
    }
  }
  // As the real API: every tool_use of an assistant turn is answered by a tool_result in the next user turn.
  for (const [i, m] of (body.messages as Json[]).entries()) {
    if (m.role !== "assistant" || !Array.isArray(m.content)) continue;
    const ids = (m.content as Json[]).filter((b) => isObject(b) && b.type === "tool_use").map((b) => b.id);
    if (ids.length === 0) continue;
    const next = (body.messages as Json[])[i + 1];
    const answered = new Set(
      next && Array.isArray(next.content)
        ? (next.content as Json[]).filter((b) => isObject(b) && b.type === "tool_result").map((b) => b.tool_use_id)
        : [],
    );
    const missing = ids.filter((id) => !answered.has(id));
    if (missing.length)
      return `messages.${i + 1}: \`tool_use\` ids were found without \`tool_result\` blocks immediately after: ${missing.join(", ")}`;
  }
  if (body.system !== undefined && typeof body.system !== "string" && !Array.isArray(body.system)) {
    return "system: Input should be a valid string or list of text blocks";
  }
  if (body.stream === true) return "stream: streaming is not supported by this local test server";
  if (body.tools !== undefined) {
    if (!Array.isArray(body.tools)) return "tools: Input should be a valid list";
    for (const [i, t] of body.tools.entries()) {
      if (!isObject(t) || typeof t.name !== "string") return `tools.${i}.name: Field required`;
      if (!/^[a-zA-Z0-9_-]{1,64}$/.test(t.name)) return `tools.${i}.name: String should match pattern '^[a-zA-Z0-9_-]{1,64}$'`;
    }
  }
  if (body.tool_choice !== undefined) {
    const choice = body.tool_choice;
    if (!isObject(choice) || typeof choice.type !== "string") return "tool_choice: Input should be a valid dictionary";
    const tools = Array.isArray(body.tools) ? (body.tools as Json[]) : [];
    if (choice.type !== "none" && tools.length === 0) {
      return "tool_choice: tool_choice may only be specified while providing tools.";
    }
    if (choice.type === "tool" && !tools.some((t) => t.name === choice.name)) {
      return `tool_choice: Tool '${String(choice.name)}' not found in provided tools`;
    }
  }
  return null;
}

function toolName(body: Json): string {
  const choice = body.tool_choice;
  if (isObject(choice) && choice.type === "tool" && typeof choice.name === "string") return choice.name;
  const tools = body.tools;
  if (Array.isArray(tools) && isObject(tools[0]) && typeof tools[0].name === "string") return tools[0].name;
  return "tool";
}

/** Whether the request lets the model call `name`: it is among the tools and not excluded by a forced choice. */
function offersTool(body: Json, name: string): boolean {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const offered = tools.some((t) => isObject(t) && t.name === name);
  const choice = body.tool_choice;
  const forced = isObject(choice) && choice.type === "tool" ? choice.name : undefined;
  return offered && (forced === undefined || forced === name);
}

function estimateInputTokens(body: Json): number {
  return Math.ceil(JSON.stringify({ system: body.system, messages: body.messages }).length / 4);
}

function message(body: Json, content: Json[], stopReason: string, usage?: Usage): Json {
  return {
    id: randomId("msg_01"),
    type: "message",
    role: "assistant",
    model: body.model,
    content,
    stop_reason: stopReason,
    stop_sequence: null,
    usage: {
      input_tokens: usage?.input_tokens ?? estimateInputTokens(body),
      output_tokens: usage?.output_tokens ?? DEFAULT_OUTPUT_TOKENS,
      cache_creation_input_tokens: 0,
      cache_read_input_tokens: 0,
    },
  };
}

function toolMessage(body: Json, input: unknown, usage?: Usage, name?: string): Json {
  return message(body, [{ type: "tool_use", id: randomId("toolu_01"), name: name ?? toolName(body), input }], "tool_use", usage);
}

function textMessage(body: Json, text: string, usage?: Usage): Json {
  return message(body, [{ type: "text", text }], "end_turn", usage);
}

/** A default answer chosen by what the request says (`POST /__answers`): a model that decides by content. */
export interface ContentAnswer {
  contains: string;
  input: Json;
}

/** The text of the request's last user message (string or text blocks). */
function lastUserText(body: Json): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const last = [...messages].reverse().find((m) => isObject(m) && m.role === "user");
  if (!last) return "";
  if (typeof last.content === "string") return last.content;
  return Array.isArray(last.content)
    ? (last.content as Json[]).map((b) => (isObject(b) && typeof b.text === "string" ? b.text : "")).join("\n")
    : "";
}

function defaultMessage(body: Json, answers: readonly ContentAnswer[] = []): Json {
  const tools = Array.isArray(body.tools) ? body.tools : [];
  const choice = body.tool_choice;
  const toolsOff = isObject(choice) && choice.type === "none";
  const text = answers.length ? lastUserText(body) : "";
  const decision = answers.find((a) => text.includes(a.contains))?.input ?? DEFAULT_DECISION;
  return tools.length > 0 && !toolsOff ? toolMessage(body, decision) : textMessage(body, JSON.stringify(decision));
}

function errorBody(status: number, message: string | undefined, requestId: string): Json {
  const type = anthropicErrorType(status);
  return { type: "error", error: { type, message: message ?? DEFAULT_MESSAGES[type] ?? "Error" }, request_id: requestId };
}

function isStep(v: unknown): v is AnthropicStep {
  if (!isObject(v)) return false;
  switch (v.kind) {
    case "tool":
      return "input" in v;
    case "text":
      return typeof v.text === "string";
    case "error":
      return typeof v.status === "number" && v.status >= 400 && v.status <= 599;
    case "hang":
      return typeof v.ms === "number" && v.ms >= 0;
    default:
      return false;
  }
}

export async function startAnthropicServer(opts: AnthropicServerOptions = {}): Promise<AnthropicServer> {
  const host = opts.host ?? "127.0.0.1";
  const record = opts.record ?? true;
  const scripts = new Map<string, AnthropicStep[]>();
  const requests = new Map<string, RecordedRequest[]>();
  const counts = new Map<string, number>();
  let total = 0;
  let answers: ContentAnswer[] = [];
  let outage: { phases: OutagePhase[]; startedAt: number } = { phases: [], startedAt: 0 };
  const timers = new Set<(ok: boolean) => void>(); // pending waits
  let closing = false;

  /** Resolves after `ms`: true, or false if the client went away (e.g. an SDK timeout) or the server closed. */
  const wait = (ms: number, res: http.ServerResponse): Promise<boolean> =>
    new Promise((resolve) => {
      if (ms <= 0) return resolve(!res.destroyed);
      const finish = (ok: boolean) => {
        clearTimeout(t);
        timers.delete(finish);
        res.off("close", onClose);
        resolve(ok && !res.destroyed && !closing);
      };
      const onClose = () => finish(false);
      const t = setTimeout(() => finish(true), ms);
      timers.add(finish);
      res.once("close", onClose);
    });

  const send = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    if (res.destroyed || res.headersSent) return;
    const payload = JSON.stringify(body);
    res.writeHead(status, {
      "content-type": "application/json",
      "content-length": Buffer.byteLength(payload),
      ...headers,
    });
    res.end(payload);
  };

  const handleMessages = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    const requestId = randomId("req_011C");
    const baseHeaders = { "request-id": requestId };
    const fail = (status: number, msg?: string, extra: Record<string, string> = {}) =>
      send(res, status, errorBody(status, msg, requestId), { ...baseHeaders, ...extra });

    const raw = await readBody(req);
    let body: unknown;
    let parseError = false;
    if (raw !== "too_large") {
      try {
        body = JSON.parse(raw.toString("utf8"));
      } catch {
        parseError = true;
      }
    }
    const metadata = isObject(body) ? body.metadata : undefined;
    const key = isObject(metadata) && typeof metadata.user_id === "string" ? metadata.user_id : "default";

    total++;
    counts.set(key, (counts.get(key) ?? 0) + 1);
    if (record) {
      let list = requests.get(key);
      if (!list) {
        list = [];
        requests.set(key, list);
      }
      list.push({ headers: flatHeaders(req), body: body ?? (raw === "too_large" ? "<too large>" : raw.toString("utf8")), at: Date.now() });
    }

    // The real API's order: authentication, then the version header, then the body.
    // The API takes `x-api-key: <key>` or `Authorization: Bearer <key|token>` (what SDK 1.x sends).
    const apiKey = req.headers["x-api-key"];
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1];
    if (!apiKey && !bearer) {
      return fail(401, req.headers.authorization ? "invalid authorization header" : "x-api-key header is required");
    }
    if (!req.headers["anthropic-version"]) return fail(400, "anthropic-version: header is required");
    const down = outageAt(outage.phases, outage.startedAt, Date.now()).current;
    if (down) return fail(down.status, undefined, down.retryAfter === undefined ? {} : { "retry-after": String(down.retryAfter) });
    if (raw === "too_large") return fail(413);
    if (parseError) return fail(400, "There was an error parsing the body: invalid JSON");
    const problem = validateMessagesBody(body);
    if (problem) return fail(400, problem);
    const b = body as Json;

    const step = scripts.get(key)?.shift();
    if (!step) return send(res, 200, defaultMessage(b, answers), baseHeaders);
    if (step.kind === "hang") {
      if (await wait(step.ms, res)) send(res, 200, defaultMessage(b, answers), baseHeaders);
      return;
    }
    if (step.delayMs && !(await wait(step.delayMs, res))) return;
    switch (step.kind) {
      case "tool":
        if (step.name !== undefined && !offersTool(b, step.name))
          return fail(400, `tool_use names ${step.name}, which the request's tools and tool_choice do not allow`);
        return send(res, 200, toolMessage(b, step.input, step.usage, step.name), baseHeaders);
      case "text":
        return send(res, 200, textMessage(b, step.text, step.usage), baseHeaders);
      case "error": {
        const extra: Record<string, string> = {};
        if (step.retryAfter !== undefined) extra["retry-after"] = step.retryAfter;
        if (step.retryAfterMs !== undefined) extra["retry-after-ms"] = step.retryAfterMs;
        return fail(step.status, step.message, extra);
      }
    }
  };

  const handleControl = async (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => {
    const key = url.searchParams.get("key");
    if (req.method === "POST" && url.pathname === "/__script") {
      const parsed = await readJson(req);
      if (!isObject(parsed) || typeof parsed.key !== "string" || !Array.isArray(parsed.steps) || !parsed.steps.every(isStep)) {
        return send(res, 400, { error: "expected {key: string, steps: Step[]}" });
      }
      scripts.set(parsed.key, [...(parsed.steps as AnthropicStep[])]);
      return send(res, 200, { ok: true, key: parsed.key, queued: parsed.steps.length });
    }
    if (req.method === "POST" && url.pathname === "/__outage") {
      const parsed = await readJson(req);
      if (!isObject(parsed) || !Array.isArray(parsed.phases) || !parsed.phases.every(isOutagePhase)) {
        return send(res, 400, { error: "expected {phases: [{status: 400..599, seconds: > 0, retryAfter?: >= 0}]}" });
      }
      outage = { phases: parsed.phases as OutagePhase[], startedAt: Date.now() };
      const { current: _current, ...state } = outageAt(outage.phases, outage.startedAt, outage.startedAt);
      return send(res, 200, state);
    }
    if (req.method === "GET" && url.pathname === "/__outage") {
      const { current: _current, ...state } = outageAt(outage.phases, outage.startedAt, Date.now());
      return send(res, 200, state);
    }
    if (req.method === "POST" && url.pathname === "/__answers") {
      const parsed = await readJson(req);
      const list = isObject(parsed) && Array.isArray(parsed.answers) ? (parsed.answers as unknown[]) : undefined;
      if (!list?.every((a) => isObject(a) && typeof a.contains === "string" && a.contains !== "" && isObject(a.input))) {
        return send(res, 400, { error: "expected {answers: [{contains: string, input: object}]}" });
      }
      answers = list as ContentAnswer[];
      return send(res, 200, { ok: true, answers: answers.length });
    }
    if (req.method === "GET" && url.pathname === "/__requests") {
      return send(res, 200, requests.get(key ?? "default") ?? []);
    }
    if (req.method === "POST" && url.pathname === "/__reset") {
      req.resume();
      if (key === null) {
        scripts.clear();
        answers = [];
        outage = { phases: [], startedAt: 0 };
        requests.clear();
        counts.clear();
        total = 0;
      } else {
        scripts.delete(key);
        requests.delete(key);
        counts.delete(key);
      }
      return send(res, 200, { ok: true });
    }
    if (req.method === "GET" && url.pathname === "/__stats") {
      return send(res, 200, { total, byKey: Object.fromEntries(counts) });
    }
    return send(res, 404, { error: "unknown control endpoint" });
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const handled = url.pathname.startsWith("/__")
      ? handleControl(req, res, url)
      : url.pathname === "/v1/messages" && req.method === "POST"
        ? handleMessages(req, res)
        : Promise.resolve().then(() => {
            req.resume();
            const requestId = randomId("req_011C");
            send(res, 404, errorBody(404, `${req.method} ${url.pathname} not found`, requestId), { "request-id": requestId });
          });
    handled.catch((err: unknown) => {
      const requestId = randomId("req_011C");
      send(res, 500, errorBody(500, `local server error: ${String(err)}`, requestId), { "request-id": requestId });
    });
  });
  server.keepAliveTimeout = 5_000;
  return listen(server, host, opts.port ?? 0, () => {
    closing = true;
    for (const finish of [...timers]) finish(false);
  });
}

function parseCliArgs(argv: string[]): AnthropicServerOptions {
  const opts: AnthropicServerOptions = {};
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--port") opts.port = Number(argv[++i]);
    else if (arg === "--host") opts.host = argv[++i];
    else if (arg === "--no-record") opts.record = false;
    else throw new Error(`unknown argument ${arg}; usage: anthropic-server.ts [--port N] [--host H] [--no-record]`);
  }
  return opts;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const server = await startAnthropicServer(parseCliArgs(process.argv.slice(2)));
  console.log(server.url);
  const stop = () => void server.close().then(() => process.exit(0));
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
